"""Registrations in the admin (issue 19, staff): per event the list with counts, search, filters,
export to CSV and XLSX with the answers to the event's questions; adding and cancelling by hand
through places.py (the waiting list and the e-mails react as for visitors); who sees names
(Eindredactie) and who sees counts only (Redactie); nothing indexes a registration."""

import csv
import datetime
import io
import json

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import ReferenceIndex
from wagtail.search.index import class_is_indexed

from kalender.models import EventPage, KalenderPage, Registration
from kalender.registrations import places
from kalender.registrations.viewsets import STAFF_DOUBLE_REGISTRATION
from som import roles
from tests.helpers import soup, texts

LISTING = "/admin/inschrijvingen/"
FULL = "labo-sessie-onderwijs-x-cultuur-voorbeeld"  # demo: 12 places, 12 confirmed, 2 waiting
NEARLY_FULL = "netwerkmoment-community-voorbeeld"  # demo: 25 places, 22 confirmed


@pytest.fixture
def chief(client, make_editor):
    """The client, logged in as the Eindredactie."""
    client.force_login(make_editor(roles.EINDREDACTIE))
    return client


@pytest.fixture
def redactie(client, make_editor):
    client.force_login(make_editor(roles.REDACTIE))
    return client


def event(slug):
    return EventPage.objects.get(slug=slug)


def rows(response):
    """The listing's rows as {column heading: text}."""
    page = soup(response)
    # A heading's own label, without what Wagtail adds beside it ("1-4 van 4 activiteiten").
    headings = [
        " ".join((th.select_one("a.label") or th).get_text(" ").split()) for th in page.select("table.listing thead th")
    ]
    result = []
    for tr in page.select("table.listing tbody tr"):
        # A title cell's text without its menu of actions ("Wijzig", "Annuleer" …).
        cells = [" ".join((td.select_one(".title-wrapper") or td).get_text(" ").split()) for td in tr.select("td")]
        result.append(dict(zip(headings, cells)))
    return result


def names(response):
    return [row["Naam"] for row in rows(response)]


def register(slug, first_name, family_name, email, **extra):
    return places.register(event(slug).pk, first_name=first_name, family_name=family_name, email=email, **extra)


def add_form(**fields):
    data = {
        "first_name": "Lotte",
        "family_name": "Janssens",
        "email": "lotte@example.org",
        "organisation": "Basisschool De Linde",
        "role": "leerkracht",
        "niveau": "",
        "consent": "on",
    }
    data.update(fields)
    return data


# -- the listing ---------------------------------------------------------------------------------


def test_listing_of_one_event_shows_who_comes_in_queue_order_with_the_counts(chief, demo):
    full = event(FULL)
    register(NEARLY_FULL, "Ander", "Event", "ander@example.org")
    cancelled = Registration.objects.get(event=full, email="deelnemer-3@example.org")
    places.cancel(cancelled.pk)  # Deelnemer 13 moves up

    response = chief.get(LISTING, {"activiteit": full.pk})
    assert response.status_code == 200
    assert soup(response).title.get_text().startswith(f"Inschrijvingen: {full.title}")
    assert texts(response, "[data-registration-counts]") == [
        "12 bevestigd · 1 op de wachtlijst · 1 geannuleerd — volzet (12 plaatsen)"
    ]
    listed = rows(response)
    assert len(listed) == 14 and "Ander Event" not in names(response)
    assert [row["Status"] for row in listed] == ["Bevestigd"] * 12 + ["Op de wachtlijst"] + ["Geannuleerd"]
    assert names(response)[11:] == ["Voorbeeld Deelnemer 13", "Voorbeeld Deelnemer 14", "Voorbeeld Deelnemer 3"]
    assert listed[0]["E-mailadres"] == "deelnemer-1@example.org"
    assert listed[0]["School of organisatie"] == "Voorbeeldschool Leuven"
    assert "Activiteit" not in listed[0]  # the title says which one
    assert {row["Activiteit"] for row in rows(chief.get(LISTING, {"status": "wachtlijst"}))} == {full.title}

    nearly = chief.get(LISTING, {"activiteit": event(NEARLY_FULL).pk})
    assert texts(nearly, "[data-registration-counts]") == [
        "23 bevestigd · 0 op de wachtlijst · 0 geannuleerd — nog 2 plaatsen (van 25)"
    ]


