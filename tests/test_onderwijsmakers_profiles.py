"""Profiles people want to read (issue 21): expertise tags and their facet, the organisation
linked to its page, the meta description, schema.org Person JSON-LD, contact details only with
consent, the people of an organisation, the demo profiles and the role printed once on a card."""

import datetime
import html
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from onderwijsmakers.models import ExpertiseTag, OnderwijsmakersIndexPage, ProfilePage, describe
from onderwijsmakers.sections import organisation_section
from organisaties.models import OrganisatiesIndexPage, OrganisationPage
from som.demo import ensure_page
from tests.helpers import sitemap_locations, soup, texts
from tests.test_onderwijsmakers import card_names, make_profile, option_counts
from werkingen.models import WerkingIndexPage, WerkingKind, WerkingPage

EMAIL = "ann.peeters@school.example.be"
PHONE = "016 98 76 54"


@pytest.fixture
def directory(home):
    return ensure_page(home, OnderwijsmakersIndexPage, "onderwijsmakers", title="Onderwijsmakers")


@pytest.fixture
def werkingen(home):
    index = ensure_page(home, WerkingIndexPage, "werking", title="Werking")
    return {
        kind: ensure_page(index, WerkingPage, kind.value, title=kind.label, kind=kind.value)
        for kind in (WerkingKind.SOM_RAAD, WerkingKind.COMMUNITY)
    }


@pytest.fixture
def organisations(home):
    index = ensure_page(home, OrganisatiesIndexPage, "organisaties", title="Organisaties")
    return {
        slug: ensure_page(index, OrganisationPage, slug, title=title, street_address=street, postal_code="3000")
        for slug, title, street in [
            ("ucll", "UCLL", "Hertogstraat 178"),
            ("ku-leuven", "KU Leuven", "Naamsestraat 22"),
        ]
    }


def tagged(profile, *names):
    profile.expertise.set([ExpertiseTag.objects.get_or_create(name=name)[0] for name in names])
    profile.save_revision().publish()
    return ProfilePage.objects.get(pk=profile.pk)


def json_ld(response):
    scripts = soup(response).select('script[type="application/ld+json"]')
    people = [json.loads(script.string) for script in scripts]
    return [data for data in people if data.get("@type") == "Person"]


# ---------------------------------------------------------------------------
# The card: a role printed once (issue 21, Jan Elen's "Voorzitter" on the SOM-raad page)


def test_member_card_prints_a_role_the_function_repeats_once(client, directory, werkingen):
    make_profile(directory, "Jan", "Elen", role="Voorzitter", memberships=[(werkingen["som-raad"], "voorzitter")])
    make_profile(directory, "Saskia", "Dekocker", role="Directeur", memberships=[(werkingen["som-raad"], "lid")])
    members = soup(client.get("/werking/som-raad/")).find("section", class_="members")
    cards = {card.select_one(".card__title").get_text(strip=True): card for card in members.select(".card--person")}
    jan = " ".join(cards["Jan Elen"].get_text(" ").split())
    assert jan.count("Voorzitter") == 1, jan
    # A different function stays next to the role.
    assert texts_of(cards["Saskia Dekocker"]) == ["Saskia Dekocker", "Lid", "Directeur"]


def texts_of(element):
    return [" ".join(p.get_text(" ").split()) for p in element.select(".card__title, .tag, .card--person__meta")]


# ---------------------------------------------------------------------------
# Expertise: tags on the profile, a facet in the directory


