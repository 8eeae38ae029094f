"""Canonical page-cache keys (issue 22, item 1): a page's entry is keyed by the parameters it
reads, normalised, so random query strings make no new entries, while every real filter
combination still gets its own page and no filtered page is served for another."""

import random
import string

import pytest
from django.core.cache import cache
from django.test import override_settings

from kalender.models import EventPage
from tests.helpers import texts

pytestmark = pytest.mark.usefixtures("page_cache")

CARDS = ".card h3"  # the title of each result on a listing


@pytest.fixture
def page_cache():
    cache.clear()
    with override_settings(PAGE_CACHE_ENABLED=True):
        yield
    cache.clear()


def uncached(client, url):
    with override_settings(PAGE_CACHE_ENABLED=False):
        return client.get(url)


def random_query(rng, names):
    """A query string a cache-buster or a crawler might send: unknown names, unknown values,
    known names with odd spellings, empty and repeated values, page numbers out of range."""
    junk = lambda: "".join(rng.choices(string.ascii_letters + string.digits + "-_ %é", k=rng.randint(0, 12)))  # noqa: E731
    pairs = []
    for _ in range(rng.randint(1, 6)):
        name = rng.choice([*names, "utm_source", "fbclid", junk(), "x", "PAGINA", "pagina"])
        value = rng.choice([junk(), "", "0", "1", "01", str(rng.randint(2, 10**9)), "-3", "²"])
        pairs.append((name, value))
    return "&".join(f"{name}={value}" for name, value in pairs)


def test_random_query_strings_make_no_new_entries(client, demo):
    rng = random.Random(22)
    event = EventPage.objects.get(slug="som-start-2023").url
    pages = {"/": [], "/werking/": ["fase", "speerpunt", "niveau", "jaar", "werking"], event: []}
    for url, names in pages.items():
        statuses = {}
        for _ in range(1000):
            response = client.get(f"{url}?{random_query(rng, names)}")
            assert response.status_code == 200, response.request
            answer = response.get("X-Cache", "rendered, not kept")
            statuses[answer] = statuses.get(answer, 0) + 1
        # The first render tells the cache what the page reads (it is kept only if its query
        # was already canonical); then one entry, and every other request is served from it.
        assert statuses.get("MISS", 0) <= 2, (url, statuses)
        assert statuses["HIT"] >= 997, (url, statuses)


def test_the_same_page_under_another_spelling_of_its_query_is_one_entry(client, demo):
    assert client.get("/werking/?fase=afgerond")["X-Cache"] == "MISS"
    for url in [
        "/werking/?fase=afgerond",
        "/werking/?fase=Afgerond&utm_source=nieuwsbrief",
        "/werking/?x=1&fase=afgerond&fase=afgerond&speerpunt=",
        "/werking/?fase=%20AFGEROND%20&pagina=1",
    ]:
        assert client.get(url)["X-Cache"] == "HIT", url


def test_real_filter_combinations_get_their_own_page_with_the_right_content(client, demo):
    urls = [
        "/werking/",
        "/werking/?fase=afgerond",
        "/werking/?fase=ontwerpfase",
        "/werking/?fase=afgerond&fase=ontwerpfase",
        "/werking/studio/",
        "/werking/studio/?fase=afgerond",
        "/nieuws/",
        "/kalender/?weergave=maand&maand=2024-04",
        "/kalender/?weergave=maand&maand=2024-05",
        "/kalender/?periode=voorbij",
    ]
    expected = {url: texts(uncached(client, url), "main") for url in urls}
    assert expected["/werking/?fase=afgerond"] != expected["/werking/"]
    assert expected["/kalender/?weergave=maand&maand=2024-04"] != expected["/kalender/?weergave=maand&maand=2024-05"]
    for _ in range(2):  # the first round renders, the second comes from the cache
        for url in urls:
            assert texts(client.get(url), "main") == expected[url], url
    for url in urls:
        assert client.get(url)["X-Cache"] == "HIT", url


