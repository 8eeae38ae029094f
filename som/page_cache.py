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
from django.http import HttpResponse, HttpResponseRedirect
from django.http.request import split_domain_port
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.encoding import escape_uri_path
from django.utils.html import format_html, format_html_join
from wagtail.models import Page

from . import cache_keys

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
    entries: tuple  # the entry under each key asked for, if it was stored for that version
    knows_next_change: bool  # whether the version's next change by itself is on record

    @property
    def entry(self):
        return self.entries[0]


def _versioned_get(*keys, any_version=()):
    """The current content version and the entries under `keys` that were stored for that
    version (those under `any_version` whatever their version), in one round trip. Entries
    are tuples whose first item is their version. A version whose next change by itself (a
    page expiring) has come is over: it is bumped here."""
    try:
        found = cache.get_many([VERSION_KEY, NEXT_CHANGE_KEY, *keys])
    except Exception as error:
        # An entry that cannot be unpickled (stored by older code before a deployment) is a
        # miss, to be overwritten, never a broken site. Redis being down is handled below this.
        logger.warning("Onleesbare cache-waarde %s genegeerd: %r", keys, error)
        found = {}
    version = _ensure_version(found.get(VERSION_KEY))
    next_change = found.get(NEXT_CHANGE_KEY)
    knows_next_change = next_change is not None and next_change[0] == version
    if knows_next_change and next_change[1] is not None and next_change[1] <= time.time():
        return Read(bump_content_version(), (None,) * len(keys), False)
    entries = tuple(found.get(key) if key in any_version else _of_version(found.get(key), version) for key in keys)
    return Read(version, entries, knows_next_change)


def _of_version(entry, version):
    return entry if isinstance(entry, tuple) and entry and entry[0] == version else None


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
# A page whose entry is being rendered: the others wait for it (see PageCacheMiddleware).
LOCK_TIMEOUT = 10  # seconds a lock lives if its render dies
LOCK_WAIT = 3.0  # seconds a request waits for another's render before rendering itself
LOCK_POLL = 0.02
IGNORED_MARKER = b"<!--som:genegeerd-->"  # where a page says which values it ignored
NOT_STORED = "niet-bewaard"  # an entry saying: this page renders each time, do not wait for it


def _address(request):
    # Scheme, host and path: an http request must still reach the HTTPS redirect. The host
    # as the site sees it: case, a trailing dot and the scheme's own port make no other page
    # ("Example.org.:443").
    hostname, port = split_domain_port(request.get_host())
    host = hostname if port in ("", DEFAULT_PORTS.get(request.scheme)) else f"{hostname}:{port}"
    return f"{request.scheme}://{host}{escape_uri_path(request.path)}"


def _digest(text):
    return hashlib.sha256(text.encode()).hexdigest()


def _page_key(address, query):
    """The key of a page: its address and its canonical query (som.cache_keys)."""
    return f"som:page:{_digest(f'{address}?{query}')}"


def _rules_key(address):
    return f"som:query:{_digest(address)}"


def _has_session(request):
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def _cacheable_request(request):
    return (
        getattr(settings, "PAGE_CACHE_ENABLED", False)
        and request.method in ("GET", "HEAD")
        and not request.path.startswith(BYPASS_PREFIXES)
        and not _has_session(request)  # editors, logged-in users
        # dict's own test: asking a PageQuery would make "preview" part of every key
        and not dict.__contains__(request.GET, "preview")
    )


def _cacheable_response(response):
    if response.status_code != 200 or response.cookies or response.streaming:
        return False
    if "Cookie" in response.get("Vary", "") or "private" in response.get("Cache-Control", ""):
        return False  # e.g. a form with a CSRF token, or a page behind a password
    return True


class Lookup(NamedTuple):
    read: Read
    rules: cache_keys.QueryRules | None  # what the page at this address reads, once known
    current: bool  # whether `rules` were learnt in the current content version
    canonical: cache_keys.Canonical | None  # the request's query under those rules
    key: str  # the page's key; while the rules are unknown, the key its query most likely has
    entry: tuple | None


def _look_up(address, raw, guessed_key):
    """The entry for a request, in one round trip when its query string is already canonical
    or nearly so (the site's own links and forms), else two."""
    rules_key = _rules_key(address)
    read = _versioned_get(guessed_key, rules_key, any_version=(rules_key,))
    entry, kept = read.entries
    if kept is None:
        # Without the rules no entry can be trusted: the same guess can stand for two pages.
        return Lookup(read, None, False, None, guessed_key, None)
    rules, current = kept[1], kept[0] == read.version
    canonical = rules.canonical(raw)
    key = _page_key(address, canonical.encoded)
    if not current:
        # Rules from before a publish: still the best name for the render everyone waits for
        # (its lock), but no entry is trusted until this version's first render confirms them.
        return Lookup(read, rules, False, canonical, key, None)
    if key != guessed_key:
        entry = None
        if canonical.storable:
            read = _versioned_get(key)  # the version read again: a publish in between counts
            entry = read.entry
    return Lookup(read, rules, True, canonical, key, entry)


def _meaning_changed(found, now_known, canonical):
    """Whether a parameter both versions read has other canonical values now."""
    names = found.rules.by_name().keys() & now_known.by_name().keys()
    return any(found.canonical.query.getlist(name) != canonical.query.getlist(name) for name in names)


def _again(request):
    response = HttpResponseRedirect(request.get_full_path())
    add_never_cache_headers(response)
    return response


