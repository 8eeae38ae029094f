"""Private pages in a real browser: the password form and the login lead to the page, by
keyboard, with no axe violations on either form (issue 17, item 1)."""

import pytest

from tests.e2e.test_browser import AXE_RULES, describe

pytestmark = pytest.mark.browser


@pytest.fixture
def private_pages(site):
    from django.contrib.auth.models import User
    from wagtail.models import PageViewRestriction

    from som.models import HomePage, StandardPage

    home = HomePage.objects.get()
    pages = {}
    for slug, kind in (("met-wachtwoord", PageViewRestriction.PASSWORD), ("voor-leden", PageViewRestriction.LOGIN)):
        page = StandardPage(title=f"Afgeschermd: {slug}", slug=slug, intro="Alleen voor wie toegang heeft.")
        home.add_child(instance=page)
        page.save_revision().publish()
        PageViewRestriction.objects.create(page=page, restriction_type=kind, password="leuven2026")
        pages[slug] = page
    User.objects.create_user("lid", password="een-goed-wachtwoord")
    return pages


def test_password_and_login_forms_open_the_page_by_keyboard(site, private_pages, page_factory, screenshot_dir):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page = page_factory()

    page.goto(site + "/met-wachtwoord/")
    assert page.locator("h1").inner_text() == "Wachtwoord nodig"
    assert not describe(axe.run(page, options=AXE_RULES).response["violations"])
    page.get_by_label("Wachtwoord").focus()
    page.keyboard.type("fout")
    page.keyboard.press("Enter")
    page.locator(".form-field__errors").wait_for()  # after the form came back from the server
    assert not describe(axe.run(page, options=AXE_RULES).response["violations"])
    page.screenshot(path=str(screenshot_dir / "wachtwoord-fout.png"), full_page=True)
    page.get_by_label("Wachtwoord").fill("leuven2026")
    page.keyboard.press("Enter")
    page.wait_for_url(site + "/met-wachtwoord/")
    assert page.locator("h1").inner_text() == "Afgeschermd: met-wachtwoord"

    page.goto(site + "/voor-leden/")
    assert "/_util/login/" in page.url
    assert page.locator("h1").inner_text() == "Aanmelden"
    assert not describe(axe.run(page, options=AXE_RULES).response["violations"])
    page.screenshot(path=str(screenshot_dir / "aanmelden.png"), full_page=True)
    page.get_by_label("Gebruikersnaam").focus()
    page.keyboard.type("lid")
    page.keyboard.press("Tab")
    page.keyboard.type("een-goed-wachtwoord")
    page.keyboard.press("Enter")
    page.wait_for_url(site + "/voor-leden/")
    assert page.locator("h1").inner_text() == "Afgeschermd: voor-leden"
    assert not page.console_errors