def test_expertise_tags_show_on_the_profile_and_filter_the_directory(client, directory, organisations):
    ann = tagged(make_profile(directory, "Ann", "Peeters", role="Leerkracht"), "STEM", "Taalbeleid")
    tagged(make_profile(directory, "Bert", "Bos", role="Directeur"), "STEM")
    make_profile(directory, "Cas", "Claes")
    draft = tagged(make_profile(directory, "Dirk", "Draft"), "Taalbeleid", "Geheime expertise")
    draft.unpublish()

    page = soup(client.get(ann.url))
    links = {a.get_text(" ", strip=True): a["href"] for a in page.select(".profile-facts__expertise a")}
    assert links == {
        "Alle onderwijsmakers met expertise STEM": "/onderwijsmakers/?expertise=stem",
        "Alle onderwijsmakers met expertise Taalbeleid": "/onderwijsmakers/?expertise=taalbeleid",
    }

    response = client.get("/onderwijsmakers/")
    # Only expertise in use by visible profiles, with counts; the draft's own is not offered.
    assert option_counts(response, "expertise") == {"stem": 2, "taalbeleid": 1}
    assert "Geheime expertise" not in response.content.decode()
    response = client.get("/onderwijsmakers/?expertise=stem")
    assert card_names(response) == ["Bert Bos", "Ann Peeters"]
    assert any("Expertise: STEM" in chip for chip in texts(response, ".active-filters .chip"))
    response = client.get("/onderwijsmakers/?expertise=stem&expertise=taalbeleid")
    assert card_names(response) == ["Bert Bos", "Ann Peeters"]  # OR within the facet, no duplicates
    # The text search finds expertise too.
    assert card_names(client.get("/onderwijsmakers/?q=taalbeleid")) == ["Ann Peeters"]
    # An unknown expertise is named as ignored, never an error.
    response = client.get("/onderwijsmakers/?expertise=bestaat-niet")
    assert "bestaat-niet" in " ".join(texts(response, ".notice"))


def test_renamed_or_removed_expertise_is_searched_by_its_new_name(client, directory):
    tagged(make_profile(directory, "Ann", "Peeters"), "Taalbeleid", "STEM")
    tag = ExpertiseTag.objects.get(name="Taalbeleid")
    tag.name = "Meertaligheid"
    tag.save()
    assert card_names(client.get("/onderwijsmakers/?q=meertalig")) == ["Ann Peeters"]
    assert card_names(client.get("/onderwijsmakers/?q=taalbeleid")) == []
    ExpertiseTag.objects.get(name="STEM").delete()
    assert card_names(client.get("/onderwijsmakers/?q=stem")) == []
    assert ProfilePage.objects.get(slug="ann-peeters").expertise_names == "Meertaligheid"


def test_migration_turns_topic_lines_into_tags_and_keeps_the_text():
    import importlib

    migration = importlib.import_module("onderwijsmakers.migrations.0005_expertise_tags")
    assert migration.topics("STEM in de klas\nouderbetrokkenheid\n") == ["STEM in de klas", "Ouderbetrokkenheid"]
    assert migration.topics("- Taalbeleid; STEM; taalbeleid") == ["Taalbeleid", "STEM"]
    # Sentences are not topics: they stay the contact text only.
    assert migration.topics("Je mag me altijd bellen over de werking van ons CLB.") == []
    assert migration.topics("x" * 80) == []


# ---------------------------------------------------------------------------
# The organisation: linked to its page, or free text


def test_organisation_links_to_its_page_or_shows_the_free_text(client, directory, organisations):
    ucll = organisations["ucll"]
    make_profile(directory, "Ann", "Peeters", role="Lerarenopleider", organisation_page=ucll)
    make_profile(directory, "Bert", "Bos", role="Directeur", organisation="Basisschool De Boomgaard")

    page = soup(client.get("/onderwijsmakers/ann-peeters/"))
    link = page.select_one(".profile-header__role a")
    assert (link.get_text(strip=True), link["href"]) == ("UCLL", "/organisaties/ucll/")
    box = page.find("h2", string="Organisatie").find_parent("section")
    assert box.select_one("a")["href"] == "/organisaties/ucll/"
    assert "Hertogstraat 178, 3000 Leuven" in box.get_text(" ", strip=True)

    page = soup(client.get("/onderwijsmakers/bert-bos/"))
    assert page.select_one(".profile-header__role a") is None
    assert page.select_one(".profile-header__organisation").get_text(strip=True) == "Basisschool De Boomgaard"

    # Cards in the directory name the organisation as well, and so do the site's search results.
    response = client.get("/onderwijsmakers/")
    assert texts(response, ".card--person__organisation") == ["Basisschool De Boomgaard", "UCLL"]
    assert texts(client.get("/zoeken/", {"q": "Peeters"}), ".search-result__type") == [
        "Onderwijsmakers Lerarenopleider, UCLL"
    ]

    # A draft organisation is not named anywhere: the free text (if any) takes its place.
    ucll.unpublish()
    page = soup(client.get("/onderwijsmakers/ann-peeters/"))
    assert "UCLL" not in page.select_one("main").get_text()
    assert "UCLL" not in client.get("/onderwijsmakers/").content.decode()
    assert texts(client.get("/zoeken/", {"q": "Peeters"}), ".search-result__type") == [
        "Onderwijsmakers Lerarenopleider"
    ]


