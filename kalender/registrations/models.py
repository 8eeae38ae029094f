"""A registration for an event, and the extra questions an event asks."""

import datetime
import secrets

from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.contrib.forms.models import AbstractFormField


def new_token():
    """A personal link's secret: 256 bits, URL-safe; unguessable."""
    return secrets.token_urlsafe(32)


class RegistrationQuestion(AbstractFormField):
    """A question an event asks beyond the fixed ones (dietary needs, which workshop …), built
    by editors with Wagtail's form builder fields."""

    event = ParentalKey("kalender.EventPage", related_name="registration_questions", on_delete=models.CASCADE)

    class Meta(AbstractFormField.Meta):
        verbose_name = "extra vraag"
        verbose_name_plural = "extra vragen"


def dropped_date(event, key):
    """An unsaved EventOccurrence for the day `key` at the series' own time (a date the
    series no longer holds, for what is still said of it)."""
    from ..models import EventOccurrence  # the models import this module
    from ..recurrence import aware, wall_clock, wall_duration

    start = datetime.datetime.combine(datetime.date.fromisoformat(key), wall_clock(event.start).time())
    return EventOccurrence(event=event, key=key, start=aware(start), end=aware(start + wall_duration(event)))


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "bevestigd", "Bevestigd"
        WAITING = "wachtlijst", "Op de wachtlijst"
        CANCELLED = "geannuleerd", "Geannuleerd"

    class Role(models.TextChoices):
        TEACHER = "leerkracht", "Leerkracht"
        DIRECTOR = "directie", "Directie"
        CARE = "zorg", "Zorg- of leerlingbegeleiding"
        CLB = "clb", "CLB-medewerker"
        STUDENT = "student", "Student"
        PARTNER = "partner", "Partner of organisatie"
        OTHER = "andere", "Andere"

    event = models.ForeignKey(
        "kalender.EventPage", verbose_name="activiteit", on_delete=models.CASCADE, related_name="registrations"
    )
    # Which date of a repeating event (EventOccurrence.key, "2026-01-13"); empty for a single date.
    occurrence_key = models.CharField("datum in de reeks", max_length=10, blank=True, default="", editable=False)
    status = models.CharField("status", max_length=20, choices=Status.choices)
    first_name = models.CharField("voornaam", max_length=100)
    family_name = models.CharField("familienaam", max_length=150)
    email = models.EmailField("e-mailadres")
    organisation = models.CharField("school of organisatie", max_length=200, blank=True)
    role = models.CharField("rol", max_length=20, choices=Role.choices, blank=True)
    niveau = models.ForeignKey(
        "som.Onderwijsniveau",
        verbose_name="onderwijsniveau",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answers = models.JSONField("antwoorden op de extra vragen", default=dict, blank=True)
    consent_at = models.DateTimeField("akkoord met de privacyverklaring op")
    token = models.CharField("persoonlijke sleutel", max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField("ingeschreven op", default=timezone.now, db_index=True)
    confirmed_at = models.DateTimeField("bevestigd op", null=True, blank=True)
    cancelled_at = models.DateTimeField("geannuleerd op", null=True, blank=True)
    reminded_at = models.DateTimeField("herinnering verstuurd op", null=True, blank=True)
    by_staff = models.BooleanField("door de redactie ingevoerd", default=False)
    anonymised_at = models.DateTimeField("persoonsgegevens gewist op", null=True, blank=True)

    class Meta:
        verbose_name = "inschrijving"
        verbose_name_plural = "inschrijvingen"
        ordering = ["created_at", "pk"]
        constraints = [
            # One active registration per address and date of an event, decided by the database.
            models.UniqueConstraint(
                "event",
                "occurrence_key",
                Lower("email"),
                condition=~models.Q(status="geannuleerd"),
                name="one_registration_per_email_and_date",
            ),
        ]
        indexes = [
            models.Index(fields=["event", "occurrence_key", "status", "created_at"], name="registration_date_queue_idx")
        ]

    def __str__(self):
        return f"{self.first_name} {self.family_name}".strip() or f"Inschrijving {self.pk}"

    @property
    def full_name(self):
        return f"{self.first_name} {self.family_name}".strip()

    @property
    def event_date(self):
        """The day this registration is for: its date of the series (where a moved date moved to)
        or the event's own day. The staff's listing and export annotate `occurrence_start`
        (with_event_date), so a row costs no query."""
        if not hasattr(self, "occurrence_start"):
            self.occurrence_start = (
                self.event.occurrences.filter(key=self.occurrence_key).values_list("start", flat=True).first()
            )
        if self.occurrence_start:
            return timezone.localdate(self.occurrence_start)
        if self.occurrence_key:  # a date the series no longer holds: the day it was (its key)
            return datetime.date.fromisoformat(self.occurrence_key)
        return timezone.localdate(self.event.start) if self.event.start else None

    event_date.fget.short_description = "Datum"  # the label in the admin's inspect view and export

    def dated_event(self):
        """The event as this registration's date shows it (its start, end and place): a date of
        a series has its own."""
        event = self.event
        if self.occurrence_key:
            occurrence = event.occurrences.filter(key=self.occurrence_key).first()
            if occurrence is None and event.start and event.end:
                # A date its series no longer holds: that day at the series' time, so the
                # person's link lasts until after it and their e-mails name the day it was.
                occurrence = dropped_date(event, self.occurrence_key)
            if occurrence is not None:
                occurrence.event = event
                occurrence.as_event()
                if occurrence.pk is None:  # no page of its own any more: the event's page
                    event.link_query = ""
        return event

    @property
    def is_active(self):
        return self.status != self.Status.CANCELLED
