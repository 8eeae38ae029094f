"""Wagtail's submissions listing and export, with spreadsheet cells as an editor in Leuven reads
them: local time, ja/nee, and in a CSV nothing a visitor typed is read as a formula (the XLSX
writer keeps text as text itself)."""

import datetime

from django.utils import timezone
from wagtail.contrib.forms.views import SubmissionsListView as WagtailSubmissionsListView


def csv_safe(value):
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def yes_no(value):
    return "ja" if value else "nee"


def local_text(value):
    return timezone.localtime(value).strftime("%d-%m-%Y %H:%M")


def local_naive(value):
    return timezone.make_naive(value) if timezone.is_aware(value) else value


class SubmissionsListView(WagtailSubmissionsListView):
    custom_value_preprocess = {
        **WagtailSubmissionsListView.custom_value_preprocess,
        bool: {WagtailSubmissionsListView.FORMAT_CSV: yes_no, WagtailSubmissionsListView.FORMAT_XLSX: yes_no},
        datetime.datetime: {
            WagtailSubmissionsListView.FORMAT_CSV: local_text,
            WagtailSubmissionsListView.FORMAT_XLSX: local_naive,
        },
        str: {WagtailSubmissionsListView.FORMAT_CSV: csv_safe},
    }
