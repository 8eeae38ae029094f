"""Flat listings in the admin for the content editors look for most: events, projects and
onderwijsmakers, each with the columns and filters an editor needs."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import IndexView, PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet

from kalender.models import EventPage, EventStatus
from onderwijsmakers.models import ProfilePage, Spotlight
from som import dates
from som.models import Fase
from werkingen.models import ProjectPage, WerkingPage

BASE = [c for c in IndexView.base_columns if c.name in {"bulk_actions", "title"}]
UPDATED_AND_STATUS = [c for c in IndexView.base_columns if c.name in {"latest_revision_created_at", "status"}]


def werking_choices(request=None):
    return WerkingPage.objects.order_by("path")


class EventFilterSet(PageFilterSet):
    periode = django_filters.ChoiceFilter(
        label="Periode",
        choices=[("komend", "Komend"), ("voorbij", "Voorbij")],
        method="filter_periode",
        empty_label="Alle",
        widget=forms.RadioSelect,
    )
    werking = django_filters.ModelChoiceFilter(label="Werking", queryset=werking_choices)
    status = django_filters.ChoiceFilter(label="Status", choices=EventStatus.choices)

    def filter_periode(self, queryset, name, value):
        now = timezone.now()
        return queryset.filter(end__gte=now) if value == "komend" else queryset.filter(end__lt=now)

    class Meta:
        model = EventPage
        fields = []


class EventListingViewSet(PageListingViewSet):
    model = EventPage
    icon = "date"
    menu_label = "Activiteiten"
    menu_order = 120
    add_to_admin_menu = True
    name = "activiteiten"
    filterset_class = EventFilterSet
    columns = BASE + [
        Column("when", label="Wanneer", accessor=lambda e: dates.date_range(e.start, e.end, e.all_day), sort_key="start"),
        Column("werking", label="Werking", accessor=lambda e: e.werking.title if e.werking else "—"),
        Column("event_status", label="Status activiteit", accessor="get_status_display"),
        *UPDATED_AND_STATUS,
    ]


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


class ProjectListingViewSet(PageListingViewSet):
    model = ProjectPage
    icon = "folder-open-inverse"
    menu_label = "Projecten"
    menu_order = 110
    add_to_admin_menu = True
    name = "projecten"
    filterset_class = ProjectFilterSet
    columns = BASE + [
        Column("werking", label="Werking", accessor=lambda p: p.get_parent().title),
        Column("fase", label="Fase", accessor=lambda p: p.fase.name),
        Column("date", label="Datum", accessor=lambda p: dates.long_date(p.date), sort_key="date"),
        *UPDATED_AND_STATUS,
    ]


class ProfileFilterSet(PageFilterSet):
    in_de_kijker = django_filters.BooleanFilter(label="Ooit in de kijker", method="filter_spotlight")

    def filter_spotlight(self, queryset, name, value):
        featured = Exists(Spotlight.objects.filter(profile=OuterRef("pk")))
        return queryset.filter(featured) if value else queryset.filter(~Q(featured))

    class Meta:
        model = ProfilePage
        fields = []


def _spotlight_label(profile):
    from onderwijsmakers.home import current_spotlight

    spotlight = current_spotlight()
    if spotlight and spotlight.profile_id == profile.pk:
        return "nu in de kijker"
    return "ooit" if profile.spotlights.exists() else ""


class ProfileListingViewSet(PageListingViewSet):
    model = ProfilePage
    icon = "user"
    menu_label = "Onderwijsmakers"
    menu_order = 130
    add_to_admin_menu = True
    name = "onderwijsmakers-overzicht"
    filterset_class = ProfileFilterSet
    columns = BASE + [
        Column("role", label="Functie", accessor="role_line"),
        Column("spotlight", label="In de kijker", accessor=_spotlight_label),
        *UPDATED_AND_STATUS,
    ]
