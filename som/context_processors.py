"""What base.html needs on every page: the main navigation, the site's feeds and settings."""

from .feeds import site_feeds
from .models import SiteSettings
from .page_cache import cached
from .routing import site_for_request


def main_menu(site):
    """The site's menu: live, public children of its root page with "Toon in menu's" on
    (editors decide), read once per content change."""
    return cached(
        f"main-menu:{site.pk}",
        lambda: list(
            site.root_page.get_children()  # the site's root comes with the site (no query)
            .live()
            .public()
            .in_menu()
            .only("id", "title", "url_path", "depth", "path")
        ),
    )


def site_chrome(request):
    site = site_for_request(request) if request else None
    return {
        "main_menu": main_menu(site) if site is not None else [],
        "site_feeds": site_feeds(site),
        # Read here, not where the header and footer show them: templates never query.
        "site_settings": SiteSettings.for_request(request) if site is not None else None,
    }
