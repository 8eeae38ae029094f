"""Addresses of SOM's old site keep working (issue 21): each /storys/… address of the real site
answers with a permanent redirect to its counterpart here, editors add more in the admin
(Instellingen → Omleidingen), and the page cache never keeps a visitor from one."""

import pytest
from django.test import override_settings
from wagtail.contrib.redirects.models import Redirect

from kalender.models import EventPage
from nieuws.demo import CHARTER_EVENT, OLD_PATH, SLUG, STORY_REDIRECTS
from onderwijsmakers.models import ProfilePage

# The people of CONTENT.md, each at /onderwijsmakers/<voornaam-familienaam>/ on both sites.
REAL_PROFILES = [
    "Kobe Vaes",
    "Annelies Somers",
    "Kristien Lacluyse",
    "Aron De Hondt",
    "Georges Baeten",
    "Saskia Dekocker",
    "Filip Eelen",
    "Jan Elen",
]
# The real site's addresses and where each leads on this site.
OLD_ADDRESSES = {
    "/storys/som-start-door/": f"/kalender/{CHARTER_EVENT}/",
    "/storys/som-start-2023/": "/kalender/som-start-2023/",
    "/storys/in-gesprek-met-maakleerplek-leuven/": "/onderwijsmakers/",
    OLD_PATH: f"/nieuws/{SLUG}/",
}


@pytest.mark.django_db
@pytest.mark.parametrize("old, new", OLD_ADDRESSES.items())
def test_each_old_address_moves_permanently_to_its_counterpart(client, demo, old, new):
    response = client.get(old)
    assert response.status_code == 301 and response["Location"] == new
    assert client.get(new).status_code == 200
    assert client.get(old.rstrip("/")).status_code == 301  # without the slash as well


@pytest.mark.django_db
def test_the_demo_makes_its_redirects_once_and_keeps_an_editors_choice(demo):
    from django.core.management import call_command

    assert {r.old_path for r in Redirect.objects.all()} >= {Redirect.normalise_path(p) for p in OLD_ADDRESSES}
    assert {p for p, _, _ in STORY_REDIRECTS} <= set(OLD_ADDRESSES)
    chosen = Redirect.objects.get(old_path="/storys/som-start-2023")
    chosen.redirect_page = None
    chosen.redirect_link = "https://example.org/elders/"
    chosen.save()
    call_command("load_demo_content", verbosity=0)
    assert Redirect.objects.filter(old_path="/storys/som-start-2023").count() == 1
    assert Redirect.objects.get(old_path="/storys/som-start-2023").link == "https://example.org/elders/"


@pytest.mark.django_db
def test_a_redirect_follows_its_page_when_it_moves(client, demo):
    event = EventPage.objects.get(slug=CHARTER_EVENT)
    event.slug = "som-start-door"
    event.save_revision().publish()
    assert client.get("/storys/som-start-door/")["Location"] == "/kalender/som-start-door/"


@pytest.mark.django_db
def test_every_demo_profile_answers_at_the_real_sites_address(client, demo):
    """The real site's profiles are at /onderwijsmakers/<voornaam-familienaam>/, as here (the
    seeds name no other form): they need no redirect."""
    for name in REAL_PROFILES:
        address = f"/onderwijsmakers/{name.lower().replace(' ', '-')}/"
        assert client.get(address).status_code == 200, address
        assert ProfilePage.objects.get(title=name).url == address


@pytest.mark.django_db
def test_an_editor_adds_a_redirect_for_an_old_profile_address(admin_client, client, demo):
    """Instellingen → Omleidingen: an address below the directory that no page answers (a
    profile's old name) leads to the profile."""
    profile = ProfilePage.objects.get(slug="kobe-vaes")
    assert client.get("/onderwijsmakers/kobe/").status_code == 404
    assert admin_client.get("/admin/redirects/").status_code == 200
    response = admin_client.post(
        "/admin/redirects/add/",
        {"old_path": "/onderwijsmakers/kobe/", "site": "", "is_permanent": "on", "redirect_page": profile.pk},
    )
    assert response.status_code == 302, response.content[:2000]
    response = client.get("/onderwijsmakers/kobe/")
    assert response.status_code == 301 and response["Location"] == "/onderwijsmakers/kobe-vaes/"


@pytest.mark.django_db
def test_the_page_cache_never_keeps_a_visitor_from_a_new_redirect(client, demo):
    """A 404 is not cached, and a new redirect changes the content version: the redirect
    answers at once (the redirect middleware runs after the page cache's lookup)."""
    with override_settings(PAGE_CACHE_ENABLED=True):
        assert client.get("/storys/nog-niet/").status_code == 404
        assert client.get("/storys/nog-niet/").status_code == 404
        Redirect.objects.create(old_path="/storys/nog-niet", redirect_link="/over-som/", is_permanent=True)
        response = client.get("/storys/nog-niet/")
        assert response.status_code == 301 and response["Location"] == "/over-som/"
        # And a cached page is not hidden by a redirect for its own address (Wagtail redirects 404s only).
        client.get("/over-som/")
        Redirect.objects.create(old_path="/over-som", redirect_link="/nieuws/", is_permanent=True)
        assert client.get("/over-som/").status_code == 200
