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
from som.letters import group_by_letter, letter_index
from som.models import SectionIndexPage, SomPage, TaxonomyTerm, editor_tabs, prepare_renditions
from som.plugins import page_sections

from .maps import map_data, map_points
from .panels import LocationMapPanel

# The logo as the organisation page and a card show it ({% image page.logo max-320x160 … %}).
LOGO_SPEC = "max-320x160|format-webp"


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

    def get_context(self, request, *args, **kwargs):
        from .filters import directory_listing, located  # .filters imports this

        context = super().get_context(request, *args, **kwargs)
        listing = directory_listing(request.GET, directory=self)
        page_obj = listing.page
        context.update(
            listing=listing,
            facet_options=listing.facet_options,
            page_obj=page_obj,
            letter_groups=group_by_letter(page_obj.object_list, "title"),
            letters=letter_index(listing, "title"),
            # Every organisation the filters select, not only this page's: the map shows them all.
            map_data=map_data(map_points(located(listing), request)),
        )
        return context


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
    other_names = models.TextField(
        "andere namen",
        blank=True,
        help_text="Eén naam per regel, bv. 'KULeuven' of 'Katholieke Universiteit Leuven'. Gebruikt om vrije tekst "
        "(organisatie op een profiel, partner, locatie) aan deze organisatie te koppelen en bij het zoeken.",
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
        FieldPanel("other_names"),
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
                # A small map: a click fills in both coordinates (organisaties/panels.py).
                LocationMapPanel(),
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
        index.SearchField("other_names"),
        index.SearchField("street_address"),
        index.SearchField("city"),
        index.SearchField("body"),
    ]

    parent_page_types = ["organisaties.OrganisatiesIndexPage"]
    subpage_types = []
    card_template = "organisaties/components/organisation_card.html"

    class Meta:
        verbose_name = "organisatie"
        verbose_name_plural = "organisaties"

    def get_context(self, request, *args, **kwargs):
        from .seo import organisation_json_ld  # .seo imports this module

        logo = None
        if self.logo_id:
            prepare_renditions([self.logo], [LOGO_SPEC])
            logo = self.logo.get_rendition(LOGO_SPEC)
        context = super().get_context(request, *args, **kwargs)
        niveaus = list(self.niveaus.all())
        context.update(
            soort=self.soort,
            net=self.net,
            niveaus=niveaus,
            logo=logo,
            # What other apps show on an organisation page (its people, projects, events).
            sections=page_sections(self, request),
            directory_page=self.get_parent() if self.pk else None,  # its title and address suffice
            map_data=map_data(map_points([self], request, link=False)),
            json_ld=organisation_json_ld(self, request, niveaus, logo),
        )
        return context

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

    @property
    def other_name_list(self):
        return [line.strip() for line in self.other_names.splitlines() if line.strip()]

    def card_preview_context(self):
        if self.logo_id:
            prepare_renditions([self.logo], [LOGO_SPEC])
        return super().card_preview_context()
