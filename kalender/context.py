"""What the calendar page and an event page show: their context is built here, so templates
never query."""

import datetime
from itertools import groupby
from urllib.parse import urlencode

from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.html import strip_tags

from som import dates
from som.models import SHARE_IMAGE_SPEC
from som.visibility import is_visible

from . import recurrence
from .filters import ALL, PERIODS, as_events, calendar_listing, event_listing, live_occurrences
from .models import EventOccurrence
from .month import (
    WEEKDAY_NAMES,
    cell_rows,
    event_days,
    month_grid,
    month_start,
    next_busy_month,
    parse_day,
    shift_month,
)
from .registrations import places


def listing_pairs(listing):
    return [(facet.param, option.slug) for facet, option in listing.active]


def _filter_query(listing):
    """The active filters as a query string (for the subscribe link and month navigation)."""
    return urlencode(listing_pairs(listing))


def calendar_context(page, request):
    now = timezone.now()
    today = timezone.localdate()
    listing = calendar_listing(request.GET, now, today)
    view = listing.extra["weergave"]
    period = listing.extra.get("periode", "alle")  # the month grid shows past and upcoming
    filter_query = _filter_query(listing)
    ics_path = page.url + "agenda.ics" + (f"?{filter_query}" if filter_query else "")
    ics_url = request.build_absolute_uri(ics_path)
    context = {
        "listing": listing,
        "facet_options": listing.facet_options,
        "view": view,
        "period": period,
        "period_title": PERIODS.get(period, ""),
        "filter_query": filter_query,
        "ics_url": ics_url,
        "webcal_url": "webcal://" + ics_url.split("://", 1)[1],
    }
    if view == "maand":
        first = listing.extra["maand"]
        rows = listing.counted("month-cells", lambda: cell_rows(listing.results))
        weeks = month_grid(rows, first, today, page.get_url(request))
        empty = not any(day.events for week in weeks for day in week if day.in_month)
        later = None
        if empty:
            # One query: the first date after this month under the same filters.
            everything = event_listing(request.GET, now, period=ALL, per_page=None).results
            later = next_busy_month(everything, month_start(shift_month(first, 1)))
        context.update(
            month=first,
            month_label=dates.month_year(first),
            weekdays=WEEKDAY_NAMES,
            weeks=weeks,
            month_is_empty=empty,
            next_busy_month=later.strftime("%Y-%m") if later else "",
            next_busy_month_label=dates.month_year(later) if later else "",
            previous_month=shift_month(first, -1).strftime("%Y-%m"),
            next_month=shift_month(first, 1).strftime("%Y-%m"),
            this_month=today.strftime("%Y-%m"),
            hidden_params=[("weergave", "maand"), ("maand", first.strftime("%Y-%m"))],
            # "+ 3 meer" in a cell: the day's list under the same filters (the date goes last).
            day_url="?" + urlencode([("weergave", "dag"), *listing_pairs(listing), ("dag", "")]),
        )
    elif view == "dag":
        day = listing.extra["dag"]
        page_obj = listing.page
        context.update(
            day=day,
            day_label=dates.long_date(day, weekday=True),
            day_month=day.strftime("%Y-%m"),
            previous_day=(day - datetime.timedelta(days=1)).isoformat(),
            next_day=(day + datetime.timedelta(days=1)).isoformat(),
            page_obj=page_obj,
            events=as_events(page_obj.object_list),
            hidden_params=[("weergave", "dag"), ("dag", day.isoformat())],
        )
    else:
        context["hidden_params"] = [("periode", "voorbij")] if period == "voorbij" else []
        page_obj = listing.page
        events = as_events(page_obj.object_list)
        context.update(
            page_obj=page_obj,
            events=events,
            months=[
                (dates.month_year(month), list(items))
                for month, items in groupby(events, key=lambda e: timezone.localtime(e.start).date().replace(day=1))
            ],
        )
    return context


def _utc(value):
    return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar_links(event, request):
    """Google Calendar and Outlook links for "Zet in je agenda"."""
    url = request.build_absolute_uri(event.url)
    details = "\n\n".join(p for p in (strip_tags(event.intro), url) if p)
    location = event.location_line
    if event.all_day:
        first, last = event_days(event)
        google_dates = f"{first:%Y%m%d}/{last + datetime.timedelta(days=1):%Y%m%d}"
        outlook_start, outlook_end = first.isoformat(), (last + datetime.timedelta(days=1)).isoformat()
    else:
        google_dates = f"{_utc(event.start)}/{_utc(event.end)}"
        outlook_start, outlook_end = event.start.isoformat(), event.end.isoformat()
    google = "https://calendar.google.com/calendar/render?" + urlencode(
        {
            "action": "TEMPLATE",
            "text": event.title,
            "dates": google_dates,
            "details": details,
            "location": location,
            "ctz": "Europe/Brussels",
        }
    )
    outlook = "https://outlook.live.com/calendar/0/deeplink/compose?" + urlencode(
        {
            "path": "/calendar/action/compose",
            "rru": "addevent",
            "subject": event.title,
            "startdt": outlook_start,
            "enddt": outlook_end,
            "allday": "true" if event.all_day else "false",
            "body": details,
            "location": location,
        }
    )
    return {"google": google, "outlook": outlook}