# ---------------------------------------------------------------------------
# Meta description and JSON-LD


def test_meta_description_from_the_intro_or_built_from_the_facts(client, directory, werkingen, organisations):
    ann = make_profile(
        directory,
        "Ann",
        "Peeters",
        role="Lerarenopleider",
        organisation_page=organisations["ucll"],
        memberships=[(werkingen["community"], "kerngroep"), (werkingen["som-raad"], "lid")],
    )
    tagged(ann, "Zij-instromers")
    page = soup(client.get(ann.url))
    description = page.select_one('meta[name="description"]')["content"]
    assert description == (
        "Ann Peeters is lerarenopleider bij UCLL. Actief in de werkingen Community en SOM-raad van "
        "Samen Onderwijs Maken. Expertise: zij-instromers."
    )
    assert page.select_one('meta[property="og:description"]')["content"] == description

    make_profile(directory, "Bert", "Bos", intro="Bert leidt een basisschool in Kessel-Lo.")
    page = soup(client.get("/onderwijsmakers/bert-bos/"))
    assert page.select_one('meta[name="description"]')["content"] == "Bert leidt een basisschool in Kessel-Lo."


def test_describe():
    assert describe("Kobe Vaes", "Coördinator High Tech Lab", "High Tech Lab", [], []) == (
        "Kobe Vaes is coördinator High Tech Lab."
    )
    assert describe("Jan Elen", "Voorzitter", "Samen Onderwijs Maken", ["SOM-raad"], []) == (
        "Jan Elen is voorzitter bij Samen Onderwijs Maken. Actief in de werking SOM-raad van Samen Onderwijs Maken."
    )
    assert describe("An", "", "", [], ["STEM", "Taalbeleid"]) == (
        "An is onderwijsmaker in Leuven. Expertise: STEM en taalbeleid."
    )
    assert describe("An", "CLB-medewerker", "", [], []) == "An is CLB-medewerker."


def test_person_json_ld(client, directory, werkingen, organisations):
    from wagtail.images.tests.utils import get_test_image_file

    from som.models import SomImage

    photo = SomImage.objects.create(title="Foto", file=get_test_image_file("ann.png"))
    ann = make_profile(
        directory,
        "Ann",
        "Peeters",
        role="Lerarenopleider",
        photo=photo,
        organisation_page=organisations["ucll"],
        memberships=[(werkingen["community"], "kerngroep")],
        email=EMAIL,
        phone=PHONE,
        show_contact=True,
    )
    tagged(ann, "STEM", "Coaching")
    [person] = json_ld(client.get(ann.url))
    assert person["@context"] == "https://schema.org"
    assert person["name"] == "Ann Peeters"
    assert person["jobTitle"] == "Lerarenopleider"
    assert person["url"] == "http://testserver/onderwijsmakers/ann-peeters/"
    assert person["worksFor"] == {
        "@type": "Organization",
        "name": "UCLL",
        "url": "http://testserver/organisaties/ucll/",
    }
    [werking] = person["memberOf"]
    assert (werking["name"], werking["url"]) == ("Community", "http://testserver/werking/community/")
    assert person["knowsAbout"] == ["Coaching", "STEM"]
    assert re.match(r"http://testserver/.+\.webp$", person["image"])
    assert person["telephone"] == PHONE
    # Never the e-mail address: the page shows it only in pieces scrapers do not recognise.
    assert "email" not in person and EMAIL not in json.dumps(person)

    bert = make_profile(directory, "Bert", "Bos", organisation="Basisschool De Boomgaard")
    [person] = json_ld(client.get(bert.url))
    assert person["worksFor"] == {"@type": "Organization", "name": "Basisschool De Boomgaard"}
    assert not {"jobTitle", "memberOf", "knowsAbout", "image", "telephone", "email"} & set(person)


