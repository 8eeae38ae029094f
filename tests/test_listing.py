"""The listing engine (som/listing.py) on its own: what the code that builds a listing gets back
for a query string, good or bad, without rendering a page."""

import dataclasses
import datetime
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.db.models.functions import ExtractYear
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kalender.filters import calendar_listing
from som.listing import (
    MAX_IGNORED_LENGTH,
    MAX_VALUES_PER_PARAM,
    Facet,
    Ignored,
    Listing,
    Parameter,
    parse_year,
    term_options,
    year_facet,
)
from som.models import Fase, Onderwijsniveau, Speerpunt
from werkingen.models import ProjectPage, WerkingIndexPage, WerkingPage

# Shared between every listing below, as an app's filters.py shares them between requests.
FACETS = (
    Facet("fase", "Fase", "fase_id", term_options(Fase)),
    Facet("speerpunt", "Speerpunt", "speerpunten", term_options(Speerpunt)),
    Facet("niveau", "Onderwijsniveau", "niveaus", term_options(Onderwijsniveau)),
    year_facet(),
)
START, DESIGN = "opstartfase", "ontwerpfase"
ALL_ON_BOARD, DIVERSITY = "iedereen-aan-boord", "diversiteit-als-kracht"
NURSERY, PRIMARY = "kleuteronderwijs", "lager-onderwijs"


def query(*pairs):
    return QueryDict(urlencode(pairs))


def listing(*pairs, **options):
    options = {"order_by": ("title",), "search_fields": ("title", "question"), **options}
    return Listing(query(*pairs), ProjectPage.objects.annotate(year=ExtractYear("date")), FACETS, **options)


def titles(items):
    return [item.title for item in items]


def counts(a_listing, param):
    """{slug: count} of what the filter form offers for `param`, and the slugs it shows ticked."""
    for facet, options in a_listing.facet_options:
        if facet.param == param:
            return {o.slug: o.count for o in options}, {o.slug for o in options if o.selected}
    raise AssertionError(param)


@pytest.fixture
def projects(home):
    """Four projects:          fase         speerpunten                niveaus
    A 2022                     opstartfase  iedereen-aan-boord, divers  kleuter, lager
    B 2022                     ontwerpfase  iedereen-aan-boord          kleuter
    C 2023 (asks about taal)   opstartfase  diversiteit-als-kracht      lager
    D 2024                     ontwerpfase  –                           kleuter, lager"""
    index = WerkingIndexPage(title="Werking", slug="werking")
    home.add_child(instance=index)
    lab = WerkingPage(title="Laboratorium", slug="laboratorium", kind="laboratorium")
    index.add_child(instance=lab)
    rows = [
        ("A", 2022, START, [ALL_ON_BOARD, DIVERSITY], [NURSERY, PRIMARY], "Hoe leren kleuters samen?"),
        ("B", 2022, DESIGN, [ALL_ON_BOARD], [NURSERY], "Hoe ontwerpen we een speelplaats?"),
        ("C", 2023, START, [DIVERSITY], [PRIMARY], "Hoe versterken we taal thuis en op school?"),
        ("D", 2024, DESIGN, [], [NURSERY, PRIMARY], "Hoe gaan we om met Taal en spel?"),
    ]
    for title, year, fase, speerpunten, niveaus, question in rows:
        project = ProjectPage(
            title=title,
            slug=title.lower(),
            date=datetime.date(year, 3, 1),
            fase=Fase.objects.get(slug=fase),
            question=question,
        )
        lab.add_child(instance=project)
        project.speerpunten.set(Speerpunt.objects.filter(slug__in=speerpunten))
        project.niveaus.set(Onderwijsniveau.objects.filter(slug__in=niveaus))
        project.save()


# -- selecting ------------------------------------------------------------------------------


def test_without_parameters_everything_is_shown_and_nothing_ignored(projects):
    everything = listing()
    assert titles(everything.results) == ["A", "B", "C", "D"]
    assert everything.active == [] and not everything.is_filtered
    assert everything.ignored == ()


def test_known_values_select_and_filter(projects):
    started = listing(("fase", START))
    assert titles(started.results) == ["A", "C"]
    assert [(facet.param, option.slug, option.label) for facet, option in started.active] == [
        ("fase", START, "Opstartfase")
    ]
    assert started.is_filtered and started.ignored == ()
    # Several values of one facet: any of them; several facets: all of them.
    assert titles(listing(("fase", START), ("fase", DESIGN)).results) == ["A", "B", "C", "D"]
    assert titles(listing(("fase", DESIGN), ("niveau", PRIMARY)).results) == ["D"]


