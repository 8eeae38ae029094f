"""The statements and the footer in a real browser: no axe violations (WCAG 2.2 AA rules) on
the privacy and accessibility statements at phone and desktop width, and a keyboard user
reaches both statements from the footer of any page, seeing where the focus is."""

import pytest

from tests.e2e.test_browser import AXE_RULES, describe

pytestmark = pytest.mark.browser

STATEMENTS = {"privacyverklaring": "/privacy/", "toegankelijkheidsverklaring": "/toegankelijkheid/"}


def test_the_statements_and_the_footer_pass_axe(site, page_factory, screenshot_dir):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    failures = []
    for width in (1280, 375):
        page = page_factory(width=width)
        for name, path in STATEMENTS.items():
            response = page.goto(site + path)
            assert response.status == 200, path
            page.screenshot(path=str(screenshot_dir / f"{name}-{width}.png"), full_page=True)
            violations = axe.run(page, options=AXE_RULES).response["violations"]
            if violations:
                failures.append(f"{path} @ {width}px axe:\n{describe(violations)}")
        # The footer on its own, as it is on every page (the home page's).
        page.goto(site + "/")
        footer = axe.run(page, context={"include": [["footer.site-footer"]]}, options=AXE_RULES)
        if footer.response["violations"]:
            failures.append(f"footer @ {width}px axe:\n{describe(footer.response['violations'])}")
        page.locator("footer.site-footer").screenshot(path=str(screenshot_dir / f"voettekst-{width}.png"))
        assert not page.console_errors
    assert not failures, "\n\n".join(failures)


def contrast(colour, background):
    """WCAG contrast ratio of two CSS rgb() colours."""

    def luminance(css):
        red, green, blue = (int(part) / 255 for part in css[css.index("(") + 1 : css.index(")")].split(",")[:3])
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (red, green, blue)]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(colour), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def tab_to(page, name, limit=250):
    """Press Tab until the link called `name` has the focus; how many presses it took."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == name:
            return presses
    raise AssertionError(f"{name!r} is not reachable with Tab")


@pytest.mark.parametrize("start", ["/", "/kalender/kick-off-labo-zij-instromers/"])
def test_a_keyboard_user_reaches_the_statements_from_the_footer(site, page_factory, start):
    page = page_factory()
    for name, path in [("Privacyverklaring", "/privacy/"), ("Toegankelijkheidsverklaring", "/toegankelijkheid/")]:
        page.goto(site + start)
        tab_to(page, name)
        focused = page.locator(":focus")
        assert focused.evaluate("el => el.closest('footer') !== null")
        # The focus is visible: an outline around the link, at 3:1 against the footer (WCAG 1.4.11).
        style, colour = focused.evaluate("el => [getComputedStyle(el).outlineStyle, getComputedStyle(el).outlineColor]")
        background = page.locator("footer.site-footer").evaluate("el => getComputedStyle(el).backgroundColor")
        assert style not in ("none", ""), style
        assert contrast(colour, background) >= 3, (colour, background)
        page.keyboard.press("Enter")
        page.wait_for_url(site + path)
        assert page.locator("h1").inner_text() == name
    assert not page.console_errors


def test_the_contact_details_are_links_a_keyboard_reaches(site, page_factory):
    page = page_factory()
    page.goto(site + "/")
    tab_to(page, "info@samenonderwijsmaken.example")
    assert page.locator(":focus").get_attribute("href") == "mailto:info@samenonderwijsmaken.example"
    tab_to(page, "+32 16 00 00 00")
    assert page.locator(":focus").get_attribute("href") == "tel:+3216000000"
