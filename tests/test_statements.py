"""What a public site owes its visitors: the privacy and accessibility statements and SOM's
contact details, in the footer of every page; the contact page in the header. And the cookie
claim of the privacy statement holds: a visitor who reads the site gets no cookie."""

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.models import Page, PageViewRestriction, Site

from kalender.models import EventPage
from som.demo_statements import EXAMPLE_CONTACT
from som.models import SiteSettings, StandardPage

from .helpers import soup
from .public_urls import PAGES, PUBLIC_URLS

STATEMENTS = ["/privacy/", "/toegankelijkheid/"]
# Every kind of page a visitor reads, the statements and the 404 page included.
EVERY_PAGE = PAGES + STATEMENTS


def settings_of_site():
    return SiteSettings.for_site(Site.objects.get(is_default_site=True))


def footer(client, url):
    response = client.get(url, follow=False)
    assert response.status_code in (200, 404), (url, response.status_code)
    html = BeautifulSoup(response.content, "lxml")
    element = html.select_one("footer.site-footer")
    assert element is not None, url
    return element


def links(element):
    return {" ".join(a.get_text(" ").split()): a["href"] for a in element.select("a")}


@pytest.mark.django_db
def test_the_statements_are_live_pages_named_in_the_settings(client, demo):
    site_settings = settings_of_site()
    assert site_settings.privacy_page.url == "/privacy/"
    assert site_settings.accessibility_page.url == "/toegankelijkheid/"
    for url, title in [("/privacy/", "Privacyverklaring"), ("/toegankelijkheid/", "Toegankelijkheidsverklaring")]:
        html = soup(client.get(url))
        assert html.select_one("main h1").get_text(strip=True) == title
        # An editable page like any other: a standard page, not in the main menu.
        page = Page.objects.get(url_path=f"/home{url}").specific
        assert isinstance(page, StandardPage) and page.live and not page.show_in_menus


@pytest.mark.django_db
def test_every_page_links_the_statements_and_shows_the_contact_details(client, demo):
    for url in EVERY_PAGE + ["/bestaat-niet/"]:
        element = footer(client, url)
        found = links(element)
        assert found.get("Privacyverklaring") == "/privacy/", url
        assert found.get("Toegankelijkheidsverklaring") == "/toegankelijkheid/", url
        assert found.get(EXAMPLE_CONTACT["email"]) == f"mailto:{EXAMPLE_CONTACT['email']}", url
        assert found.get("+32 16 00 00 00") == "tel:+3216000000", url
        for label in ("Facebook", "Instagram", "LinkedIn"):
            assert found.get(label) == EXAMPLE_CONTACT[f"{label.lower()}_url"], (url, label)
        assert "YouTube" not in found  # not filled in: no link
        address = " ".join(element.select_one("address").get_text(" ").split())
        assert address == "Samen Onderwijs Maken Voorbeeldstraat 1 (voorbeeldadres) 3000 Leuven", url


@pytest.mark.django_db
def test_the_contact_page_is_linked_from_the_header_and_the_footer_when_set(client, demo):
    site_settings = settings_of_site()
    contact = settings_of_site().contact_page or StandardPage.objects.get(slug="over-som")
    site_settings.contact_page = contact
    site_settings.save()
    for url in PAGES:
        html = soup(client.get(url))
        header_links = links(html.select_one("header.site-header"))
        assert header_links.get("Contact") == contact.url, url
        assert contact.url in links(html.select_one("footer.site-footer")).values(), url
    # On the contact page itself the header says so.
    html = soup(client.get(contact.url))
    current = html.select_one('header.site-header a[aria-current="page"]')
    assert current is not None and current.get_text(strip=True) in ("Contact", contact.title)


@pytest.mark.django_db
def test_a_missing_setting_leaves_its_link_out(client, demo):
    site_settings = settings_of_site()
    site_settings.privacy_page = site_settings.accessibility_page = site_settings.contact_page = None
    site_settings.address = site_settings.email = site_settings.phone = ""
    site_settings.facebook_url = site_settings.instagram_url = site_settings.linkedin_url = ""
    site_settings.save()
    for url in ["/", "/nieuws/", "/zoeken/", "/privacy/"]:
        html = soup(client.get(url))
        element = html.select_one("footer.site-footer")
        found = links(element)
        assert "Privacyverklaring" not in found and "Toegankelijkheidsverklaring" not in found, url
        assert not element.select("address") and not [a for a in element.select("a") if "mailto:" in a["href"]]
        assert "Contact" not in links(html.select_one("header.site-header")), url
        assert "Volg ons" not in element.get_text(), url
        # No empty link, list or list item left behind in the header and footer.
        chrome = html.select("header.site-header a, footer.site-footer a")
        assert all(a.get("href") and a.get_text(strip=True) for a in chrome), url
        assert all(li.get_text(strip=True) for li in element.select("li")), url
        assert all(ul.select("li") for ul in element.select("ul")), url


