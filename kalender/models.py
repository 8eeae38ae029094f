"""Kalender: events and the calendar page."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from som.blocks import BodyStreamBlock
from som.models import LeadImageMixin, SectionIndexPage, SomPage, TaxonomyTerm, editor_tabs
from som.plugins import page_sections

from .ics import calendar_response

ICS_MAX_EVENTS = 500


class EventSoort(TaxonomyTerm):
    """Netwerkmoment, workshop, infosessie, labo-sessie … Staff can add more."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = "soort activiteit"
        verbose_name_plural = "soorten activiteiten"


class KalenderPage(SectionIndexPage):
    """/kalender/: upcoming and past events, list and month view; /kalender/agenda.ics
    (served by kalender.views.ics, since Wagtail's page URLs cannot end in ".ics")."""

    def get_context(self, request, *args, **kwargs):
        from .context import calendar_context  # .context imports .filters, which imports this module

        context = super().get_context(request, *args, **kwargs)
        context.update(calendar_context(self, request))
        # What other apps show on the calendar (subscribing …): som.plugins.PageSection.
        context["sections"] = page_sections(self, request)
        return context

    def ics_response(self, request):
        from .filters import event_listing  # .filters imports this module

        now = timezone.now()
        listing = event_listing(request.GET, now, period="alle")
        # A subscription needs what is coming and the recent past, not years of history: the
        # latest ICS_MAX_EVENTS events keep the feed small for programs that poll it often.
        latest = listing.results.order_by("-end", "-pk")[:ICS_MAX_EVENTS]
        events = sorted(latest, key=lambda event: (event.start, event.pk))
        name = "Kalender Samen Onderwijs Maken"
        if listing.active:
            name += " (" + ", ".join(option.label for _facet, option in listing.active) + ")"
        return calendar_response(events, request, name)

    subpage_types = ["kalender.EventPage"]

    class Meta:
        verbose_name = "kalender"


class EventStatus(models.TextChoices):
    SCHEDULED = "gepland", "Gaat door"
    FULL = "volzet", "Volzet"
    CANCELLED = "geannuleerd", "Geannuleerd"


class EventQuerySet(PageQuerySet):
    """The calendar's recurring questions, asked the same way by the pages, feeds, home page,
    admin listings and dashboard."""

    def upcoming(self, now=None):
        """Events that have not ended, soonest first: an event that started this morning is
        still upcoming until it ends."""
        return self.filter(end__gte=now or timezone.now()).order_by("start", "pk")

    def past(self, now=None):
        """Events that have ended, the most recent first."""
        return self.filter(end__lt=now or timezone.now()).order_by("-start", "-pk")

    def overlapping(self, start, end):
        """Events that take place (partly) between `start` and `end` (a month grid's weeks)."""
        return self.filter(start__lt=end, end__gte=start)


