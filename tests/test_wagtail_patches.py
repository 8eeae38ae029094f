"""The changes som/wagtail_patches.py makes to Wagtail still take effect, and what the site
relies on in Wagtail's internals is still there. Each test fails loudly when a Wagtail upgrade
stops calling what a patch replaces or changes what a speed-up or policy relies on."""

import datetime
import inspect

import pytest
from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail import views as wagtail_views
from wagtail.models import Collection, GroupCollectionPermission, Page, PageViewRestriction, Site
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy
from wagtail.query import PageQuerySet
from wagtail.url_routing import RouteResult

from nieuws.models import NieuwsIndexPage
from som import routing, wagtail_patches
from som.media_permissions import InUseMediaPermissionPolicy, image_permission_policy
from som.models import SiteSettings, StandardPage
from tests.helpers import texts


def test_wagtail_still_filters_through_the_methods_we_replace():
    # `.live()` and `.public()` must go through live_q and private_q, or the patches do nothing.
    assert "self.live_q()" in inspect.getsource(PageQuerySet.live)
    assert "self.private_q()" in inspect.getsource(PageQuerySet.public)
    assert PageQuerySet._wagtail_live_q(Page.objects.all()).children == [("live", True)]


def test_live_leaves_out_pages_whose_expiry_time_has_passed(home):
    page = StandardPage(title="Verloopt", slug="verloopt", expire_at=timezone.now() + datetime.timedelta(hours=1))
    home.add_child(instance=page)
    page.save_revision().publish()
    assert Page.objects.live().filter(pk=page.pk).exists()
    Page.objects.filter(pk=page.pk).update(expire_at=timezone.now() - datetime.timedelta(seconds=1))
    assert Page.objects.filter(pk=page.pk, live=True).exists()  # publish_scheduled has not run
    assert not Page.objects.live().filter(pk=page.pk).exists()
    assert Page.objects.not_live().filter(pk=page.pk).exists()
    # Searching live pages filters on the expiry time too.
    assert list(Page.objects.live().search("Verloopt")) == []


def test_public_leaves_out_aliases_of_private_pages(home):
    section = StandardPage(title="Afgeschermd", slug="afgeschermd")
    home.add_child(instance=section)
    section.save_revision().publish()
    private = StandardPage(title="Binnen", slug="binnen")
    section.add_child(instance=private)
    private.save_revision().publish()
    alias = private.create_alias(parent=home, update_slug="binnen-alias")
    assert Page.objects.public().filter(pk=alias.pk).exists()
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.PASSWORD, password="x")
    public = Page.objects.public()
    assert not public.filter(pk__in=[section.pk, private.pk, alias.pk]).exists()
    assert public.filter(pk=home.pk).exists()


# --- The switch make bench uses to measure each speed-up against Wagtail's own way -------------


def test_only_a_known_speed_up_can_be_left_out(monkeypatch):
    monkeypatch.setenv("SOM_WITHOUT", " routing ,")
    assert wagtail_patches._left_out() == {"routing"}
    monkeypatch.setenv("SOM_WITHOUT", "routing,view_restrictions")  # removed: a typo must not pass
    with pytest.raises(ImproperlyConfigured, match="view_restrictions"):
        wagtail_patches._left_out()
    with pytest.raises(ValueError):
        wagtail_patches.active("site_settings")
    assert wagtail_patches.active("routing")  # the test run has every speed-up on


def nested_pages(parent, depth):
    pages = []
    for level in range(depth):
        page = StandardPage(title=f"Niveau {level + 1}", slug=f"niveau-{level + 1}")
        parent.add_child(instance=page)
        page.save_revision().publish()
        pages.append(page)
        parent = page
    return pages


@pytest.mark.django_db
def test_without_routing_the_site_is_served_by_wagtails_own_routing(client, home, monkeypatch):
    """What make bench compares: SOM_WITHOUT=routing serves every page through Wagtail's own
    routing (two queries more per level), with the same answer and the same breadcrumbs."""
    pages = nested_pages(home, 4)

    def served(page):
        client.get(page.url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page.url)
        return texts(response, ".breadcrumbs li"), len(queries)

    with_routing = [served(pages[0]), served(pages[-1])]
    monkeypatch.setattr(wagtail_patches, "LEFT_OUT", frozenset({"routing"}))
    without = [served(pages[0]), served(pages[-1])]

    assert [crumbs for crumbs, _n in without] == [crumbs for crumbs, _n in with_routing]
    assert with_routing[1][1] == with_routing[0][1]  # ours: the same at any depth
    assert without[1][1] - without[0][1] == 2 * 3  # Wagtail's: two per level (three levels more)


# --- What som/routing.py relies on (see som/wagtail_patches.py) ---------------------------------


