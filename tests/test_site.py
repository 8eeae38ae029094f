"""Site-wide features: search, error pages, robots.txt, sitemap and the tags in <head>."""

import json
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page, PageViewRestriction

from som.page_cache import bump_content_version
from tests.helpers import sitemap_locations, soup, texts


def result_titles(response):
    return texts(response, ".search-result__title")


def test_search_finds_projects_people_and_news(client, demo):
    assert "Labo onderwijs x cultuur" in result_titles(client.get("/zoeken/", {"q": "cultuur"}))
    response = client.get("/zoeken/", {"q": "Vaes"})
    assert "Kobe Vaes" in result_titles(response)
    assert "Coördinator High Tech Lab" in soup(response).select_one(".search-result__type").get_text()


def test_search_filters_by_type(client, demo):
    everything = client.get("/zoeken/", {"q": "labo"})
    types = {t for t in texts(everything, ".search-result__type .tag")}
    assert {"Projecten", "Activiteiten"} <= types
    only_projects = client.get("/zoeken/", {"q": "labo", "type": "project"})
    assert set(texts(only_projects, ".search-result__type .tag")) == {"Projecten"}


def test_search_says_when_it_stopped_at_its_limit(client, demo, monkeypatch):
    from som import search

    everything = client.get("/zoeken/", {"q": "labo"})
    found = int(texts(everything, ".results-summary")[0].split()[0])
    assert found >= 3
    assert "specifieker" not in texts(everything, ".results-summary")[0]
    monkeypatch.setattr(search, "MAX_RESULTS", found - 1)
    bump_content_version()  # the ranking of "labo" is kept per content version
    summary = texts(client.get("/zoeken/", {"q": "labo"}), ".results-summary")[0]
    assert summary.startswith(f"Meer dan {found - 1} resultaten voor “labo”. We tonen de {found - 1} beste")
    only_projects = texts(client.get("/zoeken/", {"q": "labo", "type": "project"}), ".results-summary")[0]
    assert "resultaten voor “labo”. We tonen de" in only_projects and not only_projects.startswith("Meer dan")


def search_statements(client, *requests):
    """The full-text statements the database ran for these searches (SQLite MATCH, PostgreSQL @@)."""
    with CaptureQueriesContext(connection) as queries:
        for params in requests:
            assert client.get("/zoeken/", params).status_code == 200
    return [q["sql"] for q in queries.captured_queries if " MATCH " in q["sql"] or "@@" in q["sql"]]


def test_a_search_is_ranked_once_for_its_pages_its_types_and_the_next_visitor(client, demo):
    everything = client.get("/zoeken/", {"q": "labo"})
    # The next page, a type, the same words in other capitals or spacing: no new ranking.
    assert not search_statements(
        client, {"q": "labo", "pagina": "2"}, {"q": "labo", "type": "project"}, {"q": "  LABO "}
    )
    assert result_titles(client.get("/zoeken/", {"q": "Labo"})) == result_titles(everything)
    # A publish shows at once: the kept ranking belongs to the content version before it.
    news = Page.objects.get(slug="volgende-vijf-jaar-samen-onderwijs").specific
    news.title = "Het labo van de volgende vijf jaar"
    news.save_revision().publish()
    found_before = int(texts(everything, ".results-summary")[0].split()[0])
    assert texts(client.get("/zoeken/", {"q": "labo"}), ".results-summary")[0].startswith(f"{found_before + 1} ")
    assert news.title in result_titles(client.get("/zoeken/", {"q": "labo", "type": "nieuws"}))


def test_words_that_match_nothing_leave_nothing_behind(client, demo):
    # Made-up words are searched each time (the index answers at once) rather than each
    # leaving an entry in the cache: a flood of random searches cannot fill it.
    assert "Niets gevonden" in soup(client.get("/zoeken/", {"q": "qwxzy"})).get_text()
    assert len(search_statements(client, {"q": "qwxzy"})) == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="Dutch stemming needs PostgreSQL full-text search")
