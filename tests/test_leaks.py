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
from werkingen.models import ProjectPage, WerkingPage

SECRET = "Geheimzinnige titel"

PLACES = [
    "/",
    "/werking/",
    "/werking/laboratorium/",
    "/werking/som-raad/",
    "/werking/laboratorium/labo-zij-instromers/",
    "/onderwijsmakers/",
    "/onderwijsmakers/jan-elen/",
    "/kalender/",
    "/kalender/?periode=voorbij",
    "/kalender/kick-off-labo-zij-instromers/",
    "/nieuws/",
    "/nieuws/feed/",
    "/nieuws/feed/atom/",
    "/kalender/agenda.ics",
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
            title=SECRET, slug="geheim", start=now + datetime.timedelta(days=3), end=now + datetime.timedelta(days=3, hours=2),
            werking=lab, project=ProjectPage.objects.get(slug="labo-zij-instromers"),
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


def hide(page, way):
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
        revision.approved_go_live_at = timezone.now() + datetime.timedelta(days=7)
        revision.save()
        page.go_live_at = revision.approved_go_live_at
        page.save(update_fields=["go_live_at"])
    elif way == "verlopen":
        page.expire_at = timezone.now() - datetime.timedelta(minutes=1)
        page.save(update_fields=["expire_at"])
        from django.core.management import call_command

        call_command("publish_scheduled", verbosity=0)
    elif way == "wachtwoord":
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="geheim")
    elif way == "aanmelden":
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)


@pytest.mark.parametrize("kind", ["project", "activiteit", "onderwijsmaker", "nieuws"])
@pytest.mark.parametrize("way", ["concept", "gedepubliceerd", "gepland", "verlopen", "wachtwoord", "aanmelden"])
def test_hidden_pages_never_leak(client, demo, kind, way):
    page = make_page(kind)
    url = page.url
    # First prove the checks can see the page when it is public.
    visible = [place for place in PLACES if SECRET in html.unescape(client.get(place).content.decode())]
    assert len(visible) >= 3, visible
    # The sitemap holds addresses, not titles.
    assert page.full_url in sitemap_locations(client)
    hide(page, way)
    leaks = [place for place in PLACES if SECRET in html.unescape(client.get(place).content.decode())]
    assert not leaks, f"{kind} ({way}) shows on {leaks}"
    assert page.full_url not in sitemap_locations(client), f"{kind} ({way}) is in the sitemap"
    response = client.get(url)
    if way in {"wachtwoord", "aanmelden"}:
        assert response.status_code in {200, 302}
        assert SECRET not in response.content.decode()
        if way == "aanmelden":
            assert response.status_code == 302
            assert "login" in response["Location"]
        else:
            assert 'name="password"' in response.content.decode()
    else:
        assert response.status_code == 404
