"""Subscribing to the e-mail digest in a real browser, by keyboard only: the offer on the home
page, the form and its errors, the confirmation, the personal page, unsubscribing and a dead link
have no axe violations (WCAG 2.2 AA rules)."""

import re

import pytest

from tests.e2e.test_browser import AXE_RULES, describe

pytestmark = pytest.mark.browser


def test_subscribe_by_keyboard_confirm_and_unsubscribe(site, page_factory, screenshot_dir):
    from axe_playwright_python.sync_playwright import Axe

    from som.mail import OutgoingMail

    page = page_factory()

    def violations():
        return describe(Axe().run(page, options=AXE_RULES).response["violations"])

    page.goto(site + "/werking/laboratorium/")
    link = page.get_by_role("link", name="Abonneer je op de nieuwsbrief")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(site + "/abonneren/?werking=laboratorium")
    assert page.locator("h1").inner_text() == "Abonneren op de nieuwsbrief"
    assert page.get_by_label("Laboratorium").is_checked()
    assert not violations()

    # Sent without an address or consent: the errors are shown at their fields.
    page.get_by_role("button", name="Schrijf me in").focus()
    page.keyboard.press("Enter")
    page.locator(".form__errors").wait_for()
    assert page.locator("#id_email_error").inner_text() == "Vul je e-mailadres in."
    assert page.locator("#id_consent_error").is_visible()
    assert page.get_by_label("Laboratorium").is_checked()  # what was chosen survives
    assert not violations()
    page.screenshot(path=str(screenshot_dir / "abonneren-fouten.png"), full_page=True)

    page.get_by_role("textbox", name="E-mailadres").focus()
    page.keyboard.type("an.peeters@example.org")
    page.get_by_label("Maandelijks").focus()
    page.keyboard.press("Space")
    page.get_by_label("Ik ga akkoord").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Schrijf me in").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/abonneren/verstuurd/")
    assert page.locator("h1").inner_text() == "Bekijk je mailbox"
    assert not violations()

    confirm = re.search(r"/abonneren/bevestigen/[\w-]+/", OutgoingMail.objects.get().text).group(0)
    page.goto(site + confirm)
    assert not violations()
    page.get_by_role("button", name="Bevestig mijn inschrijving").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**?bevestigd=1")
    assert page.locator("h1").inner_text() == "Je bent ingeschreven"
    assert page.get_by_label("Maandelijks").is_checked()
    assert not violations()
    page.screenshot(path=str(screenshot_dir / "abonneren-mijn-nieuwsbrief.png"), full_page=True)

    page.get_by_role("button", name="Schrijf me uit").focus()
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Je bent uitgeschreven").wait_for()
    assert not violations()
    assert not page.console_errors

    # A dead link: a Dutch page (its 404 is the one console message).
    page.goto(site + "/abonneren/bestaat-niet/")
    assert page.locator("h1").inner_text() == "Deze link werkt niet (meer)"
    assert not violations()
