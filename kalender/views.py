"""The calendar's own views: the iCalendar feeds. What its pages show is built in
kalender/context.py."""

from django.http import Http404

from som.routing import route

from .models import EventPage, KalenderPage


def ics(request, page_path):
    """/kalender/agenda.ics and /kalender/<slug>/agenda.ics: the page at `page_path` as
    iCalendar, only when it is live and public."""
    found = route(request, page_path)
    if found is None:
        raise Http404
    page = found.page  # routing answers with the page as its own type
    if not isinstance(page, (KalenderPage, EventPage)) or page.get_view_restrictions().exists():
        raise Http404
    return page.ics_response(request)
