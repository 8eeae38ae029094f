"""Organisaties in the admin: a flat listing of every organisation, and its soorten under Taxonomie."""

import django_filters
from django import forms
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import IndexView, PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from som.admin_columns import BASE_COLUMNS, UPDATED_AND_STATUS

from .models import OrganisatieSoort, OrganisationPage


class OrganisationFilterSet(PageFilterSet):
    soort = django_filters.ModelMultipleChoiceFilter(
        label="Soort", queryset=lambda request: OrganisatieSoort.objects.all(), widget=forms.CheckboxSelectMultiple
    )
    op_de_kaart = django_filters.BooleanFilter(
        label="Op de kaart", field_name="latitude", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = OrganisationPage
        fields = []


class OrganisationIndexView(IndexView):
    def annotate_queryset(self, pages):
        # The soort column reads the soort's name: with the organisations, not a query per row.
        return super().annotate_queryset(pages).select_related("soort", for_specific_subqueries=True)


class OrganisationListingViewSet(PageListingViewSet):
    model = OrganisationPage
    index_view_class = OrganisationIndexView
    icon = "site"
    menu_label = "Organisaties"
    menu_order = 135
    add_to_admin_menu = True
    name = "organisaties-overzicht"
    filterset_class = OrganisationFilterSet
    columns = BASE_COLUMNS + [
        Column("soort", label="Soort", accessor=lambda o: o.soort.name if o.soort else "—"),
        Column("address", label="Adres", accessor="address_line"),
        Column("located", label="Op de kaart", accessor=lambda o: "ja" if o.has_location else "nee"),
        *UPDATED_AND_STATUS,
    ]


class OrganisatieSoortViewSet(SnippetViewSet):
    model = OrganisatieSoort
    icon = "site"
    list_display = ["name", "slug"]
    search_fields = ["name"]
    add_to_admin_menu = False
