"""What the calendar adds to the home page and to other apps' pages (som.plugins): the next
activities, and the activities of a project."""

from django.utils import timezone

from som.plugins import Feed
from som.routing import site_for_request

from .filters import live_events
from .models import KalenderPage

HOME_EVENTS = 3


def upcoming_section(request):
    # Shown even when nothing is planned: the section then says so and links to the past.
    return {
        "events": list(live_events().upcoming()[:HOME_EVENTS]),
        "calendar_page": KalenderPage.for_site(site_for_request(request)),
    }


def project_events_section(project, request):
    events = list(project.events.live().public().defer_streamfields().select_related("soort").order_by("start", "pk"))
    if not events:
        return None
    now = timezone.now()
    return {
        "upcoming": [event for event in events if event.is_upcoming(now)],
        "past": [event for event in reversed(events) if not event.is_upcoming(now)],
    }


def feeds(site):
    """The whole calendar as iCalendar, for calendar programs to subscribe to."""
    calendar = KalenderPage.for_site(site)
    if calendar is None:
        return []
    return [Feed("Kalender (iCalendar)", calendar.relative_url(site) + "agenda.ics", "text/calendar")]
