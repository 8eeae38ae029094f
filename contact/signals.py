"""A file sent with a form leaves the disk when its submission is deleted: by the Eindredactie in
the admin, or by the retention purge (connected in contact/apps.py)."""

from django.db import transaction
from django.db.models.signals import post_delete


def _delete_file(sender, instance, **kwargs):
    name, storage = instance.file.name, instance.file.storage
    if name:
        # Only once the deletion is committed: a rolled-back delete keeps its file.
        transaction.on_commit(lambda: storage.delete(name))


def connect():
    from .models import SubmissionUpload  # the app registry is ready only when this runs

    post_delete.connect(_delete_file, sender=SubmissionUpload, dispatch_uid="contact-delete-upload-file")
