"""Nieuws: the news index, news items, feeds, redirects and the home page section, as a
visitor (or a feed reader, or a search engine) sees them."""

import datetime
import io
import json

import feedparser
import pytest
from django.core.cache import caches
from django.core.files.images import ImageFile
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image as PILImage
from wagtail.models import PageViewRestriction

from nieuws.demo import OLD_PATH, TITLE, ensure_redirect
from nieuws.filters import news_listing
from nieuws.models import NewsPage, NieuwsIndexPage
from som.models import SomImage

from .helpers import soup, texts

# -- small factories -----------------------------------------------------------------------


def make_image(title="Foto", credit="Foto SOM"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 900), (11, 92, 107)).save(buffer, "PNG")
    return SomImage.objects.create(
        title=title, description="Een effen blauwgroen vlak", credit=credit, file=ImageFile(buffer, name="foto.png")
    )


@pytest.fixture
def index(home):
    page = NieuwsIndexPage(title="Nieuws", slug="nieuws", intro="Nieuws uit het Leuvense onderwijsnetwerk.")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def laboratorium(home):
    from werkingen.models import WerkingIndexPage, WerkingPage

    werking_index = WerkingIndexPage(title="Werking", slug="werking")
    home.add_child(instance=werking_index)
    werking_index.save_revision().publish()
    page = WerkingPage(title="Laboratorium", slug="laboratorium", kind="laboratorium")
    werking_index.add_child(instance=page)
    page.save_revision().publish()
    return page


def make_news(index, title, date, *, slug=None, publish=True, tags=(), werkingen=(), image=None, **fields):
    page = NewsPage(
        title=title,
        slug=slug or f"bericht-{NewsPage.objects.count() + 1}",
        date=date,
        intro=fields.pop("intro", f"Inleiding van {title}."),
        image=image,
        **fields,
    )
    page.werkingen.set(list(werkingen))
    index.add_child(instance=page)
    page.tags.add(*tags)
    revision = page.save_revision()
    if publish:
        revision.publish()
    else:
        page.live = False
        page.save()
    return page


def card_titles(response):
    return texts(response, ".news-grid .card__title")


def parse_feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response, feedparser.parse(response.content)


# -- the index ----------------------------------------------------------------------------


def test_index_lists_newest_first_by_publication_date(client, index):
    make_news(index, "Oud", datetime.date(2020, 1, 5))
    make_news(index, "Nieuwst", datetime.date(2024, 3, 1))
    make_news(index, "Midden A", datetime.date(2022, 6, 1))
    make_news(index, "Midden B", datetime.date(2022, 6, 1))  # same day: the later one first
    response = client.get("/nieuws/")
    assert card_titles(response) == ["Nieuwst", "Midden B", "Midden A", "Oud"]
    html = soup(response)
    assert len(html.select("h1")) == 1
    first = html.select_one(".news-grid .card")
    assert first.select_one("time").get_text() == "1 mrt. 2024"
    assert first.select_one("time")["datetime"] == "2024-03-01"
    assert "Inleiding van Nieuwst." in first.get_text()


def test_index_filters_by_werking_year_and_trefwoord_with_counts(client, index, laboratorium):
    make_news(index, "Labo 2023", datetime.date(2023, 5, 1), werkingen=[laboratorium], tags=["labo"])
    make_news(index, "Labo 2024", datetime.date(2024, 5, 1), werkingen=[laboratorium], tags=["labo", "Cultuur"])
    make_news(index, "Algemeen 2024", datetime.date(2024, 2, 1), tags=["charter"])

    assert card_titles(client.get("/nieuws/?werking=laboratorium")) == ["Labo 2024", "Labo 2023"]
    assert card_titles(client.get("/nieuws/?jaar=2024")) == ["Labo 2024", "Algemeen 2024"]
    assert card_titles(client.get("/nieuws/?trefwoord=cultuur")) == ["Labo 2024"]
    assert card_titles(client.get("/nieuws/?jaar=2024&werking=laboratorium")) == ["Labo 2024"]
    # Two values of one filter: either matches, no duplicates.
    assert card_titles(client.get("/nieuws/?trefwoord=labo&trefwoord=cultuur")) == ["Labo 2024", "Labo 2023"]

    response = client.get("/nieuws/?werking=laboratorium")
    labels = texts(response, ".filters label")
    assert "2024 (1)" in labels and "2023 (1)" in labels  # years counted under the werking filter
    assert "Laboratorium (2)" in labels  # the werking's own count ignores its own selection
    assert soup(response).select_one("#nieuws-filters-werking-laboratorium").has_attr("checked")
    assert texts(response, ".active-filters .chip")[0].startswith("Werking: Laboratorium")


