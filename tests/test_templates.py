"""Templates never query: every public page type renders from what its context holds (the
page's get_context or the view's, and the context processors), with the database blocked
while the template renders. And each Open Graph and Twitter property is on a page once.

The pages are the demo site's, with images on everything that shows one (werkingen, projects,
events, news items, profiles), as a visitor sees them after the first visitor made the
renditions: the cache is emptied before each page, so nothing a template reads can come from
an earlier request."""

import io
from collections import Counter
from contextlib import contextmanager
from itertools import cycle
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.core.files.images import ImageFile
from django.db import connection
from django.template.context import RequestContext
from PIL import Image as PILImage

from kalender.models import EventPage
from nieuws.models import NewsPage
from onderwijsmakers.models import ProfilePage
from som.models import SomImage
from werkingen.models import ProjectPage, WerkingPage

from .public_urls import PAGES

# Every page type: the demo's pages and the views whose templates differ.
URLS = PAGES + ["/kalender/?weergave=maand", "/zoeken/?q=labo", "/bestaat-niet/"]
# The pages that show an image (a lead image, a news card, a person's photo).
ILLUSTRATED = [
    "/",
    "/werking/laboratorium/",
    "/werking/som-raad/",
    "/werking/laboratorium/labo-zij-instromers/",
    "/onderwijsmakers/",
    "/onderwijsmakers/jan-elen/",
    "/kalender/kick-off-labo-zij-instromers/",
    "/nieuws/",
    "/nieuws/volgende-vijf-jaar-samen-onderwijs/",
]
# The pages whose type has a lead image, which they share (Open Graph).
LEAD_IMAGE_PAGES = [
    "/kalender/maandelijks-netwerkmoment-voorbeeld/",
    "/werking/laboratorium/",
    "/werking/som-raad/",
    "/werking/laboratorium/labo-zij-instromers/",
    "/werking/laboratorium/labo-onderwijs-x-cultuur/",
    "/kalender/kick-off-labo-zij-instromers/",
    "/nieuws/volgende-vijf-jaar-samen-onderwijs/",
]
NEWS_ITEM = "/nieuws/volgende-vijf-jaar-samen-onderwijs/"


class TemplateQueried(AssertionError):
    pass


@contextmanager
def database_blocked_while_rendering():
    """Block the database while a template renders with a request, i.e. after the view built
    the context and the context processors ran (RequestContext.bind_template runs them, then
    renders). Yields the list of what the templates tried to ask, and how many renders ran."""
    attempts, renders = [], []
    bind_template = RequestContext.bind_template

    def refuse(execute, sql, params, many, context):
        attempts.append(sql)
        raise TemplateQueried(f"A template queried the database: {sql}")

    @contextmanager
    def blocked(self, template):
        with bind_template(self, template):
            renders.append(template.origin.template_name)
            with connection.execute_wrapper(refuse):
                yield

    with mock.patch.object(RequestContext, "bind_template", blocked):
        yield attempts, renders


def make_image(title, colour):
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 900), colour).save(buffer, "PNG")
    return SomImage.objects.create(
        title=title, description=f"Een effen vlak: {title}", credit="Foto SOM", file=ImageFile(buffer, name="foto.png")
    )


@pytest.fixture
def illustrated(demo):
    """The demo site with an image on every werking, project, event and news item and a photo
    on every profile (a few images, as editors reuse them)."""
    images = cycle(
        [make_image("Klas", (11, 92, 107)), make_image("Stadhuis", (200, 120, 40)), make_image("STUK", (90, 40, 120))]
    )
    for model in (WerkingPage, ProjectPage, EventPage, NewsPage):
        for pk in model.objects.values_list("pk", flat=True):
            model.objects.filter(pk=pk).update(image=next(images))
    for pk in ProfilePage.objects.values_list("pk", flat=True):
        ProfilePage.objects.filter(pk=pk).update(photo=next(images))
    return demo


def render_blocked(client, url):
    """The page as a visitor gets it once its renditions exist, rendered with the database
    blocked; (response, what the templates asked the database)."""
    client.get(url)  # the first visitor: the renditions the page shows are made
    cache.clear()
    with database_blocked_while_rendering() as (attempts, renders):
        response = client.get(url)
    assert renders, f"{url} was not rendered (a cached page proves nothing)"
    return response, attempts


@pytest.mark.django_db
def test_no_template_queries_the_database(client, illustrated):
    queried, shown = {}, {}
    for url in URLS:
        try:
            response, attempts = render_blocked(client, url)
        except TemplateQueried as error:  # raised in the template, re-raised by the test client
            queried[url] = str(error)
            continue
        assert response.status_code == (404 if url == "/bestaat-niet/" else 200), url
        if attempts:  # a query the template caught and hid
            queried[url] = attempts
        html = BeautifulSoup(response.content, "lxml")
        shown[url] = bool(html.select("main img"))
    assert not queried, queried
    # The images were there to be rendered (else their renditions were never asked for).
    assert [url for url in ILLUSTRATED if not shown.get(url)] == []


@pytest.mark.django_db
def test_an_editor_gets_the_user_bar_without_a_template_query(client, illustrated, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("redactie", "redactie@example.com", "geheim-123"))
    for url in ["/", "/werking/laboratorium/labo-zij-instromers/", "/nieuws/volgende-vijf-jaar-samen-onderwijs/"]:
        response, attempts = render_blocked(client, url)
        assert response.status_code == 200 and not attempts, (url, attempts)
        assert BeautifulSoup(response.content, "lxml").select("wagtail-userbar"), url


def share_properties(response):
    """How often each Open Graph, Twitter and article property is in the page's head."""
    html = BeautifulSoup(response.content, "lxml")
    names = [meta.get("property") or meta.get("name") for meta in html.select("head meta")]
    return Counter(name for name in names if name and name.startswith(("og:", "twitter:", "article:")))


@pytest.mark.django_db
def test_each_open_graph_and_twitter_property_is_on_a_page_once(client, illustrated):
    always = {"og:site_name", "og:locale", "og:type", "og:title", "og:url", "twitter:card", "twitter:title"}
    image = {"og:image", "og:image:width", "og:image:height", "og:image:alt", "twitter:image"}
    article = {"article:published_time", "article:modified_time", "article:tag"}
    for url in PAGES:
        if url == "/zoeken/":
            continue  # search results are not shared (noindex)
        counts = share_properties(client.get(url))
        expected = always | (image if url in LEAD_IMAGE_PAGES else set()) | (article if url == NEWS_ITEM else set())
        assert set(counts) - {"og:description"} == expected, (url, set(counts) ^ expected)  # a description if any
        tags = counts.pop("article:tag", 0)
        assert set(counts.values()) == {1}, (url, counts)
        assert tags == (2 if url == NEWS_ITEM else 0), url  # the demo item's two tags, each once

    def og_type(url):
        return BeautifulSoup(client.get(url).content, "lxml").select_one('meta[property="og:type"]')["content"]

    assert og_type(NEWS_ITEM) == "article"
    assert og_type("/werking/laboratorium/labo-zij-instromers/") == "website"
