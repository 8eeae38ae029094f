"""The e-mail digest as people meet it: subscribing (prefilled, bad input, the honeypot, the
flood limit), double opt-in, the personal page (change, download, delete), one-click unsubscribe
without a session (RFC 8058), and the digest itself through the real outbox and a real SMTP
server: only live public content, matched to the choices, never twice, nothing when nothing is
new, one failing address stopping no one, a bounded rate."""

import datetime
import io
import json
import re

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from abonneren import digest
from abonneren.models import DigestDelivery, Subscriber
from kalender.models import EventPage, KalenderPage
from nieuws.models import NewsPage, NieuwsIndexPage
from som.demo import ensure_page
from som.mail import OutgoingMail
from som.models import Fase, Onderwijsniveau
from werkingen.models import ProjectPage, ProjectPhase, WerkingIndexPage, WerkingKind, WerkingPage

BASE = django_settings.WAGTAILADMIN_BASE_URL.rstrip("/")
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def site(home, settings):
    settings.DIGEST_RATE_PER_MINUTE = 0  # the immediate task backend sends at once
    index = ensure_page(home, WerkingIndexPage, "werking", title="Werking")
    lab = ensure_page(index, WerkingPage, WerkingKind.LABORATORIUM, title="Laboratorium", kind=WerkingKind.LABORATORIUM)
    studio = ensure_page(index, WerkingPage, WerkingKind.STUDIO, title="Studio", kind=WerkingKind.STUDIO)
    news = ensure_page(home, NieuwsIndexPage, "nieuws", title="Nieuws")
    calendar = ensure_page(home, KalenderPage, "kalender", title="Kalender")
    return {"lab": lab, "studio": studio, "news": news, "calendar": calendar, "home": home}


def niveau(slug_part="secundair"):
    return Onderwijsniveau.objects.filter(slug__contains=slug_part).first()


