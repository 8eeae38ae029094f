"""Organisaties: the directory and its filters, the map's data, an organisation's page and
JSON-LD, project partners, link_organisations, the CSP for map tiles, and query budgets."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from onderwijsmakers.models import ProfilePage
from organisaties.linking import normalise
from organisaties.models import OrganisatiesIndexPage, OrganisationPage
from som.models import Fase
from tests.helpers import sitemap_locations, soup, texts
from werkingen.models import ProjectPage, ProjectPartner, WerkingPage

DIRECTORY = "/organisaties/"


def map_points(response):
    island = soup(response).select_one("script#kaart-data")
    return json.loads(island.string)["points"] if island else []


def json_ld(response, type_):
    for script in soup(response).select('script[type="application/ld+json"]'):
        data = json.loads(script.string)
        if data.get("@type") == type_:
            return data
    raise AssertionError(f"no {type_} JSON-LD")


def facet_counts(response, param):
    """{label: count} of one facet in the filter form."""
    counts = {}
    for item in soup(response).select(f'input[name="{param}"]'):
        label = soup(response).select_one(f'label[for="{item["id"]}"]').get_text(" ", strip=True)
        name, _, count = label.rpartition("(")
        counts[name.strip()] = int(count.rstrip(")"))
    return counts


def add_organisation(slug, title="Geheime school", **fields):
    directory = OrganisatiesIndexPage.objects.get()
    page = OrganisationPage(slug=slug, title=title, **fields)
    directory.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_directory_lists_filters_and_counts(client, demo):
    response = client.get(DIRECTORY)
    assert response.status_code == 200
    titles = texts(response, ".card--organisation .card__title")
    assert {"KU Leuven", "STUK", "Stad Leuven", "GO! CLB Leuven", "VTI Leuven", "High Tech Lab"} <= set(titles)
    assert titles == sorted(titles, key=str.casefold)  # A–Z
    assert facet_counts(response, "soort")["CLB"] == 2
    clb = client.get(DIRECTORY + "?soort=clb")
    assert texts(clb, ".card--organisation .card__title") == ["GO! CLB Leuven", "VCLB Leuven"]
    # Counts under the other filters: among the CLB's, one per net.
    assert facet_counts(clb, "net") == {
        "GO! onderwijs van de Vlaamse Gemeenschap": 1,
        "Vrij gesubsidieerd onderwijs": 1,
    }
    both = client.get(DIRECTORY + "?soort=clb&net=go")
    assert texts(both, ".card--organisation .card__title") == ["GO! CLB Leuven"]
    assert texts(client.get(DIRECTORY + "?q=kuleuven"), ".card--organisation .card__title") == ["KU Leuven"]
    assert texts(client.get(DIRECTORY + "?niveau=hoger-onderwijs"), ".card--organisation .card__title") == [
        "KU Leuven",
        "UCLL",
    ]
    # The A–Z list jumps to the letters in use.
    letters = {a.get_text(strip=True)[-1]: a["href"] for a in soup(response).select("a.az-nav__letter")}
    assert letters["K"].endswith("#letter-k") and "Q" not in letters
    # A card's address and website.
    card = next(c for c in soup(response).select(".card--organisation") if "STUK" in c.get_text())
    assert "Naamsestraat 96, 3000 Leuven" in card.get_text()
    assert card.select_one("a.card--organisation__website")["href"] == "https://www.stuk.be"


@pytest.mark.parametrize("query", ["?soort=onbekend", "?net=%00", "?pagina=999999999999", "?q=" + "x" * 500])
def test_bad_query_strings_never_fail(client, demo, query):
    assert client.get(DIRECTORY + query).status_code == 200


def test_map_data_is_in_the_page_and_only_organisations_with_coordinates(client, demo):
    response = client.get(DIRECTORY)
    points = {p["name"]: p for p in map_points(response)}
    assert points["STUK"]["url"] == "/organisaties/stuk/"
    assert points["STUK"]["address"] == "Naamsestraat 96, 3000 Leuven"
    assert 50.8 < points["KU Leuven"]["lat"] < 50.9 and 4.6 < points["KU Leuven"]["lng"] < 4.8
    assert "VTI Leuven" not in points  # no coordinates: on the list, not on the map
    # The map follows the filters; the container is hidden until the script draws it.
    assert {p["name"] for p in map_points(client.get(DIRECTORY + "?soort=cultuur"))} == {"STUK"}
    assert soup(response).select_one("[data-kaart]").has_attr("hidden")
    # Leaflet is our own static file: no CDN.
    scripts = [s["src"] for s in soup(response).select("script[src]")]
    assert any("vendor/leaflet/leaflet" in s for s in scripts) and all("//" not in s for s in scripts)


def test_no_map_without_a_tile_server(client, demo, settings):
    settings.SOM_MAP_TILE_URL = ""
    response = client.get(DIRECTORY)
    assert not soup(response).select("[data-kaart], script#kaart-data")
    assert "STUK" in texts(response, ".card__title")


def test_csp_allows_exactly_the_tile_host(client, demo):
    for url in (DIRECTORY, "/organisaties/stuk/", "/admin/login/"):
        policy = dict(
            part.strip().split(" ", 1) for part in client.get(url)["Content-Security-Policy"].split(";") if part.strip()
        )
        sources = policy["img-src"].split()
        assert "https://tile.openstreetmap.org" in sources, url
        assert [s for s in sources if s.startswith("http")] == ["https://tile.openstreetmap.org"], url


def test_csp_tile_source_follows_the_setting():
    from som.settings.base import csp_tile_sources

    assert csp_tile_sources("https://tile.openstreetmap.org/{z}/{x}/{y}.png") == ["https://tile.openstreetmap.org"]
    assert csp_tile_sources("https://{s}.tiles.example.be/{z}/{x}/{y}.png") == ["https://*.tiles.example.be"]
    assert csp_tile_sources("") == []


def test_organisation_page_shows_details_projects_and_json_ld(client, demo):
    response = client.get("/organisaties/ku-leuven/")
    page = soup(response)
    assert page.h1.get_text(strip=True) == "KU Leuven"
    assert "Oude Markt 13" in page.select_one("address").get_text()
    assert page.select_one('a[href="https://www.kuleuven.be"]')
    # werkingen' section: the projects KU Leuven is a partner in.
    assert "Labo zij-instromers – Strijd mee tegen het lerarentekort" in texts(response, ".organisation-projects a")
    data = json_ld(response, "EducationalOrganization")
    assert data["name"] == "KU Leuven" and data["url"] == "https://www.kuleuven.be"
    assert data["address"]["streetAddress"] == "Oude Markt 13" and data["address"]["postalCode"] == "3000"
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 50.8778, "longitude": 4.7}
    assert "KULeuven" in data["alternateName"]
    assert map_points(response)[0]["name"] == "KU Leuven" and "url" not in map_points(response)[0]
    # A cultural partner is an Organization; without coordinates no map and no geo.
    assert json_ld(client.get("/organisaties/stuk/"), "Organization")["name"] == "STUK"
    vti = client.get("/organisaties/vti-leuven/")
    assert "geo" not in json_ld(vti, "EducationalOrganization") and not map_points(vti)


def test_project_partners_link_organisations_and_fall_back_to_text(client, demo):
    url = "/werking/laboratorium/labo-zij-instromers/"
    links = {a.get_text(strip=True): a["href"] for a in soup(client.get(url)).select("#partners ~ ul a")}
    assert links == {
        "Stad Leuven": "/organisaties/stad-leuven/",
        "KU Leuven": "/organisaties/ku-leuven/",
        "UCLL": "/organisaties/ucll/",
    }
    fti = client.get("/werking/studio/fti-by-and-x-som/")
    assert "Flanders Technology & Innovation" in texts(fti, "#partners ~ ul li")
    # JSON-LD: a CreativeWork with its fase, werking and partners as contributors.
    data = json_ld(client.get(url), "CreativeWork")
    assert data["name"].startswith("Labo zij-instromers") and data["dateCreated"] == "2024-02-28"
    assert data["creativeWorkStatus"] == "Opstartfase" and data["isPartOf"]["name"] == "Laboratorium"
    assert {c["name"]: c["url"] for c in data["contributor"]}["KU Leuven"].endswith("/organisaties/ku-leuven/")


def test_hidden_organisations_never_leak(client, demo):
    secret = add_organisation("geheim", latitude="50.880000", longitude="4.700000", other_names="Geheimnaam")
    project = ProjectPage.objects.get(slug="labo-onderwijs-x-cultuur")
    project.partners.add(ProjectPartner(organisation_page=secret))
    project.save_revision().publish()
    places = [
        DIRECTORY,
        "/organisaties/?q=geheime",
        "/werking/laboratorium/labo-onderwijs-x-cultuur/",
        "/zoeken/?q=geheime",
    ]
    assert all("Geheime school" in client.get(p).content.decode() for p in places)
    secret.unpublish()
    for place in places:
        assert "Geheime school" not in client.get(place).content.decode(), place
    assert "Geheime school" not in json.dumps(map_points(client.get(DIRECTORY)))
    assert not any("/organisaties/geheim/" in loc for loc in sitemap_locations(client))
    assert client.get("/organisaties/geheim/").status_code == 404


def test_normalise():
    assert normalise("KU Leuven") == normalise("KULeuven") == normalise("k.u. leuven") == "kuleuven"
    assert normalise("Ecole Étoile") == "ecoleetoile"


def test_link_organisations_sets_links_safely_and_reports(demo):
    directory = Page.objects.get(slug="onderwijsmakers")
    live = ProfilePage(title="Live", slug="live-p", first_name="A", family_name="B", organisation="K.U. Leuven")
    directory.add_child(instance=live)
    live.save_revision().publish()
    drafted = ProfilePage(
        title="Met concept", slug="concept-p", first_name="C", family_name="D", organisation="KULeuven"
    )
    directory.add_child(instance=drafted)
    drafted.save_revision().publish()
    drafted.intro = "Nog niet gepubliceerd."
    drafted.save_revision()  # an editor's unpublished change
    unknown = ProfilePage(title="Onbekend", slug="onbekend-p", first_name="E", family_name="F", organisation="Nergens")
    directory.add_child(instance=unknown)
    unknown.save_revision().publish()
    lab = WerkingPage.objects.get(kind="laboratorium")
    project = ProjectPage(title="P", slug="p", date=datetime.date(2024, 1, 1), fase=Fase.objects.first())
    project.partners = [ProjectPartner(name="Stuk")]
    lab.add_child(instance=project)
    project.save_revision().publish()

    out = StringIO()
    call_command("link_organisations", "--dry-run", stdout=out)
    assert "Zou koppelen: Live: “K.U. Leuven” → KU Leuven (gepubliceerd)" in out.getvalue()
    assert ProfilePage.objects.get(pk=live.pk).organisation_page_id is None  # nothing saved

    out = StringIO()
    call_command("link_organisations", stdout=out)
    text = out.getvalue()
    ku = OrganisationPage.objects.get(slug="ku-leuven")
    assert ProfilePage.objects.get(pk=live.pk).organisation_page_id == ku.pk
    # The page with a draft keeps its live version; the link waits in the draft.
    drafted = ProfilePage.objects.get(pk=drafted.pk)
    assert drafted.organisation_page_id is None and drafted.has_unpublished_changes
    assert drafted.get_latest_revision_as_object().organisation_page_id == ku.pk
    assert drafted.get_latest_revision_as_object().intro == "Nog niet gepubliceerd."
    assert "Met concept: “KULeuven” → KU Leuven (in het concept" in text
    assert ProjectPartner.objects.get(project=project).organisation_page.slug == "stuk"
    assert "Geen organisatie gevonden voor “Nergens” (Onbekend)" in text
    # Run again: nothing left to link for these.
    again = StringIO()
    call_command("link_organisations", stdout=again)
    assert "Live:" not in again.getvalue() and "P:" not in again.getvalue()


def page_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_budget_is_constant_in_the_number_of_organisations(client, demo):
    from som.models import Onderwijsniveau

    niveaus = list(Onderwijsniveau.objects.all()[:2])

    def add(start, count):
        for i in range(start, start + count):
            page = add_organisation(f"extra-{i}", title=f"Extra school {i}", latitude="50.870000", longitude="4.700000")
            page.niveaus.set(niveaus)
            page.save_revision().publish()
            project = ProjectPage.objects.get(slug="labo-zij-instromers")
            project.partners.add(ProjectPartner(organisation_page=page))
            project.save_revision().publish()

    urls = [
        DIRECTORY,
        DIRECTORY + "?soort=school&niveau=lager-onderwijs",
        "/organisaties/extra-0/",
        "/organisaties/ku-leuven/",
    ]
    add(0, 5)
    few = {url: page_queries(client, url) for url in urls}
    add(5, 45)
    many = {url: page_queries(client, url) for url in urls}
    assert few == many
    assert max(many.values()) <= 25, many


def test_pages_with_a_logo_render_without_template_queries(client, demo):
    from tests.test_templates import make_image, render_blocked

    logo = make_image("Logo", (11, 92, 107))
    OrganisationPage.objects.filter(slug__in=["ku-leuven", "stuk"]).update(logo=logo)
    for url in (DIRECTORY, "/organisaties/ku-leuven/", "/werking/laboratorium/labo-zij-instromers/"):
        response, attempts = render_blocked(client, url)
        assert response.status_code == 200 and not attempts, (url, attempts)
    page = soup(client.get("/organisaties/ku-leuven/"))
    assert page.select_one("img.organisation-header__logo")["src"].endswith(".webp")
    assert json_ld(client.get("/organisaties/ku-leuven/"), "EducationalOrganization")["logo"].startswith("http")


def test_editors_preview_the_card_of_an_organisation(demo):
    page = OrganisationPage.objects.get(slug="stuk")
    response = page.make_preview_request(preview_mode="kaart")
    assert response.status_code == 200
    assert "STUK" in texts(response, ".card--organisation .card__title")
    assert "Naamsestraat 96, 3000 Leuven" in response.content.decode()
