"""Finding the site and the page for a request in a fixed number of queries, whatever the depth.

Wagtail looks up the site on every request and then walks the page tree one level at a time:
for each level it reads the child with the next slug and then that child as its own type, two
queries per level (six for a project at /werking/<werking>/<project>/). Here the site comes
from the content-versioned cache (som.page_cache: saving a site bumps the version), the pages
on the path are read in one query, and only the page that answers is read as its own type. A
page type with routing of its own (RoutablePageMixin: the news feeds at /nieuws/feed/) is
handed the rest of the path exactly as Wagtail would hand it over.

Both results go where Wagtail keeps them for the request (`request._wagtail_site`,
`request._wagtail_route_for_request`), so Wagtail's own serve view, its hooks (view
restrictions, passwords) and its settings use them unchanged; each page on the path keeps its
parent where treebeard's `get_parent()` finds it (`_cached_parent_obj`, as Wagtail's routing
does), so the breadcrumbs and the pages' own `get_parent()` need no query. Everything here runs
inside the view or while the template renders, where a database outage still becomes the Dutch
503 (som.resilience.DatabaseUnavailableMiddleware).

A speed-up that reaches into Wagtail, kept because it measures well beyond the noise: its numbers
and what it relies on are in som/wagtail_patches.py (which can switch it off for make bench:
SOM_WITHOUT=routing), and tests/test_wagtail_patches.py guards that reliance.
"""

from django.http import Http404
from django.http.request import split_domain_port
from wagtail import views as wagtail_views
from wagtail.models import Page, Site

from . import wagtail_patches
from .page_cache import cached


def site_for_request(request):
    """The request's Site (with its root page), as `Site.find_for_request` would choose it; use
    this instead of that on the public site."""
    if not wagtail_patches.active("routing"):
        return Site.find_for_request(request)
    if not hasattr(request, "_wagtail_site"):
        hostname = split_domain_port(request.get_host())[0]  # only allowed hosts get a key
        key = f"site:{hostname}:{request.get_port()}"
        request._wagtail_site = cached(key, lambda: Site._find_for_request(request))
    return request._wagtail_site


def _routes_itself(page):
    """Whether the page's type overrides Wagtail's routing (e.g. RoutablePageMixin)."""
    page_class = page.specific_class
    return page_class is not None and page_class.route is not Page.route


def _pages_on_path(root, slugs):
    """`root` and the pages below it along `slugs`, top-down, as far as they exist (one query)."""
    chain = [root]
    if not slugs:
        return chain
    candidates = Page.objects.filter(
        path__startswith=root.path, depth__gt=root.depth, depth__lte=root.depth + len(slugs), slug__in=slugs
    ).order_by("depth")
    for page in candidates:
        parent, level = chain[-1], len(chain) - 1
        is_next = level < len(slugs) and page.slug == slugs[level] and page.depth == parent.depth + 1
        if is_next and page.path.startswith(parent.path):
            page._cached_parent_obj = parent  # breadcrumbs and get_parent() need no query
            chain.append(page)
    return chain


def route(request, path):
    """Wagtail's RouteResult (page, args, kwargs) for `path` on the request's site, or None."""
    if not wagtail_patches.active("routing"):
        return Page.route_for_request(request, path)
    site = site_for_request(request)
    if site is None:
        return None
    slugs = [slug for slug in path.split("/") if slug]
    chain = _pages_on_path(site.root_page.localized, slugs)
    # The first page on the path that routes itself takes the rest of it; else the last page
    # answers, and only if every slug was found (the chain holds the root and a page per slug).
    level = next((level for level, page in enumerate(chain) if _routes_itself(page)), None)
    if level is None:
        if len(chain) <= len(slugs):
            return None
        level = len(chain) - 1
    remaining = slugs[level:]
    answering = chain[level].specific
    if level:
        answering._cached_parent_obj = chain[level - 1]
    try:
        return answering.route(request, remaining)
    except Http404:
        return None


def serve(request, path):
    """Wagtail's page view, with the page found by `route`."""
    if not wagtail_patches.active("routing"):
        return wagtail_views.serve(request, path)
    if not hasattr(request, "_wagtail_route_for_request"):
        request._wagtail_route_for_request = route(request, path)
    return wagtail_views.serve(request, path)
