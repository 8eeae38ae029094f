"""Projects in the admin: a flat listing of every project, and its part of the dashboard."""

import django_filters
from django import forms
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Length, Substr
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import IndexView, PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.models import Page

from som import dates
from som.admin_columns import BASE_COLUMNS, UPDATED_AND_STATUS
from som.models import Fase

from .models import ProjectPage, WerkingPage


def werking_choices(request=None):
    return WerkingPage.objects.order_by("path")


class ProjectFilterSet(PageFilterSet):
    werking = django_filters.ModelChoiceFilter(label="Werking", queryset=werking_choices, method="filter_werking")
    fase = django_filters.ModelMultipleChoiceFilter(
        label="Fase", queryset=lambda request: Fase.objects.all(), widget=forms.CheckboxSelectMultiple
    )

    def filter_werking(self, queryset, name, value):
        return queryset.child_of(value) if value else queryset

    class Meta:
        model = ProjectPage
        fields = []


class ProjectIndexView(IndexView):
    def annotate_queryset(self, pages):
        # The werking (the parent page) and the fase with the projects, not a query per row.
        parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)
        werking_title = Subquery(Page.objects.filter(path=parent_path).values("title")[:1])
        pages = super().annotate_queryset(pages).annotate(werking_title=werking_title)
        return pages.select_related("fase", for_specific_subqueries=True)


class ProjectListingViewSet(PageListingViewSet):
    model = ProjectPage
    index_view_class = ProjectIndexView
    icon = "folder-open-inverse"
    menu_label = "Projecten"
    menu_order = 110
    add_to_admin_menu = True
    name = "projecten"
    filterset_class = ProjectFilterSet
    columns = BASE_COLUMNS + [
        Column("werking", label="Werking", accessor="werking_title"),
        Column("fase", label="Fase", accessor=lambda p: p.fase.name),
        Column("date", label="Datum", accessor=lambda p: dates.long_date(p.date), sort_key="date"),
        *UPDATED_AND_STATUS,
    ]


class ProjectsPerFase(Component):
    """How many projects each fase holds, published and in draft, on the dashboard."""

    template_name = "werkingen/admin/projects_per_fase.html"

    def get_context_data(self, parent_context):
        phases = Fase.objects.annotate(
            live_projects=Count("projects", filter=Q(projects__live=True)),
            draft_projects=Count("projects", filter=Q(projects__live=False)),
        )
        return {"phases": list(phases)}