def form_data(**changes):
    data = {
        "email": "an.peeters@example.org",
        "kinds": ["nieuws", "activiteiten", "projecten"],
        "rhythm": "wekelijks",
        "consent": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def confirm_url(mail):
    return re.search(r"https?://\S+/abonneren/bevestigen/[\w-]+/", mail.text).group(0)


def subscribed(email="an.peeters@example.org", *, werkingen=(), niveaus=(), kinds=None, rhythm="wekelijks", since=None):
    """A confirmed subscriber whose digests start at `since` (default: an hour ago)."""
    now = timezone.now()
    subscriber = Subscriber.objects.create(
        email=email,
        kinds=kinds or ["nieuws", "activiteiten", "projecten"],
        rhythm=rhythm,
        status=Subscriber.Status.CONFIRMED,
        confirmed_at=now,
        digest_since=since or now - datetime.timedelta(hours=1),
    )
    subscriber.werkingen.set(werkingen)
    subscriber.niveaus.set(niveaus)
    return subscriber


def publish_news(site, slug, title, **fields):
    werkingen = fields.pop("werkingen", [])
    page = NewsPage(slug=slug, title=title, intro=f"Over {title}.", **fields)
    site["news"].add_child(instance=page)
    page.werkingen.set(werkingen)
    page.save_revision().publish()
    return page


def publish_event(site, slug, title, days=10, **fields):
    # At ten in the morning: two hours from "now" would run past midnight late in the evening.
    start = timezone.localtime(timezone.now() + datetime.timedelta(days=days)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    niveaus = fields.pop("niveaus", [])
    page = EventPage(slug=slug, title=title, start=start, end=start + datetime.timedelta(hours=2), **fields)
    site["calendar"].add_child(instance=page)
    page.niveaus.set(niveaus)
    page.save_revision().publish()
    return page


def run_digests(django_capture_on_commit_callbacks, **options):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests", **options, stdout=open("/dev/null", "w"))


def digests(smtp_server, to=None):
    return [
        m for m in smtp_server.messages if m["Subject"].startswith("Nieuw bij SOM") and (to is None or m["To"] == to)
    ]


def body(message, kind="html"):
    return message.get_body(preferencelist=(kind,)).get_content()


# --- subscribing -------------------------------------------------------------------------


def test_the_form_is_prefilled_from_the_link_and_never_cached(client, site):
    secundair = niveau()
    response = client.get(
        f"/abonneren/?werking=laboratorium&niveau={secundair.slug}&inhoud=activiteiten&ritme=maandelijks"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'<input[^>]*value="laboratorium"[^>]*checked', html)
    assert not re.search(r'<input[^>]*value="studio"[^>]*checked', html)
    assert re.search(rf'<input[^>]*value="{secundair.slug}"[^>]*checked', html)
    assert re.search(r'<input[^>]*value="activiteiten"[^>]*checked', html)
    assert not re.search(r'<input[^>]*value="nieuws"[^>]*checked', html)
    assert re.search(r'<input[^>]*value="maandelijks"[^>]*checked', html)
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_the_consent_links_the_privacy_statement(client, site):
    from som.models import SiteSettings, StandardPage

    privacy = ensure_page(site["home"], StandardPage, "privacy", title="Privacyverklaring")
    settings_ = SiteSettings.for_site(site["home"].get_site())
    settings_.privacy_page = privacy
    settings_.save()
    html = client.get("/abonneren/").content.decode()
    assert '<a href="/privacy/">privacyverklaring</a>' in html


@pytest.mark.parametrize(
    "data, field, message",
    [
        (form_data(email=""), "email", "Vul je e-mailadres in."),
        (form_data(email="geen-adres"), "email", "Vul een geldig e-mailadres in"),
        (form_data(consent=None), "consent", "Zonder je akkoord"),
        (form_data(kinds=[]), "kinds", "Kies minstens één soort"),
        (form_data(kinds=["reclame"]), "kinds", "Kies nieuws, activiteiten of projecten."),
        (form_data(rhythm="dagelijks"), "rhythm", "Kies wekelijks of maandelijks."),
        (form_data(werkingen=["bestaat-niet"]), "werkingen", "Kies een werking uit de lijst."),
        (form_data(niveaus=["x" * 500]), "niveaus", "Kies een onderwijsniveau uit de lijst."),
    ],
)
def test_bad_input_gets_a_dutch_message_by_its_field_and_keeps_what_was_typed(client, site, data, field, message):
    response = client.post("/abonneren/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(rf'id="id_{field}_error">\s*<li>{re.escape(message)}', html), html
    if data.get("email"):
        assert f'value="{data["email"]}"' in html
    assert not Subscriber.objects.exists() and not OutgoingMail.objects.exists()


@pytest.mark.parametrize(
    "query",
    ["werking=%00", "niveau=" + "a" * 5000, "inhoud=%ff&ritme[]=1", "werking=laboratorium&werking=laboratorium"],
)
def test_odd_links_never_break_the_form(client, site, query):
    assert client.get(f"/abonneren/?{query}").status_code == 200
    assert client.post(f"/abonneren/?{query}", {"email": ["a", "b"], "kinds": "x" * 10000}).status_code == 200


def test_a_robot_is_answered_like_a_person_and_nothing_is_stored(client, site):
    response = client.post("/abonneren/", form_data(website="http://spam.example"))
    assert response.status_code == 302 and response["Location"] == "/abonneren/verstuurd/"
    assert not Subscriber.objects.exists() and not OutgoingMail.objects.exists()


def test_a_flood_from_one_address_is_slowed_down_and_nothing_typed_is_lost(client, site, settings):
    settings.SUBSCRIBE_RATE_LIMITS = {"address": (2, 3600), "email": (10, 3600)}
    for number in range(2):
        assert client.post("/abonneren/", form_data(email=f"persoon{number}@example.org")).status_code == 302
    response = client.post("/abonneren/", form_data(email="derde@example.org"))
    assert response.status_code == 429
    assert "te veel inschrijvingen na elkaar" in response.content.decode()
    assert 'value="derde@example.org"' in response.content.decode()
    assert Subscriber.objects.count() == 2


def test_double_opt_in_nothing_is_sent_before_the_link_is_followed(
    client, site, smtp_server, django_capture_on_commit_callbacks
):
    publish_news(site, "eerste", "Eerste nieuws")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/abonneren/", form_data(werkingen=["laboratorium"]))
    assert response.status_code == 302
    assert "Bekijk je mailbox" in client.get(response["Location"]).content.decode()
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.PENDING
    assert [w.kind for w in subscriber.werkingen.all()] == ["laboratorium"]

    (message,) = smtp_server.messages
    assert message["To"] == "an.peeters@example.org"
    assert message["Subject"] == "Bevestig je inschrijving op de nieuwsbrief van SOM"
    assert message["List-Unsubscribe"].strip() == f"<{BASE}/abonneren/{subscriber.token}/uitschrijven/>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert f"/abonneren/{subscriber.token}/" in body(message, "plain")  # change the choices
    link = confirm_url(OutgoingMail.objects.get())

    # Not confirmed yet: the digest run sends nothing.
    publish_news(site, "tweede", "Tweede nieuws")
    run_digests(django_capture_on_commit_callbacks)
    assert len(smtp_server.messages) == 1

    # Opening the link (as a mail program's link checker does) confirms nothing; the button does.
    page = client.get(link)
    assert page.status_code == 200 and "Bevestig mijn inschrijving" in page.content.decode()
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING
    response = client.post(link)
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert "Je bent ingeschreven" in page.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED and subscriber.confirmed_at is not None
    # The link followed again leads to the personal page, not an error.
    assert client.get(link)["Location"] == f"/abonneren/{subscriber.token}/"


def test_subscribing_an_address_twice_reveals_nothing_and_mails_its_own_link(
    client, site, django_capture_on_commit_callbacks
):
    existing = subscribed("an.peeters@example.org", kinds=["nieuws"])
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post("/abonneren/", form_data(email="nieuw@example.org"))
        second = client.post("/abonneren/", form_data(email="AN.Peeters@example.org", kinds=["projecten"]))
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    again = OutgoingMail.objects.get(to="an.peeters@example.org")
    assert again.subject == "Je inschrijving op de nieuwsbrief van SOM"
    assert f"/abonneren/{existing.token}/" in again.text and "/bevestigen/" not in again.text
    existing.refresh_from_db()
    assert existing.kinds == ["nieuws"] and existing.status == Subscriber.Status.CONFIRMED
    assert Subscriber.objects.count() == 2


def test_wrong_and_expired_links_are_a_dutch_404(client, site, settings):
    pending = Subscriber.objects.create(email="laat@example.org", kinds=["nieuws"])
    Subscriber.objects.filter(pk=pending.pk).update(
        confirm_sent_at=timezone.now() - datetime.timedelta(days=settings.SUBSCRIBE_CONFIRM_DAYS, minutes=1)
    )
    for method, url in [
        ("get", f"/abonneren/bevestigen/{pending.confirm_token}/"),  # expired
        ("post", f"/abonneren/bevestigen/{pending.confirm_token}/"),
        ("get", "/abonneren/bevestigen/verkeerd/"),
        ("get", "/abonneren/verkeerd/"),
        ("get", f"/abonneren/{pending.confirm_token}/"),  # the other secret opens nothing
        ("get", "/abonneren/verkeerd/gegevens/"),
        ("post", "/abonneren/verkeerd/uitschrijven/"),
        ("post", "/abonneren/verkeerd/wissen/"),
    ]:
        response = getattr(client, method)(url)
        assert response.status_code == 404, url
        assert "Deze link werkt niet (meer)" in response.content.decode()
        assert "no-store" in response["Cache-Control"]
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


# --- the personal page -------------------------------------------------------------------


def test_one_click_unsubscribe_works_without_a_session_or_csrf_token(site):
    subscriber = subscribed()
    browserless = Client(enforce_csrf_checks=True)
    url = f"/abonneren/{subscriber.token}/uitschrijven/"
    # A link checker's GET asks, and changes nothing.
    assert "Schrijf me uit" in browserless.get(url).content.decode()
    assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED
    response = browserless.post(url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert "Je bent uitgeschreven" in response.content.decode()
    assert Subscriber.objects.get().status == Subscriber.Status.UNSUBSCRIBED
    assert not response.cookies
    # Only that endpoint does without the CSRF token.
    assert browserless.post(f"/abonneren/{subscriber.token}/wissen/").status_code == 403
    assert browserless.post(f"/abonneren/{subscriber.token}/", {"kinds": ["nieuws"]}).status_code == 403


def test_unsubscribing_drops_a_digest_still_waiting_in_the_outbox(client, site):
    subscriber = subscribed()
    OutgoingMail.objects.create(purpose="abonneren: nieuwsbrief", to=subscriber.email, subject="x", text="x")
    client.post(f"/abonneren/{subscriber.token}/uitschrijven/")
    assert not OutgoingMail.objects.exists()


def test_a_subscriber_changes_their_choices(client, site):
    subscriber = subscribed(kinds=["nieuws"])
    url = f"/abonneren/{subscriber.token}/"
    page = client.get(url)
    assert page.status_code == 200 and "an.peeters@example.org" in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    response = client.post(
        url,
        {
            "werkingen": ["studio"],
            "niveaus": [niveau().slug],
            "kinds": ["activiteiten", "projecten"],
            "rhythm": "maandelijks",
        },
    )
    assert response.status_code == 302
    assert "Je keuzes zijn bewaard." in client.get(response["Location"]).content.decode()
    subscriber.refresh_from_db()
    assert subscriber.kinds == ["activiteiten", "projecten"] and subscriber.rhythm == "maandelijks"
    assert list(subscriber.werkingen.all()) == [site["studio"]]
    assert list(subscriber.niveaus.all()) == [niveau()]
    bad = client.post(url, {"kinds": [], "rhythm": "maandelijks"})
    assert bad.status_code == 200 and "Kies minstens één soort" in bad.content.decode()


def test_a_subscriber_downloads_and_deletes_their_data(client, site):
    subscriber = subscribed(werkingen=[site["lab"]], kinds=["nieuws"])
    OutgoingMail.objects.create(purpose="abonneren: bevestigen", to=subscriber.email, subject="x", text="x")
    response = client.get(f"/abonneren/{subscriber.token}/gegevens/")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["e-mailadres"] == "an.peeters@example.org"
    assert data["werkingen"] == ["Laboratorium"] and data["soorten inhoud"] == ["Nieuws"]
    erased = client.post(f"/abonneren/{subscriber.token}/wissen/")
    assert "Je gegevens zijn gewist" in erased.content.decode()
    assert not Subscriber.objects.exists() and not OutgoingMail.objects.exists()
    assert client.get(f"/abonneren/{subscriber.token}/").status_code == 404


# --- the digest --------------------------------------------------------------------------


def test_the_digest_carries_only_live_public_content(site, smtp_server, django_capture_on_commit_callbacks, settings):
    subscriber = subscribed()
    publish_news(site, "openbaar", "Openbaar nieuws")
    publish_event(site, "openbare-activiteit", "Openbare activiteit", location_name="STUK")
    draft = NewsPage(slug="concept", title="Concept nieuws")
    site["news"].add_child(instance=draft)
    draft.save_revision()
    NewsPage.objects.filter(pk=draft.pk).update(live=False, first_published_at=timezone.now())
    private = publish_news(site, "prive", "Privé nieuws")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    secret = publish_news(site, "geheim", "Geheim nieuws")
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.LOGIN)
    secret.create_alias(update_slug="geheim-alias")
    expired = publish_news(site, "verlopen", "Verlopen nieuws")
    Page.objects.filter(pk=expired.pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=1))
    private_event = publish_event(site, "prive-activiteit", "Privé activiteit")
    PageViewRestriction.objects.create(page=private_event, restriction_type=PageViewRestriction.LOGIN)

    run_digests(django_capture_on_commit_callbacks)
    (message,) = digests(smtp_server)
    html, text = body(message), body(message, "plain")
    for part in (html, text):
        assert "Openbaar nieuws" in part and "Openbare activiteit" in part
        for hidden in ("Concept", "Privé", "Geheim", "Verlopen"):
            assert hidden not in part
    assert f"{BASE}/nieuws/openbaar/" in html
    # The event with its date and place.
    assert re.search(r"Openbare activiteit.*?\w+dag \d+ \w+ \d{4}, \d\d\.\d\d–\d\d\.\d\d uur · STUK", text, re.S)
    # Readable in mail programs: inline styles only, nothing external.
    assert "<style" not in html and "<script" not in html and "<link" not in html
    assert all("alt=" in tag for tag in re.findall(r"<img[^>]*>", html))
    assert message["List-Unsubscribe"].strip() == f"<{BASE}/abonneren/{subscriber.token}/uitschrijven/>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert f"/abonneren/{subscriber.token}/" in text


def test_the_digest_follows_the_choices(site, smtp_server, django_capture_on_commit_callbacks):
    secundair, basis = niveau("secundair"), niveau("lager")
    assert secundair and basis
    lab_only = subscribed("lab@example.org", werkingen=[site["lab"]])
    basis_events = subscribed("basis@example.org", niveaus=[basis], kinds=["activiteiten"])
    publish_news(site, "lab-nieuws", "Nieuws uit het Laboratorium", werkingen=[site["lab"]])
    publish_news(site, "studio-nieuws", "Nieuws uit de Studio", werkingen=[site["studio"]])
    publish_news(site, "algemeen", "Nieuws voor iedereen")
    publish_event(site, "secundair", "Activiteit voor het secundair", niveaus=[secundair], werking=site["lab"])
    publish_event(site, "basis", "Activiteit voor het basisonderwijs", niveaus=[basis])
    publish_event(site, "studio", "Activiteit van de Studio", werking=site["studio"])

    run_digests(django_capture_on_commit_callbacks)
    lab_text = body(digests(smtp_server, lab_only.email)[0], "plain")
    assert "Nieuws uit het Laboratorium" in lab_text and "Nieuws voor iedereen" in lab_text
    # Items for no werking in particular are for everyone who chose a werking.
    assert "Activiteit voor het secundair" in lab_text and "Activiteit voor het basisonderwijs" in lab_text
    assert "Studio" not in lab_text
    basis_text = body(digests(smtp_server, basis_events.email)[0], "plain")
    assert "Activiteit voor het basisonderwijs" in basis_text
    assert "secundair" not in basis_text and "Nieuws" not in basis_text


def test_nothing_is_sent_when_nothing_is_new(site, smtp_server, django_capture_on_commit_callbacks):
    subscriber = subscribed()
    run_digests(django_capture_on_commit_callbacks)
    assert not digests(smtp_server)
    delivery = DigestDelivery.objects.get(subscriber=subscriber)
    assert delivery.mail is None and delivery.items == []


def test_a_run_started_again_mails_no_one_twice_and_no_item_comes_twice(
    site, smtp_server, django_capture_on_commit_callbacks, clock
):
    first, second = subscribed("een@example.org"), subscribed("twee@example.org")
    publish_news(site, "week-een", "Nieuws van week een")
    # A crashed run: the first subscriber's digest was made, then the run stopped.
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        digest.send_digest_batch.call([first.pk], digest.period_key("wekelijks", now), now.isoformat())
    run_digests(django_capture_on_commit_callbacks)  # started again
    run_digests(django_capture_on_commit_callbacks)  # and once more
    assert sorted(m["To"] for m in digests(smtp_server)) == ["een@example.org", "twee@example.org"]
    assert OutgoingMail.objects.filter(purpose="abonneren: nieuwsbrief").count() == 2

    # Next week: only what is new.
    clock(now + datetime.timedelta(days=7))
    publish_news(site, "week-twee", "Nieuws van week twee")
    clock(now + datetime.timedelta(days=7, minutes=1))
    run_digests(django_capture_on_commit_callbacks)
    latest = digests(smtp_server, "twee@example.org")[-1]
    assert "Nieuws van week twee" in body(latest, "plain") and "week een" not in body(latest, "plain")
    assert len(digests(smtp_server, "een@example.org")) == 2
    assert second.deliveries.count() == 2


def test_a_project_comes_when_new_and_again_only_with_a_new_fase(
    site, smtp_server, django_capture_on_commit_callbacks, clock
):
    subscribed(kinds=["projecten"])
    fases = list(Fase.objects.order_by("sort_order"))
    project = ProjectPage(slug="labo", title="Labo taalrijk", fase=fases[0], date=timezone.localdate())
    site["lab"].add_child(instance=project)
    project.phase_history.add(ProjectPhase(fase=fases[0], start_date=timezone.localdate()))
    project.save_revision().publish()
    run_digests(django_capture_on_commit_callbacks)
    text = body(digests(smtp_server)[-1], "plain")
    assert "Labo taalrijk" in text and "Nieuw project" in text

    # A week later: edited without a new fase (nothing), then in a new fase (once).
    later = timezone.now() + datetime.timedelta(days=7)
    clock(later)
    project = ProjectPage.objects.get(pk=project.pk)
    project.intro = "Een betere inleiding."
    project.save_revision().publish()
    clock(later + datetime.timedelta(minutes=1))
    run_digests(django_capture_on_commit_callbacks)
    assert len(digests(smtp_server)) == 1
    clock(later + datetime.timedelta(days=7))
    project = ProjectPage.objects.get(pk=project.pk)
    project.phase_history.add(ProjectPhase(fase=fases[1], start_date=timezone.localdate()))
    project.fase = fases[1]
    project.save_revision().publish()
    clock(later + datetime.timedelta(days=7, minutes=1))
    run_digests(django_capture_on_commit_callbacks)
    assert len(digests(smtp_server)) == 2
    assert f"Nu in fase {fases[1]}" in body(digests(smtp_server)[-1], "plain")


@pytest.mark.django_db(transaction=True)
def test_one_failing_address_stops_no_one_and_is_tried_again(site, smtp_server, settings):
    """As in production: the command queues, the worker (db_worker) builds and sends."""
    settings.TASKS = DATABASE_TASKS

    async def refuse_one(server, session, envelope, address, rcpt_options):
        if address == "kapot@example.org":
            return "550 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    smtp_server.handle_RCPT = refuse_one
    for email in ("een@example.org", "kapot@example.org", "drie@example.org"):
        subscribed(email)
    publish_news(site, "nieuws", "Nieuws voor iedereen")
    call_command("send_digests", stdout=open("/dev/null", "w"))
    assert smtp_server.messages == []  # the command only queues
    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
    assert sorted(m["To"] for m in digests(smtp_server)) == ["drie@example.org", "een@example.org"]
    failed = OutgoingMail.objects.get(to="kapot@example.org")
    assert failed.status == OutgoingMail.Status.WAITING and failed.attempts == 1
    assert failed.send_after > timezone.now()  # tried again later by the outbox


def test_digests_leave_at_a_bounded_rate_in_batches(site, settings):
    settings.TASKS = DATABASE_TASKS  # the worker runs the batches and the sending
    settings.DIGEST_BATCH_SIZE, settings.DIGEST_RATE_PER_MINUTE = 2, 60
    publish_news(site, "nieuws", "Nieuws voor iedereen")
    people = [subscribed(f"persoon{n}@example.org") for n in range(5)]
    from django_tasks_db.models import DBTaskResult

    assert digest.enqueue_digests(["wekelijks"]) == 5
    batches = DBTaskResult.objects.filter(task_path="abonneren.digest.send_digest_batch")
    assert sorted(len(b.args_kwargs["args"][0]) for b in batches) == [1, 2, 2]
    for batch in batches:
        digest.send_digest_batch.call(*batch.args_kwargs["args"])
    times = sorted(OutgoingMail.objects.filter(purpose="abonneren: nieuwsbrief").values_list("send_after", flat=True))
    assert len(times) == len(people)
    gaps = [(later - earlier).total_seconds() for earlier, later in zip(times, times[1:])]
    assert all(gap == pytest.approx(1, abs=0.01) for gap in gaps)  # 60 a minute


@pytest.fixture
def clock(monkeypatch):
    """Moves "now" for the site and the digest to a later time."""

    def move_to(moment):
        monkeypatch.setattr("django.utils.timezone.now", lambda: moment)

    return move_to


def test_unconfirmed_and_unsubscribed_addresses_are_purged_in_time(site, settings):
    now = timezone.now()
    keep_pending = Subscriber.objects.create(email="net@example.org", kinds=["nieuws"])
    old_pending = Subscriber.objects.create(email="oud@example.org", kinds=["nieuws"])
    Subscriber.objects.filter(pk=old_pending.pk).update(
        confirm_sent_at=now - datetime.timedelta(days=settings.SUBSCRIBE_CONFIRM_DAYS + 1)
    )
    confirmed = subscribed("blijft@example.org")
    gone = subscribed("weg@example.org")
    recent = subscribed("pas-weg@example.org")
    days = settings.SUBSCRIBE_UNSUBSCRIBED_RETENTION_DAYS
    Subscriber.objects.filter(pk=gone.pk).update(
        status="uitgeschreven", unsubscribed_at=now - datetime.timedelta(days=days + 1)
    )
    Subscriber.objects.filter(pk=recent.pk).update(
        status="uitgeschreven", unsubscribed_at=now - datetime.timedelta(days=days - 1)
    )
    DigestDelivery.objects.create(subscriber=gone, period="2026-W01", since=now, until=now)
    recent_record = DigestDelivery.objects.create(subscriber=confirmed, period="2026-W02", since=now, until=now)
    old_record = DigestDelivery.objects.create(subscriber=confirmed, period="2024-W02", since=now, until=now)
    DigestDelivery.objects.filter(pk=old_record.pk).update(created_at=now - datetime.timedelta(days=401))

    out = io.StringIO()
    call_command("purge_personal_data", stdout=out)
    assert "1 onbevestigde en 1 uitgeschreven abonnee(s) gewist" in out.getvalue()
    assert set(Subscriber.objects.values_list("pk", flat=True)) == {keep_pending.pk, confirmed.pk, recent.pk}
    assert list(DigestDelivery.objects.all()) == [recent_record]


# --- staff -------------------------------------------------------------------------------


def test_only_the_eindredactie_and_admins_see_subscribers(client, site, make_editor, admin_user):
    from som import roles

    subscribed("an.peeters@example.org")
    client.force_login(make_editor(roles.REDACTIE))
    for url in ["/admin/abonnees/", "/admin/abonnees/voorbeeld/", "/admin/abonnees/?export=csv"]:
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert response.status_code == 302 or b"an.peeters@example.org" not in response.content
    for user in (make_editor(roles.EINDREDACTIE), admin_user):
        client.force_login(user)
        response = client.get("/admin/abonnees/")
        assert response.status_code == 200 and "an.peeters@example.org" in response.content.decode()
    # Nobody adds or edits a subscriber in the admin: only the person chooses.
    assert client.get("/admin/abonnees/new/").status_code == 404


def test_staff_see_counts_per_choice_export_and_remove(client, site, make_editor):
    from som import roles

    client.force_login(make_editor(roles.EINDREDACTIE))
    lab = subscribed("lab@example.org", werkingen=[site["lab"]], kinds=["nieuws"])
    subscribed("alles@example.org")
    Subscriber.objects.create(email="wacht@example.org", kinds=["nieuws"])
    html = client.get("/admin/abonnees/").content.decode()
    # What the editors' guide points at: export in the header menu, remove in a row's menu.
    assert "export=csv" in html and "export=xlsx" in html and f"/admin/abonnees/delete/{lab.pk}/" in html
    counts = re.sub(r"\s+", " ", re.search(r"data-subscriber-counts(.*?)</table>", html, re.S).group(1))
    assert "2 bevestigde abonnee(s)" in counts and "Wacht op bevestiging: 1" in counts
    assert "<td>Werking: Laboratorium</td><td>1</td>" in counts
    assert "<td>Werking: Alle werkingen (geen keuze)</td><td>1</td>" in counts
    assert "<td>Soort: Nieuws</td><td>2</td>" in counts and "<td>Soort: Projecten</td><td>1</td>" in counts

    export = client.get("/admin/abonnees/?export=csv&werking=" + str(site["lab"].pk))
    lines = b"".join(export.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0].startswith("E-mailadres,Status,Ritme,Soorten,Werkingen")
    assert lines[1:] == [lines[1]] and lines[1].startswith("lab@example.org,Bevestigd,Wekelijks,Nieuws,Laboratorium")

    OutgoingMail.objects.create(purpose="abonneren: nieuwsbrief", to="lab@example.org", subject="x", text="x")
    response = client.post(f"/admin/abonnees/delete/{lab.pk}/")
    assert response.status_code == 302
    assert not Subscriber.objects.filter(pk=lab.pk).exists() and not OutgoingMail.objects.exists()


def test_staff_preview_the_next_digest_for_a_choice(client, site, make_editor):
    from som import roles

    client.force_login(make_editor(roles.EINDREDACTIE))
    publish_news(site, "lab", "Nieuws uit het Laboratorium", werkingen=[site["lab"]])
    publish_news(site, "studio", "Nieuws uit de Studio", werkingen=[site["studio"]])
    draft = NewsPage(slug="concept", title="Concept nieuws")
    site["news"].add_child(instance=draft)
    html = client.get(
        "/admin/abonnees/voorbeeld/?werkingen=laboratorium&kinds=nieuws&rhythm=wekelijks"
    ).content.decode()
    assert "Nieuws uit het Laboratorium" in html
    assert "Nieuws uit de Studio" not in html and "Concept nieuws" not in html
    empty = client.get("/admin/abonnees/voorbeeld/?kinds=activiteiten&rhythm=maandelijks").content.decode()
    assert "Niets nieuws voor deze keuzes" in empty
    assert client.get("/admin/abonnees/voorbeeld/?kinds=%ff&rhythm=x&werkingen=nee").status_code == 200


# --- offers on the site ------------------------------------------------------------------


def test_the_home_page_and_each_werking_page_offer_subscribing(client, site):
    home = client.get("/").content.decode()
    assert re.search(r'<h2 id="nieuwsbrief-titel">Blijf op de hoogte</h2>', home)
    assert 'href="/abonneren/">Abonneer je op de nieuwsbrief' in home
    werking = client.get("/werking/laboratorium/").content.decode()
    assert 'href="/abonneren/?werking=laboratorium">Abonneer je op de nieuwsbrief' in werking
    assert "wat er nieuw is bij\n    Laboratorium" in werking or "wat er nieuw is bij Laboratorium" in werking
    # The link leads to a form with that werking ticked.
    form = client.get("/abonneren/?werking=laboratorium").content.decode()
    assert re.search(r'<input[^>]*value="laboratorium"[^>]*checked', form)


def test_an_overview_passes_on_its_filters_and_nothing_else(rf, site):
    from abonneren import sections

    request = rf.get("/kalender/", {"werking": ["laboratorium", "<script>"], "niveau": "secundair-onderwijs", "q": "x"})
    context = sections.EVENTS_SECTION(site["calendar"], request)
    assert context["subscribe_url"] == "/abonneren/?werking=laboratorium&niveau=secundair-onderwijs&inhoud=activiteiten"


def test_generated_subscribers_and_the_digest_bench(site, settings):
    from io import StringIO

    publish_news(site, "nieuws", "Nieuws voor iedereen")
    out = StringIO()
    call_command("generate_bulk_content", "--subscribers", "30", stdout=out)
    call_command("generate_bulk_content", "--subscribers", "20", stdout=out)  # replaces, adds none
    generated = Subscriber.objects.filter(email__startswith="gen-abonnee-")
    assert generated.count() == 20 and all(s.status == "bevestigd" and s.kinds for s in generated)
    out = StringIO()
    call_command("bench_digests", "--subscribers", "20", stdout=out)
    report = out.getvalue()
    assert re.search(r"Nieuwsbrieven: 20 abonnees, \d+ nieuwsbrieven gemaakt in [\d.]+ s", report), report
    made = int(re.search(r"(\d+) nieuwsbrieven gemaakt", report).group(1))
    assert 0 < made <= 20 and f"{made} aangekomen" in report
    # What was measured is not kept.
    assert not DigestDelivery.objects.exists() and not OutgoingMail.objects.exists()


def test_the_news_index_and_the_calendar_offer_subscribing_with_their_filters(client, site):
    news = client.get("/nieuws/?werking=laboratorium").content.decode()
    assert 'href="/abonneren/?werking=laboratorium&amp;inhoud=nieuws">Abonneer je op de nieuwsbrief' in news
    calendar = client.get(f"/kalender/?niveau={niveau().slug}").content.decode()
    assert f'href="/abonneren/?niveau={niveau().slug}&amp;inhoud=activiteiten">Abonneer je' in calendar
    assert "Kalender (iCalendar)" in calendar  # beside the existing feeds


def test_an_error_building_one_digest_stops_no_one_and_the_next_run_makes_it(
    site, smtp_server, django_capture_on_commit_callbacks, monkeypatch
):
    from abonneren import mails

    for email in ("een@example.org", "stuk@example.org", "drie@example.org"):
        subscribed(email)
    publish_news(site, "nieuws", "Nieuws voor iedereen")
    real_digest = mails.digest

    def broken_for_one(subscriber, *args, **kwargs):
        if subscriber.email == "stuk@example.org":
            raise RuntimeError("kapot sjabloon")
        return real_digest(subscriber, *args, **kwargs)

    monkeypatch.setattr(mails, "digest", broken_for_one)
    run_digests(django_capture_on_commit_callbacks)
    assert sorted(m["To"] for m in digests(smtp_server)) == ["drie@example.org", "een@example.org"]
    assert not DigestDelivery.objects.filter(subscriber__email="stuk@example.org").exists()

    monkeypatch.setattr(mails, "digest", real_digest)
    run_digests(django_capture_on_commit_callbacks)
    assert sorted(m["To"] for m in digests(smtp_server)) == ["drie@example.org", "een@example.org", "stuk@example.org"]
