"""Registering for an event in a real browser, by keyboard only: the form, its errors and the
confirmation have no axe violations (WCAG 2.2 AA rules) and work without JavaScript."""

import pytest

from tests.e2e.test_browser import AXE_RULES, describe

pytestmark = pytest.mark.browser

EVENT = "/kalender/netwerkmoment-community-voorbeeld/"


@pytest.mark.parametrize("javascript", [True, False])
def test_register_by_keyboard_with_errors_and_confirmation(site, page_factory, screenshot_dir, javascript):
    from axe_playwright_python.sync_playwright import Axe

    page = page_factory(javascript=javascript)

    def violations():
        # axe runs as a script in the page: with JavaScript off it never answers. The server sends
        # the same HTML either way, so the run with JavaScript checks it.
        if not javascript:
            return []
        return describe(Axe().run(page, options=AXE_RULES).response["violations"])

    page.goto(site + EVENT)
    link = page.get_by_role("link", name="Schrijf je in voor Netwerkmoment community (voorbeeld)")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(site + EVENT + "inschrijven/")
    assert page.locator("h1").inner_text() == "Inschrijven"
    assert not violations()

    # Sent without the required answers: the errors are shown at their fields.
    page.get_by_role("button", name="Schrijf me in").focus()
    page.keyboard.press("Enter")
    page.locator(".form__errors").wait_for()  # after the form came back from the server
    assert page.locator("#id_first_name_error").is_visible()
    assert not violations()
    page.screenshot(path=str(screenshot_dir / f"inschrijven-fouten-js-{javascript}.png"), full_page=True)

    page.get_by_label("Voornaam").focus()
    page.keyboard.type("An")
    page.keyboard.press("Tab")
    page.keyboard.type("Peeters")
    page.get_by_label("E-mailadres").focus()
    page.keyboard.type(f"an.{javascript}@example.org")
    page.get_by_label("Ik ga akkoord").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Schrijf me in").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/inschrijving/**")
    assert page.locator("h1").inner_text() == "Je bent ingeschreven"
    assert not violations()
    page.screenshot(path=str(screenshot_dir / f"inschrijving-bevestigd-js-{javascript}.png"), full_page=True)
    assert not page.console_errors