def test_json_ld_cannot_be_closed_by_content(client, directory):
    make_profile(directory, "Ann", "Peeters", role="</script><script>alert(1)</script>")
    response = client.get("/onderwijsmakers/ann-peeters/")
    assert "</script><script>alert(1)" not in response.content.decode()
    assert json_ld(response)[0]["jobTitle"] == "</script><script>alert(1)</script>"


def test_contact_details_never_appear_without_consent(client, directory, organisations):
    ann = make_profile(
        directory,
        "Ann",
        "Peeters",
        role="Leerkracht",
        organisation_page=organisations["ucll"],
        email=EMAIL,
        phone=PHONE,
        show_contact=False,
        contact_about="Taalbeleid",
    )
    tagged(ann, "Taalbeleid")
    places = [
        ann.url,
        "/onderwijsmakers/",
        "/onderwijsmakers/?q=peeters",
        "/zoeken/?q=peeters",
        "/sitemap.xml",
        "/sitemap-onderwijsmakers.xml",
        "/organisaties/ucll/",
    ]
    for place in places:
        body = html.unescape(client.get(place).content.decode())
        for secret in ("ann.peeters", "sreteep.nna", "school.example", PHONE, PHONE.replace(" ", "")):
            assert secret not in body, (place, secret)
    [person] = json_ld(client.get(ann.url))
    assert "telephone" not in person and "email" not in person
    assert "Contactgegevens" not in [h.get_text(strip=True) for h in soup(client.get(ann.url)).select("main h2")]


# ---------------------------------------------------------------------------
# "Mensen van deze organisatie" on an organisation page


def test_organisation_section_shows_its_visible_people_only(client, rf, directory, organisations):
    ucll = organisations["ucll"]
    make_profile(directory, "Ann", "Peeters", role="Lerarenopleider", organisation_page=ucll)
    make_profile(directory, "Bert", "Bos", role="Docent", organisation_page=ucll)
    make_profile(directory, "Cas", "Claes", organisation_page=organisations["ku-leuven"])
    make_profile(directory, "Dirk", "Draft", organisation_page=ucll, publish=False)
    private = make_profile(directory, "Pieter", "Privé", organisation_page=ucll)
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="geheim")
    expired = make_profile(directory, "Eva", "Verlopen", organisation_page=ucll)
    ProfilePage.objects.filter(pk=expired.pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=1))

    section = organisation_section(ucll, rf.get("/organisaties/ucll/"))
    assert [p.title for p in section["people"]] == ["Bert Bos", "Ann Peeters"]
    assert section["total"] == 2 and section["all_url"] is None

    response = client.get("/organisaties/ucll/")
    people = soup(response).find("h2", string="Mensen van deze organisatie").find_parent("section")
    assert [h.get_text(strip=True) for h in people.select(".card__title")] == ["Bert Bos", "Ann Peeters"]
    body = response.content.decode()
    for hidden in ("Dirk Draft", "Pieter Privé", "Eva Verlopen", "Cas Claes"):
        assert hidden not in body
    # Cards on the organisation's own page do not repeat its name.
    assert people.select(".card--person__organisation") == []

    # An organisation nobody visible works at leaves the section out.
    assert organisation_section(organisations["ku-leuven"], rf.get("/")) is not None
    ProfilePage.objects.get(slug="cas-claes").unpublish()
    assert organisation_section(organisations["ku-leuven"], rf.get("/")) is None
    assert "Mensen van deze organisatie" not in client.get("/organisaties/ku-leuven/").content.decode()


