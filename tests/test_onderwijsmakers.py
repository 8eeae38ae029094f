"""Onderwijsmakers: the directory, profile pages, membership on both sides, privacy of
contact details and "Onderwijsmaker in de kijker"."""

import datetime
import re

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from onderwijsmakers import filters
from onderwijsmakers.home import current_spotlight
from onderwijsmakers.models import (
    Membership,
    OnderwijsmakersIndexPage,
    ProfileLink,
    ProfilePage,
    ProjectRole,
    Spotlight,
)
from som.demo import ensure_page
from som.letters import sort_letter
from som.models import Fase, Onderwijsnet, Onderwijsniveau, SomImage
from tests.helpers import soup, texts
from werkingen.models import ProjectPage, WerkingIndexPage, WerkingKind, WerkingPage

# ---------------------------------------------------------------------------
# Small builders: an empty site plus only what a test needs.


@pytest.fixture
def directory(home):
    return ensure_page(home, OnderwijsmakersIndexPage, "onderwijsmakers", title="Onderwijsmakers")


@pytest.fixture
def werkingen(home):
    index = ensure_page(home, WerkingIndexPage, "werking", title="Werking")
    return {
        kind: ensure_page(index, WerkingPage, kind.value, title=kind.label, kind=kind.value)
        for kind in (WerkingKind.SOM_RAAD, WerkingKind.COMMUNITY, WerkingKind.LABORATORIUM)
    }


def make_profile(directory, first, family, *, publish=True, memberships=(), niveaus=(), **fields):
    slug = re.sub(r"[^a-z0-9]+", "-", f"{first} {family}".lower()).strip("-")
    profile = ProfilePage(
        slug=fields.pop("slug", slug), title=f"{first} {family}", first_name=first, family_name=family, **fields
    )
    profile.memberships = [Membership(werking=w, role=role) for w, role in memberships]
    if niveaus:
        profile.niveaus = list(niveaus)
    directory.add_child(instance=profile)
    revision = profile.save_revision()
    if publish:
        revision.publish()
    else:
        profile.unpublish()
    return ProfilePage.objects.get(pk=profile.pk)


def niveau(slug):
    return Onderwijsniveau.objects.get(slug=slug)


# ---------------------------------------------------------------------------
# Profile pages


def test_profile_with_only_name_and_role_looks_complete(client, directory, werkingen):
    make_profile(directory, "Kobe", "Vaes", role="Coördinator High Tech Lab")
    make_profile(directory, "Saskia", "Dekocker", role="Directeur", memberships=[(werkingen["som-raad"], "lid")])

    response = client.get("/onderwijsmakers/kobe-vaes/")
    page = soup(response)
    assert [h.get_text(strip=True) for h in page.find_all("h1")] == ["Kobe Vaes"]
    assert page.select_one(".profile-header .avatar--initials").get_text(strip=True) == "KV"
    assert texts(response, ".profile-header__role") == ["Coördinator High Tech Lab"]
    headings = [h.get_text(strip=True) for h in page.select("main h2")]
    # No empty sections: only the colleagues below the profile.
    assert "Waarvoor mag je mij contacteren?" not in headings
    assert "Interview" not in headings and "Contactgegevens" not in headings
    assert headings == ["Meer onderwijsmakers"]
    assert texts(response, ".profile-more .card__title") == ["Saskia Dekocker"]
    assert page.select_one(".profile-more .section__more")["href"] == "/onderwijsmakers/"
    for heading in page.select("main h2, main h3"):
        assert heading.get_text(strip=True), "empty heading"


