"""The home page's sections. Each app contributes its own section through `<app>/home.py`
(a `home_context(request)` function); the home page only puts them in order."""

from importlib import import_module

from .models import SiteSettings, Speerpunt

SECTION_APPS = ["werkingen", "kalender", "onderwijsmakers", "nieuws"]


def home_sections(request, home_page):
    context = {"speerpunten": list(Speerpunt.objects.all())}
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
