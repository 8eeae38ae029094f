"""What the news contributes to the site (som/plugins.py)."""

from som import dates
from som.plugins import BulkContent, DemoContent, DigestItem, DigestSource, HomeSection, PageSection, Plugin, SearchType

from . import bulk, demo, sections
from .models import NewsPage


def digest_items(since, until):
    """News first published in the window (the e-mail digest, abonneren)."""
    pages = (
        NewsPage.objects.live()
        .public()
        .filter(first_published_at__gte=since, first_published_at__lt=until)
        .defer_streamfields()
        .prefetch_related("werkingen")
        .newest_first()
    )
    return [
        DigestItem(
            key=f"nieuws:{page.pk}",
            title=page.title,
            url=page.get_full_url(),
            date_line=dates.long_date(page.date),
            intro=page.intro,
            werking=", ".join(w.title for w in page.werkingen.all()),
            werkingen=frozenset(w.pk for w in page.werkingen.all()),
        )
        for page in pages
    ]


PLUGIN = Plugin(
    home_sections=[HomeSection("nieuws/sections/home_news.html", sections.latest_section)],
    page_sections=[
        PageSection(
            ("werkingen.projectpage",), "nieuws/sections/project_news.html", sections.project_news_section, order=30
        ),
        PageSection(("kalender.eventpage",), "nieuws/sections/event_news.html", sections.event_news_section, order=40),
        # A werking page as a hub: after its members (10), before its own listing and the
        # closing sections (som.plugins.CLOSING).
        PageSection(
            ("werkingen.werkingpage",), "nieuws/sections/werking_news.html", sections.werking_news_section, order=40
        ),
        PageSection(
            ("onderwijsmakers.profilepage",),
            "nieuws/sections/profile_news.html",
            sections.profile_news_section,
            order=30,
        ),
    ],
    sitemaps={"nieuws": NewsPage},
    search_types=[SearchType("nieuws", "Nieuws", "nieuws.newspage")],
    feeds=sections.feeds,
    demo=DemoContent(load=demo.load),
    bulk_content=[BulkContent("news", "Zoveel gegenereerde nieuwsberichten.", bulk.generate)],
    digest_sources=[DigestSource("nieuws", "Nieuws", digest_items, order=10)],
)
