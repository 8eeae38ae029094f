"""The admin: "Onderwijsmaker in de kijker" as a snippet staff can plan ahead."""

from django.utils import timezone
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .home import current_spotlight
from .models import Spotlight


class ShownTodayColumn(BooleanColumn):
    """Ticks the spotlight that the home page shows today. Worked out once per request (the
    column object itself lives as long as the process, so it must not remember "today")."""

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        shown_pk = getattr(request, "_som_spotlight_pk", "unknown")
        if shown_pk == "unknown":
            shown = current_spotlight(timezone.localdate())
            shown_pk = shown.pk if shown else None
            if request is not None:
                request._som_spotlight_pk = shown_pk
        context["raw_value"] = context["value"] = instance.pk == shown_pk
        return context

    def get_value(self, instance):
        return None


class SpotlightViewSet(SnippetViewSet):
    model = Spotlight
    icon = "user"
    menu_label = "Onderwijsmaker in de kijker"
    menu_name = "spotlight"
    menu_order = 250
    add_to_admin_menu = True
    list_display = [
        Column("profile", label="Onderwijsmaker"),
        Column("starts_on", label="Vanaf", sort_key="starts_on"),
        Column("ends_on", label="Tot en met", sort_key="ends_on"),
        ShownTodayColumn("shown_today", label="Nu op de startpagina"),
    ]
    list_filter = ["starts_on"]
    ordering = ["-starts_on"]
    search_fields = None
    list_select_related = ["profile"]


register_snippet(SpotlightViewSet)
