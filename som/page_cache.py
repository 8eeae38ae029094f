"""A shared page cache that is never stale.

Anonymous GET responses of public pages (filtered URLs included) are kept in Django's cache
(Redis in production, shared by every app server). Every key carries the site's *content
version*; any change that could show anywhere — publishing, unpublishing, moving or deleting a
page, editing a snippet, a setting, an image or a redirect — bumps that version, so every cached
page (its own page, its parents, the home page, overviews, feeds, ICS and the sitemap) is
refreshed at once. Editors (anyone with a session cookie), previews, the admin and non-GET
requests always bypass it. With a CDN in front, som.signals.purge_for_change purges the same
set of URLs through Wagtail's front-end cache invalidation (configured by
WAGTAILFRONTENDCACHE_* in the environment).
"""

import hashlib
import logging
import threading
import time
import uuid
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db.models import Min
from django.http import HttpResponse
from django.http.request import split_domain_port
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from wagtail.models import Page

logger = logging.getLogger(__name__)

VERSION_KEY = "som:content-version"
NO_CACHE = "geen-cache"  # the version while the cache cannot keep one (Redis away)
# (version, timestamp or None): when the content of that version changes by itself, because a
# live page reaches its expiry time (Wagtail unpublishes it only when publish_scheduled runs).
NEXT_CHANGE_KEY = "som:next-change"
BYPASS_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/.well-known/", "/static/", "/media/")
TIMEOUT = 300  # seconds; time-dependent listings ("upcoming") refresh at least this often


def _new_version():
    # Random, not a counter: after Redis loses its data a counter would start again at 1 and
    # could meet pages cached under the same number before the loss.
    return uuid.uuid4().hex


def _ensure_version(version):
    if version is None:
        cache.add(VERSION_KEY, _new_version(), timeout=None)
        version = cache.get(VERSION_KEY) or NO_CACHE
    return version


def content_version():
    return _ensure_version(cache.get(VERSION_KEY))


class Read(NamedTuple):
    version: str  # the current content version
    entry: tuple | None  # the entry under the key, if it was stored for that version
    knows_next_change: bool  # whether the version's next change by itself is on record


def _versioned_get(key):
    """The current content version and the entry under `key` if it was stored for that version,
    in one round trip. Entries are tuples whose first item is their version. A version whose
    next change by itself (a page expiring) has come is over: it is bumped here."""
    try:
        found = cache.get_many([VERSION_KEY, NEXT_CHANGE_KEY, key])
    except Exception as error:
        # An entry that cannot be unpickled (stored by older code before a deployment) is a
        # miss, to be overwritten, never a broken site. Redis being down is handled below this.
        logger.warning("Onleesbare cache-waarde %s genegeerd: %r", key, error)
        found = {}
    version = _ensure_version(found.get(VERSION_KEY))
    next_change = found.get(NEXT_CHANGE_KEY)
    knows_next_change = next_change is not None and next_change[0] == version
    if knows_next_change and next_change[1] is not None and next_change[1] <= time.time():
        return Read(bump_content_version(), None, False)
    entry = found.get(key)
    return Read(version, entry if entry is not None and entry[0] == version else None, knows_next_change)


def _next_expiry():
    """When the first live page expires (a timestamp), or None."""
    first = Page.objects.filter(live=True, expire_at__gt=timezone.now()).aggregate(first=Min("expire_at"))["first"]
    return first.timestamp() if first else None


def _store(key, read, entry, timeout):
    """Keep `entry` (a tuple starting with read.version) under `key`. The first store of a
    version notes when that version's content changes by itself."""
    if not read.knows_next_change and read.version != NO_CACHE:
        cache.set(NEXT_CHANGE_KEY, (read.version, _next_expiry()), timeout=None)
    cache.set(key, entry, timeout)


def bump_content_version(**_kwargs):
    """Start a new content version (every cached page and value is then a miss); returns it."""
    version = _new_version()
    cache.set(VERSION_KEY, version, timeout=None)
    _forget_request_values()
    return version


