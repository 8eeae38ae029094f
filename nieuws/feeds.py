"""RSS 2.0 (/nieuws/feed/) and Atom (/nieuws/feed/atom/) through Django's syndication
framework. Only live, public items; the same `werking`, `jaar` and `trefwoord` filters as the index
(nieuws.filters). Links are absolute (built from the request), dates carry the time zone,
the intro is the summary and the lead image is the enclosure."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed

from som.models import SiteSettings

from . import seo
from .filters import news_listing

FEED_SIZE = 20


class NewsRssFeed(Feed):
    feed_type = Rss201rev2Feed
    language = "nl-BE"

    def __init__(self, index):
        super().__init__()
        self.index = index

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.index

    def title(self, index):
        name = SiteSettings.for_request(self.request).organisation_name
        return f"{index.title} – {name}"

    def author_name(self, index):
        return SiteSettings.for_request(self.request).organisation_name

    def description(self, index):
        return index.intro or index.title

    def link(self, index):
        return seo.absolute(self.request, index.get_url(request=self.request))

    def feed_url(self, index):
        return self.request.build_absolute_uri(self.request.path)

    def items(self, index):
        listing = news_listing(self.request.GET, index=index)
        return list(listing.results[:FEED_SIZE])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro

    def item_link(self, item):
        return seo.absolute(self.request, item.get_url(request=self.request))

    def item_guid(self, item):
        return self.item_link(item)

    item_guid_is_permalink = True

    def item_pubdate(self, item):
        return seo.published_at(item)

    def item_updateddate(self, item):
        return seo.modified_at(item)

    def item_author_name(self, item):
        return item.author or None

    def item_categories(self, item):
        return [tagged.tag.name for tagged in item.tagged_items.all()]

    def item_enclosures(self, item):
        rendition = seo.share_rendition(item)
        if rendition is None:
            return []
        url = seo.absolute(self.request, rendition.url)
        return [Enclosure(url, str(rendition.file.size), seo.SHARE_MIME_TYPE)]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, index):
        return self.description(index)
