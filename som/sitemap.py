"""/sitemap.xml: an index of one sitemap per kind of page (/sitemap-projecten.xml, …), each in
parts of at most SITEMAP_LIMIT addresses, with when it last changed.

A large network has ten thousand pages: one file of a megabyte that took a second to build
after every change. Per kind and in parts, a crawler fetches only the kinds whose `lastmod`
moved, and each address is a tenth of the work to build.

Wagtail's own sitemap loads every page as its specific type (all of a project's, event's or
profile's columns) to ask it for its entries. No page type here changes its entries (a test
keeps it so), so a part is built from two values per page, its `url_path` and when it last
changed: the address is the site's root URL plus the path below the site's root page, as
Wagtail's `Page.get_url_parts` makes it (tests/test_site.py compares the two for every page),
and each entry is one line of XML instead of a template loop (a part of 1,000 addresses took
~135 ms through Django's sitemap view with a page object per row; see docs/benchmarks.md).
"""

import datetime
import math
from functools import cache
from xml.sax.saxutils import escape

from django.contrib.contenttypes.models import ContentType
from django.contrib.sitemaps.views import x_robots_tag
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db.models import Count, Max
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.encoding import iri_to_uri
from django.utils.http import http_date
from wagtail.contrib.sitemaps import Sitemap

from .listing import CountedPaginator
from .page_cache import cached
from .plugins import plugins

SITEMAP_LIMIT = 1000
CHANGED = Coalesce("last_published_at", "latest_revision_created_at")
SITEMAP_FIELDS = (
    "id",
    "path",
    "depth",
    "url_path",
    "locale_id",
    "last_published_at",
    "latest_revision_created_at",
)


class PageSitemap(Sitemap):
    """The live, public pages of the site; a subclass narrows it to `page_types` (or, with
    `other_than`, to every other type)."""

    limit = SITEMAP_LIMIT
    page_types = ()
    other_than = ()

    def items(self):
        pages = self.get_wagtail_site().root_page.get_descendants(inclusive=True).live().public()
        if self.page_types:
            pages = pages.type(*self.page_types)
        if self.other_than:
            pages = pages.not_type(*self.other_than)
        # `changed`: the entry's lastmod (Wagtail's Sitemap.lastmod, in the database).
        return pages.order_by("path").only(*SITEMAP_FIELDS).annotate(changed=CHANGED)

    @property
    def paginator(self):
        """The parts of this section; how many addresses it has is counted once per content
        version (every part and the CDN purge ask)."""
        site = self.get_wagtail_site()
        count = cached(f"sitemap-count:{site.pk}:{type(self).__name__}", lambda: self.items().count())
        return CountedPaginator(self.items(), self.limit, count)

    @classmethod
    def includes(cls, model):
        """Whether pages of `model` (their specific type) belong to this section."""
        if cls.page_types:
            return issubclass(model, cls.page_types)
        return not issubclass(model, cls.other_than)


@cache
def sections():
    """Section name (in /sitemap-<name>.xml) → its sitemap class: one per page type the apps
    list (som.plugins: Plugin.sitemaps), and "paginas" for every other page."""
    typed = {name: model for installed in plugins() for name, model in installed.plugin.sitemaps.items()}
    classes = {
        name: type(f"{model.__name__}Sitemap", (PageSitemap,), {"page_types": (model,)})
        for name, model in typed.items()
    }
    classes["paginas"] = type("OtherPagesSitemap", (PageSitemap,), {"other_than": tuple(typed.values())})
    return classes


SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


@x_robots_tag
def index_view(request):
    """/sitemap.xml: each part of each section with its lastmod, from one grouped query (per page
    type: how many pages, when the latest changed) instead of two queries per section, made once
    per content version (it reads every page of the site)."""
    site = PageSitemap(request).get_wagtail_site()
    pages = site.root_page.get_descendants(inclusive=True).live().public()
    per_type = cached(
        f"sitemap-index:{site.pk}",
        lambda: list(pages.order_by().values("content_type").annotate(pages=Count("pk"), latest=Max(CHANGED))),
    )
    models = {
        row["content_type"]: ContentType.objects.get_for_id(row["content_type"]).model_class() for row in per_type
    }
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<sitemapindex xmlns="{SITEMAP_NS}">']
    latest_of_all = None
    for name, sitemap_class in sections().items():
        rows = [row for row in per_type if sitemap_class.includes(models[row["content_type"]])]
        count = sum(row["pages"] for row in rows)
        if not count:
            continue
        latest = max((row["latest"] for row in rows if row["latest"]), default=None)
        latest_of_all = max(latest_of_all, latest) if latest_of_all and latest else (latest or latest_of_all)
        location = escape(request.build_absolute_uri(reverse("sitemap_section", kwargs={"section": name})))
        lastmod = f"<lastmod>{latest.isoformat()}</lastmod>" if latest else ""
        for number in range(1, math.ceil(count / sitemap_class.limit) + 1):
            part = location if number == 1 else f"{location}?p={number}"
            lines.append(f"<sitemap><loc>{part}</loc>{lastmod}</sitemap>")
    lines.append("</sitemapindex>")
    response = HttpResponse("\n".join(lines), content_type="application/xml")
    if latest_of_all:
        response["Last-Modified"] = http_date(latest_of_all.astimezone(datetime.UTC).timestamp())
    return response


@x_robots_tag
def section_view(request, section):
    """One part of one section: /sitemap-<section>.xml?p=<n>."""
    sitemap_class = sections().get(section)
    if sitemap_class is None:
        raise Http404("Deze sitemap bestaat niet.")
    sitemap = sitemap_class(request)
    try:
        rows = sitemap.paginator.page(request.GET.get("p", 1)).object_list
    except (EmptyPage, PageNotAnInteger) as error:
        raise Http404("Dit deel van de sitemap bestaat niet.") from error
    site = sitemap.get_wagtail_site()
    root_path = site.root_page.url_path
    # What Page.get_url_parts puts before the path below the site's root: the site's root URL and
    # where the page route is mounted.
    prefix = site.root_url + reverse("wagtail_serve", args=("",))
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<urlset xmlns="{SITEMAP_NS}">']
    latest = None
    for url_path, changed in rows.values_list("url_path", "changed"):
        # escape(): the XML escaping of an address (&, <, >); a parser reads every part in the tests.
        loc = escape(iri_to_uri(prefix + url_path[len(root_path) :]))
        if changed:
            lines.append(f"<url><loc>{loc}</loc><lastmod>{changed.date().isoformat()}</lastmod></url>")
            latest = max(latest, changed) if latest else changed
        else:
            lines.append(f"<url><loc>{loc}</loc></url>")
    lines.append("</urlset>")
    response = HttpResponse("\n".join(lines), content_type="application/xml")
    if latest:
        response["Last-Modified"] = http_date(latest.astimezone(datetime.UTC).timestamp())
    return response


def sitemap_paths(request=None):
    """Every address of the sitemap (the index and each part of each section), for a CDN purge."""
    paths = [reverse("sitemap")]
    for name, sitemap_class in sections().items():
        path = reverse("sitemap_section", kwargs={"section": name})
        parts = sitemap_class(request).paginator.num_pages
        paths += [path] + [f"{path}?p={number}" for number in range(2, parts + 1)]
    return paths