def test_organisation_section_links_to_everyone_when_there_are_many(rf, directory, organisations, monkeypatch):
    from onderwijsmakers import relations

    monkeypatch.setattr(relations.organisation_people, "__defaults__", (2,))
    for first in ("Ann", "Bert", "Cas"):
        make_profile(directory, first, "Leuven", organisation_page=organisations["ku-leuven"])
    section = organisation_section(organisations["ku-leuven"], rf.get("/"))
    assert len(section["people"]) == 2 and section["total"] == 3
    assert section["all_url"] == "/onderwijsmakers/?q=KU+Leuven"


def test_organisation_section_queries_do_not_grow_with_people(client, directory, organisations):
    from wagtail.images.tests.utils import get_test_image_file

    from som.models import SomImage

    def add(start, count):
        for i in range(start, start + count):
            photo = SomImage.objects.create(title=f"Foto {i}", file=get_test_image_file(f"p{i}.png"))
            make_profile(directory, "Persoon", f"Nummer {i:03d}", photo=photo, organisation_page=organisations["ucll"])

    def count():
        client.get("/organisaties/ucll/")  # renditions are made on the first view
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/organisaties/ucll/")
        people = soup(response).find("h2", string="Mensen van deze organisatie").find_parent("section")
        return len(queries), len(people.select(".card--person")), len(people.select("img.avatar"))

    add(0, 5)
    few = count()
    add(5, 45)
    many = count()
    assert few[1:] == (5, 5) and many[1:] == (24, 24)
    assert few[0] == many[0], (few, many)
    assert many[0] <= 25


def test_directory_queries_do_not_grow_with_profiles_tags_and_organisations(client, directory, organisations):
    from onderwijsmakers import filters

    def add(start, count):
        for i in range(start, start + count):
            person = make_profile(
                directory,
                "Persoon",
                f"Nummer {i:03d}",
                organisation_page=organisations["ucll" if i % 2 else "ku-leuven"],
                organisation="" if i % 3 else "Vrije tekst",
            )
            tagged(person, "STEM", f"Expertise {i}")

    def count(url):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        return len(queries), len(card_names(response)), len(texts(response, ".card--person__organisation"))

    urls = ["/onderwijsmakers/", "/onderwijsmakers/?expertise=stem", "/onderwijsmakers/?q=ucll"]
    add(0, 5)
    few = [count(url) for url in urls]
    add(5, 45)
    many = [count(url) for url in urls]
    assert [n for n, *_ in few] == [n for n, *_ in many], (few, many)
    assert many[0][1:] == (filters.PER_PAGE, filters.PER_PAGE) and few[0][1:] == (5, 5)
    assert many[2][1] == filters.PER_PAGE  # UCLL's people, found by the organisation's name
    assert max(n for n, *_ in many) <= 25


def test_profile_queries_do_not_grow_with_expertise_and_colleagues(client, directory, werkingen, organisations):
    def count(url):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    few = make_profile(
        directory,
        "Een",
        "Persoon",
        organisation_page=organisations["ucll"],
        memberships=[(werkingen["community"], "lid")],
    )
    tagged(few, "STEM")
    make_profile(directory, "Collega", "Eerste", organisation_page=organisations["ucll"])
    few_queries = count(few.url)
    for i in range(50):
        make_profile(
            directory,
            "Collega",
            f"Nummer {i:02d}",
            organisation_page=organisations["ucll" if i % 2 else "ku-leuven"],
            memberships=[(werkingen["community"], "lid")],
        )
    many = make_profile(
        directory,
        "Veel",
        "Persoon",
        organisation_page=organisations["ucll"],
        memberships=[(werkingen["community"], "lid"), (werkingen["som-raad"], "lid")],
    )
    tagged(many, *[f"Expertise {i}" for i in range(12)])
    # Never more (fewer when the colleagues all come from the same werking: no second look).
    assert count(many.url) <= few_queries
    assert count(few.url) <= few_queries


# ---------------------------------------------------------------------------
# The demo profiles


