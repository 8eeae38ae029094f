"""iCalendar output, built with the icalendar library (never by hand): one event, or the
calendar with the same filters as /kalender/ so visitors can subscribe.

Repeating events are written **expanded**: one VEVENT per date (EventOccurrence), each with its
own UID, not as one VEVENT with RRULE/EXDATE and a RECURRENCE-ID for a moved date. Calendar
programs differ most in exactly those parts (a RECURRENCE-ID override that arrives before or
without its master, EXDATE in another zone than DTSTART, a "2nd Tuesday" rule with an UNTIL in
local time), while a plain timed VEVENT reads the same everywhere. The site already holds every
date (the same rows its list and month grid show), a series is bounded
(recurrence.MAX_OCCURRENCES), and a moved date is just a VEVENT with its own time and place.

Times are written in local time with TZID=Europe/Brussels and the compact, RRULE-based
VTIMEZONE that Google, Apple and Microsoft publish themselves (below), instead of the list of
every change until 2038 that icalendar derives from zoneinfo, which some parsers misread (a
17.00 event in April read as 18.00).
"""

import datetime
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vRecur

from som.page_cache import content_version

from .month import event_days

PRODID = "-//Samen Onderwijs Maken//Kalender//NL"
TZID = "Europe/Brussels"


def _brussels():
    """VTIMEZONE Europe/Brussels as the big calendar programs publish it: valid for every year
    (EU summer time: last Sunday of March 02.00 to last Sunday of October 03.00). Built once."""
    zone = Timezone()
    zone.add("tzid", TZID)
    zone.add("x-lic-location", TZID)
    standard = TimezoneStandard()
    standard.add("tzname", "CET")
    standard.add("dtstart", datetime.datetime(1970, 10, 25, 3, 0, 0))
    standard.add("rrule", vRecur(freq="YEARLY", bymonth=10, byday="-1SU"))
    standard.add("tzoffsetfrom", datetime.timedelta(hours=2))
    standard.add("tzoffsetto", datetime.timedelta(hours=1))
    daylight = TimezoneDaylight()
    daylight.add("tzname", "CEST")
    daylight.add("dtstart", datetime.datetime(1970, 3, 29, 2, 0, 0))
    daylight.add("rrule", vRecur(freq="YEARLY", bymonth=3, byday="-1SU"))
    daylight.add("tzoffsetfrom", datetime.timedelta(hours=1))
    daylight.add("tzoffsetto", datetime.timedelta(hours=2))
    zone.add_component(standard)
    zone.add_component(daylight)
    return zone


BRUSSELS = _brussels()


def uid_for(event, key=""):
    """Stable: the page's id never changes, a date of a series keeps its key (its date in the
    rule, also when moved), and the domain is the site's own, whatever host name a visitor used
    (one event reached through two host names is one event in a calendar)."""
    suffix = f"-{key}" if key else ""
    return f"activiteit-{event.pk}{suffix}@{settings.ICS_UID_DOMAIN}"


def _instant(value):
    """A moment, written the same however it was read (a revision gives UTC, a form local time)."""
    return value.astimezone(datetime.UTC).isoformat() if value else ""


def fingerprint(event):
    """What a calendar program shows of an event, as a hash: when it changes, SEQUENCE goes up
    (EventPage.save). A new revision that changes none of it (a typo in the body, a new image)
    leaves SEQUENCE alone."""
    exceptions = sorted(
        (str(e.date), e.skip, _instant(e.new_start), _instant(e.new_end), e.new_location)
        for e in event.date_exceptions.all()
    )
    parts = [
        event.title,
        event.slug,
        event.intro,
        _instant(event.start),
        _instant(event.end),
        event.all_day,
        event.location_line,
        event.status,
        event.registration_url,
        event.soort_id,
        event.repeat,
        event.repeat_interval,
        str(event.repeat_until),
        event.repeat_count,
        exceptions,
    ]
    # str(), not repr(): a choice reads as "gepland" from the database and from a form alike.
    return hashlib.sha256("\x1f".join(str(part) for part in parts).encode()).hexdigest()


