"""What the news contributes to the site (som/plugins.py)."""

from som.plugins import BulkContent, DemoContent, HomeSection, PageSection, Plugin, SearchType

from . import bulk, demo, sections
from .models import NewsPage

PLUGIN = Plugin(
    home_sections=[HomeSection("nieuws/sections/home_news.html", sections.latest_section)],
    page_sections=[
        PageSection(
            ("werkingen.projectpage",), "nieuws/sections/project_news.html", sections.project_news_section, order=30
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
)
