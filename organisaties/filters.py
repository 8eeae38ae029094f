"""The directory's filters: query string → organisations. The one place where /organisaties/
filters, searches, sorts and pages, used by the page, its map and its tests.

Parameters: `q` (name, other names, address, intro), `soort`, `net`, `niveau` (each a slug,
repeatable), `pagina`. Bad input never raises: som.listing collects what it ignored. The A–Z
list jumps to the first organisation under a letter (as in /onderwijsmakers/).
"""

from django.db.models import Prefetch
from django.db.models.functions import Lower

from som.listing import Facet, Listing, term_options
from som.models import Onderwijsnet, Onderwijsniveau, SomImage

from .models import LOGO_SPEC, OrganisatieSoort, OrganisationPage

PER_PAGE = 24
SEARCH_FIELDS = ("title", "other_names", "street_address", "postal_code", "city", "intro")
ORDER = (Lower("title"), "pk")


def organisations_queryset(directory=None):
    """Live, public organisations with what a card needs (soort, net, niveaus, the logo and its
    rendition) in a fixed number of queries."""
    queryset = OrganisationPage.objects.live().public().defer_streamfields()
    if directory is not None:
        queryset = queryset.descendant_of(directory)
    return queryset.select_related("soort", "net").prefetch_related(
        "niveaus", Prefetch("logo", queryset=SomImage.objects.prefetch_renditions(LOGO_SPEC))
    )


def directory_listing(params, directory=None, per_page=None):
    facets = [
        Facet("soort", "Soort", "soort", term_options(OrganisatieSoort)),
        Facet("net", "Onderwijsnet", "net", term_options(Onderwijsnet)),
        Facet("niveau", "Onderwijsniveau", "niveaus", term_options(Onderwijsniveau)),
    ]
    return Listing(
        params,
        organisations_queryset(directory),
        facets,
        order_by=ORDER,
        search_fields=SEARCH_FIELDS,
        per_page=per_page or PER_PAGE,
        counts_key=("organisaties", directory.pk if directory else "alle"),
    )


# What a marker needs (maps.map_points): the name, the place, the address and the page's URL.
MAP_FIELDS = ("id", "title", "latitude", "longitude", "street_address", "postal_code", "city", "url_path", "path")


def located(listing):
    """Every organisation the filters select that has coordinates (all pages, not only this
    one: the map shows them all), with the few columns a marker needs."""
    return (
        listing.results.filter(latitude__isnull=False, longitude__isnull=False)
        .select_related(None)
        .prefetch_related(None)
        .only(*MAP_FIELDS)
    )