def test_full_profile_shows_interview_expertise_levels_net_and_links(client, directory):
    profile = make_profile(
        directory,
        "Ann",
        "Peeters",
        role="Leerkracht",
        organisation="Basisschool De Boomgaard",
        quote="Samen gaan we verder.",
        contact_about="STEM in de klas\nOuderbetrokkenheid",
        net=Onderwijsnet.objects.get(slug="go"),
        niveaus=[niveau("lager-onderwijs"), niveau("kleuteronderwijs")],
        interview=[
            ("answer", {"question": "Wat betekent Samen Onderwijs Maken voor jou?", "answer": "<p>Verbinding.</p>"})
        ],
    )
    profile.links = [ProfileLink(label="Website van de school", url="https://example.org/school")]
    profile.save_revision().publish()

    response = client.get("/onderwijsmakers/ann-peeters/")
    page = soup(response)
    assert page.select_one(".profile-quote blockquote").get_text(strip=True) == "Samen gaan we verder."
    assert texts(response, ".interview-answer__question") == ["Wat betekent Samen Onderwijs Maken voor jou?"]
    assert texts(response, ".interview-answer__answer") == ["Verbinding."]
    expertise = page.find("h2", string="Waarvoor mag je mij contacteren?")
    assert "STEM in de klas" in expertise.find_parent("section").get_text()
    facts = {dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(" ", strip=True) for dt in page.select("dt")}
    assert facts["Onderwijsniveaus"] == "Kleuteronderwijs Lager onderwijs"
    assert facts["Onderwijsnet"] == "GO! onderwijs van de Vlaamse Gemeenschap"
    assert page.find("a", string="Website van de school")["href"] == "https://example.org/school"
    # Heading order: one h1, interview questions (h3) under their h2.
    levels = [int(h.name[1]) for h in page.select("main h1, main h2, main h3, main h4")]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))


# ---------------------------------------------------------------------------
# Membership: one relation, edited on the profile, shown on both sides


def test_membership_and_project_roles_show_on_both_sides(client, directory, werkingen, home):
    lab = werkingen["laboratorium"]
    project = ProjectPage(
        slug="labo-x", title="Labo X", date=datetime.date(2024, 2, 28), fase=Fase.objects.get(slug="opstartfase")
    )
    lab.add_child(instance=project)
    project.save_revision().publish()
    draft_werking = werkingen["community"]
    draft_werking.unpublish()

    jan = make_profile(
        directory,
        "Jan",
        "Elen",
        role="Voorzitter",
        memberships=[(werkingen["som-raad"], "voorzitter"), (draft_werking, "kerngroep")],
    )
    jan.project_roles = [ProjectRole(project=project, kind=ProjectRole.Kind.CONTACT)]
    jan.save_revision().publish()

    response = client.get("/onderwijsmakers/jan-elen/")
    page = soup(response)
    werking_box = page.find("h2", string="Werkingen").find_parent("section")
    assert [a.get_text(strip=True) for a in werking_box.select("a")] == ["SOM-raad"]  # not the draft one
    assert werking_box.select_one("a")["href"] == "/werking/som-raad/"
    assert "voorzitter" in werking_box.get_text()
    project_box = page.find("h2", string="Projecten").find_parent("section")
    assert project_box.select_one("a")["href"] == "/werking/laboratorium/labo-x/"
    assert "contactpersoon" in project_box.get_text()

    # The other side reads the same rows through the reverse relations.
    som_raad = WerkingPage.objects.get(kind="som-raad")
    assert [(m.profile.title, m.role) for m in som_raad.memberships.all()] == [("Jan Elen", "voorzitter")]
    assert [(r.profile.title, r.get_kind_display()) for r in project.people.all()] == [("Jan Elen", "contactpersoon")]

    # And the card the werking and project pages include shows the role label.
    card = soup_html(
        render_to_string(
            "onderwijsmakers/components/profile_card.html", {"profile": jan, "role": "voorzitter", "heading_level": 3}
        )
    )
    assert card.select_one("h3 a")["href"] == "/onderwijsmakers/jan-elen/"
    assert card.select_one(".tag").get_text(strip=True) == "Voorzitter"
    # The function that says the same as the role is not printed a second time (issue 21).
    assert card.select_one(".card--person__meta") is None
    assert card.get_text(" ", strip=True).count("Voorzitter") == 1


