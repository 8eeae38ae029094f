from .models import ProjectPage, WerkingPage, attach_werkingen


def home_context(request):
    werkingen = list(WerkingPage.objects.live().public().defer_streamfields().order_by("path"))
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