@pytest.mark.django_db
def test_wagtail_reads_the_site_from_where_routing_leaves_it(rf, home):
    other_root = StandardPage(title="Andere site", slug="andere-site")
    Page.get_first_root_node().add_child(instance=other_root)
    other = Site.objects.create(hostname="andere.example", port=80, root_page=other_root)
    request = rf.get("/")
    request._wagtail_site = other  # routing.site_for_request puts the cached site here
    assert Site.find_for_request(request) is other
    # Wagtail's settings (and so the footer) follow it.
    assert SiteSettings.for_request(request).site_id == other.pk


@pytest.mark.django_db
def test_wagtails_serve_view_answers_with_the_route_routing_found(rf, home):
    page = StandardPage(title="Door som.routing gevonden", slug="gevonden")
    home.add_child(instance=page)
    page.save_revision().publish()
    request = rf.get("/bestaat-niet/")
    request.user = AnonymousUser()
    request._wagtail_route_for_request = RouteResult(page.specific)  # as routing.serve leaves it
    assert Page.route_for_request(request, "/bestaat-niet/") is request._wagtail_route_for_request
    response = wagtail_views.serve(request, "/bestaat-niet/")
    response.render()
    assert response.status_code == 200
    assert "Door som.routing gevonden" in response.content.decode()


@pytest.mark.django_db
def test_site_find_for_request_still_has_the_uncached_lookup_routing_caches(rf, home):
    assert str(inspect.signature(Site._find_for_request)) == "(request)"
    assert isinstance(inspect.getattr_static(Site, "_find_for_request"), staticmethod)
    default = Site.objects.get(is_default_site=True)
    other = Site.objects.create(hostname="andere.example", port=80, root_page=home)
    assert Site._find_for_request(rf.get("/", HTTP_HOST="onbekend.example")) == default
    assert Site._find_for_request(rf.get("/", HTTP_HOST="andere.example")) == other
    request = rf.get("/")
    Site._find_for_request(request)
    assert not hasattr(request, "_wagtail_site")  # uncached: routing keeps the result itself


@pytest.mark.django_db
def test_get_parent_answers_with_the_parent_routing_left_without_a_query(home):
    page = nested_pages(home, 2)[-1]
    fresh = Page.objects.get(pk=page.pk)
    marker = Page.objects.get(pk=home.pk)
    fresh._cached_parent_obj = marker  # where routing leaves the parent it read
    with CaptureQueriesContext(connection) as queries:
        assert fresh.get_parent() is marker
    assert len(queries) == 0
    assert fresh.get_parent(update=True).title == "Niveau 1"


@pytest.mark.django_db
def test_routing_still_recognises_a_page_that_routes_itself(demo):
    # som.routing recognises such a page by an overridden `route` (RoutablePageMixin does).
    assert NieuwsIndexPage.route is not Page.route
    assert routing._routes_itself(NieuwsIndexPage.objects.get())
    assert not routing._routes_itself(StandardPage.objects.first())


# --- What som/media_permissions.py relies on (for correctness) ----------------------------------

MEDIA_HELPERS = {
    "_check_perm": "(self, user, actions, collection=None)",
    "_collections_with_perm": "(self, user, actions)",
    "_users_with_perm_filter": "(self, actions, collection=None)",
}


def test_the_media_policy_still_inherits_the_wagtail_helpers_it_calls():
    for name, signature in MEDIA_HELPERS.items():
        helper = getattr(CollectionOwnershipPermissionPolicy, name, None)
        assert helper is not None, f"Wagtail no longer has {name}: rewrite som/media_permissions.py"
        assert str(inspect.signature(helper)) == signature, name
        assert getattr(InUseMediaPermissionPolicy, name) is helper, f"{name} is no longer Wagtail's"


@pytest.mark.django_db
def test_the_wagtail_helpers_the_media_policy_calls_still_answer_the_same(django_user_model):
    policy = image_permission_policy()
    root = Collection.get_first_root_node()
    below = root.add_child(name="Projectfoto's")
    group = Group.objects.create(name="Wijzigt alle beelden")
    GroupCollectionPermission.objects.create(
        group=group,
        collection=root,
        permission=Permission.objects.get(content_type__app_label="wagtailimages", codename="change_image"),
    )
    changer = django_user_model.objects.create_user("wijziger", "wijziger@example.org", "wachtwoord-123")
    changer.groups.add(group)
    other = django_user_model.objects.create_user("ander", "ander@example.org", "wachtwoord-123")

    assert policy._check_perm(changer, ["change"], collection=below) is True
    assert policy._check_perm(other, ["change"], collection=below) is False
    assert set(policy._collections_with_perm(changer, {"change"})) == {root, below}
    assert not policy._collections_with_perm(other, {"change"}).exists()
    users = django_user_model.objects.filter(policy._users_with_perm_filter({"change"}, collection=below)).distinct()
    assert list(users) == [changer]
