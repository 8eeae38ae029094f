"""Forms editors build (contact/), as visitors and staff meet them: sending a form, errors that
keep what was typed, robots and floods, files with type and size limits kept out of public
reach, the notification and the copy through the outbox, who reads submissions (Eindredactie
yes, Redactie no), the retention purge, a form page never served from another visitor's cache,
and forms that are not live showing nowhere."""

import csv
import datetime
import io
import re

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, Site

from contact.models import FormField, FormPage, Submission, SubmissionUpload
from som import roles
from som.mail import OutgoingMail
from som.models import SiteSettings
from tests.helpers import sitemap_locations, soup
from tests.test_templates import database_blocked_while_rendering

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def upload_root(settings, tmp_path):
    """Uploads in a temporary directory, far from MEDIA_ROOT."""
    settings.FORM_UPLOAD_ROOT = tmp_path / "formulieren"
    return settings.FORM_UPLOAD_ROOT


@pytest.fixture
def contact(demo):
    return FormPage.objects.get(slug="contact")


@pytest.fixture
def challenge(demo):
    """The Laboratorium's form, with a file field."""
    return FormPage.objects.get(slug="onderwijsuitdaging")


def message(**extra):
    return {
        "naam": "An Peeters",
        "e_mailadres": "an.peeters@example.org",
        "onderwerp": "Meedoen",
        "je_vraag": "Hoe kan onze school meedoen aan een labo?",
        **extra,
    }


def uitdaging(**extra):
    return {
        "naam": "Bert Claes",
        "e_mailadres": "bert@example.org",
        "school_of_organisatie": "Basisschool De Kleine Wereld",
        "onderwijsniveau": "Lager onderwijs",
        "de_vraag_of_uitdaging": "Hoe houden we zij-instromers aan boord?",
        "hoe_dringend_is_het": "Volgend schooljaar",
        **extra,
    }


def pdf(name="nota.pdf", content=PDF):
    upload = io.BytesIO(content)
    upload.name = name
    return upload


@pytest.fixture
def chief(make_editor):
    client = Client()
    client.force_login(make_editor(roles.EINDREDACTIE))
    return client


@pytest.fixture
def redactie(make_editor):
    client = Client()
    client.force_login(make_editor(roles.REDACTIE))
    return client


# --- a visitor sends a form -------------------------------------------------------------------


def test_the_contact_form_has_labelled_fields_a_copy_box_and_the_privacy_statement(client, contact):
    page = soup(client.get(contact.url))
    assert page.h1.get_text(strip=True) == "Contacteer SOM"
    form = page.select_one("main form")
    for name in ("naam", "e_mailadres", "onderwerp", "je_vraag", "som_kopie"):
        control = form.find(attrs={"name": name})
        assert form.find("label", attrs={"for": control["id"]}), f"{name} has no label"
    assert "Stuur mij een kopie" in form.find("label", attrs={"for": "id_som_kopie"}).get_text()
    # The honeypot is out of sight and out of the tab order.
    trap = form.find("input", attrs={"name": "som_website"})
    assert trap["tabindex"] == "-1" and trap.find_parent(attrs={"aria-hidden": "true"})
    privacy = Page.objects.get(pk=SiteSettings.for_site(Site.objects.get(is_default_site=True)).privacy_page_id)
    link = form.select_one(".form__privacy a")
    assert link["href"] == privacy.url and "privacyverklaring" in link.get_text()
    assert form.select_one("button[type=submit]").get_text(strip=True) == "Verstuur je bericht"


def test_without_a_privacy_statement_the_form_shows_no_broken_link(client, contact):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.privacy_page = None
    site_settings.save()
    assert not soup(client.get(contact.url)).select(".form__privacy")


