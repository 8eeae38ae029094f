"""Query string → projects: the one place where the project overviews are filtered.

Used by /werking/ (all projects), each werking page (its own projects, without the `werking`
filter) and the tests. Filters: `werking` (a werking's slug), `fase`, `speerpunt`, `niveau`
(slugs of the taxonomy terms), `jaar` (year of the project's date) and a text query `q`;
`pagina` pages through the results. Unknown values are ignored by som.listing.
"""

from django.db.models.functions import ExtractYear, Substr
from wagtail.models import Page

from som.listing import Facet, Listing, Option, term_options, year_facet
from som.models import Fase, Onderwijsniveau, Speerpunt
from som.page_cache import cached

from .models import ProjectPage, WerkingPage, attach_werkingen

PER_PAGE = 12
ORDER = ("-date", "-pk")  # newest first
SEARCH_FIELDS = ("title", "question", "intro")


def live_projects(parent=None):
    """Published, public projects in their lightest form for cards."""
    queryset = ProjectPage.objects.live().public()
    if parent is not None:
        queryset = queryset.child_of(parent)
    return queryset.defer_streamfields().select_related("fase")


def live_werkingen():
    """The live, public werkingen in tree order; read once per content change (every overview
    and its filters need them)."""
    return cached(
        "live-werkingen",
        lambda: list(
            WerkingPage.objects.live()
            .public()
            .defer_streamfields()
            .only("id", "title", "path", "url_path", "depth", "kind", "intro")
            .order_by("path")
        ),
    )


def werking_options(value):
    """The werking facet's options; `value(werking)` is what the database compares."""
    return lambda: [Option(value=value(w), slug=w.kind, label=w.title) for w in live_werkingen()]


class ProjectListing(Listing):
    """A project listing that knows the werkingen its cards belong to (see `cards`)."""

    def __init__(self, params, base, facets, *, werkingen, **options):
        self.werkingen = werkingen
        super().__init__(params, base, facets, **options)


def project_listing(params, werking=None, werkingen=None, per_page=PER_PAGE):
    """The project listing for a query string. With `werking`, only that werking's projects
    and no werking facet."""
    werkingen = live_werkingen() if werkingen is None else werkingen
    base = live_projects(werking).annotate(year=ExtractYear("date"))
    facets = []
    if werking is None and werkingen:
        # A project's werking is its parent page: the first characters of its tree path.
        prefix_length = werkingen[0].depth * Page.steplen
        base = base.annotate(werking_path=Substr("path", 1, prefix_length))
        facets.append(Facet("werking", "Werking", "werking_path", werking_options(lambda w: w.path)))
    facets += [
        Facet("fase", "Fase", "fase_id", term_options(Fase)),
        Facet("speerpunt", "Speerpunt", "speerpunten", term_options(Speerpunt)),
        Facet("niveau", "Onderwijsniveau", "niveaus", term_options(Onderwijsniveau)),
        year_facet(),
    ]
    return ProjectListing(
        params,
        base,
        facets,
        werkingen=werkingen,
        order_by=ORDER,
        search_fields=SEARCH_FIELDS,
        per_page=per_page,
        counts_key=("projecten", werking.pk if werking else "alle"),
    )


def cards(listing):
    """The projects on the current page, each with its werking attached (no query per card)."""
    return attach_werkingen(listing.page.object_list, listing.werkingen)
