"""What the news adds to the home page and to other apps' pages (som.plugins), and its feeds."""

from som.plugins import Feed
from som.routing import site_for_request

from .filters import live_news
from .models import NieuwsIndexPage

HOME_NEWS = 3
PROJECT_NEWS = 5
PROFILE_NEWS = 3


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


def feeds(site):
    index = NieuwsIndexPage.for_site(site)
    if index is None:
        return []
    path = index.relative_url(site)
    return [
        Feed("Nieuws (RSS)", path + "feed/", "application/rss+xml"),
        Feed("Nieuws (Atom)", path + "feed/atom/", "application/atom+xml"),
    ]
