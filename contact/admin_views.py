"""Wagtail's submissions listing and export, with spreadsheet cells as an editor in Leuven reads
them: local time, ja/nee, and in a CSV nothing a visitor typed is read as a formula (the XLSX
writer keeps text as text itself); a file sent with a form is a download link in the listing."""

import datetime

from django.utils import timezone
from django.utils.html import format_html
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

    def get_context_data(self, **kwargs):
        # In the listing a file is a download link (the export keeps its name and address).
        context = super().get_context_data(**kwargs)
        if self.is_export:
            return context
        names = [name for name, _label in self.form_page.get_data_fields()]
        uploads = {
            submission.pk: {upload.field_name: upload for upload in submission.uploads.all()}
            for submission in context["submissions"]
        }
        for row in context["data_rows"]:
            for field_name, upload in uploads.get(row["model_id"], {}).items():
                if field_name in names:
                    row["fields"][names.index(field_name)] = format_html(
                        '<a href="{}" download>{}</a>', upload.admin_path, upload.original_name
                    )
        return context
