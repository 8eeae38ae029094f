"""iCalendar output, built with the icalendar library (never by hand): one event, or the
calendar with the same filters as /kalender/ so visitors can subscribe."""

import datetime

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import Calendar, Event

from .month import event_days

PRODID = "-//Samen Onderwijs Maken//Kalender//NL"


def uid_for(event):
    """Stable: the page's id never changes, and the domain is the site's own, whatever host name
    a visitor used (one event reached through two host names is one event in a calendar)."""
    return f"activiteit-{event.pk}@{settings.ICS_UID_DOMAIN}"


def _description(event, url):
    parts = [event.intro, f"Meer info: {url}"]
    if event.registration_url:
        parts.insert(1, f"Inschrijven: {event.registration_url}")
    return "\n\n".join(strip_tags(p) for p in parts if p)


def ical_event(event, url):
    item = Event()
    item.add("uid", uid_for(event))
    item.add("dtstamp", (event.last_published_at or timezone.now()).astimezone(datetime.UTC))
    item.add("last-modified", (event.last_published_at or timezone.now()).astimezone(datetime.UTC))
    item.add("summary", " ".join(event.title.split()))  # no CR/LF from a title
    if event.all_day:
        first_day, last_day = event_days(event)
        item.add("dtstart", first_day)
        item.add("dtend", last_day + datetime.timedelta(days=1))  # DTEND of a date is exclusive
    else:
        item.add("dtstart", timezone.localtime(event.start))
        item.add("dtend", timezone.localtime(event.end))
    location = event.location_line
    if location:
        item.add("location", location)
    item.add("description", _description(event, url))
    item.add("url", url)
    if event.soort_id:
        item.add("categories", [event.soort.name])
    item.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    item.add("sequence", event.latest_revision_id or 0)
    return item


def calendar_bytes(events, name, url_for):
    """The events as an iCalendar file; `url_for(event)` gives each event's absolute address."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Brussels")
    calendar.add("refresh-interval", datetime.timedelta(hours=6), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT6H")
    for event in events:
        calendar.add_component(ical_event(event, url_for(event)))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def calendar_response(events, request, name, filename=None):
    # get_url(request) keeps the site's root paths on the request; `event.url` would read them
    # from the cache again for every event of the feed.
    body = calendar_bytes(events, name, lambda event: request.build_absolute_uri(event.get_url(request)))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
