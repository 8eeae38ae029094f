"""som.routing finds the same page as Wagtail's own routing, in queries that do not grow with
the depth of the page, and follows a change to the site at once."""

import pytest
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from som import routing
from som.models import StandardPage
from som.templatetags.som_tags import breadcrumb_trail
from tests.helpers import soup, texts


def wagtail_route(path):
    """What Wagtail itself answers for `path`: (page, args, kwargs) or None."""
    request = RequestFactory().get(path)
    site = Site.find_for_request(request)
    try:
        return site.root_page.localized.specific.route(request, [part for part in path.split("/") if part])
    except Http404:
        return None


def som_route(path):
    return routing.route(RequestFactory().get(path), path)


def comparable(result):
    if result is None:
        return None
    page, args, kwargs = result
    # RoutablePageMixin passes its view function; compare it by name.
    args = [getattr(arg, "__name__", arg) for arg in args]
    return type(page), page.pk, args, kwargs


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
def test_every_address_leads_where_wagtail_would_lead(demo):
    draft = StandardPage(title="Klad", slug="klad", live=False)
    demo.add_child(instance=draft)
    unpublished_parent = StandardPage(title="Offline", slug="offline")
    demo.add_child(instance=unpublished_parent)
    child = StandardPage(title="Kind", slug="kind")
    unpublished_parent.add_child(instance=child)
    unpublished_parent.unpublish()

    root_path = demo.url_path
    paths = ["/" + page.url_path[len(root_path) :] for page in Page.objects.descendant_of(demo, inclusive=True)]
    paths += [
        "/nieuws/feed/",
        "/nieuws/feed/atom/",
        "/nieuws/feed/bestaat-niet/",
        "/nieuws/bestaat-niet/",
        "/werking/laboratorium/bestaat-niet/",
        "/werking/laboratorium/labo-zij-instromers/dieper/",
        "/bestaat/niet/",
        "/werking/werking/",
    ]
    assert len(paths) > 40
    for path in paths:
        assert comparable(som_route(path)) == comparable(wagtail_route(path)), path
    assert som_route("/klad/") is None
    assert som_route("/offline/kind/").page.pk == child.pk  # as Wagtail: only the page itself must be live


@pytest.mark.django_db
def test_finding_a_page_takes_two_queries_at_any_depth_once_the_site_is_cached(home, rf):
    deepest = nested_pages(home, 6)[-1]

    def queries_to_route(path):
        request = rf.get(path)
        with CaptureQueriesContext(connection) as queries:
            result = routing.route(request, path)
        return result, len(queries)

    _first, first_queries = queries_to_route("/niveau-1/")
    shallow, shallow_queries = queries_to_route("/niveau-1/")
    deep, deep_queries = queries_to_route(deepest.url_path[len(home.url_path) - 1 :])
    assert shallow.page.title == "Niveau 1"
    assert deep.page.pk == deepest.pk
    # The site and, once per content version, when a page next expires (som.page_cache); then the
    # pages on the path and the page as its own type.
    assert first_queries == 4
    assert shallow_queries == deep_queries == 2  # the site now comes from the cache


@pytest.mark.django_db
def test_a_deep_page_with_its_breadcrumbs_costs_no_more_queries_than_a_shallow_one(client, home):
    pages = nested_pages(home, 4)

    def render(page):
        client.get(page.url)
        with CaptureQueriesContext(connection) as queries:
            crumbs = texts(client.get(page.url), ".breadcrumbs li")
        return crumbs, len(queries)

    shallow_crumbs, shallow_queries = render(pages[0])
    deep_crumbs, deep_queries = render(pages[-1])
    assert shallow_crumbs == ["Home", "Niveau 1"]
    assert deep_crumbs == ["Home", "Niveau 1", "Niveau 2", "Niveau 3", "Niveau 4"]
    assert deep_queries == shallow_queries


@pytest.mark.django_db
def test_the_breadcrumbs_of_a_page_not_reached_by_routing_come_from_the_database(home):
    """A preview: no parents were read while routing, so they are read now."""
    deepest = nested_pages(home, 3)[-1]
    fresh = Page.objects.get(pk=deepest.pk).specific
    assert [page.title for page in breadcrumb_trail(fresh)] == [home.title, "Niveau 1", "Niveau 2"]
    assert breadcrumb_trail(Page.objects.get(pk=home.pk)) == []


@pytest.mark.django_db
def test_a_new_root_page_for_the_site_shows_at_once(client, demo):
    assert soup(client.get("/")).select_one("h1")
    other_home = StandardPage(title="Andere startpagina", slug="andere-startpagina")
    Page.get_first_root_node().add_child(instance=other_home)
    other_home.save_revision().publish()
    client.get("/")  # the site is now cached

    site = Site.objects.get(is_default_site=True)
    site.root_page = other_home
    site.save()

    assert soup(client.get("/")).select_one("h1").get_text(strip=True) == "Andere startpagina"


@pytest.mark.django_db
def test_each_site_routes_within_its_own_tree(client, home):
    """Two sites with pages of the same slug: each host gets its own page."""
    ours = StandardPage(title="Over ons (SOM)", slug="over-ons")
    home.add_child(instance=ours)
    ours.save_revision().publish()
    other_root = StandardPage(title="Andere site", slug="andere-site")
    Page.get_first_root_node().add_child(instance=other_root)
    other_root.save_revision().publish()
    theirs = StandardPage(title="Over ons (andere site)", slug="over-ons")
    other_root.add_child(instance=theirs)
    theirs.save_revision().publish()
    Site.objects.create(hostname="andere.example", port=80, root_page=other_root)

    assert soup(client.get("/over-ons/")).select_one("h1").get_text(strip=True) == "Over ons (SOM)"
    assert (
        soup(client.get("/over-ons/", HTTP_HOST="andere.example")).select_one("h1").get_text(strip=True)
        == "Over ons (andere site)"
    )
    assert client.get("/andere-site/over-ons/").status_code == 404  # another site's tree is not below ours
