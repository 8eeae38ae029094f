"""Who subscribed to the e-mail digest, to what, and which digests they got.

A subscriber has no account: two secrets in their e-mails stand in for one. `confirm_token`
confirms the subscription (double opt-in, valid SUBSCRIBE_CONFIRM_DAYS); `token` opens their own
page (see, change, download, delete) and unsubscribes with one click.
"""

import secrets

from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone


def new_token():
    """A personal link's secret: 256 bits, URL-safe; unguessable."""
    return secrets.token_urlsafe(32)


class Kind(models.TextChoices):
    """What a subscriber can choose to get; each is a `DigestSource.kind` an app declares."""

    NEWS = "nieuws", "Nieuws"
    EVENTS = "activiteiten", "Activiteiten"
    PROJECTS = "projecten", "Projecten"


class Rhythm(models.TextChoices):
    WEEKLY = "wekelijks", "Wekelijks"
    MONTHLY = "maandelijks", "Maandelijks"


class Subscriber(models.Model):
    class Status(models.TextChoices):
        PENDING = "wacht", "Wacht op bevestiging"
        CONFIRMED = "bevestigd", "Bevestigd"
        UNSUBSCRIBED = "uitgeschreven", "Uitgeschreven"

    email = models.EmailField("e-mailadres")
    werkingen = models.ManyToManyField(
        "werkingen.WerkingPage",
        verbose_name="werkingen",
        blank=True,
        related_name="+",
        help_text="Geen keuze: alle werkingen.",
    )
    niveaus = models.ManyToManyField(
        "som.Onderwijsniveau",
        verbose_name="onderwijsniveaus",
        blank=True,
        related_name="+",
        help_text="Geen keuze: alle onderwijsniveaus.",
    )
    kinds = models.JSONField("soorten inhoud", default=list)
    rhythm = models.CharField("ritme", max_length=20, choices=Rhythm.choices, default=Rhythm.WEEKLY)
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.PENDING)
    token = models.CharField("persoonlijke sleutel", max_length=64, unique=True, default=new_token, editable=False)
    confirm_token = models.CharField(
        "bevestigingssleutel", max_length=64, unique=True, default=new_token, editable=False
    )
    consent_at = models.DateTimeField("akkoord met de privacyverklaring op", default=timezone.now)
    created_at = models.DateTimeField("ingeschreven op", default=timezone.now, db_index=True)
    confirm_sent_at = models.DateTimeField("bevestigingsmail verstuurd op", default=timezone.now)
    confirmed_at = models.DateTimeField("bevestigd op", null=True, blank=True)
    unsubscribed_at = models.DateTimeField("uitgeschreven op", null=True, blank=True)
    # The watermark: what was published before this moment was in an earlier digest (or came
    # before the subscription). A digest covers [digest_since, its run) and moves it on.
    digest_since = models.DateTimeField("nieuw vanaf", null=True, blank=True)
    last_digest_at = models.DateTimeField("laatste nieuwsbrief op", null=True, blank=True)

    class Meta:
        verbose_name = "abonnee"
        verbose_name_plural = "abonnees"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="one_subscriber_per_email"),
        ]
        indexes = [models.Index(fields=["status", "rhythm"], name="subscriber_due_idx")]

    def __str__(self):
        return self.email

    def kind_labels(self):
        labels = dict(Kind.choices)
        return [labels[kind] for kind in self.kinds if kind in labels]

    # As staff read them in the admin and its export (the choices come prefetched there).
    def kind_labels_text(self):
        return ", ".join(self.kind_labels())

    def werkingen_text(self):
        return ", ".join(w.title for w in self.werkingen.all()) or "alle"

    def niveaus_text(self):
        return ", ".join(n.name for n in self.niveaus.all()) or "alle"


class DigestDelivery(models.Model):
    """One digest period handled for one subscriber: made once (unique), so a run started again
    mails no one twice; `items` are the keys it carried, so no item comes twice."""

    subscriber = models.ForeignKey(
        Subscriber, verbose_name="abonnee", on_delete=models.CASCADE, related_name="deliveries"
    )
    period = models.CharField("periode", max_length=20, help_text="Bijvoorbeeld 2026-W48 of 2026-11.")
    created_at = models.DateTimeField("gemaakt op", default=timezone.now)
    since = models.DateTimeField("nieuw vanaf")
    until = models.DateTimeField("nieuw tot")
    items = models.JSONField("onderdelen", default=list, blank=True)
    mail = models.ForeignKey(
        "som.OutgoingMail", verbose_name="e-mail", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "verstuurde nieuwsbrief"
        verbose_name_plural = "verstuurde nieuwsbrieven"
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint("subscriber", "period", name="one_digest_per_period")]

    def __str__(self):
        return f"{self.period}: {len(self.items)} onderdelen"
