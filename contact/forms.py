"""The form a visitor fills in, built from the fields editors set on a form page (Wagtail's form
builder), with what the site adds: a file field with type and size limits, the "send me a copy"
box, and a field only robots fill in."""

import os

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils import formats
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

HONEYPOT = "som_website"
COPY = "som_kopie"
# What a file of each allowed type starts with: the extension alone is the visitor's word.
SIGNATURES = {
    ".pdf": (b"%PDF-",),
    ".docx": (b"PK\x03\x04",),
    ".odt": (b"PK\x03\x04",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
}


def allowed_extensions():
    return [extension for extension in settings.FORM_UPLOAD_EXTENSIONS if extension in SIGNATURES]


def upload_limits_text():
    names = ", ".join(extension.lstrip(".") for extension in allowed_extensions())
    return f"Toegelaten: {names}; hoogstens {filesizeformat(settings.FORM_UPLOAD_MAX_BYTES)}."


def validate_upload(upload):
    extension = os.path.splitext(upload.name)[1].lower()
    if extension not in allowed_extensions():
        raise ValidationError(f"Dit soort bestand kunnen we niet aannemen. {upload_limits_text()}", code="bestandstype")
    if upload.size > settings.FORM_UPLOAD_MAX_BYTES:
        raise ValidationError(
            f"Dit bestand is te groot ({filesizeformat(upload.size)}). {upload_limits_text()}", code="bestandsgrootte"
        )
    upload.seek(0)
    start = upload.read(16)
    upload.seek(0)
    if not start.startswith(SIGNATURES[extension]):
        raise ValidationError(
            f"Dit bestand is geen echt {extension.lstrip('.')}-bestand. {upload_limits_text()}", code="bestandsinhoud"
        )


class SomFormBuilder(FormBuilder):
    """Wagtail's field types, the site's file field ("bestand"), and browser hints (autocomplete)
    that help people fill in forms."""

    def create_bestand_field(self, field, options):
        help_text = options.get("help_text") or ""
        options["help_text"] = f"{help_text} {upload_limits_text()}".strip()
        return forms.FileField(
            validators=[validate_upload],
            widget=forms.ClearableFileInput(attrs={"accept": ",".join(allowed_extensions())}),
            error_messages={"empty": "Dit bestand is leeg.", "invalid": "Dit is geen bestand."},
            **options,
        )

    def create_email_field(self, field, options):
        options.setdefault("widget", forms.EmailInput(attrs={"autocomplete": "email"}))
        return super().create_email_field(field, options)

    def create_dropdown_field(self, field, options):
        # An empty first choice: otherwise the first option is chosen for the visitor and a
        # required list is "answered" by someone who never opened it.
        options["choices"] = [("", "Kies …"), *self.get_formatted_field_choices(field)]
        return forms.ChoiceField(**options)

    def create_singleline_field(self, field, options):
        # Wagtail's default length; a longer value is refused with a message, not cut off.
        return forms.CharField(max_length=255, **options)

    def create_multiline_field(self, field, options):
        options.setdefault("widget", forms.Textarea)
        return forms.CharField(max_length=10_000, **options)


class ContactForm(BaseForm):
    """The base of every form page's form (FormPage.get_form_class adds the fields)."""

    @property
    def is_robot(self):
        return bool(self.data.get(HONEYPOT))

    @property
    def email_field(self):
        """The name of the first e-mail field: where the copy goes, whom staff reply to."""
        return next((name for name, field in self.fields.items() if isinstance(field, forms.EmailField)), None)

    @property
    def sender_email(self):
        name = self.email_field
        return (self.cleaned_data.get(name) or "") if name else ""

    @property
    def copy_requested(self):
        return bool(self.cleaned_data.get(COPY)) and bool(self.sender_email)

    def visible_fields_in_order(self):
        return [field for field in self if field.name != HONEYPOT]

    def answers(self):
        """(label, value as text) of each field editors built, in order: the e-mails show these."""
        answers = []
        for name, field in self.fields.items():
            if name in (HONEYPOT, COPY):
                continue
            answers.append((str(field.label), display_value(self.cleaned_data.get(name))))
        return answers


def display_value(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    if isinstance(value, UploadedFile):
        return f"{value.name} (bestand, in de beheeromgeving)"
    if hasattr(value, "isoformat"):
        return formats.localize(value)
    return str(value)


def add_site_fields(fields, *, offer_copy):
    """The fields editors built, plus the copy box (when the form asks an e-mail address and the
    editors offer a copy) and the honeypot."""
    fields = dict(fields)
    if offer_copy and any(isinstance(field, forms.EmailField) for field in fields.values()):
        fields[COPY] = forms.BooleanField(
            label="Stuur mij een kopie van wat ik invulde",
            help_text="Naar het e-mailadres dat je hierboven gaf.",
            required=False,
        )
    # People leave this empty (they never see it); form-filling robots do not.
    fields[HONEYPOT] = forms.CharField(label="Laat dit veld leeg", required=False)
    return fields