def test_werking_page_shows_the_first_members_and_links_to_all_of_them(client, directory, werkingen):
    from onderwijsmakers.relations import MEMBERS_SHOWN

    raad = werkingen["som-raad"]
    for i in range(MEMBERS_SHOWN + 2):
        make_profile(directory, "Lid", f"Nummer {i:02d}", memberships=[(raad, "lid")])
    make_profile(directory, "Dirk", "Draft", memberships=[(raad, "lid")], publish=False)

    page = soup(client.get("/werking/som-raad/"))
    members = page.find("section", class_="members")
    assert len(members.select(".card-grid > li")) == MEMBERS_SHOWN
    assert "Nummer 00" in members.get_text() and "Nummer 13" not in members.get_text()
    more = members.select_one("a.section__more")
    assert more.get_text(strip=True) == f"Bekijk alle {MEMBERS_SHOWN + 2} onderwijsmakers van SOM-raad"
    assert more["href"] == "/onderwijsmakers/?werking=som-raad"
    # The link leads to exactly those people (the draft one stays hidden there too).
    directory_page = soup(client.get(more["href"]))
    assert len(directory_page.select(".card--person")) == MEMBERS_SHOWN + 2


def test_werking_page_without_more_members_than_shown_has_no_link(client, directory, werkingen):
    make_profile(directory, "Jan", "Elen", memberships=[(werkingen["som-raad"], "voorzitter")])
    members = soup(client.get("/werking/som-raad/")).find("section", class_="members")
    assert "Jan Elen" in members.get_text()
    assert members.select_one("a.section__more") is None


def soup_html(html):
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "lxml")


# ---------------------------------------------------------------------------
# Privacy of contact details

EMAIL = "kobe.vaes@hightechlab.example.be"


def test_contact_details_hidden_without_consent(client, directory):
    make_profile(directory, "Kobe", "Vaes", email=EMAIL, phone="016 12 34 56", show_contact=False)
    response = client.get("/onderwijsmakers/kobe-vaes/")
    html = response.content.decode()
    assert "kobe.vaes" not in html and "seav.ebok" not in html
    assert "016 12 34 56" not in html
    assert soup(response).select_one(".profile-aside") is None  # no empty contact box


def test_email_never_in_plain_html_even_with_consent(client, directory):
    make_profile(directory, "Kobe", "Vaes", email=EMAIL, phone="016 12 34 56", show_contact=True)
    response = client.get("/onderwijsmakers/kobe-vaes/")
    assert EMAIL not in response.content.decode()
    page = soup(response)
    # Everything but the footer, which carries SOM's own public address (site settings) as a link.
    page.select_one("footer.site-footer").decompose()
    html = str(page)
    assert "mailto:" not in html.lower()
    assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.-]+", html), "an e-mail address is readable in the HTML"
    assert "&#64;" not in html and "%40" not in html
    protected = page.select_one("[data-protected-email]")
    assert protected.get_text(strip=True) == "kobe.vaes [at] hightechlab [punt] example [punt] be"
    # The script puts the reversed halves back together.
    assert protected["data-u"][::-1] + "@" + protected["data-d"][::-1] == EMAIL
    assert page.select_one('script[src$="onderwijsmakers.js"]').has_attr("defer")
    assert page.select_one('a[href="tel:016123456"]').get_text(strip=True) == "016 12 34 56"
    # The directory never carries contact details either.
    assert "hightechlab" not in client.get("/onderwijsmakers/").content.decode()


# ---------------------------------------------------------------------------
# The directory


