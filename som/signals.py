"""What counts as a change for the page cache (som.page_cache), and what a CDN in front of
the site must drop when a page changes."""

from functools import cache

from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.images.models import AbstractRendition
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .feeds import site_feeds
from .page_cache import bump_content_version
from .plugins import plugins
from .sitemap import sitemap_paths

# Besides pages and the apps that say so (som.plugins: Plugin.shows_on_site): the kernel's
# taxonomy and settings, redirects, tags and images.
SHARED_CONTENT_APPS = {"som", "wagtailredirects", "taggit", "wagtailimages"}


@cache
def content_apps():
    return SHARED_CONTENT_APPS | {installed.app_label for installed in plugins() if installed.plugin.shows_on_site}


def _shows_on_the_site(model):
    if issubclass(model, AbstractRendition):
        return False  # made while rendering; not a change
    # A site's hostname or root page is in every address (and som.routing caches the sites).
    return issubclass(model, (Page, PageViewRestriction, Site)) or model._meta.app_label in content_apps()


def _bump_now_and_on_commit():
    """Bump at once, and again when the transaction commits: a request that rendered the old
    rows between the first bump and the commit could otherwise cache them under the new version."""
    bump_content_version()
    transaction.on_commit(bump_content_version)


# The columns Wagtail writes when an editor saves a draft, locks a page or comments on it:
# nothing a visitor sees. Publishing goes through page_published, unpublishing through
# page_unpublished (both below).
DRAFT_ONLY_FIELDS = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
        "wagtail_admin_comments",
        "numchild",
    }
)


def _visible_page_save(instance, update_fields):
    """Whether saving this page row can change what visitors see: a draft save cannot, and
    neither can saving a page that is not live (only publishing makes it visible)."""
    if update_fields is not None and set(update_fields) <= DRAFT_ONLY_FIELDS:
        return False
    return bool(instance.live)


def content_changed(sender, instance=None, update_fields=None, **kwargs):
    if not _shows_on_the_site(sender):
        return
    if (
        kwargs.get("signal") is post_save
        and isinstance(instance, Page)
        and not _visible_page_save(instance, update_fields)
    ):
        return
    _bump_now_and_on_commit()


def page_changed(sender, instance=None, **kwargs):
    _bump_now_and_on_commit()
    if instance is not None:
        transaction.on_commit(lambda: purge_for_change(instance))


def purge_for_change(page):
    """Tell a CDN (if one is configured) to drop what a changed page shows on: the page, its
    ancestors (overviews, the home page), the feeds and the sitemap."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    # Only installed when a CDN is configured (som/settings/base.py).
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    page = page.specific
    site = page.get_site()
    if site is None:
        return
    urls = {page.full_url} if page.full_url else set()
    urls |= {ancestor.full_url for ancestor in page.get_ancestors().filter(depth__gt=1) if ancestor.full_url}
    urls |= {site.root_url + feed.path for feed in site_feeds(site)}
    urls |= {site.root_url + path for path in sitemap_paths()}
    purge_urls_from_cache(sorted(urls))


def connect():
    for signal in (post_save, post_delete):
        signal.connect(content_changed, dispatch_uid=f"som-page-cache-{signal}")
    m2m_changed.connect(content_changed, dispatch_uid="som-page-cache-m2m")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(page_changed, dispatch_uid=f"som-page-cache-{id(signal)}")
