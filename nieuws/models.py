"""Nieuws: news items and the news index."""

from django.db import models
from django.utils import timezone
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from som.blocks import BodyStreamBlock
from som.models import SomPage


class NieuwsIndexPage(SomPage):
    """/nieuws/: the news index and its feeds."""

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["som.HomePage"]
    subpage_types = ["nieuws.NewsPage"]
    max_count = 1

    class Meta:
        verbose_name = "nieuwsoverzicht"


class NewsTag(TaggedItemBase):
    content_object = ParentalKey("nieuws.NewsPage", related_name="tagged_items", on_delete=models.CASCADE)


def today():
    return timezone.localdate()


class NewsPage(SomPage):
    date = models.DateField("publicatiedatum", default=today)
    author = models.CharField("auteur", max_length=200, blank=True)
    image = models.ForeignKey(
        "som.SomImage",
        verbose_name="hoofdafbeelding",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyStreamBlock(), verbose_name="inhoud", blank=True)
    tags = ClusterTaggableManager("trefwoorden", through=NewsTag, blank=True)
    werkingen = ParentalManyToManyField(
        "werkingen.WerkingPage", verbose_name="werkingen", blank=True, related_name="news_items"
    )
    projects = ParentalManyToManyField(
        "werkingen.ProjectPage", verbose_name="projecten", blank=True, related_name="news_items"
    )
    people = ParentalManyToManyField(
        "onderwijsmakers.ProfilePage", verbose_name="onderwijsmakers", blank=True, related_name="news_items"
    )
    speerpunten = ParentalManyToManyField("som.Speerpunt", verbose_name="speerpunten", blank=True, related_name="news_items")

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    details_panels = [
        FieldPanel("author"),
        FieldPanel("tags"),
        MultiFieldPanel(
            [FieldPanel("werkingen"), FieldPanel("projects"), FieldPanel("people"), FieldPanel("speerpunten")],
            heading="Over wie of wat gaat dit nieuws?",
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

    search_fields = SomPage.search_fields + [index.SearchField("body"), index.FilterField("date")]

    parent_page_types = ["nieuws.NieuwsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "nieuwsbericht"
        verbose_name_plural = "nieuwsberichten"