class EventPage(LeadImageMixin, SomPage):
    # Required in the editor; empty only in a fresh copy, until the editor fills in the new dates.
    start = models.DateTimeField("begin", null=True, blank=False)
    end = models.DateTimeField("einde", null=True, blank=False)
    all_day = models.BooleanField(
        "hele dag",
        default=False,
        help_text="Voor activiteiten zonder uur; het uur van begin en einde wordt dan niet getoond.",
    )
    venue = models.ForeignKey(
        "organisaties.OrganisationPage",
        verbose_name="locatie uit de lijst",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        help_text="De organisatie waar het plaatsvindt; naam en adres komen dan van haar pagina.",
    )
    location_name = models.CharField("locatie", max_length=200, blank=True, help_text="Bijvoorbeeld: STUK")
    location_address = models.CharField("adres", max_length=250, blank=True)
    map_url = models.URLField("link naar kaart", blank=True)
    online_url = models.URLField("online link", blank=True, help_text="Voor een online activiteit.")
    organiser = models.CharField("organisator", max_length=200, default="Samen Onderwijs Maken")
    audience = models.CharField("voor wie", max_length=250, blank=True)
    niveaus = ParentalManyToManyField(
        "som.Onderwijsniveau", verbose_name="onderwijsniveaus", blank=True, related_name="events"
    )
    speerpunten = ParentalManyToManyField(
        "som.Speerpunt", verbose_name="speerpunten", blank=True, related_name="events"
    )
    werking = models.ForeignKey(
        "werkingen.WerkingPage",
        verbose_name="werking",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    project = models.ForeignKey(
        "werkingen.ProjectPage",
        verbose_name="project",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    soort = models.ForeignKey(
        EventSoort,
        verbose_name="soort",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    registration_on_site = models.BooleanField(
        "inschrijven via deze website",
        default=False,
        help_text="Bezoekers schrijven zich in op de site, met plaatsen, een wachtlijst en een bevestigingsmail.",
    )
    capacity = models.PositiveIntegerField(
        "aantal plaatsen",
        null=True,
        blank=True,
        help_text="Leeg laten voor onbeperkt. Alleen bij inschrijven via deze website.",
    )
    waitlist = models.BooleanField(
        "wachtlijst als het volzet is",
        default=True,
        help_text="Wie zich inschrijft als het volzet is, komt op de wachtlijst en schuift vanzelf door als er een plaats vrijkomt.",
    )
    registration_url = models.URLField(
        "link om in te schrijven",
        blank=True,
        help_text="Alleen als de inschrijving ergens anders gebeurt (bv. een formulier van een partner).",
    )
    registration_deadline = models.DateTimeField("inschrijven tot", null=True, blank=True)
    status = models.CharField(
        "status",
        max_length=20,
        choices=EventStatus.choices,
        default=EventStatus.SCHEDULED,
        help_text="'Volzet' zet je zelf alleen bij inschrijven via een link; bij inschrijven via deze website telt de site de plaatsen.",
    )
    price = models.CharField("prijs", max_length=100, blank=True, help_text="Bijvoorbeeld: gratis, € 15")
    body = StreamField(BodyStreamBlock(), verbose_name="inhoud", blank=True)

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")], heading="Wanneer"),
        FieldPanel("all_day"),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    details_panels = [
        MultiFieldPanel(
            [
                FieldPanel("venue"),
                FieldPanel("location_name"),
                FieldPanel("location_address"),
                FieldPanel("map_url"),
                FieldPanel("online_url"),
            ],
            heading="Waar",
        ),
        FieldPanel("soort"),
        FieldPanel("organiser"),
        FieldPanel("audience"),
        FieldPanel("niveaus", widget=forms.CheckboxSelectMultiple),
        FieldPanel("speerpunten", widget=forms.CheckboxSelectMultiple),
        FieldRowPanel([FieldPanel("werking"), FieldPanel("project")]),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldPanel("registration_on_site"),
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("waitlist")]),
                FieldPanel("registration_deadline"),
                FieldPanel("registration_url"),
                FieldPanel("price"),
            ],
            heading="Inschrijven",
        ),
        InlinePanel(
            "registration_questions",
            label="vraag",
            heading="Extra vragen bij het inschrijven",
            help_text="Naam, e-mailadres, school, rol, onderwijsniveau en het akkoord met de privacyverklaring vraagt de site altijd.",
        ),
    ]
    edit_handler = editor_tabs(content_panels, details_panels)

    search_fields = SomPage.search_fields + [
        index.SearchField("location_name"),
        index.SearchField("audience"),
        index.SearchField("body"),
        index.FilterField("start"),
        index.FilterField("end"),
    ]

    objects = PageManager.from_queryset(EventQuerySet)()

    parent_page_types = ["kalender.KalenderPage"]
    subpage_types = []
    card_template = "kalender/components/event_card.html"

    class Meta:
        verbose_name = "activiteit"
        verbose_name_plural = "activiteiten"
        # The calendar asks for what has not ended yet, in order of start (or newest first).
        indexes = [
            models.Index(fields=["start", "page_ptr"], name="event_start_idx"),
            models.Index(fields=["end"], name="event_end_idx"),
        ]

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = "Het einde ligt vóór het begin."
        if self.registration_deadline and self.end and self.registration_deadline > self.end:
            errors["registration_deadline"] = "De inschrijvingsdeadline ligt na de activiteit."
        if self.registration_on_site and self.registration_url:
            errors["registration_url"] = "Kies: inschrijven via deze website of via een link, niet allebei."
        if self.capacity is not None and not self.registration_on_site:
            errors["capacity"] = "Plaatsen tellen kan alleen bij inschrijven via deze website."
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        from .context import event_context  # .context imports .filters, which imports this module

        context = super().get_context(request, *args, **kwargs)
        context.update(event_context(self, request))
        return context

    def ics_response(self, request):

        return calendar_response([self], request, self.title, filename=f"{self.slug}.ics")

    def is_upcoming(self, now=None):
        """An event counts as upcoming until it has ended (as EventQuerySet.upcoming)."""
        return self.end >= (now or timezone.now())

    @property
    def location_line(self):
        """Where, in one line: "STUK, Naamsestraat 96, Leuven" (or the online link)."""
        return ", ".join(part for part in (self.location_name, self.location_address) if part) or self.online_url

    @property
    def is_cancelled(self):
        return self.status == EventStatus.CANCELLED


# Registrations live in their own package (kalender/registrations/); their models are the app's.
from .registrations.models import Registration, RegistrationQuestion  # noqa: E402, F401
