"""Forms editors build (Wagtail's form builder): a contact form, a question for the
Laboratorium, a project proposal for the Studio. What visitors send is kept as a submission,
read and exported in the admin by the Eindredactie only, and deleted after
FORM_SUBMISSION_RETENTION_DAYS; files sent with it are kept outside the public media."""

import datetime
import os
import uuid

from django.conf import settings
from django.db import models, transaction
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import (
    FORM_FIELD_CHOICES,
    AbstractEmailForm,
    AbstractFormField,
    AbstractFormSubmission,
    validate_to_address,
)
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from som.models import SiteSettings, SomPage, editor_tabs

from . import mails
from .forms import COPY, HONEYPOT, ContactForm, SomFormBuilder, add_site_fields
from .storage import private_uploads

FIELD_TYPES = [choice for choice in FORM_FIELD_CHOICES if choice[0] != "hidden"] + [
    ("bestand", "Bestand (pdf, docx, odt, jpg of png)")
]
TOO_MANY = "Er werden te veel formulieren na elkaar verstuurd van hier. Wacht even en probeer het dan opnieuw."


class FormField(AbstractFormField):
    page = ParentalKey("FormPage", related_name="form_fields", on_delete=models.CASCADE)
    # Wagtail's types without "hidden" (editors cannot fill it per visitor) and with a file.
    field_type = models.CharField("soort veld", max_length=16, choices=FIELD_TYPES)
    field_type.required_on_save = True

    class Meta(AbstractFormField.Meta):
        verbose_name = "veld"
        verbose_name_plural = "velden"


class SubmissionsPanel(FormSubmissionsPanel):
    """Wagtail's count of submissions on the edit page, for those who may read them only."""

    class BoundPanel(FormSubmissionsPanel.BoundPanel):
        def is_shown(self):
            return self.request.user.has_perm("contact.view_submission") and super().is_shown()


class FormPage(AbstractEmailForm, SomPage):
    """A form: the editors' fields, who is told, and the thank-you text. Its page is never kept in
    a shared cache: it carries each visitor's own CSRF token (`serve` marks it private)."""

    to_address = models.CharField(
        "melding naar",
        max_length=255,
        blank=True,
        validators=[validate_to_address],
        help_text="Wie een e-mail krijgt bij elk ingevuld formulier. Meerdere adressen scheid je met een komma. "
        "Leeg: geen e-mail, de inzendingen staan wel in de beheeromgeving.",
    )
    subject = models.CharField(
        "onderwerp van de melding",
        max_length=255,
        blank=True,
        help_text="Leeg: 'Nieuw bericht via <titel van het formulier>'.",
    )
    thank_you_text = RichTextField(
        "bedankt-tekst",
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text="Wat de bezoeker ziet na het versturen, bv. wanneer je antwoordt.",
    )
    submit_label = models.CharField("tekst op de knop", max_length=60, default="Verstuur")
    offer_copy = models.BooleanField(
        "bezoekers kunnen een kopie vragen",
        default=True,
        help_text="Heeft het formulier een e-mailveld, dan staat onderaan 'Stuur mij een kopie van wat ik invulde'. "
        "Wie dat aanvinkt, krijgt een e-mail met zijn antwoorden.",
    )

    form_builder = SomFormBuilder
    template = "contact/form_page.html"
    landing_page_template = "contact/form_page_landing.html"

    content_panels = Page.content_panels + [
        SubmissionsPanel(heading="Inzendingen"),
        FieldPanel("intro"),
        InlinePanel("form_fields", label="veld", heading="Velden van het formulier"),
        FieldPanel("submit_label"),
        FieldPanel("thank_you_text"),
    ]
    details_panels = [
        MultiFieldPanel(
            [FieldPanel("to_address"), FieldPanel("subject"), FieldPanel("offer_copy")],
            heading="E-mail",
        ),
    ]
    edit_handler = editor_tabs(content_panels, details_panels)

    # Under the home page (contact) and under a werking (what that werking asks of visitors).
    parent_page_types = ["som.HomePage", "werkingen.WerkingPage"]
    subpage_types = []

    class Meta:
        verbose_name = "formulier"
        verbose_name_plural = "formulieren"

    # --- the form -----------------------------------------------------------------------------

    def get_form_class(self):
        fields = self.form_builder(self.get_form_fields()).formfields
        return type("FormPageForm", (ContactForm,), add_site_fields(fields, offer_copy=self.offer_copy))

    def get_submission_class(self):
        return Submission

    def get_submissions_list_view_class(self):
        # Imported here: Wagtail's admin views need the loaded models (so does Wagtail's own).
        from .admin_views import SubmissionsListView

        return SubmissionsListView

    def get_submissions(self):
        # The admin listing and export read each submission's files (Submission.get_data).
        return super().get_submissions().prefetch_related("uploads")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["privacy_page"] = privacy_page(request)
        return context

    def serve(self, request, *args, **kwargs):
        status = 200
        if request.method == "POST":
            form = self.get_form(request.POST, request.FILES, page=self, user=request.user)
            if throttled(request, form):
                form.is_valid()  # what was typed comes back, with the message on top
                form.add_error(None, TOO_MANY)
                status = 429
            elif form.is_valid():
                # A robot is thanked like a person, and nothing is kept or sent.
                submission = None if form.is_robot else self.process_form_submission(form)
                return private(self.render_landing_page(request, submission, *args, **kwargs))
        else:
            form = self.get_form(page=self, user=request.user)
        context = self.get_context(request)
        context["form"] = form
        return private(TemplateResponse(request, self.get_template(request), context, status=status))

    @transaction.atomic
    def process_form_submission(self, form):
        data, uploads = {}, {}
        for name, value in form.cleaned_data.items():
            if name in (HONEYPOT, COPY):
                continue
            if hasattr(value, "read"):  # an uploaded file: kept aside, its name in the data
                uploads[name] = value
                data[name] = value.name
            else:
                data[name] = "" if value is None else value
        submission = Submission.objects.create(page=self, form_data=data)
        for name, upload in uploads.items():
            SubmissionUpload.objects.create(
                submission=submission, field_name=name, original_name=upload.name[:255], size=upload.size, file=upload
            )
        if self.to_address:
            self.send_mail(form, submission)
        if form.copy_requested:
            mails.queue_copy(self, form, submission)
        submission.copy_sent = form.copy_requested  # the thank-you page says a copy is on its way
        return submission

    def send_mail(self, form, submission=None):
        """The notification to the addresses on the form, queued for the worker (som/mail.py)."""
        mails.queue_notification(self, form, submission)

    def render_landing_page(self, request, form_submission=None, *args, **kwargs):
        context = self.get_context(request)
        context["form_submission"] = form_submission
        return TemplateResponse(request, self.get_landing_page_template(request), context)