@pytest.mark.django_db
def test_a_statement_visitors_cannot_see_is_not_linked(client, demo):
    privacy = Page.objects.get(url_path="/home/privacy/")
    privacy.unpublish()
    accessibility = Page.objects.get(url_path="/home/toegankelijkheid/")
    PageViewRestriction.objects.create(page=accessibility, restriction_type="password", password="geheim")
    found = links(footer(client, "/"))
    assert "Privacyverklaring" not in found and "Toegankelijkheidsverklaring" not in found
    assert found.get(EXAMPLE_CONTACT["email"])  # the rest of the footer stays


@pytest.mark.django_db
def test_the_demo_is_idempotent_and_keeps_what_editors_changed(demo):
    site_settings = settings_of_site()
    site_settings.email = "secretariaat@voorbeeld.be"
    site_settings.instagram_url = ""
    site_settings.save()
    call_command("load_demo_content", verbosity=0)
    assert StandardPage.objects.filter(slug="privacy").count() == 1
    assert StandardPage.objects.filter(slug="toegankelijkheid").count() == 1
    site_settings = settings_of_site()
    assert site_settings.email == "secretariaat@voorbeeld.be"
    # An emptied field is filled again only because it is empty: editors clear it by replacing it.
    assert site_settings.instagram_url == EXAMPLE_CONTACT["instagram_url"]
    assert site_settings.privacy_page.url_path == "/home/privacy/"


@pytest.mark.django_db
def test_the_privacy_statement_names_the_real_retention_periods(client, demo, settings):
    text = " ".join(soup(client.get("/privacy/")).select_one("main").get_text(" ").split())
    assert f"{settings.REGISTRATION_RETENTION_MONTHS} maanden na het einde van de activiteit" in text
    assert f"Na {settings.MAIL_RETENTION_DAYS} dagen wissen we die kopie" in text
    form_days = getattr(settings, "FORM_SUBMISSION_RETENTION_DAYS", 365)
    assert ("na een jaar wist de website" if form_days == 365 else f"na {form_days} dagen wist") in text
    unsubscribed = getattr(settings, "SUBSCRIBE_UNSUBSCRIBED_RETENTION_DAYS", 30)
    unconfirmed = getattr(settings, "SUBSCRIBE_CONFIRM_DAYS", 7)
    assert f"wist de website je gegevens na {unsubscribed} dagen" in text
    assert f"niet binnen {unconfirmed} dagen bevestigt" in text
    assert "De publieke website plaatst geen cookies bij bezoekers" in text
    assert "csrftoken" in text
    for heading in ("Wie is verantwoordelijk?", "Wie ziet je gegevens?", "Cookies"):
        assert heading in text


@pytest.mark.django_db
def test_the_accessibility_statement_follows_the_flemish_model(client, demo):
    html = soup(client.get("/toegankelijkheid/"))
    headings = [" ".join(h.get_text(" ").split()) for h in html.select("main h2")]
    assert headings == [
        "Nalevingsstatus",
        "Niet-toegankelijke inhoud",
        "Opstelling van deze toegankelijkheidsverklaring",
        "Feedback en contactgegevens",
        "Handhavingsprocedure",
    ]
    text = " ".join(html.select_one("main").get_text(" ").split())
    assert "gedeeltelijk conform met de Web Content Accessibility Guidelines (WCAG) 2.2, niveau AA" in text
    assert "opgesteld op 27 november 2026" in text
    assert html.select_one('main a[href="https://www.vlaamseombudsdienst.be"]')
    assert html.select_one(f'main a[href="mailto:{EXAMPLE_CONTACT["email"]}"]')


@pytest.mark.django_db
def test_a_visitor_reading_the_site_gets_no_cookie(client, demo):
    """The privacy statement says the public site sets no cookies for visitors."""
    for url in PUBLIC_URLS + STATEMENTS:
        response = client.get(url)
        assert response.status_code == 200, url
        assert not response.cookies, (url, list(response.cookies))
    assert not client.cookies


@pytest.mark.django_db
def test_a_form_page_sets_only_the_csrf_cookie_the_statement_names(client, demo):
    """ "Eén uitzondering": a page with a form to send sets csrftoken, and nothing else."""
    event = EventPage.objects.get(slug="netwerkmoment-community-voorbeeld")  # open, with places left
    # Registering, the contact form, subscribing: each its own page, so the others stay cookie-free.
    for url in [event.url + "inschrijven/", "/contact/", "/abonneren/"]:
        client.cookies.clear()
        response = client.get(url)
        assert response.status_code == 200, url
        assert soup(response).select_one("main form[method=post]"), url
        assert set(response.cookies) == {"csrftoken"}, (url, list(response.cookies))
