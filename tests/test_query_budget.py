"""Every public page type renders in at most 25 queries, and in the same number whether the
site holds a little or a lot of content."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kalender.models import EventPage, KalenderPage
from nieuws.models import NewsPage, NieuwsIndexPage
from onderwijsmakers.models import Membership, OnderwijsmakersIndexPage, ProfilePage
from som.models import Fase, Onderwijsniveau, Speerpunt
from tests.public_urls import PUBLIC_URLS
from werkingen.models import ProjectPage, WerkingPage

BUDGET = 25
# Every public page and feed, and the filtered views whose queries differ.
URLS = PUBLIC_URLS + [
    "/werking/?fase=opstartfase&jaar=2023",
    "/onderwijsmakers/?werking=som-raad",
    "/kalender/?periode=voorbij",
    "/kalender/?weergave=maand",
    "/zoeken/?q=labo",
]


def add_content(count):
    """`count` more projects, events, people and news items, all linked to each other."""
    lab = WerkingPage.objects.get(kind="laboratorium")
    raad = WerkingPage.objects.get(kind="som-raad")
    fase, speerpunt, niveau = Fase.objects.first(), Speerpunt.objects.first(), Onderwijsniveau.objects.first()
    calendar, directory, news_index = (
        KalenderPage.objects.get(),
        OnderwijsmakersIndexPage.objects.get(),
        NieuwsIndexPage.objects.get(),
    )
    project_with_many = ProjectPage.objects.get(slug="labo-zij-instromers")
    now = timezone.now()
    for i in range(count):
        project = ProjectPage(
            title=f"Labo extra {i}", slug=f"labo-extra-{i}", date=datetime.date(2023, 1, 1 + i % 28), fase=fase
        )
        lab.add_child(instance=project)
        project.speerpunten.set([speerpunt])
        project.niveaus.set([niveau])
        project.save_revision().publish()
        event = EventPage(
            title=f"Labo-sessie extra {i}",
            slug=f"labo-sessie-extra-{i}",
            start=now + datetime.timedelta(days=i + 1),
            end=now + datetime.timedelta(days=i + 1, hours=2),
            werking=lab,
            project=project_with_many,
        )
        calendar.add_child(instance=event)
        event.save_revision().publish()
        profile = ProfilePage(
            title=f"Persoon {i}", slug=f"persoon-{i}", first_name="Persoon", family_name=f"Extra {i}", role="Leerkracht"
        )
        profile.memberships = [Membership(werking=raad, role="lid")]
        directory.add_child(instance=profile)
        profile.save_revision().publish()
        item = NewsPage(
            title=f"Labo nieuws {i}", slug=f"labo-nieuws-{i}", date=datetime.date(2024, 1, 1 + i % 28), intro="Extra."
        )
        news_index.add_child(instance=item)
        item.projects.set([project_with_many])
        item.save_revision().publish()


def query_counts(client):
    counts = {}
    for url in URLS:
        client.get(url)  # warm the site, settings and rendition caches
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        counts[url] = len(queries)
    return counts


@pytest.mark.django_db
def test_every_page_type_stays_within_the_query_budget_at_any_size(client, demo):
    few = query_counts(client)
    over = {url: n for url, n in few.items() if n > BUDGET}
    assert not over, over
    add_content(12)
    many = query_counts(client)
    # Never more queries with more content (a result list can get cheaper when its shape changes).
    grown = {url: (few[url], many[url]) for url in URLS if many[url] > few[url]}
    assert not grown, grown
