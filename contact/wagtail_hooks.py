"""Who reads what visitors send: the Eindredactie and admins (permission contact.view_submission,
granted by the plugin's editor_permissions). The Redactie edits form pages but sees no
submissions: not in the forms menu, not on the page, not in an export."""

from django.urls import path
from wagtail import hooks

from . import views

READ_SUBMISSIONS = "contact.view_submission"


@hooks.register("filter_form_submissions_for_user")
def only_readers_of_submissions(user, editable_forms):
    if user.has_perm(READ_SUBMISSIONS):
        return editable_forms
    return editable_forms.none()


@hooks.register("register_admin_urls")
def upload_urls():
    return [path("formulieren/bestand/<int:pk>/", views.upload, name="contact_upload")]