def _is_page(entry):
    return entry is not None and len(entry) == 4


class PageCacheMiddleware:
    """The first middleware: a hit is answered before any other middleware runs, with the
    headers the others set when the page was rendered (security headers, CSP).

    An entry is (content version, status, headers, body) under a key without the version, so a
    hit costs one round trip to Redis (the version, the address's query rules and the entry in
    one MGET) and no unpickling of response objects; an entry from an older version is simply
    a miss and is overwritten. The key holds the page's canonical query (som.cache_keys): only
    what the page reads, normalised, so no query string makes a new entry of its own.

    One render per miss: the first request for a missing page takes a short lock on its key
    and content version; the others wait for its entry (up to LOCK_WAIT, then they render
    themselves). A page that cannot be kept (a form) is noted, so nobody waits for it.
    Whether a response may be stored is decided further in, by PageCacheDecisionMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        address, raw = _address(request), request.GET
        guessed_key = _page_key(address, cache_keys.guess(raw))
        found = _look_up(address, raw, guessed_key)
        if _is_page(found.entry):
            return _response(found.entry, found.canonical.ignored)
        lock = None
        storable = found.canonical is None or found.canonical.storable
        if found.entry is None and storable and found.read.version != NO_CACHE:
            lock = f"som:render:{found.key}:{found.read.version}"
            if not cache.add(lock, 1, timeout=LOCK_TIMEOUT):
                found = self._wait(address, raw, guessed_key, lock)
                if _is_page(found.entry):
                    return _response(found.entry, found.canonical.ignored)
                lock = None  # waited long enough, or that render kept nothing: render here
        try:
            return self._render(request, address, raw, found)
        finally:
            if lock is not None:
                cache.delete(lock)

    def _wait(self, address, raw, guessed_key, lock):
        deadline = time.monotonic() + LOCK_WAIT
        while True:
            time.sleep(LOCK_POLL)
            # The lock first: a render stores its entry before it lets go of the lock, so a
            # lock found gone means the entry (if any) is there for the look-up after it.
            held = cache.get(lock) is not None
            found = _look_up(address, raw, guessed_key)
            if found.entry is not None or not held or time.monotonic() > deadline:
                return found

    def _render(self, request, address, raw, found):
        rules = found.rules or cache_keys.QueryRules()
        page_query = cache_keys.PageQuery(raw, found.canonical, rules.rules)
        request.GET = page_query
        response = self.get_response(request)
        read = found.read
        if response.status_code != 200 or read.version == NO_CACHE:
            return response
        # What the page read this time joins what it is known to read in this version (one
        # address can read more in one view than another: the calendar's month view, `maand`).
        known = rules if found.current else cache_keys.QueryRules()
        now_known = known.with_reads(page_query)
        if now_known != found.rules or not found.current:
            cache.set(_rules_key(address), (read.version, now_known), TIMEOUT * 12)
        canonical = now_known.canonical(raw)
        if not found.current and found.rules is not None and _meaning_changed(found, now_known, canonical):
            # The publish changed what a value of this query means (a new term): this render
            # used the rules from before it. Ask again; the rules are now this version's.
            return _again(request)
        # Kept only when the page saw its canonical query: a first render with values it
        # ignored (and says so) is not the page everyone else with that query gets.
        if canonical.storable and page_query.saw(canonical, now_known):
            key = _page_key(address, canonical.encoded)
            # A cookie set on the way out (a session started by the view) makes it personal.
            if getattr(request, "page_cache_allowed", False) and not response.cookies:
                entry = (read.version, response.status_code, list(response.items()), response.content)
                _store(key, read, entry, TIMEOUT)
                response["X-Cache"] = "MISS"
            else:
                _store(key, read, (read.version, NOT_STORED), TIMEOUT)
        if found.canonical is not None:
            _say_what_was_ignored(response, found.canonical.ignored)
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


def _response(entry, ignored=()):
    _version, status, headers, content = entry
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response.headers[name] = value
    response.headers["X-Cache"] = "HIT"
    _say_what_was_ignored(response, ignored)
    return response


def _say_what_was_ignored(response, ignored):
    """A page rendered for the canonical query does not know which values the request's own
    query held that it ignored; they are said where the listing would have said them."""
    if not ignored or IGNORED_MARKER not in response.content:
        return
    values = format_html_join(", ", "“{}” bij {}", ((value, name) for name, value in ignored))
    notice = format_html(
        '<div class="active-filters"><p class="notice" role="status">We negeerden {}: die waarde kennen we niet.</p>'
        "</div>",
        values,
    )
    response.content = response.content.replace(IGNORED_MARKER, notice.encode(), 1)
    if response.has_header("Content-Length"):
        response["Content-Length"] = str(len(response.content))


def cached(name, compute, timeout=TIMEOUT * 12, keep=None):
    """A value derived from content, cached until the content changes (one round trip, and
    none for the rest of the request). `keep(value)`, when given, says whether a computed
    value is worth a cache entry (a name made of visitors' words should not leave an entry
    for every word)."""
    remembered = _request_values()
    if remembered is not None and name in remembered:
        return remembered[name]
    key = f"som:value:{name}"
    read = _versioned_get(key)
    if read.entry is not None:
        value = read.entry[1]
    else:
        value = compute()
        if keep is None or keep(value):
            _store(key, read, (read.version, value), timeout)
    if remembered is not None:
        remembered[name] = value
    return value
