"""Repeating events: the rule an editor sets on an event (every week, every N weeks, monthly on
"the 2nd Tuesday" or on a day number; until a date or N times) and its exceptions (a date that
is skipped, a date that moves), turned into the dates the event takes place.

python-dateutil's rrule computes the dates; no date arithmetic is written here. The rule runs on
the event's local wall-clock time (Europe/Brussels) and each date is made aware afterwards, so a
19.00 series stays 19.00 in winter and in summer (across the change to and from summer time).

The dates are stored as `EventOccurrence` rows (kalender/models.py), rebuilt whenever the event's
row is saved (`sync_occurrences`): the list, the month grid, the filters' counts, the home page,
the werking pages and the ICS feed read them with plain indexed queries. A single-date event has
one occurrence with an empty key; a series' occurrences are keyed by their date in the rule
("2026-01-13"), which stays the same when that date is moved, so registrations for it follow.
"""

import datetime
from dataclasses import dataclass
from itertools import islice

from dateutil import rrule
from django.utils import timezone

WEEKLY = "wekelijks"
MONTHLY_WEEKDAY = "maandelijks-weekdag"
MONTHLY_DAY = "maandelijks-dag"
CHOICES = [
    ("", "Niet herhalen"),
    (WEEKLY, "Elke week of om de zoveel weken, op dezelfde weekdag"),
    (MONTHLY_WEEKDAY, "Elke maand op dezelfde weekdag (bijvoorbeeld de 2de dinsdag)"),
    (MONTHLY_DAY, "Elke maand op dezelfde dag (bijvoorbeeld de 15de)"),
]
# A series is for a season or a school year, not for ever: the feed and the grid stay small.
MAX_OCCURRENCES = 150
ORDINALS = {1: "1ste", 2: "2de", 3: "3de", 4: "4de", -1: "laatste"}
WEEKDAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]


@dataclass(frozen=True)
class Rule:
    """What an editor chose, independent of the model (the edit form validates a Rule before
    the page exists)."""

    repeat: str
    interval: int
    until: datetime.date | None
    count: int | None

    @classmethod
    def of(cls, event):
        return cls(event.repeat, event.repeat_interval or 1, event.repeat_until, event.repeat_count)


def week_of_month(day):
    """Which weekday of its month `day` is: 1 for the first Tuesday … 4; the 5th counts as the
    last (not every month has a 5th Tuesday)."""
    number = (day.day - 1) // 7 + 1
    return -1 if number == 5 else number


def describe(rule, start):
    """In Dutch: "Elke 2de dinsdag van de maand, 19.00", "Om de 2 weken op donderdag"."""
    local = timezone.localtime(start)
    weekday = WEEKDAYS[local.weekday()]
    every = "Elke" if rule.interval == 1 else f"Om de {rule.interval}"
    if rule.repeat == WEEKLY:
        text = f"Elke {weekday}" if rule.interval == 1 else f"Om de {rule.interval} weken op {weekday}"
    elif rule.repeat == MONTHLY_WEEKDAY:
        unit = "maand" if rule.interval == 1 else "maanden"
        text = f"{every} {unit} op de {ORDINALS[week_of_month(local.date())]} {weekday}"
    elif rule.repeat == MONTHLY_DAY:
        unit = "maand" if rule.interval == 1 else "maanden"
        text = f"{every} {unit} op de {local.day}de"
    else:
        return ""
    return text


def local_starts(rule, start):
    """The local (naive) start times the rule gives for a first start `start` (aware)."""
    local = wall_clock(start)
    options = {"dtstart": local, "interval": max(rule.interval, 1)}
    if rule.repeat == WEEKLY:
        freq = rrule.WEEKLY
    elif rule.repeat == MONTHLY_WEEKDAY:
        freq = rrule.MONTHLY
        options["byweekday"] = rrule.weekday(local.weekday(), week_of_month(local.date()))
    elif rule.repeat == MONTHLY_DAY:
        freq = rrule.MONTHLY
        options["bymonthday"] = local.day
    else:
        return [local]
    if rule.count:
        options["count"] = rule.count  # the form refuses a count with an end date; the count wins
    elif rule.until is not None:
        options["until"] = datetime.datetime.combine(rule.until, datetime.time.max)
    # Never more than MAX_OCCURRENCES (+1, so the form can tell a series that is too long).
    return list(islice(rrule.rrule(freq, **options), MAX_OCCURRENCES + 1))


def aware(local):
    """A local wall-clock time in the site's zone (19.00 stays 19.00 in summer and winter)."""
    return timezone.make_aware(local, timezone.get_current_timezone())


def wall_clock(moment):
    """The reverse of `aware`: a moment as the clock in Leuven shows it, without a zone."""
    return timezone.localtime(moment).replace(tzinfo=None)


def wall_duration(event):
    """From the event's start to its end on the clock: 19.00–21.00 stays that on the night the
    clock changes (each date of a series lasts as long on the clock as the first)."""
    return wall_clock(event.end) - wall_clock(event.start)


@dataclass(frozen=True)
class Spec:
    key: str
    start: datetime.datetime
    end: datetime.datetime
    location: str = ""
    moved: bool = False


def occurrence_specs(event, exceptions=None):
    """The occurrences of `event` as Specs, in order. `exceptions`: its EventDateExceptions
    (read from the event when not given)."""
    if event.start is None or event.end is None:
        return []
    if not event.repeat:
        return [Spec("", event.start, event.end)]
    if exceptions is None:
        exceptions = list(event.date_exceptions.all())
    by_date = {exception.date: exception for exception in exceptions}
    duration = wall_duration(event)
    specs = []
    for local in local_starts(Rule.of(event), event.start)[:MAX_OCCURRENCES]:
        key = local.date().isoformat()
        exception = by_date.get(local.date())
        if exception is not None and exception.skip:
            continue
        if exception is not None and exception.new_start and exception.new_end:
            specs.append(Spec(key, exception.new_start, exception.new_end, exception.new_location, moved=True))
            continue
        location = exception.new_location if exception is not None else ""
        specs.append(Spec(key, aware(local), aware(local + duration), location, moved=bool(location)))
    return sorted(specs, key=lambda spec: (spec.start, spec.key))
