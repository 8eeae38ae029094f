from .filters import live_werkingen
from .models import ProjectPage, attach_werkingen


def home_context(request):
    werkingen = live_werkingen()
    projects = (
        ProjectPage.objects.live()
        .public()
        .defer_streamfields()
        .select_related("fase")
        .order_by("-date", "-pk")[:3]
    )
    return {
        "werkingen": werkingen,
        "latest_projects": attach_werkingen(projects, werkingen),
    }
