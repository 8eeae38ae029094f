"""Werkingen and projects: the overview and its filters, werking pages, project pages,
validation of the phase history, and constant query counts."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from som.models import Fase, Onderwijsniveau, Speerpunt
from tests.helpers import soup, texts
from werkingen.models import ProjectPage, ProjectPhase, WerkingPage


def card_titles(response):
    return texts(response, ".card--project .card__title")


def test_done_when(client, demo):
    lab = client.get("/werking/laboratorium/")
    card = next(c for c in soup(lab).select(".card--project") if "Labo onderwijs x cultuur" in c.get_text())
    assert "8 juni 2023" in card.get_text() and "Opstartfase" in card.get_text()
    ontwerp = card_titles(client.get("/werking/", {"fase": "ontwerpfase"}))
    assert "FTI by and& x SOM" in ontwerp and "Labo onderwijs x cultuur" not in ontwerp
    both = card_titles(client.get("/werking/?werking=studio&werking=laboratorium"))
    assert {"FTI by and& x SOM", "Labo onderwijs x cultuur"} <= set(both)


def test_overview_lists_the_five_werkingen_and_all_projects_newest_first(client, demo):
    response = client.get("/werking/")
    assert texts(response, ".werking-tile__title") == ["SOM-plus", "SOM-raad", "Community", "Laboratorium", "Studio"]
    assert card_titles(response) == [
        "Labo zij-instromers – Strijd mee tegen het lerarentekort",
        "FTI by and& x SOM",
        "Labo onderwijs x cultuur",
        "Duurzame onderwijskansen",
        "Hoe ondersteunen we kinderen met een vluchtelingenachtergrond?",
        "Hoe kunnen we zerotolerantie tegen schooluitval waarmaken?",
    ]


def facet(response, param):
    """{label: count} of the options a facet offers."""
    page = soup(response)
    out = {}
    for checkbox in page.select(f'#project-filters input[name="{param}"]'):
        label = page.select_one(f'label[for="{checkbox["id"]}"]')
        out[checkbox["value"]] = int(label.select_one(".count").get_text().strip("()"))
    return out


def test_facets_offer_values_in_use_with_counts_under_the_other_filters(client, demo):
    response = client.get("/werking/")
    assert facet(response, "werking") == {"laboratorium": 4, "studio": 2}  # SOM-raad has no projects
    assert facet(response, "fase") == {"opstartfase": 2, "ontwerpfase": 2, "afgerond": 2}
    assert facet(response, "jaar") == {"2024": 1, "2023": 3, "2021": 1, "2020": 1}
    filtered = client.get("/werking/", {"werking": "studio"})
    # The fase counts follow the werking filter; the werking facet keeps its own counts.
    assert facet(filtered, "fase") == {"ontwerpfase": 2}
    assert facet(filtered, "werking") == {"laboratorium": 4, "studio": 2}


def test_filters_combine(client, demo):
    assert card_titles(client.get("/werking/", {"werking": "laboratorium", "fase": "afgerond", "jaar": "2021"})) == [
        "Hoe ondersteunen we kinderen met een vluchtelingenachtergrond?"
    ]
    assert card_titles(client.get("/werking/", {"speerpunt": "iedereen-aan-boord"})) == [
        "Hoe kunnen we zerotolerantie tegen schooluitval waarmaken?"
    ]
    assert card_titles(client.get("/werking/", {"q": "cultuur"})) == ["Labo onderwijs x cultuur"]
    assert card_titles(client.get("/werking/", {"q": "bruggen onderwijs"})) == ["Labo onderwijs x cultuur"]


def test_niveau_filter_and_several_values(client, demo):
    secundair = Onderwijsniveau.objects.get(slug="secundair-onderwijs")
    lager = Onderwijsniveau.objects.get(slug="lager-onderwijs")
    fti = ProjectPage.objects.get(slug="fti-by-and-x-som")
    fti.niveaus.set([secundair, lager])
    fti.save_revision().publish()
    response = client.get("/werking/?niveau=secundair-onderwijs&niveau=lager-onderwijs")
    assert card_titles(response) == ["FTI by and& x SOM"]  # once, although it matches twice


def test_active_filters_are_removable_chips_and_there_is_a_reset(client, demo):
    page = soup(client.get("/werking/?werking=studio&fase=ontwerpfase"))
    chips = {a.get_text(" ", strip=True): a["href"] for a in page.select(".chip")}
    assert any(label.startswith("Werking: Studio") for label in chips)
    href = next(h for label, h in chips.items() if label.startswith("Werking: Studio"))
    assert "werking=studio" not in href and "fase=ontwerpfase" in href
    assert page.select_one(".link-reset")


@pytest.mark.parametrize(
    "query",
    [
        "pagina=abc",
        "pagina=99999",
        "pagina=-1",
        "jaar=20x3",
        "werking=onbekend",
        "werking=&fase=&speerpunt=",
        "fase=opstartfase&fase=opstartfase",
        "q=" + "x" * 10_000,
        "q=%00%01",
        "niveau=<script>alert(1)</script>",
    ],
)
def test_bad_input_never_breaks_the_overview(client, demo, query):
    response = client.get("/werking/?" + query)
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert soup(response).select_one("#project-filters")


def test_unknown_values_are_reported_and_ignored(client, demo):
    response = client.get("/werking/?jaar=20x3&fase=opstartfase")
    assert "We negeerden “20x3” bij jaar" in " ".join(texts(response, ".notice"))
    assert len(card_titles(response)) == 2


def test_empty_state_says_which_filters_gave_nothing(client, demo):
    response = client.get("/werking/?werking=studio&fase=afgerond")
    state = " ".join(texts(response, ".empty-state"))
    assert "Geen projecten gevonden" in state and "afgerond" in state.lower()


def test_pagination(client, demo):
    lab = WerkingPage.objects.get(kind="laboratorium")
    make_projects(lab, 15)
    first = client.get("/werking/")
    assert len(card_titles(first)) == 12
    second = client.get("/werking/", {"pagina": 2})
    assert len(card_titles(second)) == 9
    assert client.get("/werking/", {"pagina": 99}).status_code == 200
    assert card_titles(client.get("/werking/", {"pagina": 99})) == card_titles(second)


def test_werking_page_offers_the_filters_minus_werking(client, demo):
    response = client.get("/werking/laboratorium/")
    page = soup(response)
    assert not page.select('#project-filters input[name="werking"]')
    assert page.select('#project-filters input[name="fase"]')
    assert card_titles(client.get("/werking/laboratorium/", {"fase": "afgerond"})) == [
        "Hoe ondersteunen we kinderen met een vluchtelingenachtergrond?",
        "Hoe kunnen we zerotolerantie tegen schooluitval waarmaken?",
    ]
    assert page.select_one("h1").get_text() == "Laboratorium"
    assert "innovatieve kern van SOM" in page.select_one(".lead").get_text()


def test_som_raad_lists_its_members(client, demo):
    response = client.get("/werking/som-raad/")
    assert "Leden van de SOM-raad" in texts(response, "h2")
    names = " ".join(texts(response, ".members .card__title"))
    assert "Jan Elen" in names and "Saskia Dekocker" in names


def test_project_page_shows_fase_timeline_werking_and_event(client, demo):
    response = client.get("/werking/laboratorium/labo-zij-instromers/")
    page = soup(response)
    assert page.h1.get_text() == "Labo zij-instromers – Strijd mee tegen het lerarentekort"
    assert [li.get_text(" ", strip=True) for li in page.select(".timeline li")] == [
        "Opstartfase vanaf 28 februari 2024"
    ]
    assert page.select_one(".project__meta a")["href"] == "/werking/laboratorium/"
    assert "Kick-off labo zij-instromers" in " ".join(texts(response, ".event-list .card__title"))


def test_project_page_hides_unpublished_related_content(client, demo):
    from kalender.models import EventPage

    EventPage.objects.get(slug="kick-off-labo-zij-instromers").unpublish()
    response = client.get("/werking/laboratorium/labo-zij-instromers/")
    assert not texts(response, ".event-list .card__title")


def test_unpublished_projects_never_show(client, demo):
    Page.objects.get(slug="fti-by-and-x-som").unpublish()
    for url in ["/werking/", "/werking/studio/", "/"]:
        assert "FTI by and&amp; x SOM" not in client.get(url).content.decode(), url
    assert facet(client.get("/werking/"), "werking")["studio"] == 1


def test_phase_history_sets_the_current_fase_and_refuses_going_back(demo):
    lab = WerkingPage.objects.get(kind="laboratorium")
    start, design, done = (Fase.objects.get(slug=s) for s in ("opstartfase", "ontwerpfase", "afgerond"))
    project = ProjectPage(title="Labo test", slug="labo-test", date=datetime.date(2025, 1, 1), fase=start)
    project.phase_history = [
        ProjectPhase(fase=start, start_date=datetime.date(2025, 1, 1)),
        ProjectPhase(fase=design, start_date=datetime.date(2025, 3, 1)),
    ]
    lab.add_child(instance=project)
    assert ProjectPage.objects.get(slug="labo-test").fase == design

    project.phase_history = [
        ProjectPhase(fase=done, start_date=datetime.date(2025, 1, 1)),
        ProjectPhase(fase=start, start_date=datetime.date(2025, 3, 1)),
    ]
    with pytest.raises(ValidationError, match="kan niet volgen op"):
        project.full_clean()
    project.phase_history = [ProjectPhase(fase=start, start_date=datetime.date(2024, 1, 1))]
    with pytest.raises(ValidationError, match="vóór de startdatum"):
        project.full_clean()


def test_projects_can_only_live_under_a_werking(demo):
    assert ProjectPage.allowed_parent_page_models() == [WerkingPage]


def make_projects(werking, count):
    fase = Fase.objects.first()
    speerpunt = Speerpunt.objects.first()
    niveau = Onderwijsniveau.objects.first()
    for i in range(count):
        project = ProjectPage(
            title=f"Project {werking.kind} {i}",
            slug=f"project-{werking.kind}-{i}",
            date=datetime.date(2022, 1, 1) + datetime.timedelta(days=i),
            fase=fase,
            question="Hoe kunnen we …?",
        )
        werking.add_child(instance=project)
        project.speerpunten.set([speerpunt])
        project.niveaus.set([niveau])
        project.save_revision().publish()


@pytest.mark.parametrize(
    "url", ["/werking/", "/werking/laboratorium/", "/werking/?fase=opstartfase&niveau=kleuteronderwijs", "/"]
)
def test_query_count_does_not_grow_with_the_number_of_projects(client, home, url):
    from som.demo import load_core  # noqa: F401  (home fixture builds the taxonomy)
    from werkingen import demo as werkingen_demo

    werkingen_demo.load(home)
    lab = WerkingPage.objects.get(kind="laboratorium")

    def count():
        client.get(url)  # warm caches (site root, settings)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    make_projects(lab, 5)
    few = count()
    make_projects(WerkingPage.objects.get(kind="studio"), 45)
    assert count() == few


def test_a_werking_page_shows_its_projects_before_the_calls_to_take_part_and_subscribe(client, demo):
    """The projects are what a visitor came for; the werking's form and the subscribe offer close
    the page (som.plugins.CLOSING)."""
    headings = texts(client.get("/werking/laboratorium/"), "h2")
    assert headings.index("Labo's") < headings.index("Doe mee met Laboratorium") < headings.index("Blijf op de hoogte")
