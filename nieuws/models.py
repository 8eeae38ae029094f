"""Nieuws: news items and the news index."""

from django.db import models
from django.http import HttpResponsePermanentRedirect, QueryDict
from django.utils import timezone
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from som.blocks import BodyStreamBlock
from som.models import LeadImageMixin, SectionIndexPage, SomPage, editor_tabs
from som.plugins import page_sections
from som.visibility import is_visible

from . import seo


class NieuwsIndexPage(RoutablePageMixin, SectionIndexPage):
    """/nieuws/: the news index (newest first, filters, pagination) and its feeds at
    /nieuws/feed/ (RSS 2.0) and /nieuws/feed/atom/ (Atom)."""

    subpage_types = ["nieuws.NewsPage"]

    class Meta:
        verbose_name = "nieuwsoverzicht"

    def serve(self, request, *args, **kwargs):
        from .filters import renamed_query  # .filters imports this module

        # An old link (?tag=…, the trefwoord filter's former name), to the index or a feed:
        # permanently to the same selection under the new name, so readers, feed readers and
        # search engines move on to one address.
        query = renamed_query(request.GET)
        if query is not None:
            return HttpResponsePermanentRedirect(f"{request.path}?{query}")
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from .filters import news_listing  # .filters imports this module

        context = super().get_context(request, *args, **kwargs)
        listing = news_listing(request.GET, index=self)
        page_obj = listing.page
        # The feeds take the same filters: "follow this selection" keeps the valid ones.
        feed_params = QueryDict(mutable=True)
        for facet, option in listing.active:
            feed_params.appendlist(facet.param, option.slug)
        context.update(
            listing=listing,
            facet_options=listing.facet_options,
            page_obj=page_obj,
            items=list(page_obj.object_list),
            feed_query=f"?{feed_params.urlencode()}" if feed_params else "",
            # What other apps show on the news index (subscribing …): som.plugins.PageSection.
            sections=page_sections(self, request),
        )
        return context

    @path("feed/", name="rss")
    def rss_feed(self, request):
        from .feeds import NewsRssFeed  # .feeds imports .filters, which imports this module

        return NewsRssFeed(self)(request)

    @path("feed/atom/", name="atom")
    def atom_feed(self, request):
        from .feeds import NewsAtomFeed  # .feeds imports .filters, which imports this module

        return NewsAtomFeed(self)(request)


class NewsTag(TaggedItemBase):
    content_object = ParentalKey("nieuws.NewsPage", related_name="tagged_items", on_delete=models.CASCADE)


def visible(related, *ordering):
    """The live, public pages among a page's relations, in order. In a preview the relations
    are an in-memory list (no .live()); then only the published ones are shown."""
    if hasattr(related, "live"):
        return list(related.live().public().order_by(*ordering))
    return [page for page in related if is_visible(page)]


def today():
    return timezone.localdate()


class NewsQuerySet(PageQuerySet):
    def newest_first(self):
        """By publication date, the newest first (and in a stable order on the same day)."""
        return self.order_by("-date", "-pk")


class NewsPage(LeadImageMixin, SomPage):
    date = models.DateField("publicatiedatum", default=today)
    author = models.CharField("auteur", max_length=200, blank=True)
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
    # The activities the item is about (the charter signing and the news about it); the event
    # page lists its news through nieuws.sections (nieuws may use kalender, not the other way).
    events = ParentalManyToManyField(
        "kalender.EventPage", verbose_name="activiteiten", blank=True, related_name="news_items"
    )
    speerpunten = ParentalManyToManyField(
        "som.Speerpunt", verbose_name="speerpunten", blank=True, related_name="news_items"
    )

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
            [
                FieldPanel("werkingen"),
                FieldPanel("projects"),
                FieldPanel("events"),
                FieldPanel("people"),
                FieldPanel("speerpunten"),
            ],
            heading="Over wie of wat gaat dit nieuws?",
        ),
    ]
    edit_handler = editor_tabs(content_panels, details_panels)

    search_fields = SomPage.search_fields + [index.SearchField("body"), index.FilterField("date")]

    objects = PageManager.from_queryset(NewsQuerySet)()

    parent_page_types = ["nieuws.NieuwsIndexPage"]
    subpage_types = []
    card_template = "nieuws/components/news_card.html"

    class Meta:
        verbose_name = "nieuwsbericht"
        verbose_name_plural = "nieuwsberichten"
        # Newest first everywhere: read in this order, not sorted.
        indexes = [models.Index(fields=["date", "page_ptr"], name="news_date_idx")]

    def get_context(self, request, *args, **kwargs):

        context = super().get_context(request, *args, **kwargs)  # with the share image (SomPage)
        parent = self.get_parent()
        context.update(
            index_url=parent.get_url(request=request) if parent else "",
            published_at=seo.published_at(self),
            modified_at=seo.modified_at(self),
            tags=list(self.tags.all()),
            speerpunten=list(self.speerpunten.all()),
            related_werkingen=visible(self.werkingen.all(), "path"),
            related_projects=visible(self.projects.all(), "title"),
            related_events=visible(self.events.all(), "start", "pk"),
            related_people=visible(self.people.all(), "family_name", "first_name"),
            json_ld=seo.news_json_ld(self, request, context["share_image_url"]),
        )
        return context
