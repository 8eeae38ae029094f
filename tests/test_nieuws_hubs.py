"""Issue 21, the news part of the network map: an event and the news about it link each other,
and a werking page (its hub) shows its latest news with the filtered news index and RSS feed.
Only what a visitor may see shows, in a number of queries that does not grow with the news."""

import datetime

import feedparser
import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from kalender.models import EventPage
from nieuws.demo import CHARTER_EVENT, SLUG
from nieuws.models import NewsPage, NieuwsIndexPage
from nieuws.sections import WERKING_NEWS
from som.plugins import page_sections
from werkingen.models import WerkingPage

from .helpers import soup, texts

CHARTER_NEWS = f"/nieuws/{SLUG}/"
BUDGET = 25


def add_news(title, *, werking=None, event=None, date=datetime.date(2025, 5, 1), publish=True):
    item = NewsPage(title=title, slug=title.lower().replace(" ", "-"), date=date, intro=f"Over {title}.")
    NieuwsIndexPage.objects.get().add_child(instance=item)
    if werking is not None:
        item.werkingen.set([werking])
    if event is not None:
        item.events.set([event])
    revision = item.save_revision()
    if publish:
        revision.publish()
    else:
        item.live = False
        item.save()
    return item


def event_news(event):
    """What the "Nieuws over deze activiteit" section declared on event pages shows, rendered
    as a page renders the sections other apps declare (som.plugins.page_sections)."""
    request = RequestFactory().get(event.url)
    sections = [s for s in page_sections(event, request) if s["template"] == "nieuws/sections/event_news.html"]
    return [render_to_string(s["template"], {"section": s, "request": request}) for s in sections]


def werking_news(response):
    return texts(response, ".werking-news .card__title")


# -- an event and the news about it --------------------------------------------------------


@pytest.mark.django_db
def test_the_charter_item_and_the_charter_signing_link_each_other(client, demo):
    event = EventPage.objects.get(slug=CHARTER_EVENT)
    html = soup(client.get(CHARTER_NEWS))
    links = html.select(".news-item__relations a")
    assert [(a.get_text(strip=True), a["href"]) for a in links if a["href"] == event.url] == [(event.title, event.url)]
    dt = [d.get_text(strip=True) for d in html.select(".news-item__relations dt")]
    assert "Activiteit" in dt  # one event: singular

    (section,) = event_news(event)
    section = soup_of(section)
    assert section.select_one("h2").get_text(strip=True) == "Nieuws over deze activiteit"
    assert [a["href"] for a in section.select("a")] == [CHARTER_NEWS]
    assert "30 september 2021" in section.get_text()
    # And on the event page itself, as a visitor sees it.
    on_page = soup(client.get(event.url)).select_one("section.event-news")
    assert on_page is not None and [a["href"] for a in on_page.select("a")] == [CHARTER_NEWS]


def soup_of(markup):
    from bs4 import BeautifulSoup

    return BeautifulSoup(markup, "lxml")


@pytest.mark.django_db
def test_the_editor_names_events_beside_werkingen_projects_and_people(admin_client, demo):
    item = NewsPage.objects.get(slug=SLUG)
    html = soup(admin_client.get(f"/admin/pages/{item.pk}/edit/"))
    names = [field["name"] for field in html.select("[name]") if field["name"] in {"werkingen", "projects", "events"}]
    assert {"werkingen", "projects", "events"} <= set(names)


@pytest.mark.django_db
def test_a_hidden_news_item_never_shows_on_the_event_page(client, demo):
    event = EventPage.objects.get(slug=CHARTER_EVENT)
    add_news("Concept over het charter", event=event, publish=False)
    private = add_news("Besloten over het charter", event=event)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    (section,) = event_news(event)
    assert "Concept" not in section and "Besloten" not in section
    assert [a["href"] for a in soup_of(section).select("a")] == [CHARTER_NEWS]


@pytest.mark.django_db
def test_a_hidden_event_never_shows_on_the_news_item(client, demo):
    event = EventPage.objects.get(slug=CHARTER_EVENT)
    event.unpublish()
    item = NewsPage.objects.get(slug=SLUG)
    response = client.get(CHARTER_NEWS)
    assert event.title not in response.content.decode()
    assert item.events.count() == 1  # still linked, shown again once published


@pytest.mark.django_db
def test_an_event_without_news_has_no_news_section(demo):
    event = EventPage.objects.get(slug="som-start-2023")
    assert event_news(event) == []


# -- a werking's news on its page ----------------------------------------------------------


