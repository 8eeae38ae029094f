"""What the werkingen add to the home page (som.plugins.HomeSection): the five werkingen and
the newest projects."""

from som.routing import site_for_request

from .filters import live_werkingen
from .models import ProjectPage, ProjectPartner, WerkingIndexPage, attach_werkingen

HOME_PROJECTS = 3


def werkingen_section(request):
    werkingen = live_werkingen()
    return {"werkingen": werkingen} if werkingen else None


def projects_section(request):
    projects = ProjectPage.objects.visible().newest_first()[:HOME_PROJECTS]
    projects = attach_werkingen(projects, live_werkingen())
    if not projects:
        return None
    return {"projects": projects, "index_page": WerkingIndexPage.for_site(site_for_request(request))}


def organisation_projects_section(organisation, request):
    """On an organisation's page: the live, public projects it is a partner in, newest first."""
    projects = list(
        ProjectPage.objects.visible()
        .filter(pk__in=ProjectPartner.objects.filter(organisation_page=organisation).values("project_id"))
        .newest_first()
    )
    if not projects:
        return None
    return {"projects": attach_werkingen(projects, live_werkingen())}
