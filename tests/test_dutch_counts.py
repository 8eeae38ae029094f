"""Dutch that agrees in number (issue 21): "1 resultaat", "2 resultaten", "die waarde" for one
ignored value and "die waarden" for several, and links that read naturally for every werking."""

import pytest

from werkingen.models import WerkingPage

from .helpers import soup, texts


def count_labels(response):
    """{option label: the count's spoken label} of a filter form."""
    html = soup(response)
    return {
        " ".join(label.contents[0].split()): label.select_one(".count")["aria-label"]
        for label in html.select(".filters label")
        if label.select_one(".count")
    }


@pytest.mark.django_db
def test_a_filter_count_says_resultaat_for_one_and_resultaten_for_more(client, demo):
    labels = count_labels(client.get("/werking/"))
    visible = {label: int(spoken.split()[0]) for label, spoken in labels.items()}
    assert 1 in visible.values() and any(n > 1 for n in visible.values()), visible
    for label, spoken in labels.items():
        n = visible[label]
        assert spoken == (f"{n} resultaat" if n == 1 else f"{n} resultaten"), (label, spoken)


@pytest.mark.django_db
def test_the_results_sentence_agrees_with_its_count(client, demo):
    one = texts(client.get("/nieuws/?trefwoord=som-charter"), ".results-summary")
    assert one == ["1 bericht"]
    several = texts(client.get("/nieuws/?werking=laboratorium"), ".results-summary")
    assert several == ["2 berichten"]
    assert texts(client.get("/werking/laboratorium/?fase=afgerond"), ".results-summary")[0].endswith(" labo's")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query, sentence",
    [
        ("jaar=20x3", "We negeerden “20x3” bij jaar: die waarde kennen we niet."),
        (
            "jaar=20x3&werking=onbekend",
            "We negeerden “onbekend” bij werking, “20x3” bij jaar: die waarden kennen we niet.",
        ),
    ],
)
def test_the_ignored_values_message_agrees_with_how_many(client, demo, query, sentence):
    assert texts(client.get(f"/nieuws/?{query}"), ".active-filters .notice") == [sentence]


@pytest.mark.django_db
def test_a_project_links_to_all_projects_of_its_werking_in_plain_dutch(client, demo):
    html = soup(client.get("/werking/laboratorium/labo-zij-instromers/"))
    lab = WerkingPage.objects.get(kind="laboratorium")
    (link,) = [a for a in html.select("aside a") if a["href"] == lab.url and a.get_text().startswith("Alle")]
    assert link.get_text(strip=True) == "Alle labo's van de werking Laboratorium"