def _description(event, url):
    parts = [event.intro, f"Meer info: {url}"]
    if event.registration_url:
        parts.insert(1, f"Inschrijven: {event.registration_url}")
    return "\n\n".join(strip_tags(p) for p in parts if p)


def ical_event(occurrence, url):
    """One date of an event (an EventOccurrence with its event) as a VEVENT."""
    event = occurrence.event
    item = Event()
    item.add("uid", uid_for(event, occurrence.key))
    stamp = (event.last_published_at or timezone.now()).astimezone(datetime.UTC)
    item.add("dtstamp", stamp)
    item.add("last-modified", stamp)
    item.add("summary", " ".join(event.title.split()))  # no CR/LF from a title
    if event.all_day:
        first_day, last_day = event_days(occurrence)
        item.add("dtstart", first_day)
        item.add("dtend", last_day + datetime.timedelta(days=1))  # DTEND of a date is exclusive
    else:
        item.add("dtstart", timezone.localtime(occurrence.start))
        item.add("dtend", timezone.localtime(occurrence.end))
    location = occurrence.location or event.location_line
    if location:
        item.add("location", location)
    item.add("description", _description(event, url))
    item.add("url", url)
    if event.soort_id:
        item.add("categories", [event.soort.name])
    item.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    item.add("sequence", event.ics_sequence)
    return item


def occurrence_url(occurrence, event_url):
    return f"{event_url}?datum={occurrence.date.isoformat()}" if occurrence.key else event_url


def _calendar(name, with_timezone):
    """The calendar's own lines, and the VTIMEZONE when a timed event names it (before the
    events, as the calendar programs write it)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", TZID)
    calendar.add("refresh-interval", datetime.timedelta(hours=6), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT6H")
    if with_timezone:
        calendar.add_component(BRUSSELS)
    return calendar


def calendar_bytes(occurrences, name, url_for):
    """The occurrences as an iCalendar file; `url_for(event)` gives each event's absolute address."""
    occurrences = list(occurrences)
    calendar = _calendar(name, with_timezone=any(not occurrence.event.all_day for occurrence in occurrences))
    for occurrence in occurrences:
        calendar.add_component(ical_event(occurrence, occurrence_url(occurrence, url_for(occurrence.event))))
    return calendar.to_ical()


def calendar_response(occurrences, request, name, filename=None):
    # get_url(request) keeps the site's root paths on the request; `event.url` would read them
    # from the cache again for every event of the feed.
    body = calendar_bytes(occurrences, name, lambda event: request.build_absolute_uri(event.get_url(request)))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# The feed of the calendar (agenda.ics, polled every few hours by every subscriber's program):
# each date's VEVENT is serialised once per content version and host, then kept, so a request
# when nothing changed reads the dates' ids, fetches their VEVENTs in one cache round trip and
# joins them between the calendar's own lines (written by icalendar, as calendar_bytes does). A
# publish changes the content version: every VEVENT is built again, never served from before it.
FEED_EVENT_TIMEOUT = 60 * 60 * 24
_END = b"END:VCALENDAR\r\n"


def feed_response(rows, dates, request, name):
    """The calendar feed: `rows` are (id, all day) of the dates to list, in order; `dates` the
    queryset of visible dates (with their events) to build the ones not kept yet from."""
    prefix = f"som:ics:{content_version()}:{request.scheme}:{request.get_host()}:"
    kept = cache.get_many([f"{prefix}{pk}" for pk, _all_day in rows])
    missing = [pk for pk, _all_day in rows if f"{prefix}{pk}" not in kept]
    if missing:
        built = {}
        for occurrence in dates.filter(pk__in=missing):
            url = occurrence_url(occurrence, request.build_absolute_uri(occurrence.event.get_url(request)))
            built[f"{prefix}{occurrence.pk}"] = ical_event(occurrence, url).to_ical()
        cache.set_many(built, FEED_EVENT_TIMEOUT)
        kept.update(built)
    calendar = _calendar(name, with_timezone=any(not all_day for _pk, all_day in rows))
    events = [kept[f"{prefix}{pk}"] for pk, _all_day in rows if f"{prefix}{pk}" in kept]
    body = b"".join([calendar.to_ical().removesuffix(_END), *events, _END])
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")
