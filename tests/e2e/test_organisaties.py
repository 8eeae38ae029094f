"""The organisations in a real browser, with no network beyond the site: every request to another
host (the map tiles) is refused. With JavaScript the map shows a marker per organisation with
coordinates and follows the filters; without JavaScript (or without tiles) the list and the
addresses are the page. 0 axe violations either way, on the directory and an organisation."""

import pytest

from tests.e2e.test_browser import AXE_RULES, describe

pytestmark = pytest.mark.browser

DIRECTORY = "/organisaties/"


ORGANISATION = "/organisaties/ku-leuven/"


def offline(page, site):
    """Refuse every request that leaves the site; returns the list of refused addresses."""
    refused = []

    def handle(route):
        if route.request.url.startswith(site):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    page.route("**/*", handle)
    return refused


def real_errors(page):
    """Console errors other than the refused tiles (the CSP or a script error would be here)."""
    return [e for e in page.console_errors if "Failed to load resource" not in e]


def test_the_map_adds_markers_and_follows_the_filters_offline(site, page_factory, screenshot_dir):
    from playwright.sync_api import expect

    page = page_factory(width=1280)
    refused = offline(page, site)
    page.goto(site + DIRECTORY)
    page.wait_for_selector("#kaart:not([hidden]) .leaflet-marker-icon")
    markers = page.locator("#kaart .leaflet-marker-icon")
    names = sorted(markers.evaluate_all("els => els.map(e => e.alt)"))
    assert {"KU Leuven", "STUK", "Stad Leuven"} <= set(names) and "VTI Leuven" not in names
    assert page.locator(".card--organisation").count() >= 10  # the list is still the page
    assert any("tile.openstreetmap.org" in url for url in refused)  # the tiles were asked, and refused
    page.screenshot(path=str(screenshot_dir / "organisaties-kaart-1280.png"))
    # A marker opens a popup with the organisation's name as a link to its page.
    page.locator('#kaart .leaflet-marker-icon[alt="STUK"]').click()
    link = page.locator(".leaflet-popup-content a")
    assert link.inner_text() == "STUK" and link.get_attribute("href") == "/organisaties/stuk/"
    # The live filter swaps the results; the markers follow.
    page.get_by_label("Cultuur").check()
    # (expect polls from Python: the CSP refuses the string evaluation wait_for_function would use)
    expect(page.locator("#kaart .leaflet-marker-icon")).to_have_count(1)
    expect(page.locator(".card--organisation")).to_have_count(1)
    assert not real_errors(page), page.console_errors


@pytest.mark.parametrize("scripts", [True, False])
def test_directory_and_organisation_pass_axe_with_and_without_the_scripts(site, page_factory, scripts):
    """axe runs as a script in the page: with JavaScript off it never answers. So "without" is the
    page with its own scripts refused (Leaflet, the map, the live filter): what a visitor without
    JavaScript or with a failed script sees; test_without_javascript_… turns JavaScript off."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    failures = []
    for width in (1280, 375):
        page = page_factory(width=width)
        offline(page, site)
        if not scripts:
            page.route("**/*.js", lambda route: route.abort())
        for path in (DIRECTORY, ORGANISATION):
            assert page.goto(site + path).status == 200
            if scripts:
                page.wait_for_selector("#kaart:not([hidden]) .leaflet-marker-icon")
            else:
                assert page.locator("#kaart").is_hidden()  # no empty box without the script
                assert page.locator("address, .card--organisation__address").first.is_visible()
            violations = axe.run(page, options=AXE_RULES).response["violations"]
            if violations:
                failures.append(f"{path} @ {width}px, scripts {scripts}:\n{describe(violations)}")
        if scripts:
            assert not real_errors(page), page.console_errors
    assert not failures, "\n\n".join(failures)


def test_without_javascript_the_list_and_addresses_are_the_page(site, page_factory, screenshot_dir):
    page = page_factory(width=1280, javascript=False)
    offline(page, site)
    page.goto(site + DIRECTORY + "?soort=cultuur")
    assert page.locator(".card--organisation .card__title").all_inner_texts() == ["STUK"]
    assert "Naamsestraat 96, 3000 Leuven" in page.locator(".card--organisation").inner_text()
    page.goto(site + ORGANISATION)
    assert "Oude Markt 13" in page.locator("address.organisation__address").inner_text()
    page.screenshot(path=str(screenshot_dir / "organisatie-zonder-js-1280.png"))


def test_a_click_on_the_admin_map_fills_in_the_coordinates(site, page_factory, django_user_model, screenshot_dir):
    from organisaties.models import OrganisationPage
    from tests.e2e.test_editor_flow import login

    django_user_model.objects.create_superuser("beheer", "beheer@example.org", "wachtwoord-voor-de-gids")
    vti = OrganisationPage.objects.get(slug="vti-leuven")  # no coordinates yet
    page = page_factory(width=1280)
    offline(page, site)
    login(page, site, "beheer")
    page.goto(site + f"/admin/pages/{vti.pk}/edit/")
    page.get_by_role("tab", name="Details").click()
    picker = page.locator("[data-location-picker]")
    picker.scroll_into_view_if_needed()
    page.wait_for_selector("[data-location-picker].leaflet-container")
    assert page.locator("#id_latitude").input_value() == ""
    picker.click(position={"x": 200, "y": 120})
    latitude, longitude = (
        float(page.locator("#id_latitude").input_value()),
        float(page.locator("#id_longitude").input_value()),
    )
    assert 50.8 < latitude < 51 and 4.6 < longitude < 4.8  # around Leuven, where the map opens
    assert page.locator("[data-location-picker] .leaflet-marker-icon").count() == 1
    # The whole panel (address, coordinates, map) for the editors' guide.
    picker.locator("xpath=ancestor::section[1]").screenshot(path=str(screenshot_dir / "organisatie-kaart-admin.png"))
    assert not [e for e in real_errors(page) if "Content Security Policy" in e], page.console_errors
