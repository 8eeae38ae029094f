"""Organisaties: the schools, CLB's, academies and partners of Leuven, at /organisaties/.

Pages rather than snippets: each organisation has its own address (people, projects and events
link to it), drafts, privacy and search come with Wagtail, and the directory is an overview page
like /onderwijsmakers/. Profiles, project partners and event locations point here (a foreign key
in those apps); the organisation page shows them through the page sections those apps declare.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from som.blocks import BodyStreamBlock
from som.models import SectionIndexPage, SomPage, TaxonomyTerm, editor_tabs


class OrganisatieSoort(TaxonomyTerm):
    """School, CLB, academie, hoger onderwijs, stad, cultuur … Staff can add more."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = "soort organisatie"
        verbose_name_plural = "soorten organisaties"


class OrganisatiesIndexPage(SectionIndexPage):
    """/organisaties/: the directory of organisations, with filters and a map."""

    subpage_types = ["organisaties.OrganisationPage"]

    class Meta:
        verbose_name = "overzicht organisaties"


class OrganisationPage(SomPage):
    soort = models.ForeignKey(
        OrganisatieSoort,
        verbose_name="soort",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisations",
    )
    net = models.ForeignKey(
        "som.Onderwijsnet",
        verbose_name="onderwijsnet",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisations",
        help_text="Alleen voor scholen en CLB's.",
    )
    niveaus = ParentalManyToManyField(
        "som.Onderwijsniveau", verbose_name="onderwijsniveaus", blank=True, related_name="organisations"
    )
    street_address = models.CharField("straat en nummer", max_length=200, blank=True)
    postal_code = models.CharField("postcode", max_length=10, blank=True)
    city = models.CharField("gemeente", max_length=100, blank=True, default="Leuven")
    # Entered by editors (or picked on the map in the admin): no geocoding service at run time.
    latitude = models.DecimalField(
        "breedtegraad",
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text="Bijvoorbeeld 50.879800. Klik op de kaart om de plaats te kiezen.",
    )
    longitude = models.DecimalField(
        "lengtegraad",
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text="Bijvoorbeeld 4.700500.",
    )
    website = models.URLField("website", blank=True)
    email = models.EmailField("algemeen e-mailadres", blank=True)
    phone = models.CharField("algemeen telefoonnummer", max_length=40, blank=True)
    logo = models.ForeignKey(
        "som.SomImage",
        verbose_name="logo of foto",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyStreamBlock(), verbose_name="inhoud", blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("soort"),
        FieldPanel("intro"),
        FieldPanel("logo"),
        FieldPanel("body"),
    ]
    details_panels = [
        FieldPanel("net"),
        FieldPanel("niveaus", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("city")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading="Adres en plaats op de kaart",
        ),
        MultiFieldPanel(
            [FieldPanel("website"), FieldPanel("email"), FieldPanel("phone")],
            heading="Contact",
        ),
    ]
    edit_handler = editor_tabs(content_panels, details_panels)

    search_fields = SomPage.search_fields + [
        index.SearchField("street_address"),
        index.SearchField("city"),
        index.SearchField("body"),
    ]

    parent_page_types = ["organisaties.OrganisatiesIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "organisatie"
        verbose_name_plural = "organisaties"

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError({"longitude": "Vul beide coördinaten in, of geen van beide."})

    @property
    def address_line(self):
        """ "Naamsestraat 96, 3000 Leuven", or empty."""
        place = " ".join(part for part in (self.postal_code, self.city) if part)
        return ", ".join(part for part in (self.street_address, place) if part)

    @property
    def has_location(self):
        return self.latitude is not None and self.longitude is not None
