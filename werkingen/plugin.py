"""What the werkingen and their projects contribute to the site (som/plugins.py)."""

from som.plugins import BulkContent, DemoContent, HomeSection, Plugin, SearchType

from . import bulk, demo, sections, viewsets
from .models import ProjectPage

PLUGIN = Plugin(
    home_sections=[
        HomeSection("werkingen/sections/home_werkingen.html", sections.werkingen_section),
        HomeSection("werkingen/sections/home_projects.html", sections.projects_section),
    ],
    sitemaps={"projecten": ProjectPage},
    search_types=[
        SearchType("project", "Projecten", "werkingen.projectpage"),
        SearchType("werking", "Werkingen", "werkingen.werkingpage"),
    ],
    admin_viewsets=lambda: [viewsets.ProjectListingViewSet()],
    dashboard_parts=lambda: [viewsets.ProjectsPerFase()],
    demo=DemoContent(load=demo.load),
    bulk_content=[BulkContent("projects", "Zoveel gegenereerde projecten.", bulk.generate)],
)
