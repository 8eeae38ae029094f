"""Where files sent with a form are kept: on the server's disk outside MEDIA_ROOT, so no public
address reaches them. Only the Eindredactie (and admins) download them, through an admin view
(contact/views.py)."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible
class PrivateUploadStorage(FileSystemStorage):
    """FileSystemStorage under FORM_UPLOAD_ROOT, read at every use (the tests point it at a
    temporary directory). It has no URL: `url()` is refused."""

    @property
    def base_location(self):
        return settings.FORM_UPLOAD_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Bestanden bij formulieren hebben geen publiek adres.")


private_uploads = PrivateUploadStorage()
