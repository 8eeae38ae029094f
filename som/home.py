"""The home page's sections. Each app contributes its own section through `<app>/home.py`
(a `home_context(request)` function); the home page only puts them in order."""

from importlib import import_module

from .models import SiteSettings, Speerpunt
from .page_cache import cached

SECTION_APPS = ["werkingen", "kalender", "onderwijsmakers", "nieuws"]


# The overview pages the home page links to, by their model.
SECTION_PAGES = {
    "werkingindexpage": "werking_index",
    "kalenderpage": "kalender_page",
    "onderwijsmakersindexpage": "directory_page",
    "nieuwsindexpage": "news_index",
}


def _section_pages(home_page):
    """The overview pages the home page links to (a plain Page is enough for a link)."""
    pages = {}
    for child in home_page.get_children().live().public().select_related("content_type"):
        name = SECTION_PAGES.get(child.content_type.model)
        if name and name not in pages:
            pages[name] = child
    return pages


def home_sections(request, home_page):
    # The speerpunten and the overview pages change only with the content: read once per change.
    context = {"speerpunten": cached("speerpunten", lambda: list(Speerpunt.objects.all()))}
    context.update(cached(f"home-sections:{home_page.pk}", lambda: _section_pages(home_page)))
    for app in SECTION_APPS:
        context.update(import_module(f"{app}.home").home_context(request))
    return context


def organization_jsonld(request, home_page):
    """schema.org Organization for the home page, from the site settings."""
    settings = SiteSettings.for_request(request)
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": settings.organisation_name,
        "url": request.build_absolute_uri(home_page.url),
        "description": home_page.intro,
        "areaServed": {"@type": "City", "name": "Leuven"},
    }
    if settings.email:
        data["email"] = settings.email
    if settings.social_links:
        data["sameAs"] = [url for _label, url in settings.social_links]
    return data
