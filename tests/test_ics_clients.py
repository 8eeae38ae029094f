"""The ICS output read by three independent parsers (icalendar, vobject and ical.js from npm):
timed events in summer and winter and a series across the change of summer time keep their
local wall-clock time; the VTIMEZONE is the compact RRULE-based one; a series is expanded
exactly as the site lists its dates (checked with recurring-ical-events); UIDs do not depend
on the host name; SEQUENCE rises only when what a calendar shows changes."""

import datetime
import os
import shutil
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events
import vobject
from django.utils import timezone

from kalender import ics, recurrence
from kalender.models import EventDateException, EventPage, KalenderPage

TZ = ZoneInfo("Europe/Brussels")
NODE = shutil.which("node")
SCRIPT = Path(__file__).parent / "ics" / "wallclock.cjs"


def at(*args):
    return datetime.datetime(*args, tzinfo=TZ)


@pytest.fixture
def calendar(home):
    return home.add_child(instance=KalenderPage(title="Kalender", slug="kalender"))


def add(calendar, slug, start, end, **fields):
    exceptions = fields.pop("exceptions", [])
    event = EventPage(title=fields.pop("title", slug), slug=slug, start=start, end=end, **fields)
    event.date_exceptions = exceptions
    calendar.add_child(instance=event)
    event.save_revision().publish()
    return event


@pytest.fixture
def feed(client, calendar):
    add(calendar, "april", at(2026, 4, 14, 17), at(2026, 4, 14, 19))  # summer time
    add(calendar, "januari", at(2026, 1, 20, 17), at(2026, 1, 20, 19))  # winter time
    add(
        calendar,
        "reeks",
        at(2026, 2, 10, 19),
        at(2026, 2, 10, 21),
        repeat=recurrence.MONTHLY_WEEKDAY,
        repeat_count=4,  # 10 Feb, 10 Mar (winter), 14 Apr, 12 May (summer)
        exceptions=[
            EventDateException(
                date=datetime.date(2026, 4, 14), new_start=at(2026, 4, 15, 18), new_end=at(2026, 4, 15, 20)
            )
        ],
    )
    return client.get("/kalender/agenda.ics").content


EXPECTED = {
    # UID prefix → local start, local end (what every client must show)
    "activiteit-{april}@": ("2026-04-14 17:00", "2026-04-14 19:00"),
    "activiteit-{januari}@": ("2026-01-20 17:00", "2026-01-20 19:00"),
    "activiteit-{reeks}-2026-02-10@": ("2026-02-10 19:00", "2026-02-10 21:00"),
    "activiteit-{reeks}-2026-03-10@": ("2026-03-10 19:00", "2026-03-10 21:00"),
    "activiteit-{reeks}-2026-04-14@": ("2026-04-15 18:00", "2026-04-15 20:00"),
    "activiteit-{reeks}-2026-05-12@": ("2026-05-12 19:00", "2026-05-12 21:00"),
}


def expected():
    ids = {slug: EventPage.objects.get(slug=slug).pk for slug in ("april", "januari", "reeks")}
    return {uid.format(**ids): times for uid, times in EXPECTED.items()}


def local(value):
    return value.astimezone(TZ).strftime("%Y-%m-%d %H:%M")


def by_uid(rows):
    return {next(prefix for prefix in expected() if uid.startswith(prefix)): times for uid, times in rows}


def test_icalendar_reads_the_local_times(feed):
    parsed = icalendar.Calendar.from_ical(feed)
    rows = [(str(e["uid"]), (local(e.decoded("dtstart")), local(e.decoded("dtend")))) for e in parsed.walk("VEVENT")]
    assert by_uid(rows) == expected()


def test_vobject_reads_the_local_times_from_the_files_own_vtimezone(feed):
    parsed = vobject.readOne(feed.decode())
    rows = [(e.uid.value, (local(e.dtstart.value), local(e.dtend.value))) for e in parsed.vevent_list]
    assert by_uid(rows) == expected()


@pytest.mark.skipif(NODE is None and os.environ.get("CI") != "true", reason="node ontbreekt")
def test_icaljs_reads_the_local_times(feed):
    env = {**os.environ, "NODE_PATH": str(Path(__file__).resolve().parents[1] / "node_modules")}
    out = subprocess.run(["node", str(SCRIPT)], input=feed, capture_output=True, check=True, env=env).stdout
    rows = []
    for line in out.decode().splitlines():
        uid, start, end = line.split("|")
        parse = datetime.datetime.fromisoformat
        rows.append((uid, (local(parse(start)), local(parse(end)))))
    assert by_uid(rows) == expected()


