"""Kalender: events and the calendar page."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404
from django.utils import timezone
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from som.blocks import BodyStreamBlock
from som.models import LeadImageMixin, SectionIndexPage, SomPage, TaxonomyTerm, editor_tabs
from som.page_cache import cached
from som.plugins import page_sections

from . import recurrence
from .forms import BOTH_ENDS, NO_END, EventPageForm
from .ics import calendar_response, feed_response
from .month import parse_day

ICS_WINDOW = datetime.timedelta(days=365)
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
        # A subscription needs what is coming and the recent past, not years of history: every
        # date from ICS_WINDOW ago on, at most ICS_MAX_EVENTS (the latest), so programs that poll
        # it often get a small file.
        dates = listing.results.filter(end__gte=now - ICS_WINDOW)
        latest = dates.order_by("-end", "-pk").values_list("pk", "start", "event__all_day")[:ICS_MAX_EVENTS]
        rows = [(pk, all_day) for pk, _start, all_day in sorted(latest, key=lambda row: (row[1], row[0]))]
        name = "Kalender Samen Onderwijs Maken"
        if listing.active:
            name += " (" + ", ".join(option.label for _facet, option in listing.active) + ")"
        return feed_response(rows, dates, request, name)

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
    registration_deadline = models.DateTimeField(
        "inschrijven tot",
        null=True,
        blank=True,
        help_text="Bij een reeks: de deadline voor de eerste keer; elke volgende keer sluit even lang vooraf.",
    )
    status = models.CharField(
        "status",
        max_length=20,
        choices=EventStatus.choices,
        default=EventStatus.SCHEDULED,
        help_text="'Volzet' zet je zelf alleen bij inschrijven via een link; bij inschrijven via deze website telt de site de plaatsen.",
    )
    price = models.CharField("prijs", max_length=100, blank=True, help_text="Bijvoorbeeld: gratis, € 15")
    body = StreamField(BodyStreamBlock(), verbose_name="inhoud", blank=True)
    # Repeating (kalender/recurrence.py): begin and einde above are the first time.
    repeat = models.CharField(
        "herhalen",
        max_length=20,
        choices=recurrence.CHOICES,
        blank=True,
        default="",
        help_text="Begin en einde hierboven zijn de eerste keer; de volgende keren volgen dezelfde regel en hetzelfde uur.",
    )
    repeat_interval = models.PositiveSmallIntegerField(
        "om de hoeveel",
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text="1 = elke week of maand, 2 = om de twee weken of maanden …",
    )
    repeat_until = models.DateField(
        "tot en met", null=True, blank=True, help_text="De laatste dag waarop het nog kan plaatsvinden."
    )
    repeat_count = models.PositiveSmallIntegerField(
        "aantal keer",
        null=True,
        blank=True,
        validators=[MinValueValidator(2), MaxValueValidator(recurrence.MAX_OCCURRENCES)],
        help_text="Of: hoeveel keer in totaal, de eerste keer meegeteld. Vul een einddatum of een aantal in, niet allebei.",
    )
    # SEQUENCE in the ICS: raised when what a calendar shows of the event changes (ics.fingerprint),
    # so calendar programs take the new version, and only then.
    ics_sequence = models.PositiveIntegerField(default=0, editable=False)
    ics_fingerprint = models.CharField(max_length=64, blank=True, editable=False)

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")], heading="Wanneer"),
        FieldPanel("all_day"),
        MultiFieldPanel(
            [
                FieldPanel("repeat"),
                FieldRowPanel([FieldPanel("repeat_interval"), FieldPanel("repeat_until"), FieldPanel("repeat_count")]),
                InlinePanel(
                    "date_exceptions",
                    label="uitzondering",
                    heading="Uitzonderingen",
                    help_text="Een datum van de reeks die niet doorgaat, of die verplaatst wordt (ander uur of andere plaats).",
                ),
            ],
            heading="Herhalen",
            classname="collapsed",
        ),
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
    base_form_class = EventPageForm

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
        if self.repeat and self.repeat_until and self.repeat_count:
            errors["repeat_count"] = BOTH_ENDS
        elif self.repeat and not (self.repeat_until or self.repeat_count):
            errors["repeat_until"] = NO_END
        if (
            self.repeat
            and self.repeat_until
            and self.start
            and self.repeat_until < timezone.localtime(self.start).date()
        ):
            errors["repeat_until"] = "De einddatum ligt vóór de eerste keer."
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        from .context import event_context  # .context imports .filters, which imports this module

        context = super().get_context(request, *args, **kwargs)
        context.update(event_context(self, request))
        # What other apps show on an event (the news about it): som.plugins.PageSection.
        context["sections"] = page_sections(self, request)
        return context

    def save(self, *args, **kwargs):
        from .ics import fingerprint  # .ics reads the fields of this model

        update_fields = kwargs.get("update_fields")
        full = update_fields is None
        if full:
            new = fingerprint(self)
            # Only a published change counts: the row of a live page is written when it is
            # published (a draft lives in its revision).
            if self.ics_fingerprint and new != self.ics_fingerprint and self.live:
                self.ics_sequence += 1
            self.ics_fingerprint = new
        super().save(*args, **kwargs)  # a ClusterableModel: the exceptions are saved by now
        if full or set(update_fields) & OCCURRENCE_FIELDS:
            self.sync_occurrences()

    def sync_occurrences(self):
        """Make the EventOccurrence rows what the event's dates and rule say: rows keep their
        key (and so their registrations) when only their time or place changes."""
        specs = recurrence.occurrence_specs(self)
        existing = {occurrence.key: occurrence for occurrence in self.occurrences.all()}
        wanted = {spec.key for spec in specs}
        gone = [occurrence.pk for key, occurrence in existing.items() if key not in wanted]
        if gone:
            EventOccurrence.objects.filter(pk__in=gone).delete()
        new, changed = [], []
        for spec in specs:
            values = {"start": spec.start, "end": spec.end, "location": spec.location, "moved": spec.moved}
            occurrence = existing.get(spec.key)
            if occurrence is None:
                new.append(EventOccurrence(event=self, key=spec.key, **values))
            elif any(getattr(occurrence, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(occurrence, name, value)
                changed.append(occurrence)
        EventOccurrence.objects.bulk_create(new)
        EventOccurrence.objects.bulk_update(changed, ["start", "end", "location", "moved"])

    def ics_response(self, request):
        """agenda.ics of the event: all its dates, or with `?datum=YYYY-MM-DD` (a date of a
        series, as its page shows it) only that one; a date that is not one of its dates is a 404."""
        occurrences = list(self.occurrences.order_by("start", "pk"))
        filename = f"{self.slug}.ics"
        if "datum" in request.GET:
            day = parse_day(request.GET["datum"])
            occurrences = [occurrence for occurrence in occurrences if occurrence.key and occurrence.date == day]
            if not occurrences:
                raise Http404("Op die datum vindt deze activiteit niet plaats.")
            filename = f"{self.slug}-{day.isoformat()}.ics"
        for occurrence in occurrences:
            occurrence.event = self
        return calendar_response(occurrences, request, self.title, filename=filename)

    def show_date(self, occurrence):
        """Show this event as one of its dates (a card, its page, the ICS, an e-mail): that
        date's start and end, and its place (place_name). The first date's start is kept for
        what is measured from it (registration_closes)."""
        self.__dict__.setdefault("series_start", self.start)
        self.start, self.end, self.occurrence = occurrence.start, occurrence.end, occurrence

    @property
    def registration_closes(self):
        """When registering for the date shown closes: the deadline, which for a series is the
        first date's; each next date closes as long before it, in Leuven's time (a deadline at
        noon the day before the first date closes every date at noon the day before)."""
        deadline, first = self.registration_deadline, self.__dict__.get("series_start")
        if deadline is None or first is None or first == self.start:
            return deadline
        shift = recurrence.wall_clock(self.start) - recurrence.wall_clock(first)
        return recurrence.aware(recurrence.wall_clock(deadline) + shift)

    @property
    def is_recurring(self):
        return bool(self.repeat)

    def recurrence_text(self):
        """ "Elke maand op de 2de dinsdag", or empty."""
        return recurrence.describe(recurrence.Rule.of(self), self.start) if self.repeat and self.start else ""

    def is_upcoming(self, now=None):
        """An event counts as upcoming until it has ended (as EventQuerySet.upcoming)."""
        return self.end >= (now or timezone.now())

    @property
    def place_name(self):
        """Where, short (a card, a grid): a moved date's own place, the organisation from the
        list, or the free text."""
        occurrence = getattr(self, "occurrence", None)
        if occurrence is not None and occurrence.location:
            return occurrence.location
        if self.venue_id is not None and self.venue is not None:
            return self.venue.title
        return self.location_name

    @property
    def place_address(self):
        occurrence = getattr(self, "occurrence", None)
        if occurrence is not None and occurrence.location:
            return ""
        if self.venue_id is not None and self.venue is not None:
            return self.venue.address_line
        return self.location_address

    @property
    def place_line(self):
        """The place in one line: "STUK, Naamsestraat 96, 3000 Leuven" (a moved date's own
        place, else the organisation's name and address when one is chosen, else the free
        text), or empty."""
        return ", ".join(part for part in (self.place_name, self.place_address) if part)

    @property
    def location_line(self):
        """Where, in one line, the one rule for the page, the ICS, the e-mails: the place
        (place_line), or the online link."""
        return self.place_line or self.online_url

    @property
    def is_cancelled(self):
        return self.status == EventStatus.CANCELLED


# A save that writes one of these (or a full save) rebuilds the occurrences.
OCCURRENCE_FIELDS = {"start", "end", "all_day", "repeat", "repeat_interval", "repeat_until", "repeat_count"}


class EventDateException(Orderable):
    """One date of a series that does not take place, or takes place at another time or place."""

    event = ParentalKey(EventPage, related_name="date_exceptions", on_delete=models.CASCADE)
    date = models.DateField("datum in de reeks", help_text="De datum zoals hij volgens de herhaling zou vallen.")
    skip = models.BooleanField("gaat niet door", default=False)
    new_start = models.DateTimeField("nieuw begin", null=True, blank=True)
    new_end = models.DateTimeField("nieuw einde", null=True, blank=True)
    new_location = models.CharField(
        "andere locatie", max_length=250, blank=True, help_text="Alleen als het die keer ergens anders plaatsvindt."
    )

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("skip")]),
        FieldRowPanel([FieldPanel("new_start"), FieldPanel("new_end")]),
        FieldPanel("new_location"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "uitzondering"
        verbose_name_plural = "uitzonderingen"


OCCURRENCE_DURATION = models.ExpressionWrapper(models.F("end") - models.F("start"), output_field=models.DurationField())


def longest_occurrence():
    """The longest time from start to end of any date (kept per content version: a date
    changes only when its event is saved)."""

    def longest():
        found = EventOccurrence.objects.aggregate(longest=models.Max(OCCURRENCE_DURATION))["longest"]
        return found or datetime.timedelta(0)

    return cached("kalender:longest-occurrence", longest)


class OccurrenceQuerySet(models.QuerySet):
    def visible(self):
        """Occurrences of events a visitor may see (live, not expired, public): the one join
        every listing, feed and section goes through, so a draft's dates never show."""
        return self.filter(event__in=EventPage.objects.live().public().values("pk"))

    def upcoming(self, now=None):
        """Dates that have not ended, soonest first. None of them began before now minus the
        longest date there is: saying so lets the index on `start` begin reading there instead
        of at the first date ever (at 50,000 events it read 43,000 past dates to find three)."""
        now = now or timezone.now()
        return self.filter(end__gte=now, start__gte=now - longest_occurrence()).order_by("start", "pk")

    def past(self, now=None):
        """Dates that have ended, the most recent first (what has ended has begun: the index on
        `start` is read from now backwards)."""
        now = now or timezone.now()
        return self.filter(end__lt=now, start__lt=now).order_by("-start", "-pk")

    def overlapping(self, start, end):
        """Dates that take place between `start` and `end` (the bounds of whole days): a date
        that ends exactly at `start` ended the day before (month.event_days), unless it also
        began then. No such date began before `start` minus the longest date (as `upcoming`)."""
        return self.filter(start__lt=end, start__gte=start - longest_occurrence()).filter(
            models.Q(end__gt=start) | models.Q(end=start, start=start)
        )


