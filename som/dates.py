"""Dates as a Belgian reader expects them: "8 juni 2023", "30 sep. 2021",
"dinsdag 16 april 2024, 17.00–19.00 uur". The one place where dates are formatted."""

import datetime

from django.utils import timezone

MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
MONTHS_SHORT = ["jan.", "feb.", "mrt.", "apr.", "mei", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."]
WEEKDAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]


def _as_local_date(value):
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


def long_date(value, weekday=False):
    """8 juni 2023 (with weekday: dinsdag 16 april 2024)."""
    value = _as_local_date(value)
    if not value:
        return ""
    text = f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    return f"{WEEKDAYS[value.weekday()]} {text}" if weekday else text


def short_date(value):
    """30 sep. 2021"""
    value = _as_local_date(value)
    if not value:
        return ""
    return f"{value.day} {MONTHS_SHORT[value.month - 1]} {value.year}"


def month_year(value):
    """april 2024"""
    return f"{MONTHS[value.month - 1]} {value.year}"


def clock(value):
    """17.00"""
    return timezone.localtime(value).strftime("%H.%M") if timezone.is_aware(value) else value.strftime("%H.%M")


def date_range(start, end, all_day=False):
    """The when of an event, in one line:
    - dinsdag 16 april 2024, 17.00–19.00 uur
    - woensdag 29 september 2021, 19.00 uur – donderdag 30 september 2021, 01.00 uur
    - vrijdag 29 september 2023 (all day)
    - maandag 1 juli – vrijdag 5 juli 2024 (several whole days)
    """
    if start is None:
        return ""
    start_day, end_day = _as_local_date(start), _as_local_date(end)
    if all_day:
        if end_day is None or end_day == start_day:
            return long_date(start_day, weekday=True)
        return f"{long_date(start_day, weekday=True)} – {long_date(end_day, weekday=True)}"
    if end is None or end == start:
        return f"{long_date(start_day, weekday=True)}, {clock(start)} uur"
    if start_day == end_day:
        return f"{long_date(start_day, weekday=True)}, {clock(start)}–{clock(end)} uur"
    return (
        f"{long_date(start_day, weekday=True)}, {clock(start)} uur – "
        f"{long_date(end_day, weekday=True)}, {clock(end)} uur"
    )