def test_sending_keeps_the_submission_thanks_and_tells_staff_and_the_sender_by_mail(
    client, contact, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(contact.url, message(som_kopie="on"))
    page = soup(response)
    assert page.h1.get_text(strip=True) == "Bedankt"
    assert "binnen de vijf werkdagen" in page.get_text() and "Een kopie van wat je invulde" in page.get_text()
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    submission = Submission.objects.get(page=contact)
    assert submission.form_data == {
        "naam": "An Peeters",
        "e_mailadres": "an.peeters@example.org",
        "onderwerp": "Meedoen",
        "je_vraag": "Hoe kan onze school meedoen aan een labo?",
    }
    # Queued in the outbox and sent by the worker (at once in the tests), one message each.
    assert sorted(OutgoingMail.objects.values_list("purpose", "to")) == [
        ("formulier-kopie", "an.peeters@example.org"),
        ("formulier-melding", "info@samenonderwijsmaken.example"),
    ]
    notification, copy = sorted(mail.outbox, key=lambda m: m.to[0] == "an.peeters@example.org")
    assert notification.to == ["info@samenonderwijsmaken.example"]
    assert notification.subject == "Nieuw bericht via de website"
    assert notification.extra_headers["Reply-To"] == "an.peeters@example.org"
    assert "Je vraag:\nHoe kan onze school meedoen aan een labo?" in notification.body
    assert f"/admin/forms/submissions/{contact.pk}/" in notification.body
    assert copy.to == ["an.peeters@example.org"]
    assert copy.subject == "Je bericht aan Samen Onderwijs Maken: Contacteer SOM"
    assert "Bedankt voor je bericht" in copy.body and "Naam:\nAn Peeters" in copy.body
    assert "An Peeters" in copy.alternatives[0][0]


def test_without_ticking_the_box_only_staff_are_told(client, contact, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = soup(client.post(contact.url, message()))
    assert "Een kopie" not in page.get_text()
    assert [m.to for m in mail.outbox] == [["info@samenonderwijsmaken.example"]]


def test_a_form_without_notification_address_keeps_the_submission_and_sends_nothing(
    client, contact, django_capture_on_commit_callbacks
):
    FormPage.objects.filter(pk=contact.pk).update(to_address="", offer_copy=False)
    page = soup(client.get(contact.url))
    assert not page.find(attrs={"name": "som_kopie"})  # the editors offer no copy
    with django_capture_on_commit_callbacks(execute=True):
        client.post(contact.url, message(som_kopie="on"))
    assert Submission.objects.filter(page=contact).count() == 1 and mail.outbox == []


# Committed for real: the worker closes its database connection, as in production.
@pytest.mark.django_db(transaction=True)
def test_nothing_leaves_in_the_request_the_worker_sends_over_smtp(client, contact, smtp_server, settings):
    settings.TASKS = DATABASE_TASKS  # as in production: the request only queues
    response = client.post(contact.url, message(som_kopie="on"))
    assert response.status_code == 200 and smtp_server.messages == []
    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
    received = {message["To"]: message for message in smtp_server.messages}
    assert set(received) == {"info@samenonderwijsmaken.example", "an.peeters@example.org"}
    assert received["info@samenonderwijsmaken.example"]["Reply-To"] == "an.peeters@example.org"
    body = received["an.peeters@example.org"].get_body(("plain",)).get_content()
    assert "Hoe kan onze school meedoen aan een labo?" in body


def test_errors_are_tied_to_their_fields_and_what_was_typed_stays(client, contact):
    response = client.post(contact.url, message(e_mailadres="geen-adres", je_vraag=""))
    assert response.status_code == 200
    page = soup(response)
    email = page.find("input", attrs={"name": "e_mailadres"})
    assert email["value"] == "geen-adres" and email["aria-invalid"] == "true"
    assert "id_e_mailadres_error" in email["aria-describedby"].split()
    assert page.find(id="id_e_mailadres_error").get_text(strip=True)
    question = page.find("textarea", attrs={"name": "je_vraag"})
    assert "id_je_vraag_error" in question["aria-describedby"].split()
    assert page.find("input", attrs={"name": "naam"})["value"] == "An Peeters"
    assert page.find("input", attrs={"name": "onderwerp"})["value"] == "Meedoen"
    assert page.select_one(".form__errors[role=alert]")
    assert not Submission.objects.exists() and not OutgoingMail.objects.exists()


def test_a_robot_that_fills_the_hidden_field_is_thanked_and_nothing_is_kept(client, contact):
    response = client.post(contact.url, message(som_website="http://spam.example", som_kopie="on"))
    assert soup(response).h1.get_text(strip=True) == "Bedankt"
    assert not Submission.objects.exists() and not OutgoingMail.objects.exists()


@override_settings(FORM_RATE_LIMITS={"address": (3, 3600), "email": (2, 3600)})
def test_a_flood_is_stopped_with_a_dutch_message_and_nothing_typed_is_lost(client, contact):
    for number in range(3):
        assert soup(client.post(contact.url, message(e_mailadres=f"an{number}@example.org"))).h1.text == "Bedankt"
    flooded = client.post(contact.url, message(e_mailadres="an9@example.org", je_vraag="Nog een vraag"))
    assert flooded.status_code == 429
    page = soup_any(flooded)
    assert "te veel formulieren" in page.select_one(".form__errors").get_text()
    assert page.find("input", attrs={"name": "e_mailadres"})["value"] == "an9@example.org"
    assert page.find("textarea", attrs={"name": "je_vraag"}).get_text(strip=True) == "Nog een vraag"
    assert Submission.objects.count() == 3


@override_settings(FORM_RATE_LIMITS={"address": (100, 3600), "email": (2, 3600)})
def test_one_e_mail_address_cannot_be_flooded_with_copies(client, contact):
    for _ in range(2):
        assert client.post(contact.url, message(som_kopie="on")).status_code == 200
    assert client.post(contact.url, message(som_kopie="on")).status_code == 429
    assert OutgoingMail.objects.filter(purpose="formulier-kopie").count() == 2


def soup_any(response):
    """The page whatever its status (soup() wants a 200)."""
    return BeautifulSoup(response.content, "lxml")


def test_a_required_list_starts_unchosen_and_must_be_chosen(client, challenge):
    select = soup(client.get(challenge.url)).select_one('select[name="onderwijsniveau"]')
    options = select.select("option")
    assert options[0].get("value") == "" and options[0].get_text(strip=True) == "Kies …"
    assert [option.get("value") for option in select.select("option[selected]")] == [""]
    page = soup(client.post(challenge.url, uitdaging(onderwijsniveau="")))
    assert page.select_one("#id_onderwijsniveau_error").get_text(strip=True) == "Dit is een verplicht veld."
    assert not Submission.objects.exists()


def test_bad_input_never_breaks_the_form(client, challenge):
    for data in [
        {},
        uitdaging(onderwijsniveau="<script>"),
        uitdaging(hoe_dringend_is_het="morgen"),
        uitdaging(naam="x" * 5000),
        {"naam": ["een", "twee"], "e_mailadres": "\x00@example.org"},
    ]:
        response = client.post(challenge.url, data)
        assert response.status_code == 200, data
        assert soup(response).select_one(".form__errors"), data
    assert not Submission.objects.exists()
    # Text where a file goes is no file: the optional field stays empty.
    assert soup(client.post(challenge.url, uitdaging(toelichting_bijlage="geen bestand"))).h1.text == "Bedankt"
    assert Submission.objects.count() == 1 and not SubmissionUpload.objects.exists()


# --- files --------------------------------------------------------------------------------------


def test_a_file_is_kept_privately_and_only_the_eindredactie_downloads_it(
    client, challenge, chief, redactie, upload_root, settings
):
    page = soup(client.get(challenge.url))
    form = page.select_one("main form")
    assert form["enctype"] == "multipart/form-data"
    control = form.find("input", attrs={"name": "toelichting_bijlage"})
    assert control["type"] == "file" and ".pdf" in control["accept"]
    help_text = page.find(id=control["aria-describedby"].split()[0]).get_text()
    assert "pdf, docx, odt, jpg" in help_text and "5,0\xa0MB" in help_text
    response = client.post(challenge.url, uitdaging(toelichting_bijlage=pdf()))
    assert soup(response).h1.get_text(strip=True) == "Bedankt"
    upload = SubmissionUpload.objects.get()
    assert upload.original_name == "nota.pdf" and upload.submission.form_data["toelichting_bijlage"] == "nota.pdf"
    stored = upload_root / upload.file.name
    assert stored.read_bytes() == PDF and "nota" not in upload.file.name
    assert not str(stored).startswith(str(settings.MEDIA_ROOT))
    with pytest.raises(ValueError):
        assert not upload.file.url  # no public address at all: url() refuses
    download = f"/admin/formulieren/bestand/{upload.pk}/"
    listing = soup(chief.get(f"/admin/forms/submissions/{challenge.pk}/"))
    assert listing.find("a", href=download).get_text(strip=True) == "nota.pdf"
    exported = b"".join(chief.get(f"/admin/forms/submissions/{challenge.pk}/?export=csv").streaming_content).decode()
    assert f"nota.pdf — http://localhost:8000{download}" in exported
    assert client.get(download).status_code == 302  # to the admin login
    assert redactie.get(download)["Location"] == "/admin/"  # "no permission"
    response = chief.get(download)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment") and "nota.pdf" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("upload", "message_part"),
    [
        (pdf("programma.exe", b"MZ\x90\x00"), "Dit soort bestand kunnen we niet aannemen"),
        (pdf("nota.pdf", b"<html><script>alert(1)</script>"), "geen echt pdf-bestand"),
        (pdf("foto.png", PDF), "geen echt png-bestand"),
        (pdf("leeg.pdf", b""), "leeg"),
    ],
)
def test_a_file_of_the_wrong_type_is_refused_in_dutch_and_the_rest_stays(client, challenge, upload, message_part):
    response = client.post(challenge.url, uitdaging(toelichting_bijlage=upload))
    assert response.status_code == 200
    page = soup(response)
    assert message_part in page.find(id="id_toelichting_bijlage_error").get_text()
    assert page.find("input", attrs={"name": "school_of_organisatie"})["value"] == "Basisschool De Kleine Wereld"
    assert not Submission.objects.exists() and not SubmissionUpload.objects.exists()


def test_a_file_over_the_size_limit_is_refused(client, challenge, settings, upload_root):
    settings.FORM_UPLOAD_MAX_BYTES = 1024
    response = client.post(challenge.url, uitdaging(toelichting_bijlage=pdf(content=PDF + b"0" * 2000)))
    error = soup(response).find(id="id_toelichting_bijlage_error").get_text()
    assert "te groot" in error and "1,0\xa0KB" in error
    assert not SubmissionUpload.objects.exists() and not any(upload_root.rglob("*.pdf"))


def test_forms_without_a_file_field_take_no_file(client, contact):
    assert "enctype" not in soup(client.get(contact.url)).select_one("main form").attrs
    client.post(contact.url, {**message(), "bijlage": pdf()})
    assert Submission.objects.get().form_data.keys() == {"naam", "e_mailadres", "onderwerp", "je_vraag"}
    assert not SubmissionUpload.objects.exists()


# --- who reads submissions ----------------------------------------------------------------------


def test_the_eindredactie_lists_and_exports_submissions(client, contact, chief):
    client.post(contact.url, message(je_vraag='=HYPERLINK("http://kwaad.example")'))
    assert '"/admin/forms/"' in chief.get("/admin/").content.decode()  # the "Formulieren" menu (sidebar data)
    index = chief.get("/admin/forms/")
    assert index.status_code == 200 and "Contacteer SOM" in index.content.decode()
    listing = chief.get(f"/admin/forms/submissions/{contact.pk}/")
    assert listing.status_code == 200 and "an.peeters@example.org" in listing.content.decode()
    exported = chief.get(f"/admin/forms/submissions/{contact.pk}/?export=csv")
    rows = list(csv.reader(io.StringIO(b"".join(exported.streaming_content).decode("utf-8-sig"))))
    assert rows[0][1:] == ["Naam", "E-mailadres", "Onderwerp", "Je vraag"]
    assert rows[1][1:4] == ["An Peeters", "an.peeters@example.org", "Meedoen"]
    assert not rows[1][4].startswith("=")  # no spreadsheet formula from what a visitor typed
    xlsx = chief.get(f"/admin/forms/submissions/{contact.pk}/?export=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    assert [cell.value for cell in sheet[2]][1:3] == ["An Peeters", "an.peeters@example.org"]
    challenge = FormPage.objects.get(slug="onderwijsuitdaging")
    client.post(challenge.url, uitdaging(mogen_we_je_contacteren_om_de_vraag_samen_uit_te_werken="on"))
    cells = soup(chief.get(f"/admin/forms/submissions/{challenge.pk}/")).select("tbody td")
    assert "ja" in [cell.get_text(strip=True) for cell in cells]  # a ticked box reads "ja", not "True"
    edit = soup(chief.get(f"/admin/pages/{contact.pk}/edit/"))
    assert edit.find("a", href=f"/admin/forms/submissions/{contact.pk}/").get_text(strip=True) == "1"


def test_the_redactie_edits_forms_but_sees_no_submission(client, contact, challenge, redactie):
    client.post(contact.url, message())
    edit = redactie.get(f"/admin/pages/{contact.pk}/edit/")
    assert edit.status_code == 200 and 'name="form_fields-TOTAL_FORMS"' in edit.content.decode()
    assert "an.peeters@example.org" not in edit.content.decode()
    assert f"/admin/forms/submissions/{contact.pk}/" not in edit.content.decode()
    assert '"/admin/forms/"' not in redactie.get("/admin/").content.decode()  # no "Formulieren" menu
    index = redactie.get("/admin/forms/")
    assert index.status_code == 200 and "Contacteer SOM" not in index.content.decode()
    for url in [
        f"/admin/forms/submissions/{contact.pk}/",
        f"/admin/forms/submissions/{contact.pk}/?export=csv",
        f"/admin/forms/submissions/{contact.pk}/delete/?selected-submissions={Submission.objects.get().pk}",
    ]:
        refused = redactie.get(url)
        assert refused.status_code == 302 and refused["Location"] == "/admin/", url  # "no permission"
    assert Submission.objects.count() == 1
    # The Redactie can add a form below a werking and below the home page.
    for parent in (challenge.get_parent(), contact.get_parent()):
        assert redactie.get(f"/admin/pages/add/contact/formpage/{parent.pk}/").status_code == 200


def test_forms_go_below_the_home_page_and_a_werking_only(contact, challenge):
    assert FormPage in contact.get_parent().specific.allowed_subpage_models()
    assert FormPage in challenge.get_parent().specific.allowed_subpage_models()
    assert {model._meta.label for model in FormPage.allowed_parent_page_models()} == {
        "som.HomePage",
        "werkingen.WerkingPage",
    }
    assert not FormPage.allowed_subpage_models()
    news_index = Page.objects.get(slug="nieuws").specific
    assert FormPage not in news_index.allowed_subpage_models()


def test_deleting_a_submission_in_the_admin_deletes_its_file(
    client, challenge, chief, upload_root, django_capture_on_commit_callbacks
):
    client.post(challenge.url, uitdaging(toelichting_bijlage=pdf()))
    submission = Submission.objects.get()
    stored = upload_root / submission.uploads.get().file.name
    assert stored.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = chief.post(f"/admin/forms/submissions/{challenge.pk}/delete/?selected-submissions={submission.pk}")
    assert response.status_code == 302
    assert not Submission.objects.exists() and not SubmissionUpload.objects.exists() and not stored.exists()


# --- retention ----------------------------------------------------------------------------------


def test_submissions_and_their_files_are_deleted_after_the_retention_period(
    client, challenge, settings, upload_root, django_capture_on_commit_callbacks
):
    settings.FORM_SUBMISSION_RETENTION_DAYS = 30
    client.post(challenge.url, uitdaging(toelichting_bijlage=pdf()))
    client.post(challenge.url, uitdaging(naam="Recent"))
    old = Submission.objects.exclude(form_data__naam="Recent").get()
    stored = upload_root / old.uploads.get().file.name
    Submission.objects.filter(pk=old.pk).update(submit_time=timezone.now() - datetime.timedelta(days=31))
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_personal_data", stdout=out)
    assert "contact: 1 formulierinzending(en) verwijderd" in out.getvalue()
    assert list(Submission.objects.values_list("form_data__naam", flat=True)) == ["Recent"]
    assert not stored.exists() and not SubmissionUpload.objects.exists()


# --- caching ------------------------------------------------------------------------------------


def csrf_cookie(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response, response.cookies["csrftoken"].value


def test_a_form_page_is_never_served_from_another_visitors_cache(contact, settings):
    settings.PAGE_CACHE_ENABLED = True
    first, second = Client(), Client()
    response_one, token_one = csrf_cookie(first, contact.url)
    response_two, token_two = csrf_cookie(second, contact.url)
    assert token_one != token_two
    for response in (response_one, response_two, first.get(contact.url)):
        assert "X-Cache" not in response
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
        assert "public" not in response["Cache-Control"] and "s-maxage" not in response["Cache-Control"]
    # Each visitor's form carries a token for their own cookie: the second one's post is accepted.
    strict = Client(enforce_csrf_checks=True)
    strict.cookies["csrftoken"] = token_two
    page = soup(second.get(contact.url))
    token = page.find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]
    assert strict.post(contact.url, {**message(), "csrfmiddlewaretoken": token}).status_code == 200
    assert Submission.objects.count() == 1


def test_the_rest_of_the_site_stays_cacheable(client, contact, settings):
    settings.PAGE_CACHE_ENABLED = True
    for url in ["/", "/werking/laboratorium/", "/nieuws/"]:
        assert client.get(url)["X-Cache"] == "MISS", url
        hit = client.get(url)
        assert hit["X-Cache"] == "HIT" and "public" in hit["Cache-Control"], url


# --- forms on werking pages; nothing that is not live shows -------------------------------------


def test_a_werking_page_links_its_live_forms(client, challenge):
    section = soup(client.get("/werking/laboratorium/")).select_one(".werking-forms")
    link = section.find("a", string=re.compile("Breng een onderwijsuitdaging binnen"))
    assert link["href"] == challenge.url and "actuele onderwijsbehoefte" in section.get_text()
    studio = soup(client.get("/werking/studio/")).select_one(".werking-forms")
    assert "Stel een project voor aan de Studio" in studio.get_text()
    assert not soup(client.get("/werking/som-raad/")).select(".werking-forms")  # no form, no section


@pytest.mark.parametrize("way", ["concept", "gedepubliceerd", "verlopen", "wachtwoord", "aanmelden"])
def test_a_form_that_is_not_live_and_public_shows_nowhere(client, demo, way):
    lab = Page.objects.get(slug="laboratorium")
    secret = FormPage(title="Geheim formulier", slug="geheim-formulier", intro="Nog niet klaar.")
    secret.form_fields = [FormField(label="Naam", field_type="singleline")]
    secret.live = way != "concept"
    lab.add_child(instance=secret)
    if way == "concept":
        secret.save_revision()
    else:
        secret.save_revision().publish()
        assert "Geheim formulier" in client.get(lab.url).content.decode()  # the check can see it
        if way == "gedepubliceerd":
            secret.unpublish()
        elif way == "verlopen":  # its expiry time has passed; publish_scheduled has not run yet
            FormPage.objects.filter(pk=secret.pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=1))
        else:
            kind = "password" if way == "wachtwoord" else "login"
            PageViewRestriction.objects.create(page=secret, restriction_type=kind, password="geheim")
    for url in [lab.url, "/zoeken/?q=geheim+formulier", "/"]:
        assert "Geheim formulier" not in client.get(url).content.decode(), url
    assert secret.full_url not in sitemap_locations(client)
    response = client.get(secret.url) if secret.url else None
    if way == "wachtwoord":
        assert 'name="password"' in response.content.decode() and "Naam" not in response.content.decode()
    elif way == "aanmelden":
        assert response.status_code == 302 and response["Location"].startswith("/_util/login/")
    else:
        assert client.get("/werking/laboratorium/geheim-formulier/").status_code == 404


def test_the_demo_forms_load_twice_without_duplicates_and_are_the_contact_page(demo):
    call_command("load_demo_content", verbosity=0)
    assert sorted(FormPage.objects.values_list("slug", flat=True)) == [
        "contact",
        "onderwijsuitdaging",
        "project-voorstellen",
    ]
    contact = FormPage.objects.get(slug="contact")
    assert contact.form_fields.count() == 4
    assert SiteSettings.for_site(Site.objects.get(is_default_site=True)).contact_page_id == contact.pk
    choices = FormPage.objects.get(slug="onderwijsuitdaging").form_fields.get(label="Onderwijsniveau").choices
    assert "Lager onderwijs" in choices.splitlines()


def test_the_form_templates_never_query(client, challenge):
    # The check of tests/test_templates.py, on the form, its errors, the thank-you page and a werking.
    client.get(challenge.url)
    for send in [
        lambda: client.get(challenge.url),
        lambda: client.post(challenge.url, uitdaging(e_mailadres="fout")),
        lambda: client.post(challenge.url, uitdaging(toelichting_bijlage=pdf())),
        lambda: client.get("/werking/laboratorium/"),
    ]:
        with database_blocked_while_rendering() as (attempts, renders):
            response = send()
        assert response.status_code == 200 and renders and not attempts, attempts


def test_editors_preview_the_form_and_the_thank_you_page(contact):
    form = contact.make_preview_request(preview_mode="form")
    assert form.status_code == 200 and 'name="e_mailadres"' in form.rendered_content
    landing = contact.make_preview_request(preview_mode="landing")
    assert landing.status_code == 200 and "binnen de vijf werkdagen" in landing.rendered_content


def test_a_long_title_and_subject_still_send(client, contact, django_capture_on_commit_callbacks):
    long_title = "Een heel lang formulier " + "x" * 230
    FormPage.objects.filter(pk=contact.pk).update(title=long_title, subject="")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(contact.url, message(som_kopie="on"))
    assert soup(response).h1.get_text(strip=True) == "Bedankt"
    assert all(len(sent.subject) <= 250 for sent in mail.outbox) and len(mail.outbox) == 2
