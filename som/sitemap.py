"""/sitemap.xml: an index of one sitemap per kind of page (/sitemap-projecten.xml, …), each in
parts of at most SITEMAP_LIMIT addresses, with when it last changed.

A large network has ten thousand pages: one file of a megabyte that took a second to build
after every change. Per kind and in parts, a crawler fetches only the kinds whose `lastmod`
moved, and each address is a tenth of the work to build.

Wagtail's own sitemap loads every page as its specific type (all of a project's, event's or
profile's columns) to ask it for its entries. No page type here changes its entries (a test
keeps it so), so the plain page rows with the columns an entry needs are enough.
"""

from django.db.models import Max
from django.db.models.functions import Coalesce
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap

from .plugins import plugins

SITEMAP_LIMIT = 1000
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
        return pages.order_by("path").only(*SITEMAP_FIELDS)

    def get_latest_lastmod(self):
        # Django would load every page of the section for this; the database knows.
        return self.items().aggregate(latest=Max(Coalesce("last_published_at", "latest_revision_created_at")))["latest"]


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


def sitemap_paths(request=None):
    """Every address of the sitemap (the index and each part of each section), for a CDN purge."""
    paths = [reverse("sitemap")]
    for name, sitemap_class in sections().items():
        path = reverse("sitemap_section", kwargs={"section": name})
        parts = sitemap_class(request).paginator.num_pages
        paths += [path] + [f"{path}?p={number}" for number in range(2, parts + 1)]
    return paths