@pytest.fixture
def people(directory, werkingen):
    raad, community = werkingen["som-raad"], werkingen["community"]
    go = Onderwijsnet.objects.get(slug="go")
    vrij = Onderwijsnet.objects.get(slug="vrij-gesubsidieerd")
    make_profile(directory, "Kobe", "Vaes", role="Coördinator High Tech Lab", niveaus=[niveau("secundair-onderwijs")])
    make_profile(
        directory,
        "Aron",
        "De Hondt",
        role="Beleidsadviseur",
        organisation="Dienst onderwijs stad Leuven",
        memberships=[(raad, "lid")],
    )
    make_profile(
        directory,
        "Els",
        "aerts",
        role="Leerkracht",
        net=vrij,
        contact_about="Taalbeleid en meertaligheid",
        niveaus=[niveau("lager-onderwijs"), niveau("kleuteronderwijs")],
        memberships=[(community, "kerngroep")],
    )
    make_profile(
        directory,
        "Georges",
        "Baeten",
        role="Gepensioneerd directeur",
        organisation="GO! CLB Leuven-Tienen-Landen",
        net=go,
        niveaus=[niveau("lager-onderwijs")],
        memberships=[(raad, "lid"), (community, "lid")],
    )
    make_profile(directory, "Zoë", "Zegers", role="Directeur", net=go)
    # Never listed: a draft and a private profile.
    make_profile(directory, "Dirk", "Draft", net=go, niveaus=[niveau("lager-onderwijs")], publish=False)
    private = make_profile(directory, "Pieter", "Privé", net=go, memberships=[(raad, "lid")])
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="geheim")


def card_names(response):
    return texts(response, ".directory__results .card__title")


def option_counts(response, param):
    page = soup(response)
    out = {}
    for box in page.select(f'.filters input[name="{param}"]'):
        label = page.find("label", attrs={"for": box["id"]}).get_text(" ", strip=True)
        out[box["value"]] = int(re.search(r"\((\d+)\)$", label).group(1))
    return out


def test_directory_sorted_by_family_name_case_insensitively(client, people):
    response = client.get("/onderwijsmakers/")
    assert card_names(response) == ["Els aerts", "Georges Baeten", "Aron De Hondt", "Kobe Vaes", "Zoë Zegers"]
    assert texts(response, ".letter-group__letter") == ["A", "B", "D", "V", "Z"]
    assert "Dirk Draft" not in response.content.decode() and "Privé" not in response.content.decode()


@pytest.mark.parametrize(
    "query, expected",
    [
        ("vaes", ["Kobe Vaes"]),  # family name
        ("KOBE", ["Kobe Vaes"]),  # first name, any case
        ("high tech", ["Kobe Vaes"]),  # role, every word must match
        ("stad leuven", ["Aron De Hondt"]),  # organisation
        ("meertaligheid", ["Els aerts"]),  # expertise
        ("directeur", ["Georges Baeten", "Zoë Zegers"]),
        ("niemand", []),
    ],
)
def test_directory_search(client, people, query, expected):
    response = client.get("/onderwijsmakers/", {"q": query})
    assert card_names(response) == expected
    if not expected:
        assert soup(response).select_one(".empty-state")
        assert "Geen onderwijsmakers gevonden" in response.content.decode()


def test_directory_filters_and_counts(client, people):
    response = client.get("/onderwijsmakers/")
    # Counts exclude the draft and the private profile; only values in use are offered.
    assert option_counts(response, "niveau") == {
        "kleuteronderwijs": 1,
        "lager-onderwijs": 2,
        "secundair-onderwijs": 1,
    }
    assert option_counts(response, "net") == {"go": 2, "vrij-gesubsidieerd": 1}
    assert option_counts(response, "werking") == {"som-raad": 2, "community": 2}

    response = client.get("/onderwijsmakers/", {"werking": "som-raad"})
    assert card_names(response) == ["Georges Baeten", "Aron De Hondt"]
    # Counts of other facets follow the active filter; its own facet keeps its options.
    assert option_counts(response, "net") == {"go": 1}
    assert option_counts(response, "werking") == {"som-raad": 2, "community": 2}

    response = client.get("/onderwijsmakers/?niveau=lager-onderwijs&niveau=kleuteronderwijs")
    assert card_names(response) == ["Els aerts", "Georges Baeten"]  # OR within a facet, no duplicates

    response = client.get("/onderwijsmakers/?niveau=lager-onderwijs&net=go&werking=community")
    assert card_names(response) == ["Georges Baeten"]
    chips = texts(response, ".active-filters .chip")
    assert len(chips) == 3 and any("Onderwijsnet: GO!" in chip for chip in chips)


