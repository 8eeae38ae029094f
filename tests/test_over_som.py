"""Over SOM is linked from every page's footer (issue 21), only while a visitor may see it."""

import pytest
from wagtail.models import PageViewRestriction

from som.models import StandardPage

from .helpers import soup


def about_links(client, url="/"):
    return [
        (a.get_text(strip=True), a["href"])
        for a in soup(client.get(url)).select(".site-footer a")
        if a["href"] == "/over-som/"
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/nieuws/", "/werking/laboratorium/", "/over-som/"])
def test_every_page_links_to_over_som_once(client, demo, url):
    assert about_links(client, url) == [("Over SOM", "/over-som/")]


@pytest.mark.django_db
@pytest.mark.parametrize("way", ["gedepubliceerd", "wachtwoord"])
def test_a_hidden_over_som_page_is_not_linked(client, demo, way):
    page = StandardPage.objects.get(slug="over-som")
    if way == "gedepubliceerd":
        page.unpublish()
    else:
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="x")
    assert about_links(client) == []


@pytest.mark.django_db
def test_over_som_in_the_menu_is_not_linked_twice(client, demo):
    page = StandardPage.objects.get(slug="over-som")
    page.show_in_menus = True
    page.save_revision().publish()
    assert about_links(client) == [("Over SOM", "/over-som/")]  # in "Ontdek", with the menu
    assert [a["href"] for a in soup(client.get("/")).select(".menu__link")].count("/over-som/") == 1
