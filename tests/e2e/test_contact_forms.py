"""The contact form in a real browser, by keyboard only: the form, its errors (focused and
announced, tied to their fields) and the thank-you page have no axe violations (WCAG 2.2 AA
rules), with and without JavaScript."""

import pytest

from tests.e2e.test_browser import AXE_RULES, describe

pytestmark = pytest.mark.browser

CONTACT = "/contact/"


@pytest.mark.parametrize("javascript", [True, False])
def test_contact_by_keyboard_with_errors_and_thanks(site, page_factory, screenshot_dir, javascript):
    from axe_playwright_python.sync_playwright import Axe  # only where Chromium runs (see conftest)

    from contact.models import Submission

    page = page_factory(javascript=javascript)

    def violations():
        # axe runs as a script in the page: with JavaScript off it never answers. The server sends
        # the same HTML either way, so the run with JavaScript checks it.
        if not javascript:
            return ""
        return describe(Axe().run(page, options=AXE_RULES).response["violations"])

    page.goto(site + CONTACT)
    assert page.locator("h1").inner_text() == "Contacteer SOM"
    assert not violations()

    # Tab from the name to the e-mail address: the order of the form is the order of the page.
    page.get_by_label("Naam").focus()
    page.keyboard.type("An Peeters")
    page.keyboard.press("Tab")
    page.keyboard.type("an-zonder-apenstaartje")
    page.get_by_role("button", name="Verstuur je bericht").focus()
    page.keyboard.press("Enter")
    page.locator(".form__errors").wait_for()  # after the form came back from the server
    summary = page.locator(".form__errors")
    assert summary.get_attribute("role") == "alert"
    if javascript:  # the summary takes the focus, so it is read out first
        assert page.evaluate("document.activeElement.id") == "fouten"
    email = page.get_by_label("E-mailadres")
    assert email.get_attribute("aria-invalid") == "true" and email.input_value() == "an-zonder-apenstaartje"
    error_id = "id_e_mailadres_error"
    assert error_id in email.get_attribute("aria-describedby").split()
    assert page.locator(f"#{error_id}").is_visible()
    assert page.get_by_label("Naam").input_value() == "An Peeters"  # nothing typed is lost
    assert not violations()
    page.screenshot(path=str(screenshot_dir / f"formulier-fouten-js-{javascript}.png"), full_page=True)

    email.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type(f"an.{javascript}@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type("Meedoen")
    page.keyboard.press("Tab")
    page.keyboard.type("Hoe kan onze school meedoen?")
    page.keyboard.press("Tab")  # to "Stuur mij een kopie"
    page.keyboard.press("Space")
    assert page.get_by_label("Stuur mij een kopie van wat ik invulde").is_checked()
    page.get_by_role("button", name="Verstuur je bericht").focus()
    page.keyboard.press("Enter")
    page.locator("h1", has_text="Bedankt").wait_for()
    assert "Een kopie van wat je invulde is onderweg" in page.locator("main").inner_text()
    assert not violations()
    page.screenshot(path=str(screenshot_dir / f"formulier-bedankt-js-{javascript}.png"), full_page=True)
    assert (
        Submission.objects.get(form_data__e_mailadres=f"an.{javascript}@example.org").form_data["naam"] == "An Peeters"
    )
    assert not page.console_errors