@pytest.mark.parametrize(
    "query",
    [
        "werking=onbekend",
        "jaar=20x3",
        "trefwoord=bestaat-niet",
        "pagina=abc",
        "pagina=99999",
        "pagina=-4",
        "jaar=&jaar=&werking=",
        "jaar=2021&jaar=2021",
        "trefwoord=" + "x" * 10000,
        "q=" + "y" * 10000,
        "werking=%00labo&trefwoord=a%00b",
    ],
)
def test_bad_input_never_breaks_the_index(client, index, query):
    make_news(index, "Bericht", datetime.date(2021, 9, 30))
    response = client.get(f"/nieuws/?{query}")
    assert response.status_code == 200
    html = soup(response)
    assert html.select(".news-grid .card") or html.select(".empty-state")


def test_index_says_what_it_ignored(client, index):
    make_news(index, "Bericht", datetime.date(2021, 9, 30))
    response = client.get("/nieuws/?jaar=20x3&werking=onbekend&pagina=abc")
    notice = texts(response, ".active-filters .notice")[0]
    assert "“20x3” bij jaar" in notice and "“onbekend” bij werking" in notice and "“abc” bij pagina" in notice
    assert card_titles(response) == ["Bericht"]


def test_index_paginates_and_clamps_page_numbers(client, index):
    for day in range(1, 15):
        make_news(index, f"Bericht {day:02d}", datetime.date(2022, 1, day))
    first = client.get("/nieuws/")
    assert len(card_titles(first)) == 12
    assert soup(first).select_one(".pagination a[rel=next]")["href"] == "?pagina=2"
    last = card_titles(client.get("/nieuws/?pagina=2"))
    assert last == ["Bericht 02", "Bericht 01"]
    assert card_titles(client.get("/nieuws/?pagina=99999")) == last


def test_empty_filter_result_shows_the_empty_state(client, index, laboratorium):
    make_news(index, "Labo", datetime.date(2023, 5, 1), werkingen=[laboratorium])
    make_news(index, "Ander", datetime.date(2021, 5, 1))
    response = client.get("/nieuws/?werking=laboratorium&jaar=2021")
    html = soup(response)
    assert not html.select(".news-grid")
    assert html.select_one(".empty-state a")["href"] == "?"


def test_a_year_without_news_is_a_filter_with_no_results_not_an_error(client, index):
    make_news(index, "Bericht", datetime.date(2021, 9, 30))
    response = client.get("/nieuws/?jaar=2019")
    assert response.status_code == 200
    assert card_titles(response) == []
    assert soup(response).select_one(".empty-state")
    # The chosen year stays visible (and removable), the years with news are offered.
    assert texts(response, ".active-filters .chip")[0].startswith("Jaar: 2019")
    assert "2021 (1)" in texts(response, ".filters label")
    assert not texts(response, ".active-filters .notice")  # nothing was ignored
    # A year far outside reason is ignored, with a word why.
    assert "“9999” bij jaar" in texts(client.get("/nieuws/?jaar=9999"), ".active-filters .notice")[0]


def hide(page, how):
    if how == "draft":
        page.unpublish()
    elif how == "private":
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="x")


