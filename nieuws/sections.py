"""What the news adds to the home page and to other apps' pages (som.plugins), and its feeds."""

from django.http import QueryDict

from som.plugins import Feed
from som.routing import site_for_request

from .filters import live_news
from .models import NieuwsIndexPage

HOME_NEWS = 3
PROJECT_NEWS = 5
PROFILE_NEWS = 3
EVENT_NEWS = 5
WERKING_NEWS = 3


def latest_section(request):
    items = list(live_news().newest_first()[:HOME_NEWS])
    if not items:
        return None
    return {"items": items, "index_page": NieuwsIndexPage.for_site(site_for_request(request))}


def _about(page):
    return page.news_items.live().public().defer_streamfields().newest_first()


def project_news_section(project, request):
    # Cards, as on the news index (live_news): each image comes with its renditions.
    items = list(_about(project).select_related("image").prefetch_related("image__renditions")[:PROJECT_NEWS])
    return {"items": items} if items else None


def profile_news_section(profile, request):
    items = list(_about(profile)[:PROFILE_NEWS])  # titles and dates only
    return {"items": items} if items else None


def event_news_section(event, request):
    """ "Nieuws over deze activiteit" on an event page: the news items that name the event."""
    items = list(_about(event)[:EVENT_NEWS])  # titles and dates only
    return {"items": items} if items else None


def werking_news_section(werking, request):
    """A werking's latest news on its page (its hub), with the news index and the RSS feed
    filtered on the werking; left out while the werking has no news."""
    items = list(_about(werking).select_related("image").prefetch_related("image__renditions")[:WERKING_NEWS])
    if not items:
        return None
    index = NieuwsIndexPage.for_site(site_for_request(request))
    query = QueryDict(mutable=True)
    query["werking"] = werking.kind  # the news listing's werking filter (nieuws.filters)
    url = index.get_url(request=request) if index else None
    return {
        "items": items,
        "index_url": f"{url}?{query.urlencode()}" if url else "",
        "feed_url": f"{url}feed/?{query.urlencode()}" if url else "",
    }


def feeds(site):
    index = NieuwsIndexPage.for_site(site)
    if index is None:
        return []
    path = index.relative_url(site)
    return [
        Feed("Nieuws (RSS)", path + "feed/", "application/rss+xml"),
        Feed("Nieuws (Atom)", path + "feed/atom/", "application/atom+xml"),
    ]