@pytest.mark.parametrize(
    "querystring",
    [
        "niveau=bestaat-niet",
        "net=&net=&werking=som-raad&werking=som-raad",
        "pagina=abc",
        "pagina=99999",
        "pagina=-1",
        "jaar=20x3",
        "q=" + "x" * 10_000,
        "q=%00%00vaes",
        "werking=%00",
        "niveau=" + "&niveau=".join(str(i) for i in range(50)),
    ],
)
def test_directory_bad_input_never_fails(client, people, querystring):
    response = client.get(f"/onderwijsmakers/?{querystring}")
    assert response.status_code == 200
    assert soup(response).h1.get_text(strip=True) == "Onderwijsmakers"


def test_directory_says_what_it_ignored(client, people):
    response = client.get("/onderwijsmakers/?niveau=bestaat-niet&pagina=abc")
    notice = " ".join(texts(response, ".notice"))
    assert "bestaat-niet" in notice and "abc" in notice
    assert len(card_names(response)) == 5
    assert card_names(client.get("/onderwijsmakers/?q=%00vaes")) == ["Kobe Vaes"]


def test_a_to_z_jump_list_and_pagination(client, directory, monkeypatch):
    monkeypatch.setattr(filters, "PER_PAGE", 3)
    for first, family in [("An", "Aerts"), ("Bo", "Bakker"), ("Bert", "Bosmans"), ("Cas", "Claes"), ("Vic", "Vaes")]:
        make_profile(directory, first, family, role="Leerkracht")

    response = client.get("/onderwijsmakers/")
    page = soup(response)
    letters = {el.get_text(strip=True)[-1]: el for el in page.select(".az-nav__letter")}
    assert len(letters) == 26
    # Letters with people link to their section, on the page of the results where it starts.
    assert letters["A"].name == "a" and letters["A"]["href"] == "#letter-a"
    assert letters["B"]["href"] == "#letter-b"
    assert letters["C"]["href"] == "?pagina=2#letter-c"
    assert letters["V"]["href"] == "?pagina=2#letter-v"
    # Letters without anyone are not links.
    assert letters["D"].name == "span" and letters["D"]["aria-disabled"] == "true"
    assert page.select_one("#letter-a") and page.select_one("#letter-b")
    assert card_names(response) == ["An Aerts", "Bo Bakker", "Bert Bosmans"]
    assert page.select_one('.pagination a[rel="next"]')["href"] == "?pagina=2"

    second = client.get("/onderwijsmakers/?pagina=2")
    assert card_names(second) == ["Cas Claes", "Vic Vaes"]
    assert soup(second).select_one("#letter-v")

    # The jump list follows the filters.
    filtered = soup(client.get("/onderwijsmakers/?q=vaes"))
    filtered_letters = {el.get_text(strip=True)[-1]: el for el in filtered.select(".az-nav__letter")}
    assert filtered_letters["V"]["href"] == "#letter-v" and filtered_letters["A"].name == "span"


def test_sort_letter():
    assert sort_letter("Ödemir") == "O"
    assert sort_letter("de Hondt") == "D"
    assert sort_letter("'t Hooft") == "T"
    assert sort_letter("123") == "#"


def test_directory_query_count_does_not_grow_with_profiles(client, directory, werkingen):
    from wagtail.images.tests.utils import get_test_image_file

    def add(count, start):
        for i in range(start, start + count):
            photo = SomImage.objects.create(title=f"Foto {i}", file=get_test_image_file(f"foto{i}.png"))
            make_profile(
                directory,
                f"Persoon{i}",
                f"Familie{i:03d}",
                slug=f"persoon-{i}",
                photo=photo,
                role="Leerkracht",
                organisation="School",
                niveaus=[niveau("lager-onderwijs")],
                memberships=[(werkingen["community"], "lid")],
            )

    def count_queries():
        client.get("/onderwijsmakers/")  # renditions are created on the first view
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/onderwijsmakers/?niveau=lager-onderwijs")
        assert response.status_code == 200
        return len(queries), len(card_names(response)), len(soup(response).select(".card img.avatar"))

    add(5, 0)
    few, shown_few, photos_few = count_queries()
    add(45, 5)
    many, shown_many, photos_many = count_queries()
    assert (shown_few, shown_many) == (5, filters.PER_PAGE)
    assert (photos_few, photos_many) == (5, filters.PER_PAGE)
    assert few == many, f"{few} queries for 5 profiles, {many} for 50"