@pytest.mark.parametrize("how", ["draft", "private", "never-published"])
def test_drafts_and_private_items_never_leak(client, index, how):
    make_news(index, "Zichtbaar", datetime.date(2021, 1, 1), tags=["open"])
    hidden = make_news(index, "Verborgen", datetime.date(2024, 1, 1), tags=["geheim"], publish=how != "never-published")
    hide(hidden, how)
    for url in ["/nieuws/", "/nieuws/feed/", "/nieuws/feed/atom/", "/"]:
        body = client.get(url).content.decode()
        assert "Zichtbaar" in body, url
        assert "Verborgen" not in body and "geheim" not in body, url
    assert "2024" not in texts(client.get("/nieuws/"), ".filters label")[0]


# -- one news item ------------------------------------------------------------------------


def test_news_page_shows_date_image_credit_tags_and_links(client, index, laboratorium):
    image = make_image(credit="Stad Leuven")
    page = make_news(
        index,
        "Charter",
        datetime.date(2021, 9, 30),
        image=image,
        werkingen=[laboratorium],
        tags=["SOM-charter"],
        author="Redactie SOM",
        body=[("quote", {"quote": "Samen maken we onderwijs", "name": "Jan Elen", "role": "voorzitter van SOM"})],
    )
    response = client.get(page.url)
    html = soup(response)
    assert len(html.select("h1")) == 1
    assert html.select_one(".news-item__meta time").get_text() == "30 september 2021"
    assert "Redactie SOM" in html.select_one(".news-item__meta").get_text()
    assert html.select_one(".news-item__image .credit").get_text() == "Foto: Stad Leuven"
    assert html.select_one(".quote__name").get_text() == "Jan Elen"
    assert html.select_one(".quote__role").get_text() == "voorzitter van SOM"
    assert [a["href"] for a in html.select(".news-links a")] == [laboratorium.url]
    tag_link = html.select_one(".news-tags a")
    assert tag_link.get_text() == "SOM-charter" and tag_link["href"] == "/nieuws/?trefwoord=som-charter"
    # The tag link really filters the index.
    assert card_titles(client.get(tag_link["href"])) == ["Charter"]


def test_news_page_json_ld_and_open_graph(client, index):
    page = make_news(
        index, "Titel met </script><b>", datetime.date(2021, 9, 30), image=make_image(), author="An Peeters"
    )
    response = client.get(page.url)
    html = soup(response)
    scripts = html.select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    raw = scripts[0].string
    assert "</script>" not in raw and "<b>" not in raw  # escaped, cannot break out
    data = json.loads(raw)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Titel met </script><b>"
    published = datetime.datetime.fromisoformat(data["datePublished"])
    assert published.tzinfo is not None and published.date() == datetime.date(2021, 9, 30)
    assert published.utcoffset() == datetime.timedelta(hours=2)  # Brussels summer time
    assert datetime.datetime.fromisoformat(data["dateModified"]) >= published
    assert data["author"] == {"@type": "Person", "name": "An Peeters"}
    assert data["publisher"]["@type"] == "Organization"
    assert data["publisher"]["name"] == "Samen Onderwijs Maken"
    assert data["image"][0].startswith("http://testserver/")

    og = {m["property"]: m["content"] for m in html.select("meta[property]")}
    assert og["og:type"] == "article"
    assert og["og:title"] == "Titel met </script><b>"
    assert og["og:description"] == page.intro
    assert og["og:image"] == data["image"][0]
    assert og["og:url"] == "http://testserver" + page.url
    assert (og["og:image:width"], og["og:image:height"]) == ("1200", "630")
    assert og["article:published_time"] == data["datePublished"]


def test_news_page_without_image_or_author_is_still_valid(client, index):
    page = make_news(index, "Zonder foto", datetime.date(2022, 1, 10))
    html = soup(client.get(page.url))
    data = json.loads(html.select_one('script[type="application/ld+json"]').string)
    assert "image" not in data
    assert data["author"]["@type"] == "Organization"
    assert data["datePublished"].endswith("+01:00")  # Brussels winter time
    assert not html.select('meta[property="og:image"]')


# -- feeds --------------------------------------------------------------------------------


