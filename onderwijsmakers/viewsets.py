"""Onderwijsmakers in the admin: a flat listing of every profile, and "in de kijker" as a
snippet staff can plan ahead."""

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views.pages.listing import IndexView, PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from som.admin_columns import BASE_COLUMNS, UPDATED_AND_STATUS

from .home import current_spotlight
from .models import ExpertiseTag, ProfilePage, Spotlight


def todays_spotlight(request):
    """The spotlight the home page shows today, worked out once per request (the column
    objects live as long as the process, so they must not remember "today")."""
    if request is None:
        return current_spotlight(timezone.localdate())
    if not hasattr(request, "_som_spotlight"):
        request._som_spotlight = current_spotlight(timezone.localdate())
    return request._som_spotlight


class ProfileFilterSet(PageFilterSet):
    in_de_kijker = django_filters.BooleanFilter(label="Ooit in de kijker", method="filter_spotlight")

    def filter_spotlight(self, queryset, name, value):
        featured = Exists(Spotlight.objects.filter(profile=OuterRef("pk")))
        return queryset.filter(featured) if value else queryset.filter(~Q(featured))

    class Meta:
        model = ProfilePage
        fields = []


class ProfileIndexView(IndexView):
    def annotate_queryset(self, pages):
        # Whether someone was ever featured comes with the profiles, not as a query per row.
        featured = Exists(Spotlight.objects.filter(profile=OuterRef("pk")))
        return super().annotate_queryset(pages).annotate(ever_featured=featured)


class SpotlightColumn(Column):
    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        today = todays_spotlight(parent_context.get("request"))
        if today is not None and today.profile_id == instance.pk:
            context["value"] = "nu in de kijker"
        else:
            context["value"] = "ooit" if instance.ever_featured else ""
        return context


class ProfileListingViewSet(PageListingViewSet):
    model = ProfilePage
    index_view_class = ProfileIndexView
    icon = "user"
    menu_label = "Onderwijsmakers"
    menu_order = 130
    add_to_admin_menu = True
    name = "onderwijsmakers-overzicht"
    filterset_class = ProfileFilterSet
    columns = BASE_COLUMNS + [
        Column("role", label="Functie", accessor="role_line"),
        SpotlightColumn("spotlight", label="In de kijker"),
        *UPDATED_AND_STATUS,
    ]


class ShownTodayColumn(BooleanColumn):
    """Ticks the spotlight that the home page shows today."""

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        today = todays_spotlight(parent_context.get("request"))
        context["raw_value"] = context["value"] = today is not None and instance.pk == today.pk
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


class ExpertiseTagViewSet(SnippetViewSet):
    """The expertise editors give profiles, under Taxonomie: the Eindredactie renames and removes
    them (the profiles' searchable names follow: models.refresh_expertise_names)."""

    model = ExpertiseTag
    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name"]
    add_to_admin_menu = False
