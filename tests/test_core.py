import pytest
from django.core.management import call_command
from wagtail.models import Page

from som import dates
from tests.helpers import soup, texts


@pytest.mark.django_db
def test_demo_loader_is_idempotent():
    call_command("load_demo_content", verbosity=0)
    first = Page.objects.count()
    call_command("load_demo_content", verbosity=0)
    assert Page.objects.count() == first > 20


def test_home_page_shows_seed_texts(client, demo):
    response = client.get("/")
    page = soup(response)
    assert page.html["lang"] == "nl-BE"
    assert page.h1.get_text(strip=True) == "Samen Onderwijs Maken"
    assert "organisatienetwerk dat stad Leuven en onderwijsmakers" in page.get_text()
    assert [s for s in texts(response, ".speerpunt__name")] == [
        "Iedereen aan boord",
        "Diversiteit als kracht",
        "Welbevinden en betrokkenheid",
    ]
    assert texts(response, ".werking-tile__title") == ["SOM-plus", "SOM-raad", "Community", "Laboratorium", "Studio"]
    # The sections in the menu, then the contact page the site settings name.
    assert texts(response, ".menu__link") == [
        "Werking",
        "Kalender",
        "Onderwijsmakers",
        "Organisaties",
        "Nieuws",
        "Contact",
    ]
    assert page.select_one("a.skip-link")["href"] == "#inhoud"
    assert page.select_one("main#inhoud")


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/over-som/",
        "/werking/",
        "/werking/laboratorium/",
        "/werking/laboratorium/labo-onderwijs-x-cultuur/",
        "/onderwijsmakers/",
        "/onderwijsmakers/kobe-vaes/",
        "/kalender/",
        "/kalender/kick-off-labo-zij-instromers/",
        "/nieuws/",
        "/nieuws/volgende-vijf-jaar-samen-onderwijs/",
    ],
)
def test_every_page_type_renders(client, demo, url):
    response = client.get(url)
    assert response.status_code == 200
    assert soup(response).find("h1")


def test_admin_login_works_and_is_dutch(client, django_user_model, db):
    django_user_model.objects.create_superuser("redacteur", "r@example.org", "geheim-wachtwoord-123")
    login = client.get("/admin/login/")
    assert login.status_code == 200
    assert "Inloggen" in login.content.decode() and "Sign in" not in login.content.decode()
    response = client.post("/admin/login/", {"username": "redacteur", "password": "geheim-wachtwoord-123"})
    assert response.status_code == 302
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200
    assert 'lang="nl' in dashboard.content.decode()
    assert "Pagina's" in dashboard.content.decode()


def test_dutch_dates():
    import datetime
    from zoneinfo import ZoneInfo

    tz = ZoneInfo("Europe/Brussels")
    assert dates.long_date(datetime.date(2023, 6, 8)) == "8 juni 2023"
    assert dates.short_date(datetime.date(2021, 9, 30)) == "30 sep. 2021"
    start = datetime.datetime(2024, 4, 16, 17, tzinfo=tz)
    end = datetime.datetime(2024, 4, 16, 19, tzinfo=tz)
    assert dates.date_range(start, end) == "dinsdag 16 april 2024, 17.00–19.00 uur"
