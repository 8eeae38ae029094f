"""Onderwijsmakers: educator profiles, who belongs to which werking and project, and who is
"in de kijker" on the home page."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from som.models import SomPage

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


class OnderwijsmakersIndexPage(SomPage):
    """/onderwijsmakers/: the directory."""

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["som.HomePage"]
    subpage_types = ["onderwijsmakers.ProfilePage"]
    max_count = 1

    class Meta:
        verbose_name = "overzicht onderwijsmakers"


class ProfilePage(SomPage):
    first_name = models.CharField("voornaam", max_length=100)
    family_name = models.CharField(
        "familienaam",
        max_length=150,
        help_text="Om op te sorteren, bv. 'De Hondt' voor Aron De Hondt.",
    )
    role = models.CharField("functie", max_length=200, blank=True, help_text="Bijvoorbeeld: Coördinator High Tech Lab")
    organisation = models.CharField("organisatie", max_length=200, blank=True)
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
    expertise = models.TextField(
        "Waarvoor mag je mij contacteren?",
        blank=True,
        help_text="Expertise en onderwerpen waarover collega's deze persoon mogen aanspreken.",
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
        FieldRowPanel([FieldPanel("role"), FieldPanel("organisation")]),
        FieldPanel("photo"),
        FieldPanel("intro"),
        FieldPanel("quote"),
        FieldPanel("interview"),
        FieldPanel("expertise"),
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
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Inhoud"),
            ObjectList(details_panels, heading="Details"),
            ObjectList(Page.promote_panels, heading="Promotie"),
            ObjectList(Page.settings_panels, heading="Instellingen"),
        ]
    )

    search_fields = SomPage.search_fields + [
        index.SearchField("role"),
        index.SearchField("organisation"),
        index.SearchField("expertise"),
        index.SearchField("quote"),
        index.FilterField("family_name"),
    ]

    parent_page_types = ["onderwijsmakers.OnderwijsmakersIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "onderwijsmaker"
        verbose_name_plural = "onderwijsmakers"

    @property
    def initials(self):
        parts = [self.first_name, *self.family_name.split()]
        letters = [p[0] for p in parts if p and p[0].isupper()]
        return "".join(letters[:1] + letters[-1:]) or self.title[:1].upper()

    @property
    def role_line(self):
        return ", ".join(part for part in (self.role, self.organisation) if part)


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


class ProfileLink(Orderable):
    profile = ParentalKey(ProfilePage, related_name="links", on_delete=models.CASCADE)
    label = models.CharField("tekst", max_length=100)
    url = models.URLField("adres")

    panels = [FieldPanel("label"), FieldPanel("url")]


class Spotlight(models.Model):
    """"Onderwijsmaker in de kijker": who is featured on the home page, from when to when."""

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
