"""What base.html needs on every page: the main navigation, the site's feeds and settings."""

from .feeds import site_feeds
from .models import SiteSettings
from .page_cache import cached
from .routing import site_for_request
from .visibility import is_visible


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


ABOUT_SLUG = "over-som"


def about_page(site):
    """The site's "Over SOM" page (the page at /over-som/) while it is live and public, else
    None, read once per content change: the footer links it."""
    return cached(
        f"about-page:{site.pk}",
        lambda: (
            site.root_page.get_children()
            .live()
            .public()
            .filter(slug=ABOUT_SLUG)
            .only("id", "title", "url_path", "depth", "path")
            .first()
        ),
    )


def statement_pages(site_settings):
    """The contact page and the statements the settings name, each only while a visitor may
    see it (None otherwise: its link is left out rather than leading to a 404)."""
    pages = {"contact_page": None, "privacy_page": None, "accessibility_page": None}
    if site_settings is not None:
        for name in pages:
            page = getattr(site_settings, name)  # read with the settings (select_related)
            pages[name] = page if is_visible(page) else None
    return pages


def site_chrome(request):
    site = site_for_request(request) if request else None
    # Read here, not where the header and footer show them: templates never query.
    site_settings = SiteSettings.for_request(request) if site is not None else None
    return {
        "main_menu": main_menu(site) if site is not None else [],
        "about_page": about_page(site) if site is not None else None,
        "site_feeds": site_feeds(site),
        "site_settings": site_settings,
        # contact_page, privacy_page, accessibility_page: for the header, the footer and forms.
        **statement_pages(site_settings),
    }