def test_the_page_still_says_which_values_it_ignored(client, demo):
    client.get("/werking/?fase=afgerond")  # the cache learns what /werking/ reads
    hit = client.get("/werking/?fase=afgerond&fase=bestaat-niet&speerpunt=<b>nee</b>")
    assert hit["X-Cache"] == "HIT"
    [notice] = texts(hit, ".notice")
    assert "“bestaat-niet” bij fase" in notice and "“<b>nee</b>” bij speerpunt" in notice
    assert b"<b>nee</b>" not in hit.content
    # The entry itself says nothing: the next visitor asked for no such value.
    assert texts(client.get("/werking/?fase=afgerond"), ".notice") == []


def test_unknown_parameters_never_reach_the_links_of_a_cached_page(client, demo):
    client.get("/werking/")
    page = client.get("/werking/?fase=afgerond&boos=%22%3E%3Cscript%3E")
    assert b"boos" not in page.content and b"script%3E" not in page.content
    assert client.get("/werking/?fase=afgerond")["X-Cache"] == "HIT"


def test_a_search_text_is_answered_but_never_kept(client, demo):
    first = client.get("/werking/?q=labo")
    assert "X-Cache" not in first and first.status_code == 200
    assert "X-Cache" not in client.get("/werking/?q=labo")
    assert client.get("/werking/?q=")["X-Cache"] in ("HIT", "MISS")


def test_site_searches_are_answered_but_never_kept_and_the_empty_search_is_one_entry(client, demo):
    rng = random.Random(22)
    letters = string.ascii_lowercase
    for _ in range(300):
        words = " ".join("".join(rng.choices(letters, k=rng.randint(3, 9))) for _ in range(rng.randint(1, 3)))
        kind = rng.choice(["", "project", "nieuws", "x", "<b>"])
        response = client.get("/zoeken/", {"q": words, "type": kind, "pagina": str(rng.randint(-3, 10**9))})
        assert response.status_code == 200 and "X-Cache" not in response, words  # rendered, not kept
    statuses = {}
    for _ in range(300):  # no words: whatever the type and page, the same few pages
        junk = "".join(rng.choices(letters, k=5))
        kind = rng.choice(["", "project", "nieuws", junk])
        response = client.get("/zoeken/", {"type": kind, "pagina": str(rng.randint(-3, 10**9)), junk: junk})
        statuses[response.get("X-Cache")] = statuses.get(response.get("X-Cache"), 0) + 1
    assert statuses.get("MISS", 0) <= 4 and statuses["HIT"] >= 290, statuses
    # A very long search says it was cut, also once the cache hands the page the cut words.
    for _ in range(2):
        assert "erg lang" in " ".join(texts(client.get("/zoeken/", {"q": "labo " * 60}), ".notice"))
    # A real search still finds, pages and says what it ignored.
    found = client.get("/zoeken/", {"q": "labo", "type": "bestaat-niet", "pagina": "2"})
    assert texts(found, ".search-result__title") and "X-Cache" not in found
    assert [notice for notice in texts(found, ".notice") if "bestaat-niet" in notice] == [
        "We negeerden “bestaat-niet” bij type: die waarde kennen we niet."
    ]


def test_page_numbers_are_kept_within_the_pages_there_are(client, demo):
    client.get("/nieuws/")
    first = client.get("/nieuws/?pagina=999999999")
    second = client.get("/nieuws/?pagina=123456")
    assert second["X-Cache"] == "HIT"
    assert (
        texts(first, "main h3") == texts(second, "main h3") == texts(uncached(client, "/nieuws/?pagina=999"), "main h3")
    )


def test_a_value_that_a_publish_makes_known_filters_at_once(client, demo):
    from som.models import Speerpunt

    client.get("/werking/?speerpunt=bestaat-nog-niet")  # the rules: no such speerpunt
    Speerpunt.objects.create(name="Bestaat nog niet", slug="bestaat-nog-niet")
    response = client.get("/werking/?speerpunt=bestaat-nog-niet", follow=True)
    assert "Speerpunt: Bestaat nog niet" in " ".join(texts(response, ".chip"))
    assert texts(response, ".notice") == []