def test_counts_of_an_event_with_unlimited_places(chief, demo):
    studio = event("infosessie-studio-voorbeeld")
    studio.registration_on_site, studio.capacity = True, None
    studio.save()
    register(studio.slug, "Mira", "Claes", "mira@example.org")
    response = chief.get(LISTING, {"activiteit": studio.pk})
    assert texts(response, "[data-registration-counts]") == [
        "1 bevestigd · 0 op de wachtlijst · 0 geannuleerd — onbeperkt aantal plaatsen"
    ]


def test_filter_on_status_and_search_on_name_email_and_organisation(chief, demo):
    full = event(FULL)
    register(NEARLY_FULL, "Jan", "Peeters", "jan.peeters@example.org", organisation="Sint-Pieterscollege")
    register(NEARLY_FULL, "Janne", "Wouters", "janne@example.org", organisation="Atheneum Redingenhof")

    waiting = chief.get(LISTING, {"activiteit": full.pk, "status": "wachtlijst"})
    assert names(waiting) == ["Voorbeeld Deelnemer 13", "Voorbeeld Deelnemer 14"]

    assert names(chief.get(LISTING, {"q": "jan peeters"})) == ["Jan Peeters"]  # every word, any field
    assert sorted(names(chief.get(LISTING, {"q": "jan"}))) == ["Jan Peeters", "Janne Wouters"]
    assert names(chief.get(LISTING, {"q": "janne@example"})) == ["Janne Wouters"]
    assert names(chief.get(LISTING, {"q": "redingenhof"})) == ["Janne Wouters"]
    assert names(chief.get(LISTING, {"q": "pieters", "activiteit": full.pk})) == []

    everything = chief.get(LISTING)
    assert len(rows(everything)) == 22 + 14 + 2
    # Unfiltered, the newest come first; the counts belong to one event only.
    assert names(everything)[0] == "Janne Wouters"
    assert texts(everything, "[data-registration-counts]") == []


def test_bad_filter_values_are_no_error(chief, demo):
    for query in ({"activiteit": "abc"}, {"activiteit": "999999"}, {"status": "misschien"}, {"activiteit": "²"}):
        response = chief.get(LISTING, query)
        assert response.status_code == 200, query
        assert texts(response, "[data-registration-counts]") == []


# -- export --------------------------------------------------------------------------------------


def export(client, event_page, export_format):
    response = client.get(LISTING, {"activiteit": event_page.pk, "export": export_format})
    assert response.status_code == 200
    return response


def test_export_csv_has_every_registration_of_the_event_with_its_answers(chief, demo):
    full = event(FULL)
    full.capacity = 16  # room for one more, whoever moves up from the waiting list
    full.save()
    lotte = register(
        FULL,
        "Lotte",
        "Janssens",
        "lotte@example.org",
        organisation='=HYPERLINK("http://x")',
        answers={"Welke werkgroep kies je?": "Theater", "Voedingswensen of allergieën": "vegetarisch"},
    )
    response = export(chief, full, "csv")
    assert response["Content-Disposition"] == f'attachment; filename="inschrijvingen-{full.slug}.csv"'
    table = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8"))))
    assert list(table[0]) == [
        "Activiteit",
        "Datum",
        "Status",
        "Voornaam",
        "Familienaam",
        "E-mailadres",
        "School of organisatie",
        "Rol",
        "Onderwijsniveau",
        "Ingeschreven op",
        "Bevestigd op",
        "Geannuleerd op",
        "Door de redactie ingevoerd",
        "Welke werkgroep kies je?",
        "Voedingswensen of allergieën",
    ]
    assert len(table) == 15
    row = next(r for r in table if r["E-mailadres"] == "lotte@example.org")
    assert row["Activiteit"] == full.title and row["Status"] == "Bevestigd"
    assert row["Welke werkgroep kies je?"] == "Theater" and row["Voedingswensen of allergieën"] == "vegetarisch"
    assert row["Rol"] == "" and row["Door de redactie ingevoerd"] == "nee"
    assert row["Ingeschreven op"] == timezone.localtime(lotte.created_at).strftime("%d-%m-%Y %H:%M")
    # What a visitor typed never runs as a spreadsheet formula.
    assert row["School of organisatie"] == '\'=HYPERLINK("http://x")'
    other = next(r for r in table if r["E-mailadres"] == "deelnemer-1@example.org")
    assert other["Rol"] == "Leerkracht" and other["Welke werkgroep kies je?"] == ""


