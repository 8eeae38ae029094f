"""The calendar in the admin: a flat listing of every event, and its part of the dashboard."""

import django_filters
from django import forms
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import IndexView, PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from som import dates
from som.admin_columns import BASE_COLUMNS, UPDATED_AND_STATUS
from werkingen.viewsets import werking_choices

from .models import EventPage, EventSoort, EventStatus
from .registrations import places
from .registrations.viewsets import taken


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
        return queryset.upcoming() if value == "komend" else queryset.past()

    class Meta:
        model = EventPage
        fields = []


class EventIndexView(IndexView):
    def annotate_queryset(self, pages):
        # The werking column reads the werking's title and the registrations column the counts:
        # with the events, not a query per row.
        pages = super().annotate_queryset(pages).select_related("werking", for_specific_subqueries=True)
        return places.with_counts(pages)


class EventListingViewSet(PageListingViewSet):
    model = EventPage
    index_view_class = EventIndexView
    icon = "date"
    menu_label = "Activiteiten"
    menu_order = 120
    add_to_admin_menu = True
    name = "activiteiten"
    filterset_class = EventFilterSet
    columns = BASE_COLUMNS + [
        Column(
            "when", label="Wanneer", accessor=lambda e: dates.date_range(e.start, e.end, e.all_day), sort_key="start"
        ),
        Column("werking", label="Werking", accessor=lambda e: e.werking.title if e.werking else "—"),
        Column("event_status", label="Status activiteit", accessor="get_status_display"),
        Column("registrations", label="Inschrijvingen", accessor=lambda e: taken(e, e.confirmed_count) or "—"),
        *UPDATED_AND_STATUS,
    ]


class EventSoortViewSet(SnippetViewSet):
    model = EventSoort
    icon = "date"
    list_display = ["name", "slug"]
    search_fields = ["name"]
    add_to_admin_menu = False


class UpcomingEvents(Component):
    """The next five events (drafts too), on the dashboard, with the places taken ("12/30",
    "12 (onbeperkt)") and the waiting list, read with the events. Counts only: everyone in the
    admin sees them (the names are in the registrations listing, for the Eindredactie)."""

    template_name = "kalender/admin/upcoming_events.html"

    def get_context_data(self, parent_context):
        events = (
            EventPage.objects.upcoming()
            .defer_streamfields()
            .only("id", "title", "start", "end", "all_day", "live", "status", "registration_on_site", "capacity")
        )
        rows = [
            {"event": event, "taken": taken(event, event.confirmed_count), "waiting": event.waiting_count}
            for event in places.with_counts(events)[:5]
        ]
        return {"upcoming_events": rows}
