"""A shared page cache that is never stale.

Anonymous GET responses of public pages (filtered URLs included) are kept in Django's cache
(Redis in production, shared by every app server). Every key carries the site's *content
version*; any change that could show anywhere — publishing, unpublishing, moving or deleting a
page, editing a snippet, a setting, an image or a redirect — bumps that version, so every cached
page (its own page, its parents, the home page, overviews, feeds, ICS and the sitemap) is
refreshed at once. Editors (anyone with a session cookie), previews, the admin and non-GET
requests always bypass it. With a CDN in front, `purge_for_change` purges the same set of URLs
through Wagtail's front-end cache invalidation (configured by WAGTAILFRONTENDCACHE_* in the
environment).
"""

import hashlib
import uuid

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import patch_cache_control

VERSION_KEY = "som:content-version"
BYPASS_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/.well-known/")
TIMEOUT = 300  # seconds; time-dependent listings ("upcoming") refresh at least this often


def _new_version():
    # Random, not a counter: after Redis loses its data a counter would start again at 1 and
    # could meet pages cached under the same number before the loss.
    return uuid.uuid4().hex


def content_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, _new_version(), timeout=None)
        version = cache.get(VERSION_KEY) or "geen-cache"
    return version


def bump_content_version(**_kwargs):
    cache.set(VERSION_KEY, _new_version(), timeout=None)


def _key(request, version):
    raw = f"{request.get_host()}|{request.get_full_path()}"
    return f"som:page:{version}:{hashlib.sha256(raw.encode()).hexdigest()}"


def _cacheable_request(request):
    return (
        getattr(settings, "PAGE_CACHE_ENABLED", False)
        and request.method in ("GET", "HEAD")
        and not request.path.startswith(BYPASS_PREFIXES)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES  # editors, logged-in users
        and "preview" not in request.GET
    )


def _cacheable_response(response):
    if response.status_code != 200 or response.cookies or response.streaming:
        return False
    if "Cookie" in response.get("Vary", "") or "private" in response.get("Cache-Control", ""):
        return False  # e.g. a form with a CSRF token, or a page behind a password
    return True


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request, content_version())
        cached = cache.get(key)
        if cached is not None:
            cached["X-Cache"] = "HIT"
            return cached
        response = self.get_response(request)
        if _cacheable_response(response):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            patch_cache_control(response, public=True, max_age=0, s_maxage=60, must_revalidate=True)
            cache.set(key, response, TIMEOUT)
            response["X-Cache"] = "MISS"
        return response


def purge_for_change(page):
    """Tell a CDN (if one is configured) to drop what a changed page shows on: the page, its
    ancestors (overviews, the home page), the feeds, the ICS and the sitemap."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    page = page.specific
    site_root = page.get_site()
    if site_root is None:
        return
    root_url = site_root.root_url
    urls = {page.full_url} if page.full_url else set()
    urls |= {ancestor.full_url for ancestor in page.get_ancestors().filter(depth__gt=1) if ancestor.full_url}
    urls |= {root_url + path for path in ("/nieuws/feed/", "/nieuws/feed/atom/", "/kalender/agenda.ics", "/sitemap.xml")}
    purge_urls_from_cache(sorted(urls))


def cached(name, compute):
    """A value derived from content, cached until the content changes (one version)."""
    key = f"som:{name}:{content_version()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT * 12)
    return value


def restricted_paths():
    """Tree paths of the pages with a view restriction (they and their descendants are private)."""
    from wagtail.models import PageViewRestriction

    return cached("restricted-paths", lambda: list(PageViewRestriction.objects.values_list("page__path", flat=True)))