def test_rss_and_atom_feeds_parse_with_absolute_links_dates_summary_and_enclosure(client, index):
    make_news(index, "Ouder", datetime.date(2020, 2, 1), tags=["archief"])
    newest = make_news(index, "Charter", datetime.date(2021, 9, 30), image=make_image(), tags=["SOM-charter"])
    for url, version in [("/nieuws/feed/", "rss20"), ("/nieuws/feed/atom/", "atom10")]:
        response, feed = parse_feed(client, url)
        assert not feed.bozo, feed.bozo_exception
        assert feed.version == version
        assert feed.feed.title == "Nieuws – Samen Onderwijs Maken"
        assert feed.feed.link == "http://testserver/nieuws/"
        if version == "atom10":  # Atom requires an author; RSS 2.0 has none for the channel
            assert feed.feed.author == "Samen Onderwijs Maken"
        assert [entry.title for entry in feed.entries] == ["Charter", "Ouder"]
        entry = feed.entries[0]
        assert entry.link == "http://testserver" + newest.url
        assert entry.summary == newest.intro
        published = entry.published_parsed  # UTC struct_time: 09:00 Brussels is 07:00 UTC in summer
        assert tuple(published[:5]) == (2021, 9, 30, 7, 0)
        # The offset as each format writes it: RFC 822 in RSS, RFC 3339 in Atom.
        assert entry.published.endswith("+0200" if version == "rss20" else "+02:00"), entry.published
        assert [tag.term for tag in entry.tags] == ["SOM-charter"]
        enclosure = entry.enclosures[0]
        assert enclosure.href.startswith("http://testserver/") and enclosure.href.endswith(".jpg")
        assert enclosure.type == "image/jpeg"
        assert int(enclosure.length) > 0
        image = client.get(enclosure.href.removeprefix("http://testserver"))
        assert image.status_code in (200, 404)  # media is not served by the test server; the URL is absolute
        assert "enclosures" not in feed.entries[1] or not feed.entries[1].enclosures


def test_feeds_honour_the_index_filters(client, index, laboratorium):
    make_news(index, "Labo", datetime.date(2023, 5, 1), werkingen=[laboratorium])
    make_news(index, "Ander", datetime.date(2024, 5, 1), tags=["x"])
    _, feed = parse_feed(client, "/nieuws/feed/?werking=laboratorium")
    assert [entry.title for entry in feed.entries] == ["Labo"]
    _, feed = parse_feed(client, "/nieuws/feed/atom/?trefwoord=x&jaar=onzin")
    assert [entry.title for entry in feed.entries] == ["Ander"]


def test_index_offers_a_feed_of_the_current_selection(client, index, laboratorium):
    make_news(index, "Labo", datetime.date(2023, 5, 1), werkingen=[laboratorium])
    make_news(index, "Ander", datetime.date(2024, 5, 1))
    links = soup(client.get("/nieuws/?werking=laboratorium&jaar=20x3&pagina=2")).select(".news-subscribe a")
    assert [a["href"] for a in links] == [
        "/nieuws/feed/?werking=laboratorium",
        "/nieuws/feed/atom/?werking=laboratorium",
    ]
    _, feed = parse_feed(client, links[0]["href"])
    assert [entry.title for entry in feed.entries] == ["Labo"]
    plain = soup(client.get("/nieuws/")).select(".news-subscribe a")
    assert [a["href"] for a in plain] == ["/nieuws/feed/", "/nieuws/feed/atom/"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    params=st.lists(
        st.tuples(st.sampled_from(["werking", "jaar", "trefwoord", "pagina", "q", "x"]), st.text(max_size=300)),
        max_size=8,
    )
)
def test_any_query_string_gives_a_valid_listing(index, params):
    query = QueryDict(mutable=True)
    for key, value in params:
        query.appendlist(key, value)
    listing = news_listing(query, index=index)
    assert listing.page.number >= 1
    assert isinstance(listing.facet_options, list)
    assert all("\x00" not in item.value for item in listing.ignored)