@pytest.mark.django_db
def test_demo_profiles(client, demo):
    # Jan Elen's card on the SOM-raad page: "Voorzitter" once (issue 21).
    members = soup(client.get("/werking/som-raad/")).find("section", class_="members")
    jan_card = next(c for c in members.select(".card--person") if "Jan Elen" in c.get_text())
    assert " ".join(jan_card.get_text(" ").split()).count("Voorzitter") == 1

    # His quote is his own words from the charter news; the interview says it holds examples.
    page = soup(client.get("/onderwijsmakers/jan-elen/"))
    assert page.select_one(".profile-quote blockquote").get_text(strip=True).startswith("Door samen te experimenteren")
    assert texts_list(page, ".interview-answer .example-label") == ["Voorbeeldantwoord"] * 2
    assert "geen woorden van Jan" in page.select_one(".notice--example").get_text(" ", strip=True)
    assert set(texts_list(page, ".profile-facts__expertise a")) >= {
        "Alle onderwijsmakers met expertise Iedereen aan boord"
    }

    # Kobe Vaes works at High Tech Lab's page; his description is built from the facts.
    response = client.get("/onderwijsmakers/kobe-vaes/")
    page = soup(response)
    assert page.select_one(".profile-header__role a")["href"] == "/organisaties/high-tech-lab/"
    assert page.select_one('meta[name="description"]')["content"].startswith("Kobe Vaes is coördinator High Tech Lab.")
    [person] = json_ld(response)
    assert person["worksFor"]["url"].endswith("/organisaties/high-tech-lab/")
    assert "STEM" in person["knowsAbout"]

    # The example with consent shows her contact details; the one without never does.
    page = soup(client.get("/onderwijsmakers/lotte-janssens-voorbeeld/"))
    assert page.h1.get_text(strip=True) == "Lotte Janssens (voorbeeld)"
    assert page.select_one("[data-protected-email]")
    sofie = client.get("/onderwijsmakers/sofie-wouters-voorbeeld/").content.decode()
    assert "sofie.wouters" not in sofie and "srettuow.eifos" not in sofie

    # Shared expertise makes the facet useful; the directory offers it with counts.
    counts = option_counts(client.get("/onderwijsmakers/"), "expertise")
    assert counts["schoolleiding"] >= 3 and counts["stem"] == 2

    # Every real person's organisation: linked where the organisation has a page.
    assert ProfilePage.objects.get(slug="georges-baeten").organisation_page.slug == "go-clb-leuven"
    assert ProfilePage.objects.get(slug="aron-de-hondt").organisation_page.slug == "stad-leuven"
    assert ProfilePage.objects.get(slug="filip-eelen").organisation == "VCLB Leuven"

    # Loading again changes nothing, and keeps what an editor changed.
    kobe = ProfilePage.objects.get(slug="kobe-vaes")
    kobe.contact_about = "Door een redacteur geschreven."
    kobe.save_revision().publish()
    from django.core.management import call_command

    revisions = {p.pk: p.latest_revision_id for p in ProfilePage.objects.all()}
    call_command("load_demo_content", verbosity=0)
    assert {p.pk: p.latest_revision_id for p in ProfilePage.objects.all()} == revisions
    assert ProfilePage.objects.get(slug="kobe-vaes").contact_about == "Door een redacteur geschreven."


def test_demo_fills_profiles_of_an_earlier_demo(client, demo):
    """An install with the earlier demo's bare profiles gets the new content on the next load."""
    from django.core.management import call_command

    aron = ProfilePage.objects.get(slug="aron-de-hondt")
    aron.interview = []
    aron.contact_about = ""
    aron.role = "Beleidsadviseur"
    aron.organisation = "Dienst onderwijs stad Leuven"
    aron.organisation_page = None
    aron.expertise.set([])
    aron.save_revision().publish()
    call_command("load_demo_content", verbosity=0)
    aron = ProfilePage.objects.get(slug="aron-de-hondt")
    assert aron.role == "Beleidsadviseur dienst onderwijs"
    assert (aron.organisation, aron.organisation_page.slug) == ("", "stad-leuven")
    assert aron.interview and aron.example_texts and aron.contact_about
    assert [t.name for t in aron.expertise.all()] == ["Lokaal onderwijsbeleid"]
    assert aron.full_url in sitemap_locations(client)


def texts_list(page, selector):
    return [" ".join(el.get_text(" ").split()) for el in page.select(selector)]
