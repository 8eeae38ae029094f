"""The home page (site layer): its own texts, the buttons editors chose, and the sections the
apps contribute (som.plugins.HomeSection), in the order of INSTALLED_APPS."""

from .models import SiteSettings, Speerpunt
from .page_cache import cached
from .plugins import plugins
from .visibility import is_visible


def section_rows(request):
    """The apps' home sections with something to show, as rows: a section of its own, or two
    halves side by side."""
    rows = []
    for installed in plugins():
        for section in installed.plugin.home_sections:
            context = section.context(request)
            if not context:
                continue
            item = {**context, "template": section.template}
            if section.width == "half" and rows and len(rows[-1]) == 1 and rows[-1][0]["width"] == "half":
                rows[-1].append({**item, "width": "half"})
            else:
                rows.append([{**item, "width": section.width}])
    return rows


def hero_links(home_page):
    """The buttons at the top that lead to a page visitors may see."""
    links = cached(
        f"home-links:{home_page.pk}",
        lambda: [(link.label, link.page) for link in home_page.hero_links.select_related("page")],
    )
    return [(label, page) for label, page in links if is_visible(page)]


def home_context(request, home_page):
    return {
        # The speerpunten change only with the content: read once per change.
        "speerpunten": cached("speerpunten", lambda: list(Speerpunt.objects.all())),
        "hero_links": hero_links(home_page),
        "section_rows": section_rows(request),
        "organization_jsonld": organization_jsonld(request, home_page),
    }


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
