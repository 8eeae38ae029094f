"""What the werkingen and their projects contribute to the site (som/plugins.py)."""

from django.db.models import Q
from django.utils import timezone

from som import dates
from som.plugins import (
    BulkContent,
    DemoContent,
    DigestItem,
    DigestSource,
    HomeSection,
    PageSection,
    Plugin,
    SearchType,
)

from . import bulk, demo, sections, viewsets
from .models import ProjectPage, ProjectPhase, attach_werkingen


def digest_items(since, until):
    """Projects first published in the window, and projects published in the window whose
    latest fase began in it (the e-mail digest, abonneren). A fase change has only a date (the
    phase history's "vanaf"), no time, so it counts when that date falls in the window and the
    page was published in it (last_published_at); the key holds the fase, so each fase of a
    project reaches a subscriber once."""
    first_day = timezone.localdate(since)
    projects = list(
        ProjectPage.objects.live()
        .public()
        .filter(
            Q(first_published_at__gte=since, first_published_at__lt=until)
            | Q(
                last_published_at__gte=since,
                last_published_at__lt=until,
                pk__in=ProjectPhase.objects.filter(start_date__gte=first_day).values("project_id"),
            )
        )
        .defer_streamfields()
        .select_related("fase")
        .prefetch_related("niveaus", "phase_history")
        .newest_first()
    )
    attach_werkingen(projects)
    items = []
    for project in projects:
        phases = sorted(project.phase_history.all(), key=lambda phase: phase.start_date)
        is_new = project.first_published_at >= since
        if is_new:
            line = f"Nieuw project, {dates.long_date(project.date)}"
            if project.fase:
                line += f" · {project.fase}"
        else:
            line = f"Nu in fase {project.fase}, sinds {dates.long_date(phases[-1].start_date)}"
        werking = project.werking_page
        items.append(
            DigestItem(
                key=f"project:{project.pk}:fase:{project.fase_id or 0}",
                title=project.title,
                url=project.get_full_url(),
                date_line=line,
                intro=project.intro,
                werking=werking.title if werking else "",
                werkingen=frozenset([werking.pk]) if werking else frozenset(),
                niveaus=frozenset(n.pk for n in project.niveaus.all()),
            )
        )
    return items


PLUGIN = Plugin(
    home_sections=[
        HomeSection("werkingen/sections/home_werkingen.html", sections.werkingen_section),
        HomeSection("werkingen/sections/home_projects.html", sections.projects_section),
    ],
    page_sections=[
        PageSection(
            ("organisaties.organisationpage",),
            "werkingen/sections/organisation_projects.html",
            sections.organisation_projects_section,
            order=20,
        ),
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
    digest_sources=[DigestSource("projecten", "Projecten", digest_items, order=30)],
)