# Values from `cached` are kept for the rest of the request that read them (a listing asks for
# the restricted paths once per queryset); a change during the request forgets them. Outside a
# request (management commands, the shell) nothing is kept.
_request_local = threading.local()


def _request_values():
    return getattr(_request_local, "values", None)


def _remember_request_values(**_kwargs):
    _request_local.values = {}


def _forget_request_values(**_kwargs):
    if _request_values() is not None:
        _request_local.values = {}


def _stop_remembering(**_kwargs):
    _request_local.values = None


request_started.connect(_remember_request_values, dispatch_uid="som-page-cache-request-started")
request_finished.connect(_stop_remembering, dispatch_uid="som-page-cache-request-finished")


DEFAULT_PORTS = {"http": "80", "https": "443"}


def _key(request):
    # Scheme, host and path with query string: an http request must still reach the HTTPS
    # redirect, and every filtered URL is its own page. The host as the site sees it: case,
    # a trailing dot and the scheme's own port make no other page ("Example.org.:443").
    hostname, port = split_domain_port(request.get_host())
    host = hostname if port in ("", DEFAULT_PORTS.get(request.scheme)) else f"{hostname}:{port}"
    raw = f"{request.scheme}://{host}{request.get_full_path()}"
    return f"som:page:{hashlib.sha256(raw.encode()).hexdigest()}"


def _has_session(request):
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def _cacheable_request(request):
    return (
        getattr(settings, "PAGE_CACHE_ENABLED", False)
        and request.method in ("GET", "HEAD")
        and not request.path.startswith(BYPASS_PREFIXES)
        and not _has_session(request)  # editors, logged-in users
        and "preview" not in request.GET
    )


def _cacheable_response(response):
    if response.status_code != 200 or response.cookies or response.streaming:
        return False
    if "Cookie" in response.get("Vary", "") or "private" in response.get("Cache-Control", ""):
        return False  # e.g. a form with a CSRF token, or a page behind a password
    return True


class PageCacheMiddleware:
    """The first middleware: a hit is answered before any other middleware runs, with the
    headers the others set when the page was rendered (security headers, CSP).

    An entry is (content version, status, headers, body) under a key without the version, so a
    hit costs one round trip to Redis (the version and the entry in one MGET) and no unpickling
    of response objects; an entry from an older version is simply a miss and is overwritten.
    Whether a response may be stored is decided further in, by PageCacheDecisionMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request)
        read = _versioned_get(key)
        if read.entry is not None:
            return _response(read.entry)
        response = self.get_response(request)
        # A cookie set on the way out (a session started by the view) makes it personal.
        if getattr(request, "page_cache_allowed", False) and not response.cookies:
            _store(key, read, (read.version, response.status_code, list(response.items()), response.content), TIMEOUT)
            response["X-Cache"] = "MISS"
        return response


class PageCacheDecisionMiddleware:
    """Right after the session middleware, before anything that varies per user: decides
    whether the page may be stored. Here a response that sets a cookie (a form with a CSRF
    token) or is marked private (a page behind a password) is still recognisable, before the
    session middleware adds "Vary: Cookie" to every response that looked at the visitor."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if _has_session(request) or settings.SESSION_COOKIE_NAME in response.cookies:
            # An editor's view of the site (with the user bar, drafts in previews) is theirs
            # alone: no CDN or proxy may keep it.
            add_never_cache_headers(response)
        elif _cacheable_request(request) and _cacheable_response(response):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            patch_cache_control(response, public=True, max_age=0, s_maxage=60, must_revalidate=True)
            request.page_cache_allowed = True
        return response


def _response(entry):
    _version, status, headers, content = entry
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response.headers[name] = value
    response.headers["X-Cache"] = "HIT"
    return response


def cached(name, compute):
    """A value derived from content, cached until the content changes (one round trip, and
    none for the rest of the request)."""
    remembered = _request_values()
    if remembered is not None and name in remembered:
        return remembered[name]
    key = f"som:value:{name}"
    read = _versioned_get(key)
    if read.entry is not None:
        value = read.entry[1]
    else:
        value = compute()
        _store(key, read, (read.version, value), TIMEOUT * 12)
    if remembered is not None:
        remembered[name] = value
    return value
