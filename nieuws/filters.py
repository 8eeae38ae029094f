"""Query string → news queryset: the one place where the news listing is filtered.

Used by the news index, its RSS/Atom feeds and the tests, so they always agree. Filters:
`werking` (the werking's slug, e.g. laboratorium), `jaar` (year of publication) and `tag`
(a tag slug); `pagina` pages through the results. Bad values are ignored by som.listing.
"""

from django.db.models import Prefetch
from django.db.models.functions import ExtractYear, Lower
from taggit.models import Tag

from som.listing import Facet, Listing, Option

from .models import NewsPage

PER_PAGE = 12
ORDER = ("-date", "-pk")


def live_news(index=None):
    """Published, public news items, lightest form for lists: no StreamFields, the lead image
    and its renditions and the tags fetched in bulk."""
    from som.models import SomRendition

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


def werking_options(queryset):
    from werkingen.models import WerkingPage

    def options():
        used = set(queryset.order_by().values_list("werkingen__kind", flat=True).distinct())
        werkingen = WerkingPage.objects.live().public().filter(kind__in=used).order_by("path")
        return [Option(value=w.kind, slug=w.kind, label=w.title) for w in werkingen]

    return options


def year_options(queryset):
    def options():
        years = queryset.order_by("-year").values_list("year", flat=True).distinct()
        return [Option(value=year, slug=str(year), label=str(year)) for year in years]

    return options


def tag_options(queryset):
    def options():
        tags = (
            Tag.objects.filter(nieuws_newstag_items__content_object__in=queryset.order_by().values("pk"))
            .distinct()
            .order_by(Lower("name"), "name")
        )
        return [Option(value=tag.slug, slug=tag.slug, label=tag.name) for tag in tags]

    return options


def news_listing(params, index=None, per_page=PER_PAGE):
    """The news listing for a query string (a QueryDict such as request.GET)."""
    base = live_news(index).annotate(year=ExtractYear("date"))
    plain = NewsPage.objects.live().public()
    if index is not None:
        plain = plain.descendant_of(index)
    facets = [
        Facet("werking", "Werking", "werkingen__kind", werking_options(plain)),
        Facet("jaar", "Jaar", "year", year_options(plain.annotate(year=ExtractYear("date")))),
        Facet("tag", "Trefwoord", "tagged_items__tag__slug", tag_options(plain)),
    ]
    return Listing(params, base, facets, per_page=per_page, order_by=ORDER)