def test_export_xlsx_follows_the_filters(chief, demo):
    full = event(FULL)
    response = chief.get(LISTING, {"activiteit": full.pk, "status": "wachtlijst", "export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = list(sheet.values)
    assert values[0][:6] == ("Activiteit", "Datum", "Status", "Voornaam", "Familienaam", "E-mailadres")
    assert values[0][-2:] == ("Welke werkgroep kies je?", "Voedingswensen of allergieën")
    assert [row[4] for row in values[1:]] == ["Deelnemer 13", "Deelnemer 14"]
    first = Registration.objects.get(event=full, email="deelnemer-13@example.org")
    # Local time (Brussels), as an editor reads it, not UTC.
    local = timezone.localtime(first.created_at).replace(tzinfo=None)
    assert abs(values[1][9] - local) < datetime.timedelta(seconds=1), (values[1][9], local)


def test_the_export_asks_the_same_number_of_queries_for_few_and_many_rows(chief, demo):
    studio = event("infosessie-studio-voorbeeld")
    studio.registration_on_site = True
    studio.save()
    for i in range(3):
        register(studio.slug, "Persoon", f"{i}", f"p{i}@example.org")
    few = export_queries(chief, studio)
    for i in range(3, 40):
        register(studio.slug, "Persoon", f"{i}", f"p{i}@example.org")
    assert export_queries(chief, studio) <= few


def export_queries(client, event_page):
    client.get(LISTING, {"activiteit": event_page.pk, "export": "csv"})
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LISTING, {"activiteit": event_page.pk, "export": "csv"})
        b"".join(response.streaming_content)
    return len(queries)


# -- adding by hand ------------------------------------------------------------------------------


def test_add_by_hand_confirms_then_puts_on_the_waiting_list_when_full(chief, demo, django_capture_on_commit_callbacks):
    nearly = event(NEARLY_FULL)  # 3 places left
    add = f"{LISTING}new/?activiteit={nearly.pk}"
    page = chief.get(add)
    assert page.status_code == 200
    assert "Inschrijven kan nog: nog 3 plaatsen." in " ".join(texts(page, "[data-registration-offer]"))

    for number in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            response = chief.post(add, add_form(email=f"telefoon-{number}@example.org"))
        assert response.status_code == 302 and response["Location"] == f"{LISTING}?activiteit={nearly.pk}"
    assert set(Registration.objects.filter(email__startswith="telefoon-").values_list("status", "by_staff")) == {
        ("bevestigd", True)
    }
    assert [m.subject for m in mail.outbox] == [f"Je bent ingeschreven: {nearly.title}"] * 3
    assert mail.outbox[0].to == ["telefoon-0@example.org"]

    with django_capture_on_commit_callbacks(execute=True):
        response = chief.post(add, add_form(email="wachtend@example.org", first_name="Wout"), follow=True)
    waiting = Registration.objects.get(email="wachtend@example.org")
    assert waiting.status == Registration.Status.WAITING and waiting.by_staff
    assert f"Wout Janssens staat op de wachtlijst voor ‘{nearly.title}’" in response.content.decode()
    assert mail.outbox[-1].subject == f"Je staat op de wachtlijst: {nearly.title}"
    assert "Volzet: wie je nu inschrijft, komt op de wachtlijst" in " ".join(
        texts(chief.get(add), "[data-registration-offer]")
    )


def test_add_by_hand_shows_the_refusal_on_the_form(chief, demo):
    full = event(FULL)
    full.waitlist = False
    full.save()
    add = f"{LISTING}new/?activiteit={full.pk}"
    form = add_form(email="nieuw@example.org", **{"welke_werkgroep_kies_je": "Muziek"})
    response = chief.post(add, form)
    assert response.status_code == 200
    assert texts(response, ".messages .errorlist li") == ["Deze activiteit is volzet."]
    assert soup(response).select_one("input[name=first_name]")["value"] == "Lotte"  # nothing typed is lost
    assert not Registration.objects.filter(email="nieuw@example.org").exists()

    full.waitlist = True
    full.save()
    double = chief.post(add, add_form(email="DEELNEMER-1@example.org", **{"welke_werkgroep_kies_je": "Muziek"}))
    assert texts(double, '[data-contentpath="email"] .w-field__errors') == [STAFF_DOUBLE_REGISTRATION]
    assert Registration.objects.filter(event=full, email__iexact="deelnemer-1@example.org").count() == 1

    no_consent = chief.post(
        add, add_form(email="nieuw@example.org", consent="", **{"welke_werkgroep_kies_je": "Muziek"})
    )
    assert texts(no_consent, '[data-contentpath="consent"] .w-field__errors') == [
        "Zonder akkoord van de persoon kan de inschrijving niet bewaard worden."
    ]
    assert not Registration.objects.filter(email="nieuw@example.org").exists()


def test_the_add_form_asks_the_events_own_questions_and_keeps_the_answers(chief, demo):
    full = event(FULL)
    add = f"{LISTING}new/?activiteit={full.pk}"
    page = soup(chief.get(add))
    labels = [" ".join(label.get_text(" ").split()) for label in page.select("form#w-editor-form label")]
    assert any(label.startswith("Welke werkgroep kies je?") for label in labels)
    assert not page.select("input[name=website]")  # the robots' field is for the public form only
    missing = chief.post(add, add_form(email="nieuw@example.org"))
    assert missing.status_code == 200 and not Registration.objects.filter(email="nieuw@example.org").exists()

    chief.post(
        add,
        add_form(
            email="nieuw@example.org",
            **{"welke_werkgroep_kies_je": "Theater", "voedingswensen_of_allergieen": "geen noten"},
        ),
    )
    added = Registration.objects.get(email="nieuw@example.org")
    assert added.answers == {"Welke werkgroep kies je?": "Theater", "Voedingswensen of allergieën": "geen noten"}
    assert added.status == Registration.Status.WAITING


def test_add_without_an_event_first_asks_which_one(chief, demo):
    response = chief.get(f"{LISTING}new/")
    assert response.status_code == 200
    choices = rows(response)
    assert [row["Activiteit"] for row in choices] == [event(NEARLY_FULL).title, event(FULL).title]
    assert choices[0]["Ingeschreven"] == "22/25" and choices[1]["Nu"] == "volzet: op de wachtlijst"
    link = soup(response).select_one("table.listing td.title a")["href"]
    assert link == f"{LISTING}new/?activiteit={event(NEARLY_FULL).pk}"
    # An event that takes no registrations on the site is no choice; a POST without one adds nothing.
    not_on_the_site = chief.get(f"{LISTING}new/", {"activiteit": event("infosessie-studio-voorbeeld").pk})
    assert texts(not_on_the_site, "main h2") == ["Voor welke activiteit?"] and not soup(not_on_the_site).select(
        "input[name=email]"
    )
    before = Registration.objects.count()
    assert chief.post(f"{LISTING}new/", add_form()).status_code == 302
    assert Registration.objects.count() == before


# -- cancelling, editing, no deleting ------------------------------------------------------------


def test_cancel_by_hand_promotes_the_first_on_the_waiting_list(chief, demo, django_capture_on_commit_callbacks):
    full = event(FULL)
    confirmed = Registration.objects.get(event=full, email="deelnemer-5@example.org")
    listing = chief.get(LISTING, {"activiteit": full.pk})
    cancel_url = f"{LISTING}annuleren/{confirmed.pk}/"
    assert cancel_url in {a["href"] for a in soup(listing).select("a[href]")}

    question = chief.get(cancel_url)
    assert question.status_code == 200
    assert "Wil je deze inschrijving annuleren?" in question.content.decode()
    confirmed.refresh_from_db()
    assert confirmed.status == Registration.Status.CONFIRMED  # asking changes nothing

    with django_capture_on_commit_callbacks(execute=True):
        response = chief.post(cancel_url, follow=True)
    confirmed.refresh_from_db()
    assert confirmed.status == Registration.Status.CANCELLED
    first_waiting = Registration.objects.get(event=full, email="deelnemer-13@example.org")
    assert first_waiting.status == Registration.Status.CONFIRMED
    assert Registration.objects.get(event=full, email="deelnemer-14@example.org").status == Registration.Status.WAITING
    assert {(m.to[0], m.subject) for m in mail.outbox} == {
        ("deelnemer-5@example.org", f"Je inschrijving is geannuleerd: {full.title}"),
        ("deelnemer-13@example.org", f"Er is een plaats vrij voor jou: {full.title}"),
    }
    page = response.content.decode()
    assert "Van de wachtlijst schuift door: Voorbeeld Deelnemer 13" in page
    assert texts(response, "[data-registration-counts]") == [
        "12 bevestigd · 1 op de wachtlijst · 1 geannuleerd — volzet (12 plaatsen)"
    ]
    # A cancelled registration offers no second cancel.
    assert cancel_url not in {a["href"] for a in soup(response).select("a[href]")}


def test_editing_changes_contact_details_never_the_status(chief, demo):
    full = event(FULL)
    waiting = Registration.objects.get(event=full, email="deelnemer-13@example.org")
    edit = f"{LISTING}edit/{waiting.pk}/"
    page = chief.get(edit)
    assert page.status_code == 200
    assert not soup(page).select("[name=status]")
    assert soup(page).select(f'a[href="{LISTING}annuleren/{waiting.pk}/"]')  # cancelling is its own action
    form = {
        "first_name": "Femke",
        "family_name": "Deelnemer",
        "email": "femke@example.org",
        "organisation": "KU Leuven",
        "role": "student",
        "niveau": "",
        "status": "bevestigd",
    }
    assert chief.post(edit, form).status_code == 302
    waiting.refresh_from_db()
    assert (waiting.first_name, waiting.email, waiting.organisation, waiting.role) == (
        "Femke",
        "femke@example.org",
        "KU Leuven",
        "student",
    )
    assert waiting.status == Registration.Status.WAITING

    taken = chief.post(edit, {**form, "email": "Deelnemer-1@example.org"})
    assert texts(taken, '[data-contentpath="email"] .w-field__errors') == [STAFF_DOUBLE_REGISTRATION]
    assert Registration.objects.get(pk=waiting.pk).email == "femke@example.org"

    places.anonymise(Registration.objects.filter(pk=waiting.pk))
    assert chief.get(edit).status_code == 404


def test_inspect_shows_everything_about_one_registration_in_local_time(chief, demo):
    lotte = register(FULL, "Lotte", "Janssens", "lotte@example.org", answers={"Welke werkgroep kies je?": "Theater"})
    page = soup(chief.get(f"{LISTING}inspect/{lotte.pk}/"))
    shown = dict(
        zip(
            [" ".join(dt.get_text().split()) for dt in page.select("main dl dt")],
            [" ".join(dd.get_text(" ").split()) for dd in page.select("main dl dd")],
        )
    )
    local = timezone.localtime(lotte.created_at)
    assert shown["Status"] == "Op de wachtlijst" and shown["Activiteit"] == event(FULL).title
    assert shown["Antwoorden op de extra vragen"] == "Welke werkgroep kies je?: Theater"
    assert shown["Ingeschreven op"].endswith(f"{local:%H}.{local:%M}")
    assert shown["Bevestigd op"] == shown["Onderwijsniveau"] == "—"
    assert shown["Door de redactie ingevoerd"] == "nee"


def test_no_registration_is_deleted_from_the_admin(client, demo, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("beheer", "b@example.org", "x"))
    registration = Registration.objects.filter(event=event(FULL)).first()
    assert client.get(f"{LISTING}delete/{registration.pk}/").status_code == 404
    assert client.post(f"{LISTING}delete/{registration.pk}/").status_code == 404
    for url in (f"{LISTING}?activiteit={registration.event_id}", f"{LISTING}edit/{registration.pk}/"):
        assert "Verwijderen" not in client.get(url).content.decode(), url
    assert Registration.objects.filter(pk=registration.pk).exists()


# -- who sees what -------------------------------------------------------------------------------


def test_the_redactie_sees_no_names_and_changes_nothing(redactie, demo, django_capture_on_commit_callbacks):
    full = event(FULL)
    registration = Registration.objects.get(event=full, email="deelnemer-1@example.org")
    for url in (
        LISTING,
        f"{LISTING}?activiteit={full.pk}",
        f"{LISTING}?activiteit={full.pk}&export=csv",
        f"{LISTING}?activiteit={full.pk}&export=xlsx",
        f"{LISTING}new/?activiteit={full.pk}",
        f"{LISTING}edit/{registration.pk}/",
        f"{LISTING}inspect/{registration.pk}/",
        f"{LISTING}annuleren/{registration.pk}/",
    ):
        response = redactie.get(url)
        assert response.status_code == 302 and response["Location"] == "/admin/", url
    assert "Sorry, je hebt geen toegang tot dit gedeelte." in redactie.get(LISTING, follow=True).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        added = redactie.post(f"{LISTING}new/?activiteit={event(NEARLY_FULL).pk}", add_form())
        cancelled = redactie.post(f"{LISTING}annuleren/{registration.pk}/")
    assert added.status_code == cancelled.status_code == 302
    assert not Registration.objects.filter(email="lotte@example.org").exists()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    assert mail.outbox == []
    assert menu_urls(redactie) and f"{LISTING}" not in menu_urls(redactie)


def test_the_eindredactie_lists_exports_adds_and_cancels(chief, demo):
    full = event(FULL)
    assert LISTING in menu_urls(chief)
    assert len(rows(chief.get(LISTING, {"activiteit": full.pk}))) == 14
    assert chief.get(LISTING, {"activiteit": full.pk, "export": "csv"})["Content-Type"] == "text/csv"
    assert chief.get(f"{LISTING}new/?activiteit={full.pk}").status_code == 200
    registration = Registration.objects.get(event=full, email="deelnemer-1@example.org")
    assert chief.get(f"{LISTING}inspect/{registration.pk}/").status_code == 200
    assert chief.post(f"{LISTING}annuleren/{registration.pk}/").status_code == 302
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED


def menu_urls(client):
    """The addresses in the admin's main menu (Wagtail draws it from this JSON)."""
    props = json.loads(soup(client.get("/admin/")).select_one("#wagtail-sidebar-props").string)

    def urls(value):
        if isinstance(value, dict):
            return ([value["url"]] if "url" in value else []) + [u for v in value.values() for u in urls(v)]
        if isinstance(value, list):
            return [u for v in value for u in urls(v)]
        return []

    return urls(props)


def test_roles_are_granted_as_the_plugin_declares(db):
    chief, editor = Group.objects.get(name=roles.EINDREDACTIE), Group.objects.get(name=roles.REDACTIE)
    registration_type = ContentType.objects.get_for_model(Registration)
    assert set(chief.permissions.filter(content_type=registration_type).values_list("codename", flat=True)) == {
        "add_registration",
        "change_registration",
        "view_registration",
    }
    assert not editor.permissions.filter(content_type=registration_type).exists()


# -- from the event, and the dashboard -----------------------------------------------------------


def test_the_event_links_to_its_registrations_for_the_eindredactie_only(client, demo, make_editor):
    full, studio = event(FULL), event("infosessie-studio-voorbeeld")
    link = f"{LISTING}?activiteit={full.pk}"

    client.force_login(make_editor(roles.EINDREDACTIE))
    edit_page = soup(client.get(f"/admin/pages/{full.pk}/edit/"))
    assert [" ".join(a.get_text(" ").split()) for a in edit_page.select(f'a[href="{link}"]')] == [
        "Inschrijvingen (12/12)"
    ]
    assert not soup(client.get(f"/admin/pages/{studio.pk}/edit/")).select(
        f'a[href^="{LISTING}"]'
    )  # takes none on the site
    calendar = soup(client.get(f"/admin/pages/{KalenderPage.objects.get().pk}/"))
    assert [" ".join(a.get_text(" ").split()) for a in calendar.select(f'a[href="{link}"]')] == [
        "Inschrijvingen (12/12)"
    ]
    nearly = f"{LISTING}?activiteit={event(NEARLY_FULL).pk}"
    assert [" ".join(a.get_text(" ").split()) for a in calendar.select(f'a[href="{nearly}"]')] == [
        "Inschrijvingen (22/25)"
    ]

    client.force_login(make_editor(roles.REDACTIE))
    assert not soup(client.get(f"/admin/pages/{full.pk}/edit/")).select(f'a[href^="{LISTING}"]')
    assert not soup(client.get(f"/admin/pages/{KalenderPage.objects.get().pk}/")).select(f'a[href^="{LISTING}"]')


def test_dashboard_and_events_listing_show_places_taken_to_both_roles(client, demo, make_editor):
    studio = event("infosessie-studio-voorbeeld")
    studio.registration_on_site, studio.capacity = True, None
    studio.save()
    register(studio.slug, "Mira", "Claes", "mira@example.org")
    for role in (roles.REDACTIE, roles.EINDREDACTIE):
        client.force_login(make_editor(role))
        response = client.get("/admin/")
        dashboard = dashboard_events(response)
        assert dashboard[event(NEARLY_FULL).title] == "22/25"
        assert dashboard[event(FULL).title] == "12/12 · 2 op de wachtlijst"
        assert dashboard[studio.title] == "1 (onbeperkt)"
        assert dashboard["Tweedaagse workshop (voorbeeld)"] == "—"
        assert "Deelnemer" not in response.content.decode() and "Mira" not in response.content.decode()
        listing = {
            row["Titel"]: row["Inschrijvingen"]
            for row in rows(client.get("/admin/activiteiten/", {"periode": "komend"}))
        }
        assert listing[event(FULL).title] == "12/12" and listing[studio.title] == "1 (onbeperkt)"
        assert listing["Tweedaagse workshop (voorbeeld)"] == "—"
        client.logout()
        Group.objects.get(name=role).user_set.clear()


def dashboard_events(response):
    """The dashboard's "Komende activiteiten" as {event: places taken}."""
    heading = next(
        h for h in soup(response).select("#som-overview-content h3") if h.get_text() == "Komende activiteiten"
    )
    table = heading.find_next_sibling("table")
    headings = [" ".join(th.get_text(" ").split()) for th in table.select("thead th")]
    found = [
        dict(zip(headings, [" ".join(td.get_text(" ").split()) for td in tr.select("td")]))
        for tr in table.select("tbody tr")
    ]
    return {row["Activiteit"]: row["Inschrijvingen"] for row in found}


# -- no query per row ----------------------------------------------------------------------------


def add_registrations(event_page, count, start):
    now = timezone.now()
    Registration.objects.bulk_create(
        Registration(
            event=event_page,
            status=Registration.Status.CONFIRMED,
            first_name="Rij",
            family_name=f"{i}",
            email=f"rij-{i}@example.org",
            organisation="School",
            consent_at=now,
            confirmed_at=now,
            created_at=now - datetime.timedelta(minutes=i),
        )
        for i in range(start, start + count)
    )


def add_events(calendar, count, start):
    now = timezone.now()
    for i in range(start, start + count):
        calendar.add_child(
            instance=EventPage(
                title=f"Sessie {i}",
                slug=f"sessie-{i}",
                start=now + datetime.timedelta(days=i),
                end=now + datetime.timedelta(days=i, hours=1),
                registration_on_site=True,
                capacity=10,
            )
        )


def queries_and_rows(client, url, params=None):
    client.get(url, params)  # warm Wagtail's per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries), response.content.decode().count("<tr")


def test_listings_ask_the_same_number_of_queries_for_5_and_50_rows(chief, demo):
    studio = event("infosessie-studio-voorbeeld")
    studio.registration_on_site = True
    studio.save()
    calendar = KalenderPage.objects.get()
    urls = [
        (LISTING, {"activiteit": studio.pk}),
        (LISTING, {"q": "rij"}),
        (f"/admin/pages/{calendar.pk}/", None),
        ("/admin/activiteiten/", None),
    ]
    add_registrations(studio, 5, 0)
    add_events(calendar, 5, 0)
    few = [queries_and_rows(chief, url, params) for url, params in urls]
    add_registrations(studio, 45, 5)
    add_events(calendar, 45, 5)
    many = [queries_and_rows(chief, url, params) for url, params in urls]
    for (url, _params), (few_queries, few_rows), (many_queries, many_rows) in zip(urls, few, many):
        assert many_rows > few_rows + 20, url  # the rows are there
        assert many_queries <= few_queries, f"{url}: {few_queries} queries for few rows, {many_queries} for many"


# -- nothing indexes a registration --------------------------------------------------------------


def test_registrations_are_in_no_search_index_or_reference_index(chief, demo):
    register(NEARLY_FULL, "Zeldzaamnaam", "Xylofoon", "zeldzaam@example.org")
    full = event(NEARLY_FULL)
    assert not class_is_indexed(Registration)
    assert not ReferenceIndex.objects.filter(content_type=ContentType.objects.get_for_model(Registration)).exists()
    assert soup(chief.get("/admin/pages/search/", {"q": "Xylofoon"})).select("#listing-results tbody tr") == []
    assert soup(chief.get("/admin/pages/search/", {"q": "Netwerkmoment"})).select("#listing-results tbody tr")
    assert "Xylofoon" not in chief.get(f"/admin/pages/{full.pk}/usage/").content.decode()
    chief.logout()
    results = soup(chief.get("/zoeken/", {"q": "Xylofoon"})).select_one("main")
    assert "Xylofoon" not in results.get_text().replace("“Xylofoon”", "")
    assert "Xylofoon" not in chief.get(full.url).content.decode()
