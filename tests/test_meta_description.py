"""The meta description: what a search engine shows under the title."""

import pytest

from som.models import StandardPage

pytestmark = pytest.mark.django_db


def test_a_long_intro_is_cut_between_words_within_160_characters():
    intro = "Leuvense onderwijsmakers werken samen aan speerpunten " * 5
    description = StandardPage(title="Over SOM", intro=intro).meta_description
    assert len(description) <= 160
    assert description.endswith("…")
    assert description[:-1] == intro[: len(description) - 1]
    assert intro[len(description) - 1] == " "  # the cut fell on a space: no word was broken


def test_a_short_intro_stays_whole_and_plain():
    page = StandardPage(title="Over SOM", intro="Samen Onderwijs\n  Maken in Leuven.")
    assert page.meta_description == "Samen Onderwijs Maken in Leuven."
    assert StandardPage(title="x", intro="", search_description="Eigen omschrijving").meta_description == (
        "Eigen omschrijving"
    )
