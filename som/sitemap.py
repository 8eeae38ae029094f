"""/sitemap.xml: every live, public page with its address and when it was last published.

Wagtail's own sitemap loads every page as its specific type (all of a project's, event's or
profile's columns) to ask it for its sitemap entries; with ten thousand pages that took two
seconds. No page type here changes its entries (a test keeps it so), so the plain page rows
with the columns an entry needs are enough.
"""

from wagtail.contrib.sitemaps import Sitemap

SITEMAP_FIELDS = (
    "id", "path", "depth", "url_path", "locale_id", "last_published_at", "latest_revision_created_at",
)


class SiteSitemap(Sitemap):
    def items(self):
        return (
            self.get_wagtail_site()
            .root_page.get_descendants(inclusive=True)
            .live()
            .public()
            .order_by("path")
            .only(*SITEMAP_FIELDS)
        )
