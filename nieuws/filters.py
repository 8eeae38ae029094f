"""Query string → news queryset: the one place where the news listing is filtered.

Used by the news index, its RSS/Atom feeds and the tests, so they always agree. Filters:
`werking` (the werking's slug, e.g. laboratorium), `jaar` (year of publication) and
`trefwoord` (a tag slug); `pagina` pages through the results. Bad values are ignored by
som.listing. The trefwoord filter was called `tag` before: RENAMED_PARAMS sends old links on.
"""

from urllib.parse import urlencode

from django.db.models import Prefetch
from django.db.models.functions import ExtractYear, Lower
from taggit.models import Tag

from som.listing import Facet, Listing, Option, year_facet
from som.models import SomRendition
from som.page_cache import cached
from werkingen.filters import werking_options

from .models import NewsPage

PER_PAGE = 12
ORDER = ("-date", "-pk")
# Parameters the news index and its feeds read under another name before (old → new).
RENAMED_PARAMS = {"tag": "trefwoord"}


def live_news(index=None):
    """Published, public news items, lightest form for lists: no StreamFields, the lead image
    and its renditions and the tags fetched in bulk."""

    queryset = NewsPage.objects.live().public()
    if index is not None:
        queryset = queryset.descendant_of(index)
    return (
        queryset.defer_streamfields()
        .select_related("image")
        .prefetch_related(
            Prefetch("image__renditions", queryset=SomRendition.objects.all()),
            Prefetch("tagged_items__tag"),
        )
    )


def tag_options(queryset, cache_name):
    """The tags the news items use (read once per content change)."""

    def tags():
        used = Tag.objects.filter(nieuws_newstag_items__content_object__in=queryset.order_by().values("pk"))
        return list(used.distinct().order_by(Lower("name"), "name").values_list("slug", "name"))

    return lambda: [Option(value=slug, slug=slug, label=name) for slug, name in cached(cache_name, tags)]


def news_listing(params, index=None, per_page=PER_PAGE):
    """The news listing for a query string (a QueryDict such as request.GET)."""
    base = live_news(index).annotate(year=ExtractYear("date"))
    plain = NewsPage.objects.live().public()
    if index is not None:
        plain = plain.descendant_of(index)
    facets = [
        Facet("werking", "Werking", "werkingen__kind", werking_options(lambda w: w.kind)),
        year_facet(),
        Facet(
            "trefwoord",
            "Trefwoord",
            "tagged_items__tag__slug",
            tag_options(plain, f"news-tags:{index.pk if index else 'alle'}"),
        ),
    ]
    return Listing(
        params, base, facets, order_by=ORDER, per_page=per_page, counts_key=("nieuws", index.pk if index else "alle")
    )


def renamed_query(params):
    """The query string with the old parameter names replaced (None when it has none), in
    its own order; values under the old and the new name add up."""
    if not any(old in params for old in RENAMED_PARAMS):
        return None
    pairs = [(RENAMED_PARAMS.get(key, key), value) for key, values in params.lists() for value in values]
    return urlencode(pairs)
