"""Every page type in a real Chromium: no console errors, no axe-core violations
(WCAG 2.2 AA rules), screenshots at 375 and 1280 px, the mobile menu, keyboard-only filters."""

import pytest

pytestmark = pytest.mark.browser

PAGE_TYPES = {
    "home": "/",
    "standaardpagina": "/over-som/",
    "werking-overzicht": "/werking/",
    "werking": "/werking/laboratorium/",
    "project": "/werking/laboratorium/labo-onderwijs-x-cultuur/",
    "onderwijsmakers": "/onderwijsmakers/",
    "profiel": "/onderwijsmakers/kobe-vaes/",
    "kalender": "/kalender/",
    "kalender-maand": "/kalender/?weergave=maand&maand=2024-04",
    "activiteit": "/kalender/kick-off-labo-zij-instromers/",
    "nieuws": "/nieuws/",
    "nieuwsbericht": "/nieuws/volgende-vijf-jaar-samen-onderwijs/",
    "zoeken": "/zoeken/?q=labo",
    "niet-gevonden": "/bestaat-niet/",
}
AXE_RULES = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}
}


def describe(violations):
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} → {[n['target'] for n in v['nodes']][:3]}" for v in violations
    )


def test_every_page_type_loads_cleanly_and_passes_axe(site, page_factory, screenshot_dir):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    failures = []
    for width in (1280, 375):
        page = page_factory(width=width)
        for name, path in PAGE_TYPES.items():
            response = page.goto(site + path)
            expected = 404 if name == "niet-gevonden" else 200
            assert response.status == expected, f"{path}: {response.status}"
            page.screenshot(path=str(screenshot_dir / f"{name}-{width}.png"), full_page=True)
            # The 404 page reports its own status in the console; nothing else may.
            errors = [e for e in page.console_errors if not (expected == 404 and "status of 404" in e)]
            if errors:
                failures.append(f"{path} @ {width}px console: {errors}")
            page.console_errors.clear()
            if width == 1280 or name == "home":
                violations = axe.run(page, options=AXE_RULES).response["violations"]
                if violations:
                    failures.append(f"{path} @ {width}px axe:\n{describe(violations)}")
    assert not failures, "\n\n".join(failures)


def test_mobile_menu_opens_without_javascript(site, page_factory):
    for javascript in (False, True):
        page = page_factory(width=375, javascript=javascript)
        page.goto(site + "/")
        nav_link = page.locator(".site-header .menu__link", has_text="Kalender")
        assert not nav_link.is_visible()
        page.locator(".menu__toggle").click()
        assert nav_link.is_visible()
        nav_link.click()
        page.wait_for_url("**/kalender/")


def test_desktop_menu_is_visible_and_marks_the_current_section(site, page_factory):
    page = page_factory(width=1280)
    page.goto(site + "/werking/laboratorium/")
    nav = page.get_by_role("navigation", name="Hoofdmenu")
    assert nav.get_by_role("link", name="Werking").get_attribute("aria-current")
    assert nav.get_by_role("link", name="Nieuws").is_visible()


def test_skip_link_moves_focus_to_the_content(site, page_factory):
    page = page_factory()
    page.goto(site + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"


def test_admin_works_under_the_content_security_policy(site, page_factory, django_user_model):
    from wagtail.models import Page

    django_user_model.objects.create_superuser("beheer", "b@example.org", "wachtwoord-voor-de-test")
    project = Page.objects.get(slug="labo-onderwijs-x-cultuur")
    page = page_factory(width=1280)
    page.goto(site + "/admin/login/")
    page.fill("input[name=username]", "beheer")
    page.fill("input[name=password]", "wachtwoord-voor-de-test")
    page.click("button[type=submit]")
    page.wait_for_url(site + "/admin/")
    for path in ["/admin/", "/admin/pages/", f"/admin/pages/{project.pk}/edit/", "/admin/images/", "/admin/snippets/"]:
        page.goto(site + path)
        page.wait_for_load_state("networkidle")
    page.goto(site + f"/admin/pages/{project.pk}/edit/")
    assert page.get_by_role("tab", name="Details").is_visible()
    violations = [e for e in page.console_errors if "Content Security Policy" in e or "Refused to" in e]
    assert not violations, violations


@pytest.mark.parametrize(
    "path, form, option_label",
    [
        ("/werking/", "#project-filters", "Studio"),
        ("/kalender/", "#kalender-filters", "Workshop"),
        ("/onderwijsmakers/", "#onderwijsmakers-filters", None),
    ],
)
def test_filters_work_by_keyboard_only(site, page_factory, path, form, option_label):
    page = page_factory(width=1280)
    page.goto(site + path)
    checkbox = (
        page.locator(f"{form} input[type=checkbox]").first
        if option_label is None
        else page.locator(f"{form} label", has_text=option_label).locator("xpath=preceding-sibling::input")
    )
    value = checkbox.get_attribute("value")
    name = checkbox.get_attribute("name")
    # Tab from the top of the page to the checkbox, never touching the mouse.
    for _ in range(80):
        page.keyboard.press("Tab")
        if (
            page.evaluate("document.activeElement && document.activeElement.value") == value
            and page.evaluate("document.activeElement.name") == name
        ):
            break
    else:
        raise AssertionError("checkbox not reachable by Tab")
    page.keyboard.press("Space")
    page.wait_for_url(f"**{name}={value}**", timeout=10_000)  # live filtering updates the URL
    assert page.locator(".chip").first.is_visible()
    assert not page.console_errors
