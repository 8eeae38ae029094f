"""A file sent with a form, downloaded in the admin by whoever may read the form's submissions
(the Eindredactie and admins): the files have no public address (contact/storage.py)."""

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.cache import add_never_cache_headers
from wagtail.contrib.forms.utils import get_forms_for_user

from .models import SubmissionUpload


def upload(request, pk):
    found = get_object_or_404(SubmissionUpload.objects.select_related("submission"), pk=pk)
    if not get_forms_for_user(request.user).filter(pk=found.submission.page_id).exists():
        raise PermissionDenied
    try:
        handle = found.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    # Always a download, never shown in the admin's own origin (a PDF or image from a visitor).
    response = FileResponse(handle, as_attachment=True, filename=found.original_name)
    response["Content-Type"] = "application/octet-stream"
    add_never_cache_headers(response)
    return response
