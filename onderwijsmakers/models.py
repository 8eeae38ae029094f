"""Onderwijsmakers: educator profiles, who belongs to which werking and project, and who is
"in de kijker" on the home page."""

import zlib
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.db.models.signals import post_save, pre_delete
from django.dispatch import receiver
from django.utils.functional import cached_property
from django.utils.text import Truncator
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import ItemBase, TagBase
from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from som.letters import group_by_letter, letter_index
from som.models import SectionIndexPage, SomPage, editor_tabs, prepare_renditions
from som.plugins import page_sections
from werkingen.models import ProjectPage, WerkingPage

# The questions SOM asks in its interviews, offered to editors as suggestions.
INTERVIEW_QUESTIONS = [
    "Wat betekent Samen Onderwijs Maken voor jou?",
    "Wat kan er volgens jou anders in het onderwijs?",
    "Hoe kunnen we in Leuven nog meer Samen Onderwijs Maken?",
]


class InterviewAnswerBlock(blocks.StructBlock):
    question = blocks.CharBlock(
        label="Vraag",
        max_length=250,
        help_text="Suggesties: " + " · ".join(INTERVIEW_QUESTIONS),
    )
    answer = blocks.RichTextBlock(label="Antwoord", features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "help"
        label = "Vraag en antwoord"
        template = "onderwijsmakers/blocks/interview_answer.html"


class ExpertiseTag(TagBase):
    """What a person knows about (STEM, taalbeleid, leerlingenbegeleiding …): a tag of its own,
    so the profile's autocomplete offers expertise only (not the news' trefwoorden). The
    directory filters on it (`?expertise=<slug>`); the Eindredactie renames and removes them
    under Taxonomie."""

    class Meta:
        verbose_name = "expertise"
        verbose_name_plural = "expertise"
        ordering = ["name"]


class OnderwijsmakersIndexPage(SectionIndexPage):
    """/onderwijsmakers/: the directory."""

    subpage_types = ["onderwijsmakers.ProfilePage"]

    class Meta:
        verbose_name = "overzicht onderwijsmakers"

    def get_context(self, request, *args, **kwargs):
        from .filters import directory_listing  # .filters imports this module

        context = super().get_context(request, *args, **kwargs)
        listing = directory_listing(request.GET, directory=self)
        page_obj = listing.page
        profiles = prepare_organisations(list(page_obj.object_list))
        context.update(
            listing=listing,
            facet_options=listing.facet_options,
            page_obj=page_obj,
            letter_groups=group_by_letter(profiles, "family_name"),
            letters=letter_index(listing, "family_name"),
        )
        return context


class ProfilePage(SomPage):
    first_name = models.CharField("voornaam", max_length=100)
    family_name = models.CharField(
        "familienaam",
        max_length=150,
        help_text="Om op te sorteren, bv. 'De Hondt' voor Aron De Hondt.",
    )
    role = models.CharField("functie", max_length=200, blank=True, help_text="Bijvoorbeeld: Coördinator High Tech Lab")
    organisation_page = models.ForeignKey(
        "organisaties.OrganisationPage",
        verbose_name="organisatie",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="profiles",
        help_text="De school of organisatie uit de lijst van organisaties.",
    )
    organisation = models.CharField(
        "organisatie (vrije tekst)",
        max_length=200,
        blank=True,
        help_text="Alleen als de organisatie niet in de lijst staat.",
    )
    photo = models.ForeignKey(
        "som.SomImage",
        verbose_name="foto",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Zonder foto tonen we de initialen.",
    )
    quote = models.TextField("citaat", blank=True, help_text="Een uitspraak uit het interview, groot getoond.")
    interview = StreamField(
        [("answer", InterviewAnswerBlock())],
        verbose_name="interview",
        blank=True,
    )
    expertise = ClusterTaggableManager(
        "expertise",
        through="onderwijsmakers.ProfileExpertise",
        blank=True,
        help_text="Kies bestaande expertise waar het kan (typ en kies uit de lijst): zo vinden bezoekers "
        "iedereen met dezelfde expertise in de gids.",
    )
    # The expertise's names, kept with the page (save) so the directory's text search finds them
    # without a join that would repeat rows (som.listing searches with icontains per field).
    expertise_names = models.TextField(editable=False, blank=True, default="")
    contact_about = models.TextField(
        "Waarvoor mag je mij contacteren?",
        blank=True,
        help_text="In eigen woorden: waarover collega's deze persoon mogen aanspreken.",
    )
    example_texts = models.BooleanField(
        "voorbeeldteksten",
        default=False,
        help_text="Aangevinkt: het interview en 'Waarvoor mag je mij contacteren?' zijn voorbeeldteksten van de "
        "redactie, geen woorden van deze persoon. Bezoekers zien bij elk antwoord 'Voorbeeldantwoord'. "
        "Vink uit zodra de echte antwoorden er staan.",
    )
    niveaus = ParentalManyToManyField(
        "som.Onderwijsniveau", verbose_name="onderwijsniveaus", blank=True, related_name="profiles"
    )
    net = models.ForeignKey(
        "som.Onderwijsnet",
        verbose_name="onderwijsnet",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="profiles",
    )
    email = models.EmailField("e-mailadres", blank=True)
    phone = models.CharField("telefoon", max_length=40, blank=True)
    show_contact = models.BooleanField(
        "contactgegevens tonen",
        default=False,
        help_text="Alleen aanvinken als deze persoon toestemming gaf om e-mail en telefoon te tonen.",
    )

    content_panels = [
        FieldRowPanel([FieldPanel("first_name"), FieldPanel("family_name")], heading="Naam"),
        FieldPanel("title", help_text="Volledige naam zoals getoond, bv. 'Kobe Vaes'."),
        FieldPanel("role"),
        FieldRowPanel([FieldPanel("organisation_page"), FieldPanel("organisation")]),
        FieldPanel("photo"),
        FieldPanel("intro"),
        FieldPanel("quote"),
        FieldPanel("interview"),
        FieldPanel("expertise"),
        FieldPanel("contact_about"),
        FieldPanel("example_texts"),
    ]
    details_panels = [
        FieldPanel("niveaus", widget=forms.CheckboxSelectMultiple),
        FieldPanel("net"),
        InlinePanel("memberships", label="werking", heading="Werkingen"),
        InlinePanel("project_roles", label="project", heading="Projecten"),
        InlinePanel("links", label="link", heading="Links"),
        MultiFieldPanel(
            [FieldPanel("show_contact"), FieldPanel("email"), FieldPanel("phone")],
            heading="Contactgegevens",
        ),
    ]
    edit_handler = editor_tabs(content_panels, details_panels)

    search_fields = SomPage.search_fields + [
        index.SearchField("role"),
        index.SearchField("organisation"),
        index.SearchField("contact_about"),
        index.SearchField("expertise_names"),
        index.SearchField("quote"),
        index.FilterField("family_name"),
    ]

    parent_page_types = ["onderwijsmakers.OnderwijsmakersIndexPage"]
    subpage_types = []
    card_template = "onderwijsmakers/components/profile_card.html"

    class Meta:
        verbose_name = "onderwijsmaker"
        verbose_name_plural = "onderwijsmakers"
        # The directory's order (family name, first name, case-insensitive).
        indexes = [models.Index(Lower("family_name"), Lower("first_name"), "page_ptr", name="profile_name_idx")]

    def save(self, *args, **kwargs):
        self.expertise_names = ", ".join(sorted((tag.name for tag in self.expertise.all()), key=str.lower))
        return super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from . import seo  # .seo imports this module
        from .filters import AVATAR_SPEC  # .filters imports this module

        context = super().get_context(request, *args, **kwargs)
        # The photo with the rendition the avatar shows (onderwijsmakers/components/avatar.html).
        if self.photo_id:
            prepare_renditions([self.photo], [AVATAR_SPEC])
        others = self.other_profiles(self.visible_memberships)
        prepare_organisations([self, *others])
        # What other apps show on a profile (the news about the person): som.plugins.PageSection.
        sections = page_sections(self, request)
        contact = self.public_contact
        profile_links = list(self.links.all())
        memberships, project_roles = self.visible_memberships, self.visible_project_roles
        expertise = self.expertise_tags
        directory_page = self.get_parent() if self.pk else None  # its title and address suffice
        directory_url = directory_page.get_url(request) if directory_page else ""
        context.update(
            memberships=memberships,
            project_roles=project_roles,
            profile_links=profile_links,
            niveaus=list(self.niveaus.all()),
            net=self.net,
            contact=contact,
            sections=sections,
            organisation_page=self.shown_organisation,
            # Each expertise leads to everyone who has it (the directory's facet).
            expertise_tags=[
                {"name": tag.name, "url": f"{directory_url}?{urlencode({'expertise': tag.slug})}"} for tag in expertise
            ],
            has_story=bool(self.quote or self.interview or expertise or self.contact_about or sections),
            has_sidebar=bool(memberships or project_roles or contact or profile_links or self.shown_organisation),
            directory_page=directory_page,
            other_profiles=others,
            # base.html writes page.meta_description (a cached property): read here, as templates never query.
            meta_description=self.meta_description,
            person_jsonld=seo.person_json_ld(self, request),
        )
        return context

    @cached_property
    def visible_memberships(self):
        """The person's werkingen a visitor may see (live, public)."""
        visible = WerkingPage.objects.live().public().values("pk")
        return list(self.memberships.filter(werking__in=visible).select_related("werking"))

    @cached_property
    def visible_project_roles(self):
        """The person's projects a visitor may see, asked of the database: reading every visible
        project's id took 35 ms at 20,000 projects."""
        visible = ProjectPage.objects.live().public().values("pk")
        return list(self.project_roles.filter(project__in=visible).select_related("project"))

    @cached_property
    def expertise_tags(self):
        return sorted(self.expertise.all(), key=lambda tag: tag.name.lower())

    @cached_property
    def meta_description(self):
        """The editors' description or intro; without one, a sentence from the facts: "Jan Elen is
        voorzitter bij Samen Onderwijs Maken. Actief in de SOM-raad …"."""
        written = super().meta_description
        if written:
            return written
        return Truncator(
            describe(
                self.title,
                self.role,
                self.organisation_name,
                [m.werking.title for m in self.visible_memberships],
                [tag.name for tag in self.expertise_tags],
            )
        ).chars(160)

    def other_profiles(self, memberships, limit=3):
        """A few colleagues: first people from the same werkingen, then the next names."""
        from .filters import ORDER, profiles_queryset  # .filters imports this module

        if not self.pk:
            return []
        others = profiles_queryset(self.get_parent()).exclude(pk=self.pk)
        werking_ids = {m.werking_id for m in memberships}
        chosen = []
        if werking_ids:
            colleague_ids = others.filter(memberships__werking__in=werking_ids).values("pk")
            chosen = list(others.filter(pk__in=colleague_ids).order_by(*ORDER)[:limit])
        if len(chosen) < limit:
            rest = others.exclude(pk__in=[p.pk for p in chosen]).order_by(*ORDER)
            chosen += list(rest[: limit - len(chosen)])
        return chosen

    @property
    def public_contact(self):
        """The contact details a visitor may see, or None without the person's consent.
        The e-mail address is never printed as such: see obfuscate_email."""
        if not self.show_contact or not (self.email or self.phone):
            return None
        return {
            "email": obfuscate_email(self.email) if self.email else None,
            "phone": self.phone,
            "phone_href": "".join(c for c in self.phone if c.isdigit() or c == "+"),
        }

    @property
    def initials(self):
        parts = [self.first_name, *self.family_name.split()]
        letters = [p[0] for p in parts if p and p[0].isupper()]
        return "".join(letters[:1] + letters[-1:]) or self.title[:1].upper()

    @property
    def avatar_tint(self):
        """One of the avatar colours (static/css/site.css, .avatar--tint-N), the same for a name
        every time: people without a photo do not all look alike."""
        return zlib.crc32(f"{self.first_name} {self.family_name}".encode()) % AVATAR_TINTS

    @property
    def shown_organisation(self):
        """The organisation page a visitor may see, as prepare_organisations found it (None when
        not prepared, not linked or not visible): templates never query."""
        return self.__dict__.get("_shown_organisation")

    @property
    def organisation_name(self):
        """The organisation as shown: the linked organisation's name, else the free text."""
        organisation = self.shown_organisation
        return organisation.title if organisation is not None else self.organisation

    @property
    def organisation_line(self):
        """The organisation beside the function on a card, unless the function names it already
        ("Coördinator High Tech Lab" at High Tech Lab)."""
        name = self.organisation_name
        return "" if name and name.lower() in self.role.lower() else name

    @property
    def role_line(self):
        return ", ".join(part for part in (self.role, self.organisation_line) if part)


# How many colours the initials avatar chooses from (static/css/site.css: .avatar--tint-0 …).
AVATAR_TINTS = 8


def prepare_organisations(profiles):
    """Read, for all `profiles` at once, which linked organisation a visitor may see (live, public;
    two queries, none without links): `shown_organisation` and `organisation_name` then need no
    query. A draft or private organisation shows as the free text, if any."""
    from organisaties.models import OrganisationPage

    ids = {profile.organisation_page_id for profile in profiles if profile.organisation_page_id}
    visible = {}
    if ids:
        visible = {o.pk: o for o in OrganisationPage.objects.live().public().filter(pk__in=ids).defer_streamfields()}
    for profile in profiles:
        profile._shown_organisation = visible.get(profile.organisation_page_id)
    return profiles


def lower_first(text):
    """ "Directeur" → "directeur" in a sentence, but "KU Leuven-docent" and "CLB-medewerker" stay."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def join_words(words):
    """["a", "b", "c"] → "a, b en c"."""
    words = list(words)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " en " + words[-1]


def describe(name, role, organisation, werkingen, expertise):
    """A description of a person from the facts on the profile, in Dutch sentences."""
    role = lower_first(role.strip())
    if role and organisation and organisation.lower() not in role.lower():
        sentences = [f"{name} is {role} bij {organisation}."]
    elif role:
        sentences = [f"{name} is {role}."]
    elif organisation:
        sentences = [f"{name} werkt bij {organisation}."]
    else:
        sentences = [f"{name} is onderwijsmaker in Leuven."]
    if werkingen:
        noun = "de werking" if len(werkingen) == 1 else "de werkingen"
        sentences.append(f"Actief in {noun} {join_words(werkingen)} van Samen Onderwijs Maken.")
    if expertise:
        sentences.append(f"Expertise: {join_words([lower_first(name) for name in expertise])}.")
    return " ".join(sentences)


def obfuscate_email(address):
    """An e-mail address in pieces that scrapers do not recognise: both halves reversed (for
    the script that builds the link) and a readable text for visitors without JavaScript,
    "naam [at] domein [punt] be"."""
    local, _, domain = address.strip().rpartition("@")
    return {
        "user_reversed": local[::-1],
        "domain_reversed": domain[::-1],
        "readable": f"{local} [at] {domain.replace('.', ' [punt] ')}",
    }


class Membership(Orderable):
    """A person's place in a werking (voorzitter, lid, kerngroep …). Edited on the profile,
    shown on the profile and on the werking page."""

    profile = ParentalKey(ProfilePage, related_name="memberships", on_delete=models.CASCADE)
    werking = models.ForeignKey(
        "werkingen.WerkingPage", verbose_name="werking", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField("rol", max_length=100, blank=True, help_text="Bijvoorbeeld: voorzitter, lid, kerngroep")

    panels = [FieldPanel("werking"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = "lidmaatschap"
        verbose_name_plural = "lidmaatschappen"


class ProjectRole(Orderable):
    """A person's part in a project. Edited on the profile, shown on both pages."""

    class Kind(models.TextChoices):
        CONTACT = "contact", "contactpersoon"
        TEAM = "team", "teamlid"

    profile = ParentalKey(ProfilePage, related_name="project_roles", on_delete=models.CASCADE)
    project = models.ForeignKey(
        "werkingen.ProjectPage", verbose_name="project", on_delete=models.CASCADE, related_name="people"
    )
    kind = models.CharField("rol", max_length=20, choices=Kind.choices, default=Kind.TEAM)

    panels = [FieldPanel("project"), FieldPanel("kind")]

    class Meta(Orderable.Meta):
        verbose_name = "rol in een project"
        verbose_name_plural = "rollen in projecten"


class ProfileExpertise(ItemBase):
    """A profile's expertise (the taggit through model, as nieuws.NewsTag, with a tag model of its own)."""

    tag = models.ForeignKey(ExpertiseTag, related_name="tagged_profiles", on_delete=models.CASCADE)
    content_object = ParentalKey(ProfilePage, related_name="tagged_expertise", on_delete=models.CASCADE)


@receiver(post_save, sender=ExpertiseTag)
@receiver(pre_delete, sender=ExpertiseTag)
def refresh_expertise_names(sender, instance, signal, created=False, **kwargs):
    """A renamed or removed expertise: the names the directory searches (ProfilePage.expertise_names)
    follow on every profile that has it, live or not."""
    if created:
        return
    ids = list(ProfileExpertise.objects.filter(tag=instance).values_list("content_object_id", flat=True))
    removed = instance.pk if signal is pre_delete else None
    for profile_id in ids:
        names = (
            ExpertiseTag.objects.filter(tagged_profiles__content_object_id=profile_id)
            .exclude(pk=removed)
            .order_by(Lower("name"))
            .values_list("name", flat=True)
        )
        ProfilePage.objects.filter(pk=profile_id).update(expertise_names=", ".join(names))


class ProfileLink(Orderable):
    profile = ParentalKey(ProfilePage, related_name="links", on_delete=models.CASCADE)
    label = models.CharField("tekst", max_length=100)
    url = models.URLField("adres")

    panels = [FieldPanel("label"), FieldPanel("url")]


class Spotlight(models.Model):
    """ "Onderwijsmaker in de kijker": who is featured on the home page, from when to when."""

    profile = models.ForeignKey(
        ProfilePage, verbose_name="onderwijsmaker", on_delete=models.CASCADE, related_name="spotlights"
    )
    starts_on = models.DateField("in de kijker vanaf")
    ends_on = models.DateField(
        "tot en met",
        null=True,
        blank=True,
        help_text="Laat leeg om in de kijker te blijven tot iemand anders gekozen wordt.",
    )

    panels = [FieldPanel("profile"), FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")])]

    class Meta:
        verbose_name = "onderwijsmaker in de kijker"
        verbose_name_plural = "onderwijsmakers in de kijker"
        ordering = ["-starts_on"]

    def __str__(self):
        return f"{self.profile.title} (vanaf {self.starts_on:%d-%m-%Y})"

    def clean(self):
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "De einddatum ligt vóór de begindatum."})