# ---------------------------------------------------------------------------
# Onderwijsmaker in de kijker

D = datetime.date


@pytest.fixture
def three(directory):
    return [make_profile(directory, first, "Test") for first in ("Anna", "Bert", "Cas")]


def shown(today):
    spotlight = current_spotlight(today)
    return spotlight.profile.first_name if spotlight else None


def test_spotlight_windows(three):
    anna, bert, cas = three
    Spotlight.objects.create(profile=anna, starts_on=D(2025, 1, 1), ends_on=D(2025, 1, 31))
    Spotlight.objects.create(profile=bert, starts_on=D(2025, 1, 10), ends_on=D(2025, 1, 15))
    Spotlight.objects.create(profile=cas, starts_on=D(2025, 3, 1))

    assert shown(D(2024, 12, 31)) is None  # nobody was ever featured before
    assert shown(D(2025, 1, 1)) == "Anna"
    assert shown(D(2025, 1, 10)) == "Bert"  # overlapping: the one that started last
    assert shown(D(2025, 1, 15)) == "Bert"  # the end date is included
    assert shown(D(2025, 1, 16)) == "Anna"
    assert shown(D(2025, 2, 14)) == "Anna"  # nobody today: the most recently featured stays
    assert shown(D(2025, 3, 1)) == "Cas"
    assert shown(D(2030, 1, 1)) == "Cas"  # open-ended


def test_spotlight_never_shows_unpublished_or_private_profiles(three):
    anna, bert, cas = three
    Spotlight.objects.create(profile=anna, starts_on=D(2025, 1, 1))
    Spotlight.objects.create(profile=bert, starts_on=D(2025, 2, 1), ends_on=D(2025, 2, 28))
    Spotlight.objects.create(profile=cas, starts_on=D(2025, 2, 10), ends_on=D(2025, 2, 12))
    cas.unpublish()
    assert shown(D(2025, 2, 11)) == "Bert"
    PageViewRestriction.objects.create(page=bert, restriction_type="password", password="x")
    assert shown(D(2025, 2, 11)) == "Anna"
    anna.unpublish()
    assert shown(D(2025, 2, 11)) is None


def test_home_page_spotlight_follows_today(client, directory, three, monkeypatch):
    from django.utils import timezone

    anna, bert, _ = three
    Spotlight.objects.create(profile=anna, starts_on=D(2025, 1, 1))
    Spotlight.objects.create(profile=bert, starts_on=D(2025, 6, 1), ends_on=D(2025, 6, 30))

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: D(2025, 6, 15))
    page = soup(client.get("/"))
    assert page.select_one(".spotlight__name").get_text(strip=True) == "Bert Test"
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: D(2025, 7, 1))
    page = soup(client.get("/"))
    assert page.select_one(".spotlight__name").get_text(strip=True) == "Anna Test"
    assert page.select_one(".spotlight a.button")["href"] == "/onderwijsmakers/anna-test/"


def test_spotlight_admin_listing(client, django_user_model, three):
    anna, bert, _ = three
    Spotlight.objects.create(profile=anna, starts_on=D(2020, 1, 1))
    Spotlight.objects.create(profile=bert, starts_on=D(2099, 1, 1))
    admin = django_user_model.objects.create_superuser("redacteur", "r@example.org", "x")
    client.force_login(admin)
    response = client.get("/admin/snippets/onderwijsmakers/spotlight/")
    page = soup(response)
    headers = [th.get_text(" ", strip=True) for th in page.select("table thead th")]
    for label in ("Onderwijsmaker", "Vanaf", "Tot en met", "Nu op de startpagina"):
        assert any(label in header for header in headers), headers
    body = page.select_one("table tbody").get_text(" ", strip=True)
    assert "Anna Test" in body and "Bert Test" in body
    assert "Onderwijsmaker in de kijker" in client.get("/admin/").content.decode()