def event_jsonld(event, request, availability=None, registration_url=None):
    """schema.org Event, as a dict (serialised with escaping by the jsonld tag)."""
    url = request.build_absolute_uri(event.url)
    if event.all_day:
        first, last = event_days(event)
        start, end = first.isoformat(), last.isoformat()
    else:
        start, end = timezone.localtime(event.start).isoformat(), timezone.localtime(event.end).isoformat()
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "startDate": start,
        "endDate": end,
        "url": url,
        "eventStatus": "https://schema.org/EventCancelled"
        if event.is_cancelled
        else "https://schema.org/EventScheduled",
        "organizer": {"@type": "Organization", "name": event.organiser},
    }
    if event.intro:
        data["description"] = event.intro
    places = []
    if event.place_name or event.place_address:
        place = {"@type": "Place", "name": event.place_name or event.place_address}
        if event.place_address:
            place["address"] = event.place_address
        places.append(place)
    if event.online_url:
        places.append({"@type": "VirtualLocation", "url": event.online_url})
    if places:
        data["location"] = places[0] if len(places) == 1 else places
        mode = "Mixed" if len(places) == 2 else ("Online" if event.online_url else "Offline")
        data["eventAttendanceMode"] = f"https://schema.org/{mode}EventAttendanceMode"
    if event.registration_on_site or event.registration_url or event.price:
        offer = {"@type": "Offer", "url": (registration_url or event.registration_url or url)}
        if event.price:
            offer["description"] = event.price
        if availability is not None and availability.code in ("volzet", "wachtlijst"):
            offer["availability"] = "https://schema.org/SoldOut"
        elif availability is not None and availability.code == "open":
            offer["availability"] = "https://schema.org/InStock"
        if event.registration_closes:
            offer["validThrough"] = timezone.localtime(event.registration_closes).isoformat()
        data["offers"] = offer
        if availability is not None and availability.places_left is not None:
            data["remainingAttendeeCapacity"] = availability.places_left
        if event.capacity is not None:
            data["maximumAttendeeCapacity"] = event.capacity
    if event.share_image:
        rendition = event.share_image.get_rendition(SHARE_IMAGE_SPEC)
        data["image"] = request.build_absolute_uri(rendition.url)
    return data


def _if_public(page):
    """A linked page, only when a visitor may see it."""
    return page if is_visible(page) else None


NEXT_DATES = 8


def event_dates(event, request, now):
    """(the date the page shows, the next dates of a series). The dates come from the rule
    itself (kalender/recurrence.py), not the stored rows: an editor's preview of a series that
    is not saved yet shows the same. `?datum=YYYY-MM-DD` chooses one date; a date that is not
    one of the event's (or no date at all) is a 404."""
    occurrences = [
        EventOccurrence(
            event=event, key=spec.key, start=spec.start, end=spec.end, location=spec.location, moved=spec.moved
        )
        for spec in recurrence.occurrence_specs(event)
    ]
    upcoming = [occurrence for occurrence in occurrences if occurrence.end >= now]
    raw = request.GET.get("datum", "")
    if raw:
        day = parse_day(raw)
        chosen = next((occurrence for occurrence in occurrences if occurrence.date == day), None)
        if chosen is None:
            raise Http404("Op die datum vindt deze activiteit niet plaats.")
    else:
        chosen = upcoming[0] if upcoming else (occurrences[-1] if occurrences else None)
    return chosen, (upcoming[:NEXT_DATES] if event.repeat else [])


def event_context(event, request):
    now = timezone.now()
    terms = {"soort": event.soort, "niveaus": list(event.niveaus.all())}
    if event.start is None or event.end is None:
        # A fresh copy whose dates are still empty: only the editor's preview gets here.
        return {**terms, "availability": None, "when": "Datum nog niet bepaald"}
    occurrence, next_dates = event_dates(event, request, now)
    series_text = event.recurrence_text()
    skipped = (
        [e.date for e in event.date_exceptions.all() if e.skip and e.date >= timezone.localdate(now)]
        if event.repeat
        else []
    )
    if occurrence is not None:
        # The page shows this date: its time, its place (a moved date's own).
        event.show_date(occurrence)
    datum = f"?datum={occurrence.date.isoformat()}" if occurrence is not None and occurrence.key else ""
    # Related: other upcoming events of the same project or werking.
    same = Q(pk__in=[])
    if event.project_id:
        same |= Q(event__project_id=event.project_id)
    if event.werking_id:
        same |= Q(event__werking_id=event.werking_id)
    related = live_occurrences().upcoming(now).filter(same).exclude(event_id=event.pk)
    related_events, seen = [], set()
    for other in related[: 3 * NEXT_DATES]:  # a series once, at its next date
        if other.event_id not in seen and len(related_events) < 3:
            seen.add(other.event_id)
            related_events.append(other.as_event())
    # What a visitor can do: one rule (kalender/registrations/places.py), for the page and its JSON-LD.
    offer = places.availability(event, now, occurrence_key=occurrence.key if occurrence is not None else "")
    register_url = (
        request.build_absolute_uri(event.get_url(request) + "inschrijven/" + datum)
        if event.registration_on_site
        else None
    )
    return {
        **terms,
        "availability": offer,
        "register_url": register_url,
        "calendar_links": calendar_links(event, request),
        "event_jsonld": event_jsonld(event, request, offer, register_url),
        "related_events": related_events,
        "werking": _if_public(event.werking),
        "project": _if_public(event.project),
        "venue": _if_public(event.venue) if event.venue_id else None,
        "when": dates.date_range(event.start, event.end, event.all_day),
        "occurrence": occurrence,
        "moved": occurrence is not None and occurrence.moved,
        "series_text": series_text,
        "next_dates": [
            {
                "when": dates.date_range(o.start, o.end, event.all_day),
                "query": f"?datum={o.date.isoformat()}",
                "current": occurrence is not None and o.key == occurrence.key,
                "moved": o.moved,
                "place": o.location,
            }
            for o in next_dates
        ],
        "skipped_dates": [dates.long_date(day, weekday=True) for day in skipped],
    }