def test_the_vtimezone_is_the_compact_rule_based_one(feed):
    text = feed.decode()
    assert "RDATE" not in text and "2037" not in text
    zones = icalendar.Calendar.from_ical(feed).walk("VTIMEZONE")
    assert len(zones) == 1 and zones[0]["tzid"] == "Europe/Brussels"
    standard, daylight = zones[0].walk("STANDARD")[0], zones[0].walk("DAYLIGHT")[0]
    assert standard.decoded("dtstart") == datetime.datetime(1970, 10, 25, 3)
    assert dict(standard["rrule"]) == {"FREQ": ["YEARLY"], "BYMONTH": [10], "BYDAY": ["-1SU"]}
    assert (standard["tzoffsetfrom"].to_ical(), standard["tzoffsetto"].to_ical(), standard["tzname"]) == (
        "+0200",
        "+0100",
        "CET",
    )
    assert daylight.decoded("dtstart") == datetime.datetime(1970, 3, 29, 2)
    assert dict(daylight["rrule"]) == {"FREQ": ["YEARLY"], "BYMONTH": [3], "BYDAY": ["-1SU"]}
    assert (daylight["tzoffsetfrom"].to_ical(), daylight["tzoffsetto"].to_ical(), daylight["tzname"]) == (
        "+0100",
        "+0200",
        "CEST",
    )
    # Built once for the process, not per request.
    assert ics.BRUSSELS is ics.BRUSSELS and text.index("BEGIN:VTIMEZONE") < text.index("BEGIN:VEVENT")


def test_the_expansion_equals_the_sites_dates(feed):
    series = EventPage.objects.get(slug="reeks")
    parsed = icalendar.Calendar.from_ical(feed)
    expanded = recurring_ical_events.of(parsed).between(datetime.date(2026, 1, 1), datetime.date(2027, 1, 1))
    from_feed = sorted(
        (e.decoded("dtstart"), e.decoded("dtend"))
        for e in expanded
        if str(e["uid"]).startswith(f"activiteit-{series.pk}-")
    )
    on_site = [(o.start, o.end) for o in series.occurrences.order_by("start")]
    assert from_feed == on_site and len(on_site) == 4


def test_uids_do_not_depend_on_the_host_name(client, calendar, settings):
    settings.ALLOWED_HOSTS = ["*"]
    add(calendar, "een", at(2026, 4, 14, 17), at(2026, 4, 14, 19))

    def uids(host):
        body = client.get("/kalender/agenda.ics", HTTP_HOST=host).content
        return sorted(str(e["uid"]) for e in icalendar.Calendar.from_ical(body).walk("VEVENT"))

    first, second = uids("localhost"), uids("www.samenonderwijsmaken.be")
    assert first == second and first[0].endswith(f"@{settings.ICS_UID_DOMAIN}")


def test_sequence_rises_only_when_what_a_calendar_shows_changes(client, calendar):
    event = add(calendar, "een", at(2026, 4, 14, 17), at(2026, 4, 14, 19), location_name="STUK")

    def sequence():
        body = client.get(f"{event.url}agenda.ics").content
        return int(icalendar.Calendar.from_ical(body).walk("VEVENT")[0]["sequence"])

    assert sequence() == 0
    event.audience = "Iedereen"  # not in the ICS
    event.save_revision().publish()
    assert sequence() == 0
    draft = event.get_latest_revision_as_object()
    draft.start, draft.end = at(2026, 4, 14, 18), at(2026, 4, 14, 20)
    draft.save_revision()  # a draft: not what calendars see yet
    assert sequence() == 0
    event.refresh_from_db()
    event.get_latest_revision().publish()
    assert sequence() == 1
    event.refresh_from_db()
    event.location_name = "Bibliotheek Tweebronnen"
    event.save_revision().publish()
    assert sequence() == 2
    event.refresh_from_db()
    event.title = "Een nieuwe titel"
    event.save_revision().publish()
    assert sequence() == 3


def test_location_uses_the_venue(client, demo):
    event = EventPage.objects.get(slug="maandelijks-netwerkmoment-voorbeeld")
    body = client.get(f"{event.url}agenda.ics").content
    locations = {str(e["location"]) for e in icalendar.Calendar.from_ical(body).walk("VEVENT")}
    assert "STUK, Naamsestraat 96, 3000 Leuven" in locations
    assert any(location.startswith("Bibliotheek Tweebronnen") for location in locations)  # the moved date
    assert timezone.localtime(event.start).weekday() == 1  # a Tuesday
