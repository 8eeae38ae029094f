"""Query string → events: the one place where the calendar is filtered.

Used by /kalender/ (list, month and day view), /kalender/agenda.ics and the tests. Filters:
`werking`, `niveau`, `soort`, `speerpunt` (slugs) and a text query `q`; the list view also
reads `periode` (`komend`, the default, or `voorbij`) and `pagina`, the month view `maand`
(`YYYY-MM`), the day view `dag` (`YYYY-MM-DD`) and `pagina`; `weergave` (`lijst`, the
default, `maand` or `dag`) chooses between them. An event
counts as upcoming until it has ended; "now" is taken per request.

The listing is one of dates (EventOccurrence): a repeating event is in it once per date, in
the list, the month grid and the filters' counts alike; a single-date event has one. Only the
dates of events a visitor may see (OccurrenceQuerySet.visible).
"""

from wagtail.fields import StreamField

from som.listing import Facet, Listing, Parameter, term_options
from som.models import Onderwijsniveau, Speerpunt
from som.page_cache import TIMEOUT
from werkingen.filters import werking_options

from .models import EventOccurrence, EventPage, EventSoort
from .month import day_window, grid_window, parse_day, parse_month

PER_PAGE = 20
SEARCH_FIELDS = ("event__title", "event__intro", "event__location_name")
PERIODS = {"komend": "Komende activiteiten", "voorbij": "Voorbije activiteiten"}
ALL = "alle"  # the period of the ICS feed and the month grid: past and upcoming
# Every event (the ICS feed, the month grid) in the order they take place; the upcoming and
# the past come in their own order (EventQuerySet.upcoming, .past).
ALL_ORDER = ("start", "pk")
VIEWS = ("lijst", "maand", "dag")

PERIOD = Parameter("periode", lambda raw: raw if raw in PERIODS else None, default="komend")
VIEW = Parameter("weergave", lambda raw: raw if raw in VIEWS else None, default="lijst")


def month_parameter(today):
    """`maand`: the month the grid shows, this month when absent or not understood."""
    return Parameter("maand", parse_month, default=today.replace(day=1))


def day_parameter(today):
    """`dag`: the day the day view lists, today when absent or not understood."""
    return Parameter("dag", parse_day, default=today)


def live_events():
    return (
        EventPage.objects.live()
        .public()
        .defer_streamfields()
        # The type is on every card and in the ICS; the werking only on an event's own page
        # (joining it would load every werking's whole body with each event).
        .select_related("soort")
    )


# The event's long fields, never needed with its dates (a card, the grid, the ICS).
EVENT_STREAMFIELDS = [f"event__{f.name}" for f in EventPage._meta.concrete_fields if isinstance(f, StreamField)]
VENUE_STREAMFIELDS = [
    f for f in EventPage._meta.get_field("venue").related_model._meta.concrete_fields if isinstance(f, StreamField)
]


def live_occurrences():
    """The dates of the events a visitor may see, each with its event (and type and place) in
    the same query."""
    return (
        EventOccurrence.objects.visible()
        .select_related("event", "event__soort", "event__venue")
        .defer(*EVENT_STREAMFIELDS, *(f"event__venue__{f.name}" for f in VENUE_STREAMFIELDS))
    )


def as_events(occurrences):
    """Occurrences → their events as each date shows them (EventOccurrence.as_event)."""
    return [occurrence.as_event() for occurrence in occurrences]


def facets():

    return [
        Facet("werking", "Werking", "event__werking_id", werking_options(lambda w: w.pk)),
        Facet("soort", "Soort", "event__soort_id", term_options(EventSoort)),
        Facet("niveau", "Onderwijsniveau", "event__niveaus", term_options(Onderwijsniveau)),
        Facet("speerpunt", "Speerpunt", "event__speerpunten", term_options(Speerpunt)),
    ]


def event_listing(params, now, period=None, window=None, per_page=PER_PAGE, extra=()):
    """The dates of events (EventOccurrences) for a query string.

    period: "komend", "voorbij" or ALL (the ICS feed); None reads it from `periode`.
    window: (start, end): only the events that overlap it (the month view counts what its
        grid shows).
    extra: further Parameters the page reads (reported after `periode`).
    """
    if period is None:
        period = PERIOD.value(params)
        extra = (PERIOD, *extra)
    base = live_occurrences()
    if window is not None:
        base = base.overlapping(*window)
    if period == "komend":
        base = base.upcoming(now)
    elif period == "voorbij":
        base = base.past(now)
    return Listing(
        params,
        base,
        facets(),
        order_by=ALL_ORDER if period == ALL else (),
        search_fields=SEARCH_FIELDS,
        per_page=per_page,
        extra=extra,
        counts_key=("kalender", period, *(f"{day:%Y-%m-%d}" for day in window or ()), time_slot(period, now)),
    )


def time_slot(period, now):
    """What the counts of a period depend on besides the content: the upcoming and the past
    change as events end, so their counts are kept for one slot of the page cache's TIMEOUT
    (as long as a cached page of them lives); every event (ALL) does not change with the time."""
    return "" if period == ALL else int(now.timestamp()) // TIMEOUT


def calendar_listing(params, now, today):
    """The listing of /kalender/: the list view (paged, one period); with `weergave=maand`,
    every event of the weeks the month grid shows (not paged); with `weergave=dag`, the events
    of one day, past or coming (paged: where a month cell has no room for all of them).

    Its `extra` holds "weergave" and "periode" (list), "maand" (the first day of the month) or
    "dag" (the day)."""
    view = VIEW.value(params)
    if view == "maand":
        month = month_parameter(today)
        window = grid_window(month.value(params))
        return event_listing(params, now, period=ALL, window=window, per_page=None, extra=(VIEW, month))
    if view == "dag":
        day = day_parameter(today)
        return event_listing(params, now, period=ALL, window=day_window(day.value(params)), extra=(VIEW, day))
    return event_listing(params, now, extra=(VIEW,))
