"""Query string → events: the one place where the calendar is filtered.

Used by /kalender/ (list and month view), /kalender/agenda.ics and the tests. Filters:
`werking`, `niveau`, `soort`, `speerpunt` (slugs) and `periode` (`komend`, the default, or
`voorbij`). An event counts as upcoming until it has ended; "now" is taken per request.
"""

from som.listing import Facet, Ignored, Listing, clean_text, term_options
from som.models import Onderwijsniveau, Speerpunt

from .models import EventPage, EventSoort

PER_PAGE = 20
PERIODS = {"komend": "Komende activiteiten", "voorbij": "Voorbije activiteiten"}


def live_events():
    return (
        EventPage.objects.live()
        .public()
        .defer_streamfields()
        # The type is on every card and in the ICS; the werking only on an event's own page
        # (joining it would load every werking's whole body with each event).
        .select_related("soort")
    )


def facets():
    from werkingen.filters import werking_options

    return [
        Facet("werking", "Werking", "werking_id", werking_options(lambda w: w.pk)),
        Facet("soort", "Soort", "soort_id", term_options(EventSoort)),
        Facet("niveau", "Onderwijsniveau", "niveaus", term_options(Onderwijsniveau)),
        Facet("speerpunt", "Speerpunt", "speerpunten", term_options(Speerpunt)),
    ]


def read_period(params, listing=None):
    raw = params.get("periode", "komend")
    if raw in PERIODS:
        return raw
    if listing is not None and raw:
        listing.ignored.append(Ignored("periode", clean_text(raw, 40)))
    return "komend"


def event_listing(params, now, per_page=PER_PAGE, period=None, window=None):
    """Events for the list view (and the ICS feed with period="alle"). With `window` (start,
    end), only the events that overlap it: the month view counts what its grid shows."""
    base = live_events()
    if window is not None:
        base = base.filter(start__lt=window[1], end__gte=window[0])
    listing = Listing(params, base, facets(), search_fields=("title", "intro", "location_name"), per_page=per_page)
    listing.period = period or read_period(params, listing)
    if listing.period == "komend":
        listing.base = base.filter(end__gte=now)
        listing.order_by = ("start", "pk")
    elif listing.period == "voorbij":
        listing.base = base.filter(end__lt=now)
        listing.order_by = ("-start", "-pk")
    else:  # every event, for feeds
        listing.order_by = ("start", "pk")
    return listing