def test_slugs_are_read_without_case_and_surrounding_spaces(projects):
    shouted = listing(("fase", f"  {START.upper()} "))
    assert [option.slug for _facet, option in shouted.active] == [START]
    assert shouted.ignored == ()


def test_unknown_malformed_duplicate_and_empty_values(projects):
    result = listing(
        ("fase", "bestaat-niet"),
        ("fase", "Bestaat-niet "),  # the same unknown value: reported once
        ("fase", ""),
        ("fase", START),
        ("fase", START.upper()),  # the same value again
        ("speerpunt", "<b>x\x00y</b>"),
        ("niveau", "z" * 500),
    )
    assert [option.slug for _facet, option in result.active] == [START]  # once
    assert result.ignored == (
        Ignored("fase", "bestaat-niet"),
        Ignored("speerpunt", "<b>x y</b>"),  # control characters gone; escaping is the template's job
        Ignored("niveau", "z" * MAX_IGNORED_LENGTH),
    )
    assert titles(result.results) == ["A", "C"]


def test_only_the_first_values_of_a_parameter_are_read(projects):
    too_many = listing(*[("speerpunt", f"onbekend-{i}") for i in range(MAX_VALUES_PER_PARAM)], ("speerpunt", DIVERSITY))
    assert len(too_many.ignored) == MAX_VALUES_PER_PARAM
    assert too_many.active == []  # the known value came too late
    assert titles(too_many.results) == ["A", "B", "C", "D"]
    within = listing(
        *[("speerpunt", f"onbekend-{i}") for i in range(MAX_VALUES_PER_PARAM - 1)], ("speerpunt", DIVERSITY)
    )
    assert [option.slug for _facet, option in within.active] == [DIVERSITY]


# -- counting -------------------------------------------------------------------------------


def test_counts_of_each_facet_under_the_other_filters(projects):
    unfiltered = listing()
    assert counts(unfiltered, "fase") == ({START: 2, DESIGN: 2}, set())
    assert counts(unfiltered, "speerpunt") == ({ALL_ON_BOARD: 2, DIVERSITY: 2}, set())
    assert counts(unfiltered, "niveau") == ({NURSERY: 3, PRIMARY: 3}, set())
    assert counts(unfiltered, "jaar") == ({"2024": 1, "2023": 1, "2022": 2}, set())

    started = listing(("fase", START))
    # A facet's own selection does not narrow its counts: the other fase stays on offer.
    assert counts(started, "fase") == ({START: 2, DESIGN: 2}, {START})
    # The other facets count only what the selection leaves.
    assert counts(started, "speerpunt") == ({ALL_ON_BOARD: 1, DIVERSITY: 2}, set())
    assert counts(started, "niveau") == ({NURSERY: 1, PRIMARY: 2}, set())
    # Values nobody uses under the other filters are not offered.
    assert counts(started, "jaar") == ({"2023": 1, "2022": 1}, set())


def test_two_many_valued_facets_count_each_item_once(projects):
    """Filtering on niveau (many per project) repeats A and D once per niveau; a second
    many-valued filter repeats them again. Counts and results still name each project once."""
    both = listing(("niveau", NURSERY), ("niveau", PRIMARY), ("speerpunt", ALL_ON_BOARD), ("speerpunt", DIVERSITY))
    assert titles(both.results) == ["A", "B", "C"]  # D has no speerpunt; A not four times
    assert counts(both, "speerpunt") == ({ALL_ON_BOARD: 2, DIVERSITY: 2}, {ALL_ON_BOARD, DIVERSITY})
    assert counts(both, "niveau") == ({NURSERY: 2, PRIMARY: 2}, {NURSERY, PRIMARY})
    assert counts(both, "fase") == ({START: 2, DESIGN: 1}, set())
    assert counts(both, "jaar") == ({"2023": 1, "2022": 2}, set())


def counting_queries(make):
    """The queries a new listing runs to offer its filters and number its pages."""
    with CaptureQueriesContext(connection) as queries:
        made = make()
        made.facet_options, made.page  # noqa: B018 (read for their queries)
    return [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]


