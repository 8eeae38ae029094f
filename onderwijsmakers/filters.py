"""The directory's filters: query string → profiles. The one place where /onderwijsmakers/
filters, searches, sorts and pages, used by the page and its tests.

Parameters: `q` (name, role, organisation, expertise and "waarvoor mag je mij contacteren"),
`niveau`, `net`, `werking`, `expertise` (each a slug, repeatable), `pagina`. Bad input never raises: som.listing collects what it ignored.
"""

from django.db.models import Prefetch
from django.db.models.functions import Lower

from som.listing import Facet, Listing, Option, term_options
from som.models import Onderwijsnet, Onderwijsniveau, SomImage
from som.page_cache import cached
from werkingen.filters import werking_options

from .models import ExpertiseTag, ProfilePage

PER_PAGE = 24
# The avatar component's filter spec ({% image profile.photo fill-240x240 format-webp %}).
AVATAR_SPEC = "fill-240x240|format-webp"
SEARCH_FIELDS = (
    "title",
    "first_name",
    "family_name",
    "role",
    "organisation",
    "organisation_page__title",
    "expertise_names",
    "contact_about",
)
ORDER = (Lower("family_name"), Lower("first_name"), "pk")


def profiles_queryset(directory=None):
    """Live, public profiles with what a card needs (photo and its rendition) in a fixed
    number of queries."""
    queryset = ProfilePage.objects.live().public().defer_streamfields()
    if directory is not None:
        queryset = queryset.descendant_of(directory)
    return queryset.prefetch_related(Prefetch("photo", queryset=SomImage.objects.prefetch_renditions(AVATAR_SPEC)))


def expertise_options():
    """Every expertise tag as a facet option (read once per content change); the listing offers
    only those in use, with counts."""
    tags = cached(
        "expertise-tags",
        lambda: list(ExpertiseTag.objects.order_by(Lower("name"), "pk").values_list("pk", "slug", "name")),
    )
    return [Option(value=pk, slug=slug, label=name) for pk, slug, name in tags]


def directory_listing(params, directory=None, per_page=None):

    facets = [
        Facet("niveau", "Onderwijsniveau", "niveaus", term_options(Onderwijsniveau)),
        Facet("net", "Onderwijsnet", "net", term_options(Onderwijsnet)),
        Facet("werking", "Werking", "memberships__werking", werking_options(lambda w: w.pk)),
        Facet("expertise", "Expertise", "tagged_expertise__tag", expertise_options),
    ]
    return Listing(
        params,
        profiles_queryset(directory),
        facets,
        order_by=ORDER,
        search_fields=SEARCH_FIELDS,
        per_page=per_page or PER_PAGE,
        counts_key=("onderwijsmakers", directory.pk if directory else "alle"),
    )
