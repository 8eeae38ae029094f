"""Private pages can be opened by the people they are for: the password form leads to the page,
and a login restriction leads through the login to the page (issue 17, item 1: the site's own
page route used to swallow Wagtail's /_util/ addresses, so both journeys ended in a 404)."""

import pytest
from django.contrib.auth.models import User
from wagtail.models import PageViewRestriction

from som.models import StandardPage
from tests.helpers import soup

SECRET_TITLE = "Verslag van de stuurgroep"
SECRET_TEXT = "Alleen voor de leden van de stuurgroep."


@pytest.fixture
def private_page(home):
    page = StandardPage(title=SECRET_TITLE, slug="stuurgroep", intro=SECRET_TEXT)
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_the_right_password_opens_the_page(client, private_page):
    PageViewRestriction.objects.create(
        page=private_page, restriction_type=PageViewRestriction.PASSWORD, password="leuven2026"
    )
    response = client.get("/stuurgroep/")
    page = soup(response)
    assert SECRET_TITLE not in response.content.decode() and SECRET_TEXT not in response.content.decode()
    assert page.h1.get_text(strip=True) == "Wachtwoord nodig"
    password = page.find("input", attrs={"name": "password"})
    assert page.find("label", attrs={"for": password["id"]}).get_text(" ", strip=True).startswith("Wachtwoord")
    form = page.find("form", class_="form")
    fields = {field["name"]: field.get("value", "") for field in form.find_all("input") if field.get("name")}

    wrong = client.post(form["action"], {**fields, "password": "fout"})
    assert wrong.status_code == 200
    assert SECRET_TITLE not in wrong.content.decode()
    assert soup(wrong).select(".form-field__errors li"), "a wrong password says so at the field"

    right = client.post(form["action"], {**fields, "password": "leuven2026"})
    assert right.status_code == 302 and right["Location"] == "/stuurgroep/"
    opened = client.get("/stuurgroep/")
    assert soup(opened).h1.get_text(strip=True) == SECRET_TITLE
    assert SECRET_TEXT in opened.content.decode()


def test_a_login_restriction_leads_through_the_login_to_the_page(client, private_page):
    PageViewRestriction.objects.create(page=private_page, restriction_type=PageViewRestriction.LOGIN)
    User.objects.create_user("lid", password="een-goed-wachtwoord")

    response = client.get("/stuurgroep/")
    assert response.status_code == 302
    login_url = response["Location"]
    assert login_url.startswith("/_util/login/")

    login = client.get(login_url)
    page = soup(login)
    assert page.h1.get_text(strip=True) == "Aanmelden"
    assert SECRET_TITLE not in login.content.decode()
    form = page.find("form", class_="form")
    next_url = form.find("input", attrs={"name": "next"})["value"]
    assert next_url == "/stuurgroep/"

    wrong = client.post(form["action"], {"username": "lid", "password": "fout", "next": next_url})
    assert wrong.status_code == 200
    assert "klopt niet" in soup(wrong).select_one(".form__errors").get_text()

    logged_in = client.post(form["action"], {"username": "lid", "password": "een-goed-wachtwoord", "next": next_url})
    assert logged_in.status_code == 302 and logged_in["Location"] == "/stuurgroep/"
    opened = client.get("/stuurgroep/")
    assert soup(opened).h1.get_text(strip=True) == SECRET_TITLE
