"""Profiles in a real browser (issue 21): no axe violations (WCAG 2.2 AA rules) on a full profile
(interview with example answers, expertise, organisation, contact details) and a real person's
profile, at phone and desktop width; the e-mail address is put together by the script; the
initials avatar has its own colour with white text at 4.5:1 or more."""

import pytest

from tests.e2e.test_browser import AXE_RULES, describe
from tests.e2e.test_statements import contrast

pytestmark = pytest.mark.browser

PROFILES = {
    "profiel-voorbeeld": "/onderwijsmakers/lotte-janssens-voorbeeld/",
    "profiel-jan-elen": "/onderwijsmakers/jan-elen/",
    "onderwijsmakers-expertise": "/onderwijsmakers/?expertise=schoolleiding",
}


def test_profiles_pass_axe_and_show_contact_and_colours(site, page_factory, screenshot_dir):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    failures = []
    for width in (1280, 375):
        page = page_factory(width=width)
        for name, path in PROFILES.items():
            response = page.goto(site + path)
            assert response.status == 200, path
            page.screenshot(path=str(screenshot_dir / f"{name}-{width}.png"), full_page=True)
            violations = axe.run(page, options=AXE_RULES).response["violations"]
            if violations:
                failures.append(f"{path} @ {width}px axe:\n{describe(violations)}")
        assert not page.console_errors, page.console_errors
    assert not failures, "\n\n".join(failures)

    # One live site for both checks (loading the demo is the slow part).
    page.goto(site + "/onderwijsmakers/lotte-janssens-voorbeeld/")
    # The script turns the protected address into a link.
    link = page.locator("[data-protected-email] a, a[data-protected-email]").first
    assert link.get_attribute("href") == "mailto:lotte.janssens@example.org"
    avatar = page.locator(".profile-header .avatar--initials")
    colours = avatar.evaluate("el => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]")
    assert contrast(*colours) >= 4.5, colours

    # Two people without a photo need not look alike: their colours come from their names.
    page.goto(site + "/onderwijsmakers/")
    backgrounds = page.locator(".card .avatar--initials").evaluate_all(
        "els => els.map(el => getComputedStyle(el).backgroundColor)"
    )
    assert len(set(backgrounds)) >= 4, backgrounds