class EventOccurrence(models.Model):
    """One time an event takes place: the one date of a single event (key ""), or a date of a
    series (key: its date in the rule, "2026-01-13"). Rebuilt by EventPage.sync_occurrences;
    never edited by hand."""

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="occurrences")
    key = models.CharField(max_length=10, blank=True)
    start = models.DateTimeField()
    end = models.DateTimeField()
    location = models.CharField(max_length=250, blank=True)  # a moved date's own place
    moved = models.BooleanField(default=False)

    objects = OccurrenceQuerySet.as_manager()

    class Meta:
        verbose_name = "datum van een activiteit"
        verbose_name_plural = "datums van activiteiten"
        constraints = [models.UniqueConstraint(fields=["event", "key"], name="one_occurrence_per_key")]
        indexes = [
            models.Index(fields=["start", "id"], name="occurrence_start_idx"),
            models.Index(fields=["end"], name="occurrence_end_idx"),
            models.Index(fields=["event", "start"], name="occurrence_event_idx"),
            # The longest date (longest_occurrence) is read from the end of this index.
            models.Index(OCCURRENCE_DURATION, name="occurrence_duration_idx"),
        ]

    def __str__(self):
        return f"{self.event_id} {self.start:%Y-%m-%d}"

    @property
    def date(self):
        return timezone.localtime(self.start).date()

    def as_event(self):
        """The event as this date shows it (a card, the ICS): its own start, end and place. The
        event instance is this row's own (select_related), so nothing else sees the change."""
        event = self.event
        event.show_date(self)
        # A date of a series has its own address (the event page showing that date).
        event.link_query = f"?datum={self.date.isoformat()}" if self.key else ""
        return event


# Registrations live in their own package (kalender/registrations/); their models are the app's.
from .registrations.models import Registration, RegistrationQuestion  # noqa: E402, F401
