"""Admin: the taxonomy every app filters on, editable (and reorderable by drag and drop)
by staff under one "Taxonomie" menu."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from kalender.models import EventSoort

from .admin_panels import SomOverviewPanel
from .models import Fase, Onderwijsnet, Onderwijsniveau, Speerpunt


class TermViewSet(SnippetViewSet):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    add_to_admin_menu = False


class SpeerpuntViewSet(TermViewSet):
    model = Speerpunt
    icon = "pick"


class FaseViewSet(TermViewSet):
    model = Fase
    icon = "order"
    list_display = ["name", "slug", "is_final"]


class OnderwijsniveauViewSet(TermViewSet):
    model = Onderwijsniveau
    icon = "list-ol"


class OnderwijsnetViewSet(TermViewSet):
    model = Onderwijsnet
    icon = "group"


class EventSoortViewSet(TermViewSet):
    model = EventSoort
    icon = "date"


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = "Taxonomie"
    menu_icon = "tag"
    menu_order = 250
    items = (SpeerpuntViewSet, FaseViewSet, OnderwijsniveauViewSet, OnderwijsnetViewSet, EventSoortViewSet)


register_snippet(TaxonomyGroup)


@hooks.register("construct_homepage_panels")
def add_som_overview_panel(request, panels):
    panels.append(SomOverviewPanel())


@hooks.register("register_admin_viewset")
def register_content_listings():
    from .admin_listings import EventListingViewSet, ProfileListingViewSet, ProjectListingViewSet

    return [EventListingViewSet(), ProjectListingViewSet(), ProfileListingViewSet()]


# Images and documents: the Redactie changes or deletes only its own uploads that nothing uses yet
# (som/media_permissions.py). Registered here, where Wagtail expects permission policies.
from . import media_permissions  # noqa: E402

media_permissions.register()