def test_counts_are_kept_per_content_version_and_shared_by_every_page(projects):
    kept = {"counts_key": ("projecten", "test"), "per_page": 1}
    first = counting_queries(lambda: listing(**kept))
    assert len(first) == 5  # four facets and the number of results
    # Another page, or the same filters again: nothing counted again.
    assert counting_queries(lambda: listing(("pagina", "2"), **kept)) == []
    # A facet's counts leave its own selection out, so choosing a fase counts only the others.
    assert len(counting_queries(lambda: listing(("fase", START), **kept))) == 4

    # A change to the content counts again, and shows.
    lab = WerkingPage.objects.get()
    lab.add_child(
        instance=ProjectPage(title="E", slug="e", date=datetime.date(2025, 1, 1), fase=Fase.objects.get(slug=START))
    )
    after = listing(**kept)
    assert counts(after, "fase") == ({START: 3, DESIGN: 2}, set())
    assert counts(after, "jaar")[0]["2025"] == 1
    assert after.page.paginator.count == 5


def test_a_text_search_is_counted_on_every_request(projects):
    kept = {"counts_key": ("projecten", "test")}
    searched = listing(("q", "taal"), **kept)
    assert counts(searched, "fase") == ({START: 1, DESIGN: 1}, set())
    assert len(counting_queries(lambda: listing(("q", "taal"), **kept))) == 5


# -- the year -------------------------------------------------------------------------------


def test_parse_year_takes_four_ascii_digits_within_reason():
    assert parse_year("2024") == 2024
    assert (parse_year("1900"), parse_year("2200")) == (1900, 2200)
    for odd in ["1899", "2201", "02024", "924", "20x3", "٢٠٢٤", "２０２４", "²⁰²⁴", "+202", " 2024", "2_024"]:
        assert parse_year(odd) is None, odd


def test_year_facet(projects):
    in_2023 = listing(("jaar", "2023"))
    assert titles(in_2023.results) == ["C"]
    assert counts(in_2023, "jaar") == ({"2024": 1, "2023": 1, "2022": 2}, {"2023"})
    # A valid year without projects stays selected and on offer (count 0): the way back.
    empty_year = listing(("jaar", "2030"))
    assert titles(empty_year.results) == []
    assert counts(empty_year, "jaar") == ({"2030": 0, "2024": 1, "2023": 1, "2022": 2}, {"2030"})
    assert [str(option.label) for _facet, option in empty_year.active] == ["2030"]
    odd = listing(("jaar", "1899"), ("jaar", "٢٠٢٣"), ("jaar", "20x3"), ("jaar", "2022"))
    assert [item.value for item in odd.ignored] == ["1899", "٢٠٢٣", "20x3"]
    assert titles(odd.results) == ["A", "B"]


# -- text search ----------------------------------------------------------------------------


def test_text_search_needs_every_word_in_some_field(projects):
    assert titles(listing(("q", "taal")).results) == ["C", "D"]  # in the question, any case
    assert titles(listing(("q", "TAAL school")).results) == ["C"]
    assert titles(listing(("q", "d")).results) == ["D"]  # "D" is a title; no question has a d
    combined = listing(("q", "taal"), ("fase", START))
    assert titles(combined.results) == ["C"]
    assert counts(combined, "fase") == ({START: 1, DESIGN: 1}, {START})


def test_search_text_is_cleaned_and_only_read_where_there_is_search(projects):
    cleaned = listing(("q", "  taal\x00\n  thuis "))
    assert cleaned.query == "taal thuis" and cleaned.is_filtered
    assert titles(cleaned.results) == ["C"]
    assert len(listing(("q", "x" * 5000)).query) == 200
    no_search = listing(("q", "taal"), search_fields=())
    assert no_search.query == "" and titles(no_search.results) == ["A", "B", "C", "D"]


# -- pages ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "number", "ignored"),
    [
        (None, 1, ()),
        ("", 1, ()),
        ("2", 2, ()),
        ("0", 1, ()),
        ("99", 2, ()),  # past the last page: the last page
        ("abc", 1, (Ignored("pagina", "abc"),)),
        ("-1", 1, (Ignored("pagina", "-1"),)),
        ("٢", 1, (Ignored("pagina", "٢"),)),
        ("２", 1, (Ignored("pagina", "２"),)),
        ("1_0", 1, (Ignored("pagina", "1_0"),)),
        ("9" * 12, 1, (Ignored("pagina", "9" * 12),)),
    ],
)
def test_page_numbers(projects, raw, number, ignored):
    pairs = [] if raw is None else [("pagina", raw)]
    paged = listing(*pairs, per_page=2)
    before = paged.ignored
    assert before == ignored  # complete before the page is read
    assert paged.page.number == number
    assert titles(paged.page.object_list) == [["A", "B"], ["C", "D"]][number - 1]
    assert paged.ignored == before  # reading the page adds nothing


