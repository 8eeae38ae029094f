"""What the calendar adds to the home page and to other apps' pages (som.plugins): the next
activities, the activities of a project, of a werking and at an organisation. Each reads the
dates (EventOccurrence) of visible events, so a repeating event shows at its next dates."""

from urllib.parse import urlencode

from django.utils import timezone

from som.plugins import Feed
from som.routing import site_for_request

from .filters import as_events, live_occurrences
from .models import KalenderPage

HOME_EVENTS = 3
PROJECT_EVENTS = 6  # upcoming dates on a project page (and as many past ones)
WERKING_EVENTS = 4
ORGANISATION_EVENTS = 5
ORGANISATION_PAST = 3


def upcoming_section(request):
    # Shown even when nothing is planned: the section then says so and links to the past.
    return {
        "events": as_events(live_occurrences().upcoming()[:HOME_EVENTS]),
        "calendar_page": KalenderPage.for_site(site_for_request(request)),
    }


def _upcoming_and_past(occurrences, upcoming, past):
    """Two queries: the next `upcoming` dates and the last `past` ones."""
    now = timezone.now()
    return as_events(occurrences.upcoming(now)[:upcoming]), as_events(occurrences.past(now)[:past])


def project_events_section(project, request):
    upcoming, past = _upcoming_and_past(
        live_occurrences().filter(event__project=project), PROJECT_EVENTS, PROJECT_EVENTS
    )
    if not upcoming and not past:
        return None
    return {"upcoming": upcoming, "past": past}


def werking_events_section(werking, request):
    """A werking's next activities, with links to the calendar and its ICS feed filtered on it
    (the werking facet's slug is the werking's kind: kalender/filters.py). Left out when nothing
    is planned."""
    events = as_events(live_occurrences().filter(event__werking=werking).upcoming()[:WERKING_EVENTS])
    calendar = KalenderPage.for_site(site_for_request(request)) if events else None
    if calendar is None:
        return None
    query = urlencode({"werking": werking.kind})
    calendar_url = calendar.get_url(request)
    return {
        "events": events,
        "werking": werking,
        "calendar_url": f"{calendar_url}?{query}",
        "ics_url": request.build_absolute_uri(f"{calendar_url}agenda.ics?{query}"),
    }


def organisation_events_section(organisation, request):
    """The activities at an organisation (its `venue`): the next ones and a few past."""
    upcoming, past = _upcoming_and_past(
        live_occurrences().filter(event__venue=organisation), ORGANISATION_EVENTS, ORGANISATION_PAST
    )
    if not upcoming and not past:
        return None
    return {"upcoming": upcoming, "past": past, "organisation": organisation}


def feeds(site):
    """The whole calendar as iCalendar, for calendar programs to subscribe to."""
    calendar = KalenderPage.for_site(site)
    if calendar is None:
        return []
    return [Feed("Kalender (iCalendar)", calendar.relative_url(site) + "agenda.ics", "text/calendar")]
