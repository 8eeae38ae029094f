"""Nothing unpublished leaks. For every way a page can be hidden and every page type that is
shown elsewhere, the page appears in no listing, facet, feed, calendar, sitemap, search result,
related block or JSON-LD, and its own address answers 404 or asks for a password or login."""

import datetime
import html

import pytest
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from kalender.models import EventPage
from nieuws.models import NewsPage
from onderwijsmakers.models import ProfilePage
from som.models import Fase
from tests.helpers import sitemap_locations
from tests.public_urls import PUBLIC_URLS
from werkingen.models import ProjectPage, WerkingPage

SECRET = "Geheimzinnige titel"

# Every public page and feed, and the views that show other items than the default.
PLACES = PUBLIC_URLS + [
    "/kalender/?periode=voorbij",
    "/zoeken/?q=titel+geheimzinnige",  # the query itself is echoed, so not in the title's order
]


def make_page(kind):
    """A page of the given type, linked to the places where related content shows."""
    now = timezone.now()
    lab = WerkingPage.objects.get(kind="laboratorium")
    if kind == "project":
        page = ProjectPage(title=SECRET, slug="geheim", date=datetime.date(2024, 1, 1), fase=Fase.objects.first())
        parent = lab
    elif kind == "activiteit":
        page = EventPage(
            title=SECRET,
            slug="geheim",
            start=now + datetime.timedelta(days=3),
            end=now + datetime.timedelta(days=3, hours=2),
            werking=lab,
            project=ProjectPage.objects.get(slug="labo-zij-instromers"),
        )
        parent = Page.objects.get(slug="kalender")
    elif kind == "onderwijsmaker":
        from onderwijsmakers.models import Membership, ProjectRole

        page = ProfilePage(title=SECRET, slug="geheim", first_name="Geheim", family_name="Zinnig", role="Leerkracht")
        page.memberships = [Membership(werking=WerkingPage.objects.get(kind="som-raad"), role="lid")]
        page.project_roles = [ProjectRole(project=ProjectPage.objects.get(slug="labo-zij-instromers"))]
        parent = Page.objects.get(slug="onderwijsmakers")
    else:
        page = NewsPage(title=SECRET, slug="geheim", date=datetime.date(2030, 1, 1), intro="Geheim.")
        parent = Page.objects.get(slug="nieuws")
    parent.add_child(instance=page)
    if kind == "nieuws":
        page.projects.set([ProjectPage.objects.get(slug="labo-zij-instromers")])
        page.people.set([ProfilePage.objects.get(slug="jan-elen")])
    page.save_revision().publish()
    if kind == "onderwijsmaker":
        from onderwijsmakers.models import Spotlight

        Spotlight.objects.create(profile=page, starts_on=timezone.localdate())
    return Page.objects.get(pk=page.pk).specific


def restrict(page, kind=PageViewRestriction.PASSWORD):
    PageViewRestriction.objects.create(page=page, restriction_type=kind, password="geheim")


def hide(page, way, client, clock):
    """Hide `page` in one of the ways a page can be hidden; returns the other pages that carry
    its title (an alias, a copy), which must not show either."""
    now = timezone.now()
    if way == "concept":  # a draft that was never published
        page.unpublish()
        page.first_published_at = None
        page.save(update_fields=["first_published_at"])
        page.save_revision()
    elif way == "gedepubliceerd":
        page.unpublish()
    elif way == "gepland":
        page.unpublish()
        revision = page.save_revision()
        revision.approved_go_live_at = now + datetime.timedelta(days=7)
        revision.save()
        page.go_live_at = revision.approved_go_live_at
        page.save(update_fields=["go_live_at"])
    elif way == "verlopen":
        # Published with an expiry time, seen while it is visible (every cache holds it), then
        # the time passes. publish_scheduled has not run: the page is still marked live.
        page.expire_at = now + datetime.timedelta(minutes=1)
        page.save_revision().publish()
        for place in PLACES:
            client.get(place)
        clock(now + datetime.timedelta(minutes=2))
        assert Page.objects.get(pk=page.pk).live
    elif way == "wachtwoord":
        restrict(page)
    elif way == "aanmelden":
        restrict(page, PageViewRestriction.LOGIN)
    elif way == "alias-dan-wachtwoord":  # an alias made while the page was public
        alias = page.create_alias(update_slug="geheim-alias")
        restrict(page)
        return [alias]
    elif way == "wachtwoord-dan-alias":  # an alias of a page that is already private
        restrict(page)
        return [page.create_alias(update_slug="geheim-alias")]
    elif way == "wachtwoord-dan-kopie":  # a live copy takes the page's restriction with it
        restrict(page)
        return [page.copy(update_attrs={"slug": "geheim-kopie"}, keep_live=True)]
    elif way == "verplaatst":  # moved into a section behind a password
        section = WerkingPage.objects.get(kind="som-plus")
        restrict(section)
        page.move(section, pos="last-child")
    return []


@pytest.fixture
def clock(monkeypatch):
    """Moves "now" for the site (the database queries and the page cache) to a later time."""

    def move_to(moment):
        monkeypatch.setattr("django.utils.timezone.now", lambda: moment)
        monkeypatch.setattr("som.page_cache.time.time", lambda: moment.timestamp())

    return move_to


KINDS = ["project", "activiteit", "onderwijsmaker", "nieuws"]
WAYS = [
    "concept",
    "gedepubliceerd",
    "gepland",
    "verlopen",
    "wachtwoord",
    "aanmelden",
    "alias-dan-wachtwoord",
    "wachtwoord-dan-alias",
    "wachtwoord-dan-kopie",
]
# Only projects can move between sections (events, people and news each have one index).
MATRIX = [(kind, way) for kind in KINDS for way in WAYS] + [("project", "verplaatst")]
PRIVATE_WAYS = {"wachtwoord", "aanmelden", "verplaatst"} | {way for way in WAYS if "-" in way}


@pytest.mark.parametrize(("kind", "way"), MATRIX)
def test_hidden_pages_never_leak(client, demo, kind, way, clock):
    page = make_page(kind)
    # First prove the checks can see the page when it is public.
    visible = [place for place in PLACES if SECRET in html.unescape(client.get(place).content.decode())]
    assert len(visible) >= 3, visible
    # The sitemap holds addresses, not titles.
    assert page.full_url in sitemap_locations(client)
    others = hide(page, way, client, clock)
    pages = [Page.objects.get(pk=page.pk), *(Page.objects.get(pk=other.pk) for other in others)]
    leaks = [place for place in PLACES if SECRET in html.unescape(client.get(place).content.decode())]
    assert not leaks, f"{kind} ({way}) shows on {leaks}"
    locations = sitemap_locations(client)
    for hidden in pages:
        assert hidden.full_url not in locations, f"{kind} ({way}): {hidden.url} is in the sitemap"
        response = client.get(hidden.url)
        assert SECRET not in response.content.decode()
        if way in PRIVATE_WAYS:
            if way == "aanmelden":
                assert response.status_code == 302 and response["Location"].startswith("/_util/login/")
            else:
                assert response.status_code == 200 and 'name="password"' in response.content.decode()
        else:
            assert response.status_code == 404
