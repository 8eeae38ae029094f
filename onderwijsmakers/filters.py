"""The directory's filters: query string → profiles. The one place where /onderwijsmakers/
filters, searches, sorts and pages, used by the page and its tests.

Parameters: `q` (name, role, organisation, expertise and "waarvoor mag je mij contacteren"),
`niveau`, `net`, `werking`, `expertise` (each a slug, repeatable), `pagina`. Bad input never raises: som.listing collects what it ignored.
"""

import string
import unicodedata

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
ALPHABET = string.ascii_uppercase


def sort_letter(family_name):
    """The letter a family name is filed under: 'Ödemir' → 'O', 'de Hondt' → 'D', '123' → '#'."""
    stripped = unicodedata.normalize("NFKD", (family_name or "").strip())
    for char in stripped:
        if char.isalpha():
            letter = char.upper()
            return letter if letter in ALPHABET else "#"
    return "#"


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
    )


def letter_index(listing):
    """The A–Z jump list for the filtered results: for each letter whether anyone is filed
    under it and on which page of the results the first of them appears."""
    names = listing.results.values_list("family_name", flat=True)
    first_position = {}
    for position, family_name in enumerate(names):
        first_position.setdefault(sort_letter(family_name), position)
    letters = []
    for letter in [*ALPHABET, "#"]:
        position = first_position.get(letter)
        if letter == "#" and position is None:
            continue
        letters.append(
            {
                "letter": letter,
                "anchor": "letter-overig" if letter == "#" else f"letter-{letter.lower()}",
                "page": None if position is None else position // listing.per_page + 1,
            }
        )
    return letters


def group_by_letter(profiles):
    """[(letter, anchor, [profile, …]), …] for the cards on this page, in order."""
    groups = []
    anchors = set()
    for profile in profiles:
        letter = sort_letter(profile.family_name)
        if not groups or groups[-1][0] != letter:
            anchor = "letter-overig" if letter == "#" else f"letter-{letter.lower()}"
            # A letter can come back when the database sorts accents differently: one id only.
            groups.append((letter, None if anchor in anchors else anchor, []))
            anchors.add(anchor)
        groups[-1][2].append(profile)
    return groups