def private(response):
    """Per visitor (a CSRF token, what they typed): no shared cache or CDN keeps it. The page cache
    (som/page_cache.py) stores nothing marked private."""
    add_never_cache_headers(response)
    return response


def throttled(request, form):
    """Too many forms from one address, or with one e-mail address (a copy is mailed there: the
    form must not become a way to flood someone's mailbox)."""
    # Imported here: som.throttle imports Wagtail's admin views, which need the loaded models.
    from som.throttle import client_ip, over_limit

    limits = settings.FORM_RATE_LIMITS
    by_address = over_limit("formulier", "ip", client_ip(request) or "-", *limits["address"])
    email = request.POST.get(form.email_field or "", "").strip().lower()[:254]
    by_email = bool(email) and over_limit("formulier", "email", email, *limits["email"])
    return by_address or by_email


def privacy_page(request):
    """The privacy statement of the site, when it is set and visible."""
    site_settings = SiteSettings.for_request(request)
    if not site_settings.privacy_page_id:
        return None
    return Page.objects.live().public().filter(pk=site_settings.privacy_page_id).first()


class Submission(AbstractFormSubmission):
    """What a visitor sent with a form page (personal data: deleted after the retention period)."""

    class Meta:
        verbose_name = "inzending"
        verbose_name_plural = "inzendingen"
        indexes = [models.Index(fields=["submit_time"], name="contact_submission_time_idx")]

    def get_data(self):
        # A ticked box reads ja/nee; a file shows as its name and the admin address where the
        # Eindredactie downloads it.
        data = super().get_data()
        for name, value in data.items():
            if isinstance(value, bool):
                data[name] = "ja" if value else "nee"
        for upload in self.uploads.all():
            data[upload.field_name] = f"{upload.original_name} — {upload.admin_url}"
        return data


def upload_path(upload, filename):
    # A random name on disk: never the visitor's file name, never guessable.
    extension = os.path.splitext(filename)[1].lower()
    return f"{upload.submission.page_id}/{uuid.uuid4().hex}{extension}"


class SubmissionUpload(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="uploads")
    field_name = models.CharField("veld", max_length=255)
    file = models.FileField("bestand", storage=private_uploads, upload_to=upload_path, max_length=255)
    original_name = models.CharField("naam van het bestand", max_length=255)
    size = models.PositiveIntegerField("grootte (bytes)")

    class Meta:
        verbose_name = "bestand bij een inzending"
        verbose_name_plural = "bestanden bij inzendingen"

    def __str__(self):
        return self.original_name

    @property
    def admin_path(self):
        return reverse("contact_upload", args=[self.pk])

    @property
    def admin_url(self):
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + self.admin_path


def purge_expired(now=None):
    """Delete submissions (and their files) older than FORM_SUBMISSION_RETENTION_DAYS
    (`manage.py purge_personal_data`)."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.FORM_SUBMISSION_RETENTION_DAYS)
    # Deleted one by one through the ORM, so each file leaves the disk (contact/signals.py).
    count = Submission.objects.filter(submit_time__lt=cutoff).count()
    Submission.objects.filter(submit_time__lt=cutoff).delete()
    return f"{count} formulierinzending(en) verwijderd"