def test_feeds_are_advertised_in_the_head(client, index):
    html = soup(client.get("/nieuws/"))
    links = {link["type"]: link["href"] for link in html.select('head link[rel="alternate"]')}
    assert links == {"application/rss+xml": "/nieuws/feed/", "application/atom+xml": "/nieuws/feed/atom/"}
    for href in links.values():
        assert client.get(href).status_code == 200


# -- old addresses ------------------------------------------------------------------------


def test_old_storys_address_redirects_permanently_and_follows_moves(client, index):
    page = make_news(index, TITLE, datetime.date(2021, 9, 30), slug="volgende-vijf-jaar-samen-onderwijs")
    ensure_redirect(OLD_PATH, page)
    ensure_redirect(OLD_PATH, page)  # idempotent
    response = client.get(OLD_PATH)
    assert response.status_code == 301
    assert response["Location"].endswith("/nieuws/volgende-vijf-jaar-samen-onderwijs/")
    page.slug = "charter"
    page.save_revision().publish()
    assert client.get(OLD_PATH.rstrip("/"))["Location"].endswith("/nieuws/charter/")


# -- home page ----------------------------------------------------------------------------


def test_home_shows_the_latest_three_news_items(client, index):
    for year in (2019, 2020, 2021, 2022):
        make_news(index, f"Nieuws {year}", datetime.date(year, 3, 1))
    html = soup(client.get("/"))
    titles = [" ".join(el.get_text().split()) for el in html.select(".card--news .card__title")]
    assert titles == ["Nieuws 2022", "Nieuws 2021", "Nieuws 2020"]


# -- query counts -------------------------------------------------------------------------


def count_queries(client, url):
    client.get(url)  # the first request makes the image renditions once
    caches["default"].clear()  # measure the database, not Wagtail's rendition cache
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url", ["/nieuws/", "/nieuws/?jaar=2021&trefwoord=t", "/nieuws/feed/", "/nieuws/feed/atom/", "/"]
)
def test_listing_queries_do_not_grow_with_the_number_of_items(client, index, laboratorium, url):
    image = make_image()

    def add(n):
        for i in range(n):
            make_news(
                index,
                f"Bericht {NewsPage.objects.count()}",
                datetime.date(2021, 1 + i % 12, 1),
                image=image if i % 2 else make_image(),
                tags=["t", f"tag{i % 3}"],
                werkingen=[laboratorium],
            )

    add(5)
    few = count_queries(client, url)
    add(45)
    many = count_queries(client, url)
    assert few == many, (few, many)


# -- done when: the demo site -------------------------------------------------------------


def test_demo_charter_item_in_index_page_feed_and_old_address(client, demo):
    index_response = client.get("/nieuws/")
    cards = soup(index_response).select(".news-grid .card")
    charter = next(card for card in cards if TITLE in card.get_text())
    assert charter.select_one("time").get_text() == "30 sep. 2021"

    href = charter.select_one("a.card__link")["href"]
    page = client.get(href)
    html = soup(page)
    quotes = [
        (q.select_one(".quote__name").get_text(), q.select_one(".quote__role").get_text(), q.blockquote.get_text())
        for q in html.select(".news-item__body .quote")
    ]
    assert [(name, role) for name, role, _ in quotes] == [
        ("Lalynn Wadera", "schepen van onderwijs"),
        ("Jan Elen", "voorzitter van SOM"),
    ]
    assert quotes[0][2].startswith("De voorbij jaren hebben de onderwijspartners")
    assert "diversiteit als kracht. Door samen te experimenteren" in quotes[1][2]
    body = html.select_one(".news-item__body").get_text(" ")
    text = " ".join(body.split())
    assert text.count("Alle Leuvense scholen van kleuter- tot hoger") == 1  # the seed's text once
    assert "bottom of page" not in text and "Anker 1" not in text
    assert html.select_one(".news-item__meta time").get_text() == "30 september 2021"
    assert {li.get_text() for li in html.select(".news-links li")} >= {
        "Iedereen aan boord",
        "Diversiteit als kracht",
        "Welbevinden en betrokkenheid",
    }

    _, feed = parse_feed(client, "/nieuws/feed/")
    assert TITLE in [entry.title for entry in feed.entries]
    assert all("(voorbeeld)" in e.title or e.title == TITLE for e in feed.entries)

    redirect = client.get(OLD_PATH)
    assert redirect.status_code == 301 and redirect["Location"].endswith(href)


