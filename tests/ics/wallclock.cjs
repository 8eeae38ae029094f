// Reads an iCalendar file on stdin and prints, per VEVENT, "UID|start|end" with start and end
// as UTC instants (ISO 8601) computed by ical.js from the file's own VTIMEZONE: a parser that
// misreads the time zone gives another instant (a 17.00 event in April read as 18.00).
const ICAL = require("ical.js");

let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const calendar = new ICAL.Component(ICAL.parse(input));
  for (const zone of calendar.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(zone);
  }
  for (const vevent of calendar.getAllSubcomponents("vevent")) {
    const event = new ICAL.Event(vevent);
    const utc = (time) => (time.isDate ? time.toString() : time.toJSDate().toISOString());
    console.log([event.uid, utc(event.startDate), utc(event.endDate)].join("|"));
  }
});
