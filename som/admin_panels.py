"""The dashboard panel "SOM in één oogopslag": upcoming events, projects per fase and how many
pages wait for moderation."""

from django.db.models import Count, Q
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import WorkflowState


class SomOverviewPanel(Component):
    name = "som_overview"
    template_name = "som/admin/overview_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        from kalender.models import EventPage
        from som.models import Fase

        context = super().get_context_data(parent_context)
        context["upcoming_events"] = list(
            EventPage.objects.filter(end__gte=timezone.now())
            .defer_streamfields()
            .only("id", "title", "start", "end", "all_day", "live", "status")
            .order_by("start")[:5]
        )
        context["phases"] = list(
            Fase.objects.annotate(
                live_projects=Count("projects", filter=Q(projects__live=True)),
                draft_projects=Count("projects", filter=Q(projects__live=False)),
            )
        )
        context["waiting_for_moderation"] = WorkflowState.objects.active().filter(
            status=WorkflowState.STATUS_IN_PROGRESS
        ).count()
        return context