def test_search_stems_dutch_words_on_postgresql(client, demo):
    # "projecten" finds the project whose text says "project"; "vluchteling" finds "vluchtelingen…".
    assert "Duurzame onderwijskansen" in result_titles(client.get("/zoeken/", {"q": "projecten", "type": "project"}))
    assert "Hoe ondersteunen we kinderen met een vluchtelingenachtergrond?" in result_titles(
        client.get("/zoeken/", {"q": "vluchtelingenachtergronden"})
    )
    assert "Hoe ondersteunen we kinderen met een vluchtelingenachtergrond?" in result_titles(
        client.get("/zoeken/", {"q": "vluchteling"})  # its intro says "Steunteam Vluchtelingen"
    )
    assert any("Labo" in title for title in result_titles(client.get("/zoeken/", {"q": "labo's"})))


def test_search_never_shows_drafts_or_private_pages(client, demo):
    assert "Labo onderwijs x cultuur" in result_titles(client.get("/zoeken/", {"q": "cultuur"}))
    assert "FTI by and& x SOM" in result_titles(client.get("/zoeken/", {"q": "FTI"}))
    project = Page.objects.get(slug="labo-onderwijs-x-cultuur")
    project.unpublish()
    fti = Page.objects.get(slug="fti-by-and-x-som")
    PageViewRestriction.objects.create(page=fti, restriction_type=PageViewRestriction.PASSWORD, password="x")
    assert "Labo onderwijs x cultuur" not in result_titles(client.get("/zoeken/", {"q": "cultuur"}))
    assert "FTI by and& x SOM" not in result_titles(client.get("/zoeken/", {"q": "FTI"}))


