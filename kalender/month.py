"""The month grid of /kalender/?weergave=maand&maand=YYYY-MM: weeks from Monday to Sunday,
each day with the events that cover it (a multi-day event shows on every day)."""

import calendar
import datetime
import re
from dataclasses import dataclass, field

from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber, TruncDate
from django.utils import timezone

from som import dates
from som.listing import YEARS, parse_number

MONTH_PATTERN = re.compile(r"([0-9]{4})-([0-9]{2})")  # ASCII digits only (\d would take "٢٠٢٤")
DAY_PATTERN = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
WEEKDAY_NAMES = dates.WEEKDAYS


@dataclass
class CellEvent:
    """What a grid cell shows of an event: its title, link and whether it is cancelled."""

    title: str
    url: str
    start: datetime.datetime
    end: datetime.datetime
    is_cancelled: bool


# A cell shows this many dates; "+ N meer" leads to the day's list (a busy network has dozens
# on one day, and a cell of dozens helps nobody).
DAY_LIMIT = 3


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    is_today: bool
    events: list = field(default_factory=list)  # the first DAY_LIMIT, in order
    more: int = 0  # how many more that day has


def parse_month(raw):
    """The first day of the month `raw` names ("2024-03"), or None when it names none."""
    match = MONTH_PATTERN.fullmatch(raw.strip())
    if match:
        year, month = parse_number(match.group(1), *YEARS), parse_number(match.group(2), 1, 12)
        if year is not None and month is not None:
            return datetime.date(year, month, 1)
    return None


def parse_day(raw):
    """The date `raw` names ("2026-01-13": a date of a series, `?datum=`), or None."""
    # Strict (no spaces around it): every spelling the page cache keeps is then a real date.
    match = DAY_PATTERN.fullmatch(raw)
    if not match:
        return None
    year = parse_number(match.group(1), *YEARS)
    try:
        return datetime.date(year, int(match.group(2)), int(match.group(3))) if year else None
    except ValueError:  # 2026-02-30
        return None


def shift_month(first, months):
    month_index = first.year * 12 + first.month - 1 + months
    return datetime.date(month_index // 12, month_index % 12 + 1, 1)


def event_days(event):
    """The first and last local day an event covers. An event ending at midnight ends on the
    day before (17.00–00.00 is one evening, not two days)."""
    return _days(event.start, event.end, timezone.get_current_timezone())


def _days(start, end, tz):
    first_day = start.astimezone(tz).date()
    end = end.astimezone(tz)
    last_day = end.date()
    if end.time() == datetime.time.min and last_day > first_day:
        last_day -= datetime.timedelta(days=1)
    return first_day, last_day


def _weeks(first):
    return calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)


def grid_window(first):
    """(start, end) as aware datetimes: from the Monday before the month's first day to the
    end of the Sunday after its last, the days the grid shows."""
    weeks = _weeks(first)
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(weeks[0][0], datetime.time.min, tzinfo=tz)
    end = datetime.datetime.combine(weeks[-1][-1] + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
    return start, end


def next_busy_month(occurrences, after):
    """The first day of the first month with a date in `occurrences` from `after` on, or None
    (one query): where an empty month grid points to."""
    start = occurrences.filter(start__gte=after).order_by("start").values_list("start", flat=True).first()
    return timezone.localtime(start).date().replace(day=1) if start else None


def day_window(day):
    """(start, end) of a local day, aware."""
    return month_start(day), month_start(day + datetime.timedelta(days=1))


def month_start(first):
    """The aware start of the day `first`."""
    return datetime.datetime.combine(first, datetime.time.min, tzinfo=timezone.get_current_timezone())


def cell_rows(events_queryset):
    """(title, slug, start, end, status, key, dates that day) of what the cells show, in order,
    in two queries: every date that runs past its first day (few) with None, and of the dates
    within one day only the first DAY_LIMIT of each day, each with how many that day has. A
    busy month of a large network holds 2,000 dates; reading them all cost more than the page.
    A few hundred small tuples at most: the calendar keeps them per content version and filters
    (Listing.counted)."""
    tz = timezone.get_current_timezone()
    columns = ("event__title", "event__slug", "start", "end", "event__status", "key")
    if events_queryset.query.distinct:
        # The filters join a date more than once (two niveaus of one event), and DISTINCT
        # would keep each copy, numbered apart: each date once, through its id.
        events_queryset = events_queryset.model.objects.filter(pk__in=events_queryset.order_by().values("pk"))
    dates = events_queryset.order_by().annotate(
        start_day=TruncDate("start", tzinfo=tz), end_day=TruncDate("end", tzinfo=tz)
    )
    by_day = {"partition_by": [F("start_day")]}
    within_a_day = (
        dates.filter(end_day=F("start_day"))
        .annotate(
            position=Window(RowNumber(), order_by=[F("start").asc(), F("pk").asc()], **by_day),
            that_day=Window(Count("pk"), **by_day),
        )
        .filter(position__lte=DAY_LIMIT)
        .values_list(*columns, "that_day")
    )
    longer = dates.exclude(end_day=F("start_day")).values_list(*columns)
    rows = [(*row, None) for row in longer] + list(within_a_day)
    return sorted(rows, key=lambda row: row[2])


def month_grid(rows, first, today, calendar_url):
    """Weeks of Days for the month starting at `first`.

    `rows` are `cell_rows` of the dates (EventOccurrences) of `grid_window(first)` (the calendar's
    listing is limited to it, so its filter counts match the grid). A cell shows the first DAY_LIMIT dates
    of its day and counts the rest; they are read as a few values, not as pages, and linked as
    `calendar_url` + slug (every event is a child of the one calendar page, which its
    parent_page_types and the calendar's max_count enforce)."""
    from .models import EventStatus  # .models imports .ics, which imports this module

    weeks = _weeks(first)
    grid_start, grid_end = weeks[0][0], weeks[-1][-1]
    tz = timezone.get_current_timezone()  # once: asking Django for it per date cost more than the rest
    days = {}
    grid = []
    for week in weeks:
        row = []
        for day in week:
            cell = Day(date=day, in_month=day.month == first.month, is_today=day == today)
            days[day] = cell
            row.append(cell)
        grid.append(row)
    unread = {}  # day → dates within that day that cell_rows did not read
    for title, slug, start, end, status, key, that_day in rows:
        first_day, last_day = _days(start, end, tz)
        if that_day is not None and that_day > DAY_LIMIT:
            unread[first_day] = that_day - DAY_LIMIT
        date = f"?datum={first_day.isoformat()}" if key else ""
        event = CellEvent(title, f"{calendar_url}{slug}/{date}", start, end, status == EventStatus.CANCELLED)
        day = max(first_day, grid_start)
        while day <= min(last_day, grid_end):
            cell = days[day]
            if len(cell.events) < DAY_LIMIT:
                cell.events.append(event)
            else:
                cell.more += 1
            day += datetime.timedelta(days=1)
    for day, count in unread.items():
        if day in days:
            days[day].more += count
    return grid
