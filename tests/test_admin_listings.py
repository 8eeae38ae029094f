"""The flat admin listings of events, projects and onderwijsmakers (<app>/viewsets.py) ask the
database the same number of times for 5 rows as for 50: no query per row."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kalender.models import EventPage, KalenderPage
from onderwijsmakers.models import OnderwijsmakersIndexPage, ProfilePage, Spotlight
from som.models import Fase
from werkingen.models import ProjectPage, WerkingPage

LISTINGS = ["/admin/activiteiten/", "/admin/projecten/", "/admin/onderwijsmakers-overzicht/"]


def add_rows(count, start):
    """`count` more events, projects and profiles (each with what its columns show)."""
    lab = WerkingPage.objects.get(kind="laboratorium")
    calendar, directory = KalenderPage.objects.get(), OnderwijsmakersIndexPage.objects.get()
    now = timezone.now()
    for i in range(start, start + count):
        event = EventPage(
            title=f"Sessie {i}",
            slug=f"sessie-{i}",
            start=now + datetime.timedelta(days=i),
            end=now + datetime.timedelta(days=i, hours=1),
            werking=lab,
        )
        calendar.add_child(instance=event)
        project = ProjectPage(
            title=f"Labo {i}", slug=f"labo-{i}", date=datetime.date(2024, 1, 1), fase=Fase.objects.first()
        )
        lab.add_child(instance=project)
        profile = ProfilePage(
            title=f"Persoon {i}", slug=f"persoon-{i}", first_name="Persoon", family_name=f"{i}", role="Leerkracht"
        )
        directory.add_child(instance=profile)
        Spotlight.objects.create(profile=profile, starts_on=datetime.date(2020, 1, 1 + i % 28))


def queries_per_listing(client):
    counts = {}
    for url in LISTINGS:
        client.get(url)  # warm Wagtail's per-process caches (content types, menus)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[url] = (len(queries), response.content.decode().count("<tr"))
    return counts


@pytest.mark.django_db
def test_admin_listings_do_not_query_per_row(client, demo, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("beheer", "b@example.org", "x"))
    add_rows(5, 0)
    few = queries_per_listing(client)
    add_rows(45, 5)
    many = queries_per_listing(client)
    for url in LISTINGS:
        assert many[url][1] > few[url][1] + 20, (url, few[url], many[url])  # the rows are there
        assert many[url][0] <= few[url][0], f"{url}: {few[url][0]} queries for few rows, {many[url][0]} for many"
