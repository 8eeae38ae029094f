"""Registering for an event, as a visitor sees it: the state on the event page, the form on its
own address, the confirmation, the personal page (cancel, download, erase), the waiting list,
double registrations, robots and floods, personal data that is never cached and is erased when
its time is up."""

import datetime
import json

import icalendar
import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from kalender.models import EventPage, EventStatus, Registration
from kalender.registrations import places
from tests.helpers import soup

COMMUNITY = "netwerkmoment-community-voorbeeld"  # demo: 25 places, 22 taken
LABO = "labo-sessie-onderwijs-x-cultuur-voorbeeld"  # demo: 12 places, full, 2 waiting, two extra questions


@pytest.fixture
def event(demo):
    return EventPage.objects.get(slug=COMMUNITY)


def person(number=1, **extra):
    return {
        "first_name": "An",
        "family_name": f"Peeters {number}",
        "email": f"an.peeters{number}@example.org",
        "organisation": "Basisschool De Kleine Wereld",
        "role": "leerkracht",
        "consent": "on",
        **extra,
    }


def register(client, event, data):
    return client.post(event.url + "inschrijven/", data)


def test_the_event_page_says_how_many_places_are_left_and_links_the_form(client, event):
    page = soup(client.get(event.url))
    state = page.select_one(".registration")
    assert "nog 3 plaatsen" in state.get_text()
    link = state.find("a", class_="button")
    assert link["href"].endswith(event.url + "inschrijven/") and "Schrijf je in" in link.get_text()
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["remainingAttendeeCapacity"] == 3 and data["maximumAttendeeCapacity"] == 25
    assert data["offers"]["availability"] == "https://schema.org/InStock"


def test_a_full_event_offers_its_waiting_list(client, demo):
    labo = EventPage.objects.get(slug=LABO)
    page = soup(client.get(labo.url))
    assert "Volzet — schrijf je in op de wachtlijst." in page.select_one(".registration").get_text()
    assert page.select_one(".event__status").get_text(strip=True) == "Volzet"
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["offers"]["availability"] == "https://schema.org/SoldOut" and data["remainingAttendeeCapacity"] == 0


def test_registering_confirms_on_a_page_and_by_mail_with_the_event_and_a_personal_link(
    client, event, django_capture_on_commit_callbacks
):
    form_page = soup(client.get(event.url + "inschrijven/"))
    assert form_page.h1.get_text(strip=True) == "Inschrijven"
    for name in ("first_name", "family_name", "email", "organisation", "role", "niveau", "consent"):
        control = form_page.find(attrs={"name": name})
        assert form_page.find("label", attrs={"for": control["id"]}), f"{name} has no label"
    with django_capture_on_commit_callbacks(execute=True):
        response = register(client, event, person())
    assert response.status_code == 302
    registration = Registration.objects.get(email="an.peeters1@example.org")
    assert registration.status == Registration.Status.CONFIRMED
    assert response["Location"] == f"/inschrijving/{registration.token}/?nieuw=1"
    confirmation = client.get(response["Location"])
    assert "private" in confirmation["Cache-Control"] and "no-store" in confirmation["Cache-Control"]
    assert confirmation["Referrer-Policy"] == "same-origin"
    assert soup(confirmation).h1.get_text(strip=True) == "Je bent ingeschreven"
    (message,) = mail.outbox
    assert message.to == ["an.peeters1@example.org"] and message.subject == f"Je bent ingeschreven: {event.title}"
    assert f"/inschrijving/{registration.token}/" in message.body and "Dag An," in message.body
    html = message.alternatives[0][0]
    assert "Mijn inschrijving" in html
    (filename, content, mimetype) = message.attachments[0]
    assert (filename, mimetype) == (f"{event.slug}.ics", "text/calendar")
    vevent = icalendar.Calendar.from_ical(content).walk("VEVENT")[0]
    assert str(vevent["SUMMARY"]) == event.title
    assert vevent["DTSTART"].dt == timezone.localtime(event.start)
    # The event page now counts the new registration.
    assert "nog 2 plaatsen" in soup(client.get(event.url)).select_one(".registration").get_text()


def test_errors_are_tied_to_their_fields_and_what_was_typed_stays(client, event):
    response = register(client, event, {**person(), "email": "geen-adres", "consent": ""})
    assert response.status_code == 200
    page = soup(response)
    email = page.find("input", attrs={"name": "email"})
    assert email["value"] == "geen-adres" and email["aria-invalid"] == "true"
    assert "id_email_error" in email["aria-describedby"].split()
    assert page.find(id="id_email_error").get_text(strip=True)
    assert page.find("input", attrs={"name": "first_name"})["value"] == "An"
    assert "Zonder je akkoord" in page.find(id="id_consent_error").get_text()
    assert page.select_one(".form__errors[role=alert]")
    assert not Registration.objects.filter(email="geen-adres").exists()


