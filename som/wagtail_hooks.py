"""The admin (site layer): the taxonomy under one "Taxonomie" menu, the dashboard panel and the
apps' admin viewsets, all as the apps declare them (som.plugins), and serving rules for pages."""

from django.http import Http404
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .admin_panels import SomOverviewPanel
from .models import Fase, Onderwijsnet, Onderwijsniveau, Speerpunt
from .outbox_admin import OutboxViewSet
from .plugins import plugins
from .visibility import is_expired


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


def _contributed(part):
    """What every app's plugin gives for `part` (a callable returning a list), in order."""
    return [
        item for installed in plugins() if getattr(installed.plugin, part) for item in getattr(installed.plugin, part)()
    ]


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = "Taxonomie"
    menu_icon = "tag"
    menu_order = 250
    items = (
        SpeerpuntViewSet,
        FaseViewSet,
        OnderwijsniveauViewSet,
        OnderwijsnetViewSet,
        *_contributed("taxonomy_viewsets"),
    )


register_snippet(TaxonomyGroup)

# The apps' admin viewsets: snippets are registered as snippets, the rest as admin viewsets.
ADMIN_VIEWSETS = _contributed("admin_viewsets")
for viewset in ADMIN_VIEWSETS:
    if isinstance(viewset, SnippetViewSet | SnippetViewSetGroup):
        register_snippet(viewset)


@hooks.register("register_admin_viewset")
def register_outbox():
    return OutboxViewSet()


@hooks.register("register_admin_viewset")
def register_app_viewsets():
    return [viewset for viewset in ADMIN_VIEWSETS if not isinstance(viewset, SnippetViewSet | SnippetViewSetGroup)]


@hooks.register("construct_homepage_panels")
def add_som_overview_panel(request, panels):
    panels.append(SomOverviewPanel(parts=_contributed("dashboard_parts")))


@hooks.register("before_serve_page")
def expired_pages_are_gone(page, request, serve_args, serve_kwargs):
    """A page whose expiry time has passed is gone at once, not when publish_scheduled next
    unpublishes it (som/visibility.py)."""
    if is_expired(page):
        raise Http404


# Images and documents: the Redactie changes or deletes only its own uploads that nothing uses yet
# (som/media_permissions.py). Registered here, where Wagtail expects permission policies.
from . import media_permissions  # noqa: E402

media_permissions.register()
