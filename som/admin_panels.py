"""The dashboard panel "SOM in één oogopslag": how many pages wait for moderation, then what
each app adds (som.plugins: Plugin.dashboard_parts)."""

from wagtail.admin.ui.components import Component
from wagtail.models import WorkflowState


class SomOverviewPanel(Component):
    name = "som_overview"
    template_name = "som/admin/overview_panel.html"
    order = 50

    def __init__(self, parts):
        self.parts = parts

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["parts"] = self.parts
        context["waiting_for_moderation"] = (
            WorkflowState.objects.active().filter(status=WorkflowState.STATUS_IN_PROGRESS).count()
        )
        return context