def test_the_same_address_twice_is_refused_politely(client, event, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        register(client, event, person())
    response = register(client, event, {**person(), "email": "AN.PEETERS1@example.org", "first_name": "Anna"})
    assert response.status_code == 200
    error = soup(response).find(id="id_email_error").get_text()
    assert "al iemand ingeschreven" in error and "bevestigingsmail" in error
    assert Registration.objects.filter(event=event, email__iexact="an.peeters1@example.org").count() == 1


def test_when_full_people_go_on_the_waiting_list_and_move_up_when_someone_cancels(
    client, event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        tokens = [register(client, event, person(number))["Location"].split("/")[2] for number in range(1, 5)]
    statuses = [Registration.objects.get(token=token).status for token in tokens]
    assert statuses == ["bevestigd", "bevestigd", "bevestigd", "wachtlijst"]
    assert (
        soup(client.get(f"/inschrijving/{tokens[3]}/?nieuw=1")).h1.get_text(strip=True) == "Je staat op de wachtlijst"
    )
    assert mail.outbox[-1].subject == f"Je staat op de wachtlijst: {event.title}"
    mail.outbox.clear()
    # Looking at the personal page cancels nothing; the button does.
    assert client.get(f"/inschrijving/{tokens[0]}/").status_code == 200
    assert Registration.objects.get(token=tokens[0]).status == "bevestigd"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/inschrijving/{tokens[0]}/annuleren/")
    assert response.status_code == 302
    assert soup(client.get(response["Location"])).h1.get_text(strip=True) == "Je inschrijving is geannuleerd"
    assert Registration.objects.get(token=tokens[0]).status == "geannuleerd"
    assert Registration.objects.get(token=tokens[3]).status == "bevestigd"
    subjects = sorted(message.subject for message in mail.outbox)
    assert subjects == sorted(
        [f"Je inschrijving is geannuleerd: {event.title}", f"Er is een plaats vrij voor jou: {event.title}"]
    )
    promoted = next(m for m in mail.outbox if m.subject.startswith("Er is een plaats vrij"))
    assert promoted.to == ["an.peeters4@example.org"] and promoted.attachments


def test_without_a_waiting_list_a_full_event_refuses(client, event):
    event.capacity, event.waitlist = 22, False
    event.save_revision().publish()
    assert "Deze activiteit is volzet." in soup(client.get(event.url)).select_one(".registration").get_text()
    response = register(client, event, person())
    assert response.status_code == 200 and "volzet" in soup(response).get_text()
    assert not Registration.objects.filter(email="an.peeters1@example.org").exists()


@pytest.mark.parametrize(
    ("change", "text"),
    [
        ({"registration_deadline": -1}, "De inschrijvingen zijn gesloten."),
        ({"status": EventStatus.CANCELLED}, "Deze activiteit is geannuleerd."),
        ({"registration_on_site": False}, ""),
    ],
)
def test_closed_cancelled_or_off_site_events_take_no_registration(client, event, change, text):
    for field, value in change.items():
        if field == "registration_deadline":
            value = timezone.now() - datetime.timedelta(hours=1)
        if field == "registration_on_site":
            event.capacity = None
        setattr(event, field, value)
    event.save_revision().publish()
    form_page = client.get(event.url + "inschrijven/")
    assert form_page.status_code == 200
    assert not soup(form_page).find("input", attrs={"name": "email"})
    if text:
        assert text in soup(form_page).get_text()
    register(client, event, person())
    assert not Registration.objects.filter(email="an.peeters1@example.org").exists()


def test_an_events_own_questions_are_asked_and_kept_with_the_registration(
    client, demo, django_capture_on_commit_callbacks
):
    labo = EventPage.objects.get(slug=LABO)
    page = soup(client.get(labo.url + "inschrijven/"))
    assert [radio["value"] for radio in page.select("input[type=radio]")] == ["Beeld", "Muziek", "Theater"]
    missing = register(client, labo, person())
    assert missing.status_code == 200 and soup(missing).select(".form-field--invalid")
    with django_capture_on_commit_callbacks(execute=True):
        register(
            client,
            labo,
            {**person(), "welke_werkgroep_kies_je": "Muziek", "voedingswensen_of_allergieen": "vegetarisch"},
        )
    registration = Registration.objects.get(email="an.peeters1@example.org")
    assert registration.status == "wachtlijst"  # the demo labo-sessie is full
    assert registration.answers == {"Welke werkgroep kies je?": "Muziek", "Voedingswensen of allergieën": "vegetarisch"}


def test_a_robot_that_fills_the_hidden_field_is_thanked_and_nothing_is_kept(client, event):
    response = register(client, event, {**person(), "website": "http://spam.example"})
    assert response.status_code == 200 and soup(response).h1.get_text(strip=True) == "Bedankt"
    assert not Registration.objects.filter(email="an.peeters1@example.org").exists()
    assert mail.outbox == []


@override_settings(REGISTRATION_RATE_LIMITS={"address": (3, 3600), "email": (2, 3600)})
def test_a_flood_is_stopped_with_a_dutch_message_and_nothing_typed_is_lost(client, event):
    for number in range(1, 4):
        assert register(client, event, person(number)).status_code == 302
    flooded = register(client, event, person(4))
    assert flooded.status_code == 429
    page = BeautifulSoup(flooded.content, "lxml")
    assert "te veel inschrijvingen" in page.select_one(".form__errors").get_text()
    assert page.find("input", attrs={"name": "email"})["value"] == "an.peeters4@example.org"
    assert Registration.objects.filter(event=event, email__startswith="an.peeters").count() == 3


def test_personal_links_reveal_nothing_without_the_token_and_expire_after_the_event(client, event):
    registration = places.register(event.pk, first_name="An", family_name="Peeters", email="an@example.org")
    assert client.get("/inschrijving/verkeerd-token/").status_code == 404
    assert client.post("/inschrijving/verkeerd-token/annuleren/").status_code == 404
    assert client.get(f"/inschrijving/{registration.token[:-1]}/").status_code == 404
    assert client.get(f"/inschrijving/{registration.token}/").status_code == 200
    EventPage.objects.filter(pk=event.pk).update(
        start=timezone.now() - datetime.timedelta(days=3), end=timezone.now() - datetime.timedelta(days=2)
    )
    assert client.get(f"/inschrijving/{registration.token}/").status_code == 404


def test_a_person_can_download_and_erase_their_data(client, event, django_capture_on_commit_callbacks):
    registration = places.register(
        event.pk, first_name="An", family_name="Peeters", email="an@example.org", organisation="UCLL"
    )
    download = client.get(f"/inschrijving/{registration.token}/gegevens/")
    assert download["Content-Type"].startswith("application/json") and "no-store" in download["Cache-Control"]
    data = json.loads(download.content)
    assert data["e-mailadres"] == "an@example.org" and data["school of organisatie"] == "UCLL"
    with django_capture_on_commit_callbacks(execute=True):
        erased = client.post(f"/inschrijving/{registration.token}/wissen/")
    assert "Je gegevens zijn gewist" in soup(erased).get_text()
    registration.refresh_from_db()
    assert registration.status == "geannuleerd" and registration.anonymised_at
    assert (registration.first_name, registration.organisation) == ("", "") and "an@example.org" != registration.email
    assert client.get(f"/inschrijving/{registration.token}/").status_code == 404


def test_personal_data_is_erased_months_after_the_event_and_the_counts_stay(event, settings):
    settings.REGISTRATION_RETENTION_MONTHS = 6
    registration = places.register(event.pk, first_name="An", family_name="Peeters", email="an@example.org")
    call_command("purge_personal_data", verbosity=0)
    registration.refresh_from_db()
    assert registration.first_name == "An"  # the event has not even taken place
    EventPage.objects.filter(pk=event.pk).update(
        start=timezone.now() - datetime.timedelta(days=200), end=timezone.now() - datetime.timedelta(days=199)
    )
    call_command("purge_personal_data", verbosity=0)
    registration.refresh_from_db()
    assert registration.anonymised_at and registration.first_name == "" and registration.email.endswith(".invalid")
    assert places.counts(event) == (23, 0)  # 22 from the demo and this one: still counted


def test_registrations_never_show_in_search_or_on_pages(client, event):
    places.register(event.pk, first_name="Zoltan", family_name="Uniekenaam", email="zoltan@example.org")
    for query in ["Uniekenaam", "zoltan@example.org"]:
        results = soup(client.get("/zoeken/", {"q": query}))
        assert not results.select(".search-result") and "Niets gevonden" in results.get_text(), query
    for url in [event.url, "/kalender/", "/kalender/agenda.ics", "/sitemap.xml", "/nieuws/feed/"]:
        assert "Uniekenaam" not in client.get(url).content.decode(), url


def test_bad_input_never_breaks_the_form(client, event):
    for data in [
        {**person(), "niveau": "999999"},
        {**person(), "role": "<script>"},
        {"email": "x" * 5000},
        {},
    ]:
        response = register(client, event, data)
        assert response.status_code == 200, data
    assert client.get("/kalender/bestaat-niet/inschrijven/").status_code == 404
    assert client.get("/kalender/inschrijven/").status_code == 404  # the calendar itself is no event


def test_a_registration_refreshes_the_cached_event_page_and_the_form_is_never_cached(client, event, settings):
    settings.PAGE_CACHE_ENABLED = True
    client.get(event.url)
    assert client.get(event.url)["X-Cache"] == "HIT"
    form = client.get(event.url + "inschrijven/")
    assert "X-Cache" not in form and "no-store" in form["Cache-Control"]
    places.register(event.pk, first_name="An", family_name="Peeters", email="an@example.org")
    refreshed = client.get(event.url)
    assert refreshed["X-Cache"] == "MISS"
    assert "nog 2 plaatsen" in soup(refreshed).select_one(".registration").get_text()