def test_spotlight_end_before_start_is_refused(three):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        Spotlight(profile=three[0], starts_on=D(2025, 2, 1), ends_on=D(2025, 1, 1)).full_clean()


# ---------------------------------------------------------------------------
# Done when (the full demo site)


def test_done_when_on_the_demo_site(client, demo):
    page = soup(client.get("/"))
    spotlight = page.select_one(".spotlight")
    assert spotlight.select_one(".spotlight__name").get_text(strip=True) == "Kobe Vaes"
    assert spotlight.select_one(".spotlight__role").get_text(strip=True) == "Coördinator High Tech Lab"
    links = {a.get_text(" ", strip=True): a["href"] for a in spotlight.select("a")}
    assert links["Lees meer over Kobe Vaes"] == "/onderwijsmakers/kobe-vaes/"
    assert links["Ontdek alle onderwijsmakers"] == "/onderwijsmakers/"

    response = client.get("/onderwijsmakers/?q=vaes")
    assert card_names(response) == ["Kobe Vaes"]

    response = client.get("/onderwijsmakers/?werking=som-raad")
    assert card_names(response) == ["Saskia Dekocker", "Jan Elen"]
    raad = WerkingPage.objects.get(kind="som-raad")
    assert sorted(m.profile.title for m in raad.memberships.all()) == ["Jan Elen", "Saskia Dekocker"]
    assert client.get("/onderwijsmakers/kobe-vaes/").status_code == 200


def test_relation_helpers_for_werking_and_project_pages(directory, werkingen, django_assert_max_num_queries):
    from onderwijsmakers.relations import project_people, werking_members

    raad = werkingen["som-raad"]
    project = ProjectPage(
        slug="labo-y", title="Labo Y", date=datetime.date(2024, 2, 28), fase=Fase.objects.get(slug="opstartfase")
    )
    werkingen["laboratorium"].add_child(instance=project)
    project.save_revision().publish()
    for first, family, role in [("Jan", "Elen", "voorzitter"), ("Saskia", "dekocker", "lid"), ("Dirk", "Draft", "lid")]:
        person = make_profile(directory, first, family, memberships=[(raad, role)], publish=family != "Draft")
        person.project_roles = [
            ProjectRole(project=project, kind=ProjectRole.Kind.CONTACT if first == "Saskia" else ProjectRole.Kind.TEAM)
        ]
        revision = person.save_revision()
        if family != "Draft":
            revision.publish()

    with django_assert_max_num_queries(4):
        members, total = werking_members(raad)
        assert [(m.profile.title, m.role) for m in members] == [("Saskia dekocker", "lid"), ("Jan Elen", "voorzitter")]
        assert total == 2
    assert [(r.profile.title, r.kind) for r in project_people(project)] == [
        ("Saskia dekocker", "contact"),
        ("Jan Elen", "team"),
    ]


def test_profile_page_queries_do_not_grow_with_memberships(client, directory, werkingen):
    lab = werkingen["laboratorium"]
    projects = []
    for i in range(3):
        project = ProjectPage(
            slug=f"labo-{i}",
            title=f"Labo {i}",
            date=datetime.date(2024, 1, 1),
            fase=Fase.objects.get(slug="opstartfase"),
        )
        lab.add_child(instance=project)
        project.save_revision().publish()
        projects.append(project)
    one = make_profile(directory, "Een", "Lid", memberships=[(werkingen["som-raad"], "lid")])
    one.project_roles = [ProjectRole(project=projects[0])]
    one.save_revision().publish()
    many = make_profile(directory, "Veel", "Lid", memberships=[(w, "lid") for w in werkingen.values()])
    many.project_roles = [ProjectRole(project=p) for p in projects]
    many.save_revision().publish()

    def count(url):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        return len(queries), len(soup(response).select(".profile-aside li"))

    few_queries, few_items = count("/onderwijsmakers/een-lid/")
    many_queries, many_items = count("/onderwijsmakers/veel-lid/")
    assert (few_items, many_items) == (2, 6)
    assert few_queries == many_queries
