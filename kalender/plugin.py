"""What the calendar contributes to the site (som/plugins.py)."""

from django.urls import re_path

from som.plugins import BulkContent, DemoContent, HomeSection, PageSection, Plugin, SearchType

from . import bulk, demo, sections, views, viewsets
from .models import EventPage


def urls():
    # iCalendar feeds: Wagtail's page addresses cannot end in ".ics".
    return [re_path(r"^(?P<page_path>(?:[\w-]+/)+)agenda\.ics$", views.ics, name="kalender_ics")]


PLUGIN = Plugin(
    home_sections=[HomeSection("kalender/sections/home_events.html", sections.upcoming_section, width="half")],
    page_sections=[
        PageSection(("werkingen.projectpage",), "kalender/sections/project_events.html", sections.project_events_section, order=20),
    ],
    sitemaps={"activiteiten": EventPage},
    search_types=[SearchType("activiteit", "Activiteiten", "kalender.eventpage")],
    feeds=sections.feeds,
    urls=urls,
    admin_viewsets=lambda: [viewsets.EventListingViewSet()],
    taxonomy_viewsets=lambda: [viewsets.EventSoortViewSet],
    dashboard_parts=lambda: [viewsets.UpcomingEvents()],
    demo=DemoContent(load=demo.load),
    bulk_content=[BulkContent("events", "Zoveel gegenereerde activiteiten.", bulk.generate)],
)