# -- the admin ----------------------------------------------------------------------------


def test_editors_can_edit_and_add_news_items_and_manage_redirects(client, index, django_user_model):
    page = make_news(index, "Charter", datetime.date(2021, 9, 30), image=make_image(), tags=["SOM-charter"])
    editor = django_user_model.objects.create_superuser("redactie", "redactie@example.com", "x")
    client.force_login(editor)
    edit = client.get(f"/admin/pages/{page.pk}/edit/")
    assert edit.status_code == 200
    assert "Publicatiedatum" in edit.content.decode()
    add = client.get(f"/admin/pages/add/nieuws/newspage/{index.pk}/")
    assert add.status_code == 200
    assert client.get("/admin/redirects/").status_code == 200


# -- the trefwoord filter (issue 21: `tag` was its name before) ---------------------------------


@pytest.mark.parametrize(
    "old, new",
    [
        ("/nieuws/?tag=cultuur", "/nieuws/?trefwoord=cultuur"),
        ("/nieuws/?werking=laboratorium&tag=labo&pagina=2", "/nieuws/?werking=laboratorium&trefwoord=labo&pagina=2"),
        ("/nieuws/?tag=labo&trefwoord=cultuur", "/nieuws/?trefwoord=labo&trefwoord=cultuur"),
        ("/nieuws/feed/?tag=labo", "/nieuws/feed/?trefwoord=labo"),
        ("/nieuws/feed/atom/?tag=labo", "/nieuws/feed/atom/?trefwoord=labo"),
        ("/nieuws/?tag=%00%C3%A9", "/nieuws/?trefwoord=%00%C3%A9"),
    ],
)
def test_an_old_tag_link_moves_permanently_to_the_trefwoord_address(client, index, laboratorium, old, new):
    """Readers, feed readers and search engines all move on to the one address of a selection."""
    make_news(index, "Labo 2024", datetime.date(2024, 5, 1), werkingen=[laboratorium], tags=["labo", "Cultuur"])
    response = client.get(old)
    assert response.status_code == 301 and response["Location"] == new
    assert client.get(new).status_code == 200


def test_the_trefwoord_filter_filters_and_its_chip_removes_it(client, index):
    make_news(index, "Over cultuur", datetime.date(2024, 5, 1), tags=["Cultuur"])
    make_news(index, "Over iets anders", datetime.date(2024, 4, 1), tags=["Anders"])
    response = client.get("/nieuws/?trefwoord=cultuur")
    assert card_titles(response) == ["Over cultuur"]
    html = soup(response)
    assert html.select_one("#nieuws-filters-trefwoord-cultuur").has_attr("checked")
    chip = html.select_one(".active-filters .chip")
    assert chip.get_text(" ", strip=True).startswith("Trefwoord: Cultuur") and chip["href"] == "?"
    assert "tag=" not in response.content.decode()  # no link on the page uses the old name
    _, feed = parse_feed(client, "/nieuws/feed/?trefwoord=cultuur")
    assert [entry.title for entry in feed.entries] == ["Over cultuur"]


def test_an_old_tag_link_moves_on_even_when_the_index_is_in_the_page_cache(client, index, settings):
    settings.PAGE_CACHE_ENABLED = True
    make_news(index, "Over cultuur", datetime.date(2024, 5, 1), tags=["Cultuur"])
    for _ in range(2):
        assert client.get("/nieuws/").status_code == 200  # rendered, then from the cache
    for _ in range(2):
        response = client.get("/nieuws/?tag=cultuur")
        assert response.status_code == 301 and response["Location"] == "/nieuws/?trefwoord=cultuur"