def test_search_shows_editors_picks(client, demo):
    query = Query.get("charter")
    news = Page.objects.get(slug="volgende-vijf-jaar-samen-onderwijs")
    SearchPromotion.objects.create(query=query, page=news, description="Het SOM-charter", sort_order=0)
    response = client.get("/zoeken/", {"q": "Charter"})
    assert texts(response, ".search-result--pick .search-result__title") == [news.title]


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "!!!???",
        "a" * 10_000,
        "' OR 1=1; DROP TABLE wagtailcore_page; --",
        "<script>alert(1)</script>",
        "\x00\x01",
    ],
)
def test_absurd_queries_get_a_calm_answer(client, demo, query):
    response = client.get("/zoeken/", {"q": query, "type": "<b>x</b>", "pagina": "abc"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "<b>x</b>" not in html


def test_missing_page_gives_dutch_404_with_search(client, demo):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    page = soup_any(response)
    assert "Deze pagina bestaat niet" in page.h1.get_text()
    assert page.select_one("form[role=search] input[name=q]")


def test_500_page_is_static_and_dutch(rf, db, django_assert_num_queries):
    from django.views.defaults import server_error

    with django_assert_num_queries(0):
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Er ging iets mis" in html
    assert 'lang="nl-BE"' in html


def test_robots_txt_points_to_sitemap_and_keeps_out_of_admin(client, demo):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_sitemap_lists_public_pages_with_lastmod_and_no_drafts(client, demo):
    Page.objects.get(slug="fti-by-and-x-som").unpublish()
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    parts = ET.fromstring(index.content).findall("s:sitemap", ns)
    assert {
        "http://testserver/sitemap-projecten.xml",
        "http://testserver/sitemap-activiteiten.xml",
        "http://testserver/sitemap-paginas.xml",
    } <= {p.find("s:loc", ns).text for p in parts}
    assert all(p.find("s:lastmod", ns) is not None for p in parts)
    projects = ET.fromstring(client.get("/sitemap-projecten.xml").content).findall("s:url", ns)
    assert all(u.find("s:lastmod", ns) is not None for u in projects)
    locs = sitemap_locations(client)
    assert any(loc.endswith("/werking/laboratorium/labo-onderwijs-x-cultuur/") for loc in locs)
    paths = {loc.split("://", 1)[1].split("/", 1)[1] for loc in locs}
    assert {"", "kalender/", "nieuws/"} <= paths  # the home page and the overviews
    assert not any("fti-by-and-x-som" in loc for loc in locs)
    assert len(locs) == len(set(locs)) == Page.objects.live().public().filter(depth__gt=1).count()


def test_sitemap_addresses_and_dates_are_what_wagtail_gives_each_page(client, demo):
    # som.sitemap builds an entry from url_path and the change date, not from the page object:
    # the address must be the page's own full URL, the lastmod its last publication's date.
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    entries = {}
    for part in ET.fromstring(client.get("/sitemap.xml").content).findall("s:sitemap/s:loc", ns):
        answer = client.get(part.text.removeprefix("http://testserver"))
        assert answer["Content-Type"] == "application/xml"
        assert answer.has_header("Last-Modified")
        for url in ET.fromstring(answer.content).findall("s:url", ns):
            entries[url.find("s:loc", ns).text] = url.find("s:lastmod", ns).text
    pages = Page.objects.live().public().filter(depth__gt=1)
    expected = {
        page.get_full_url(): (page.last_published_at or page.latest_revision_created_at).date().isoformat()
        for page in pages
    }
    assert entries == expected


def test_sitemap_comes_in_parts_and_refuses_what_it_does_not_have(client, demo, monkeypatch):
    from som.sitemap import PageSitemap

    monkeypatch.setattr(PageSitemap, "limit", 2)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    parts = [p.text for p in ET.fromstring(client.get("/sitemap.xml").content).findall("s:sitemap/s:loc", ns)]
    assert "http://testserver/sitemap-projecten.xml?p=2" in parts
    assert len(sitemap_locations(client)) == Page.objects.live().public().filter(depth__gt=1).count()
    for bad in ["/sitemap-onbekend.xml", "/sitemap-projecten.xml?p=abc", "/sitemap-projecten.xml?p=999"]:
        assert client.get(bad).status_code == 404, bad


def test_sitemap_index_and_parts_follow_a_change_at_once(client, demo, monkeypatch):
    # The index and the number of parts are kept per content version: an unpublish shows.
    from som.sitemap import PageSitemap
    from werkingen.models import ProjectPage

    monkeypatch.setattr(PageSitemap, "limit", 2)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}

    def parts():
        return [p.text for p in ET.fromstring(client.get("/sitemap.xml").content).findall("s:sitemap/s:loc", ns)]

    assert "http://testserver/sitemap-projecten.xml?p=2" in parts()
    assert client.get("/sitemap-projecten.xml?p=2").status_code == 200
    for project in ProjectPage.objects.live()[1:]:
        project.unpublish()
    assert "http://testserver/sitemap-projecten.xml?p=2" not in parts()
    assert "http://testserver/sitemap-projecten.xml" in parts()
    assert client.get("/sitemap-projecten.xml?p=2").status_code == 404


def test_no_page_type_changes_its_sitemap_entries():
    # som.sitemap reads plain page rows, not each page's own type: a page type that adds or
    # changes its entries would be skipped silently. Such a type needs the sitemap to load it.
    from django.apps import apps

    from som.plugins import plugins

    ours_apps = {"som"} | {installed.app_label for installed in plugins()}
    ours = [m for m in apps.get_models() if issubclass(m, Page) and m.__module__.split(".")[0] in ours_apps]
    assert len(ours) >= 12
    assert [m.__name__ for m in ours if m.get_sitemap_urls is not Page.get_sitemap_urls] == []


def test_head_has_title_description_canonical_and_open_graph(client, demo):
    page = soup(client.get("/werking/laboratorium/labo-onderwijs-x-cultuur/"))
    assert page.title.get_text().startswith("Labo onderwijs x cultuur · ")
    assert page.select_one('meta[name="description"]')["content"].startswith("Bouw mee aan een toekomstlabo")
    assert (
        page.select_one('link[rel="canonical"]')["href"]
        == "http://testserver/werking/laboratorium/labo-onderwijs-x-cultuur/"
    )
    assert page.select_one('meta[property="og:title"]')["content"] == "Labo onderwijs x cultuur"
    assert page.select_one('link[type="application/rss+xml"]')["href"] == "/nieuws/feed/"


def test_home_has_organization_json_ld(client, demo):
    blocks = soup(client.get("/")).select('script[type="application/ld+json"]')
    data = [json.loads(b.string) for b in blocks]
    org = next(d for d in data if d.get("@type") == "Organization")
    assert org["name"] == "Samen Onderwijs Maken"
    assert org["url"] == "http://testserver/"


def soup_any(response):
    from bs4 import BeautifulSoup

    return BeautifulSoup(response.content, "lxml")


def test_image_form_requires_alt_text(db):
    from wagtail.images.forms import get_image_form

    from som.models import SomImage

    form_class = get_image_form(SomImage)
    form = form_class(data={"title": "Foto", "description": ""})
    assert not form.is_valid()
    assert "description" in form.errors
    assert form.fields["description"].label == "Alternatieve tekst"