@pytest.mark.django_db
def test_a_werking_page_shows_its_latest_news_and_the_filtered_index_and_feed(client, demo):
    lab = WerkingPage.objects.get(kind="laboratorium")
    for i in range(4):
        add_news(f"Labonieuws {i}", werking=lab, date=datetime.date(2025, 1, 1 + i))
    response = client.get(lab.url)
    assert werking_news(response) == ["Labonieuws 3", "Labonieuws 2", "Labonieuws 1"]  # the latest three
    assert WERKING_NEWS == 3
    html = soup(response)
    index_link = html.select_one(".werking-news .section__more")
    assert index_link["href"] == "/nieuws/?werking=laboratorium"
    assert index_link.get_text(strip=True) == "Al het nieuws van deze werking"
    assert "Labonieuws 0" in texts(client.get(index_link["href"]), ".news-grid .card__title")

    feed_link = html.select_one('.werking-news a[type="application/rss+xml"]')
    assert feed_link["href"] == "/nieuws/feed/?werking=laboratorium"
    feed = feedparser.parse(client.get(feed_link["href"]).content)
    assert not feed.bozo
    titles = [entry.title for entry in feed.entries]
    assert titles[:4] == ["Labonieuws 3", "Labonieuws 2", "Labonieuws 1", "Labonieuws 0"]
    # Only the werking's news: the demo's other items are about other werkingen or none.
    laboratorium_titles = set(NewsPage.objects.live().filter(werkingen=lab).values_list("title", flat=True))
    assert set(titles) == laboratorium_titles


@pytest.mark.django_db
def test_a_werking_without_news_has_no_news_section(client, demo):
    raad = WerkingPage.objects.get(kind="som-raad")
    assert not NewsPage.objects.filter(werkingen=raad).exists()
    assert not soup(client.get(raad.url)).select(".werking-news")


@pytest.mark.django_db
def test_the_news_comes_after_the_members_and_before_the_werkings_own_listing(client, demo):
    lab = WerkingPage.objects.get(kind="laboratorium")
    html = client.get(lab.url).content.decode()
    assert html.index('class="section werking-news"') < html.index('id="filters-title"')


@pytest.mark.django_db
@pytest.mark.parametrize("way", ["concept", "wachtwoord", "aanmelden", "gedepubliceerd"])
def test_hidden_news_never_shows_on_the_werking_page(client, demo, way):
    lab = WerkingPage.objects.get(kind="laboratorium")
    secret = add_news("Geheim labonieuws", werking=lab, date=datetime.date(2030, 1, 1), publish=way != "concept")
    if way in ("wachtwoord", "aanmelden"):
        kind = PageViewRestriction.PASSWORD if way == "wachtwoord" else PageViewRestriction.LOGIN
        PageViewRestriction.objects.create(page=secret, restriction_type=kind, password="x")
    elif way == "gedepubliceerd":
        secret.unpublish()
    body = client.get(lab.url).content.decode()
    assert "Geheim labonieuws" not in body
    assert werking_news(client.get(lab.url))  # the werking's public news still shows
    feed = feedparser.parse(client.get("/nieuws/feed/?werking=laboratorium").content)
    assert "Geheim labonieuws" not in [entry.title for entry in feed.entries]


# -- queries ---------------------------------------------------------------------------------


def queries_for(client, url):
    client.get(url)  # renditions and caches warm
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_werking_event_and_news_pages_stay_within_budget_however_much_news(client, demo):
    lab = WerkingPage.objects.get(kind="laboratorium")
    event = EventPage.objects.get(slug=CHARTER_EVENT)
    item = NewsPage.objects.get(slug=SLUG)
    urls = [lab.url, event.url, CHARTER_NEWS, "/nieuws/", "/nieuws/?werking=laboratorium"]

    def add(count, start):
        for i in range(start, start + count):
            add_news(f"Extra {i}", werking=lab, event=event, date=datetime.date(2024, 1 + i % 12, 1 + i % 28))
        extra = list(EventPage.objects.live()[:count])
        item.events.add(*extra)
        item.save_revision().publish()

    add(5, 0)
    few = {url: queries_for(client, url) for url in urls}
    add(45, 5)
    many = {url: queries_for(client, url) for url in urls}
    assert all(n <= BUDGET for n in many.values()), many
    # Never more with more news (a page can get cheaper when its shape changes: a full page of
    # cards shares its images' renditions).
    grown = {url: (few[url], many[url]) for url in urls if many[url] > few[url]}
    assert not grown, grown
