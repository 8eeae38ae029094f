"""What the directory of onderwijsmakers contributes to the site (som/plugins.py)."""

from som.plugins import BulkContent, DemoContent, HomeSection, PageSection, Plugin, SearchType

from . import bulk, demo, home, sections, viewsets
from .models import ProfilePage, prepare_organisations

PLUGIN = Plugin(
    home_sections=[HomeSection("onderwijsmakers/sections/home_spotlight.html", home.spotlight_section, width="half")],
    page_sections=[
        PageSection(
            ("werkingen.werkingpage",),
            "onderwijsmakers/sections/werking_members.html",
            sections.members_section,
            order=10,
        ),
        PageSection(
            ("werkingen.projectpage",),
            "onderwijsmakers/sections/project_people.html",
            sections.people_section,
            order=10,
        ),
        PageSection(
            ("organisaties.organisationpage",),
            "onderwijsmakers/sections/organisation_people.html",
            sections.organisation_section,
            order=10,
        ),
    ],
    sitemaps={"onderwijsmakers": ProfilePage},
    # A profile's line in the results names its linked organisation, as on its card.
    search_types=[
        SearchType("onderwijsmaker", "Onderwijsmakers", "onderwijsmakers.profilepage", prepare=prepare_organisations)
    ],
    admin_viewsets=lambda: [viewsets.ProfileListingViewSet(), viewsets.SpotlightViewSet()],
    taxonomy_viewsets=lambda: [viewsets.ExpertiseTagViewSet],
    # Both roles plan who is "in de kijker".
    editor_permissions={
        role: [("onderwijsmakers.spotlight", ["add", "change", "delete", "view"])]
        for role in ("Redactie", "Eindredactie")
    },
    demo=DemoContent(load=demo.load),
    bulk_content=[BulkContent("people", "Zoveel gegenereerde onderwijsmakers.", bulk.generate)],
)