def test_ignored_does_not_depend_on_reading_the_page(projects):
    pairs = [("fase", "onbekend"), ("pagina", "abc"), ("jaar", "20x3")]
    read_first = listing(*pairs, per_page=2)
    assert read_first.page.number == 1
    not_read = listing(*pairs, per_page=2)
    assert (
        read_first.ignored
        == not_read.ignored
        == (
            Ignored("fase", "onbekend"),
            Ignored("jaar", "20x3"),
            Ignored("pagina", "abc"),
        )
    )


def test_a_listing_that_is_not_paged_does_not_read_the_page_number(projects):
    whole = listing(("pagina", "abc"), per_page=None)
    assert whole.ignored == ()
    assert titles(whole.results) == ["A", "B", "C", "D"]
    with pytest.raises(TypeError):
        _ = whole.page


# -- extra parameters -----------------------------------------------------------------------

VIEW = Parameter("weergave", lambda raw: raw if raw in ("lijst", "maand") else None, default="lijst")
SIZE = Parameter("grootte", lambda raw: {"klein": 1, "groot": 2}.get(raw), default=1)


def test_extra_parameters_are_read_and_reported(projects):
    understood = listing(("weergave", "maand"), ("grootte", "groot"), extra=(VIEW, SIZE))
    assert understood.extra == {"weergave": "maand", "grootte": 2} and understood.ignored == ()
    absent = listing(("weergave", ""), extra=(VIEW, SIZE))
    assert absent.extra == {"weergave": "lijst", "grootte": 1} and absent.ignored == ()
    # Reported in order: the facets, the extra parameters as given, then the page number.
    odd = listing(("pagina", "x"), ("grootte", "reus"), ("weergave", "jaar"), ("fase", "?"), extra=(VIEW, SIZE))
    assert odd.extra == {"weergave": "lijst", "grootte": 1}
    assert odd.ignored == (
        Ignored("fase", "?"),
        Ignored("weergave", "jaar"),
        Ignored("grootte", "reus"),
        Ignored("pagina", "x"),
    )
    # A parameter the listing was not given is none of its business.
    assert listing(("weergave", "jaar")).ignored == ()


def test_the_calendar_reads_its_view_period_and_month(home):
    now, today = timezone.now(), datetime.date(2024, 3, 15)

    def read(*pairs):
        calendar = calendar_listing(query(*pairs), now, today)
        return calendar.extra, [(item.param, item.value) for item in calendar.ignored]

    assert read() == ({"periode": "komend", "weergave": "lijst"}, [])
    assert read(("periode", "voorbij")) == ({"periode": "voorbij", "weergave": "lijst"}, [])
    assert read(("periode", "morgen"), ("weergave", "jaar"), ("pagina", "abc"), ("soort", "x")) == (
        {"periode": "komend", "weergave": "lijst"},
        [("soort", "x"), ("periode", "morgen"), ("weergave", "jaar"), ("pagina", "abc")],
    )
    # The month view shows every period and is not paged: those parameters are not its concern.
    assert read(("weergave", "maand"), ("maand", "2023-11"), ("periode", "morgen"), ("pagina", "abc")) == (
        {"weergave": "maand", "maand": datetime.date(2023, 11, 1)},
        [],
    )
    for odd in ["2024-13", "٢٠٢٤-03", "1899-01", "maart"]:
        assert read(("weergave", "maand"), ("maand", odd)) == (
            {"weergave": "maand", "maand": datetime.date(2024, 3, 1)},
            [("maand", odd)],
        )


# -- shared descriptions, separate requests ---------------------------------------------------


def test_a_listing_leaves_its_selection_out_of_the_next_one(projects):
    first = listing(("fase", START), ("jaar", "2023"))
    second = listing()
    # Read the first one after the second was made: each keeps its own selection.
    assert titles(first.results) == ["C"]
    assert counts(first, "fase")[1] == {START}
    assert titles(second.results) == ["A", "B", "C", "D"]
    assert second.active == [] and all(not counts(second, f.param)[1] for f in FACETS)
    assert [option.slug for _facet, option in listing(("fase", DESIGN)).active] == [DESIGN]


def test_facet_descriptions_cannot_be_changed_per_request():
    with pytest.raises(dataclasses.FrozenInstanceError):
        FACETS[0].selected = []
