"""Faceted listings: query string → filtered queryset, facet counts, chips and pagination.

Every overview (projects, people, events, news) describes its filters with `Facet`s and hands
them to `Listing` with its base queryset and order. This is the one place where a listing turns
the query string into a queryset, so the pages, their feeds and their tests all filter the same
way.

A `Listing` reads the whole query string when it is made and is not changed afterwards: its
selections, extra parameters, page number and `ignored` are settled in `__init__`; only the
queries (results, counts, the page) wait until they are asked for. `Facet`, `Option` and
`Parameter` are immutable descriptions, shared between requests; what one request selected
lives in its listing (`Selection`).

Bad input never raises: unknown or malformed values are collected in `Listing.ignored` so the
page can say what it ignored, and page numbers out of range fall back to a valid page. An empty
value counts as no value.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property

from django.core.paginator import Paginator
from django.db.models import Count, Q

from . import cache_keys
from .page_cache import cached

MAX_QUERY_LENGTH = 200
MAX_VALUES_PER_PARAM = cache_keys.MAX_VALUES_PER_PARAM
MAX_IGNORED_LENGTH = cache_keys.MAX_IGNORED_LENGTH  # how much of an ignored value the page repeats
MAX_SEARCH_WORDS = 10
MAX_PAGE = 10**9
_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f]")
_ASCII_NUMBER = re.compile(r"[0-9]{1,9}")
YEARS = (1900, 2200)  # the years a filter or a month view accepts


def parse_number(raw, minimum, maximum):
    """A whole number written in ASCII digits within [minimum, maximum], else None.

    Stricter than Python: str.isdigit() accepts "²" (and int() then raises), and int() accepts
    "٢٠٢٤", "２０２４", " 7 " and "1_000"; none of those is a page number or a year."""
    if not isinstance(raw, str) or not _ASCII_NUMBER.fullmatch(raw):
        return None
    value = int(raw)
    return value if minimum <= value <= maximum else None


def parse_year(slug):
    """A year in a query string: four ASCII digits within reason, else None."""
    return parse_number(slug, *YEARS) if len(slug) == 4 else None


def clean_text(value: str, max_length: int = MAX_QUERY_LENGTH) -> str:
    """A search text without control characters, collapsed whitespace, at most max_length."""
    value = _CONTROL_CHARS.sub(" ", value or "")
    return " ".join(value.split())[:max_length]


def _is_multivalued(model, lookup):
    """Whether filtering on `lookup` can match a row more than once (it crosses a
    many-to-many or reverse foreign key, e.g. "niveaus" or "memberships__werking")."""
    for name in lookup.split("__"):
        try:
            field = model._meta.get_field(name)
        except Exception:  # a transform such as __year: not a relation
            return False
        if field.many_to_many or field.one_to_many:
            return True
        if not field.is_relation or field.related_model is None:
            return False
        model = field.related_model
    return False


# -- descriptions, shared between requests -----------------------------------------------------


@dataclass(frozen=True)
class Option:
    """One value a facet offers."""

    value: object  # what the database stores (a pk, a year, a path prefix …)
    slug: str  # what the query string carries
    label: str


@dataclass(frozen=True)
class Facet:
    """One filter: `param` in the query string, matched against `lookup` on the queryset.

    `options` returns every possible Option in display order; only those in use are offered,
    with counts that reflect the other active filters. A facet without `options` (a year) takes
    any value `parse` accepts, and offers the values its counts find.
    """

    param: str
    label: str
    lookup: str
    options: Callable[[], Iterable[Option]] | None = None
    parse: Callable[[str], object] | None = None

    def option_for(self, value):
        """The option of a value this facet parses rather than lists (a year)."""
        return Option(value=value, slug=str(value), label=str(value))


@dataclass(frozen=True)
class Parameter:
    """A single-valued parameter besides the facets (the calendar's `periode`, `weergave`,
    `maand`; the page number). `parse(raw)` gives the value, or None for a value it does not
    understand, which the listing reports as ignored; an absent or empty parameter is
    `default`. When the query string repeats it, the last value counts."""

    name: str
    parse: Callable[[str], object]
    default: object

    def __post_init__(self):
        # The page cache checks values with the same parse before anything renders.
        cache_keys.PARAMETERS[self.name] = self.parse

    def read(self, params):
        """(value, the Ignored to report or None)."""
        raw = params.get(self.name, "")
        if not raw:
            return self.default, None
        value = self.parse(raw)
        if value is None:
            return self.default, Ignored(self.name, clean_text(raw, MAX_IGNORED_LENGTH))
        return value, None

    def value(self, params):
        """The value alone, for deciding what to build before the listing reports on it."""
        return self.read(params)[0]


def parse_page(raw):
    return parse_number(raw, 0, MAX_PAGE)


PAGE = Parameter("pagina", parse_page, default=1)


# -- what one request asked for -------------------------------------------------------------


@dataclass(frozen=True)
class Ignored:
    param: str
    value: str


@dataclass(frozen=True)
class Selection:
    """One facet as this request uses it: every option it offers now and the ones selected."""

    facet: Facet
    options: tuple[Option, ...]
    selected: tuple[Option, ...]

    def q(self):
        return Q(**{f"{self.facet.lookup}__in": [option.value for option in self.selected]})


@dataclass(frozen=True)
class OfferedOption:
    """An option as the filter form shows it: its count under the other filters and whether
    it is selected."""

    value: object
    slug: str
    label: str
    count: int
    selected: bool


class Listing:
    """A filtered, counted and paged listing for one query string.

    params: the query string (a QueryDict such as request.GET).
    base: every item the listing can show, before filters.
    facets: the Facets, in the order the filter form shows them.
    order_by: the order of the results.
    search_fields: the fields the text query `q` searches; none: no text search.
    per_page: items per page; None for a listing that is not paged (a feed, a month grid),
        which does not read `pagina`.
    extra: Parameters the listing's page reads besides the facets; their values are in
        `extra` by name, what they did not understand in `ignored`.
    counts_key: names the base (e.g. ("projecten", werking.pk)) so that what is counted over
        the filtered results (facet counts, the number of results, an A–Z index) is kept per
        content version and shared by every page and view of the listing; a base that depends
        on the time names its time slot too. None: counted on every request.
    """

    def __init__(self, params, base, facets, *, order_by=(), search_fields=(), per_page=12, extra=(), counts_key=None):
        self.params = params
        self.counts_key = counts_key
        self.base = base
        self.facets = tuple(facets)
        self.order_by = tuple(order_by)
        self.search_fields = tuple(search_fields)
        self.per_page = per_page
        ignored = []
        self.query = clean_text(params.get("q", "")) if search_fields else ""
        self.selections = tuple(self._select(facet, ignored) for facet in self.facets)
        self.extra = {}
        for parameter in extra:
            self.extra[parameter.name], problem = parameter.read(params)
            ignored.append(problem)
        self.page_number = 1
        if per_page is not None:
            number, problem = PAGE.read(params)
            self.page_number = max(number, 1)  # the last page is known only when counting
            ignored.append(problem)
        self.ignored = tuple(item for item in ignored if item is not None)
        self._extra_names = tuple(parameter.name for parameter in extra)
        cache_keys.declare(params, self)

    # -- what the page cache keys on (som.cache_keys) -------------------------------------

    def query_names(self):
        """Every parameter this listing reads."""
        names = [facet.param for facet in self.facets] + list(self._extra_names)
        if self.per_page is not None:
            names.append(PAGE.name)
        if self.search_fields:
            names.append("q")
        return names

    def query_rules(self):
        """How each parameter becomes part of a cache key: the values each facet knows (a
        facet that parses its values, a year, knows those in use), the extra parameters, the
        page number up to the last page without filters, the search text. Two queries per
        content version and address at most: the page cache asks once per version."""
        rules = []
        for facet in self.facets:
            slugs = {option.slug for option in facet.options()} if facet.options else set()
            if facet.parse is not None:
                in_use = self.base.order_by().values_list(facet.lookup, flat=True).distinct()
                slugs |= {facet.option_for(value).slug for value in in_use if value is not None}
            rules.append(cache_keys.Rule(facet.param, cache_keys.CHOICE, frozenset(slugs)))
        rules.extend(cache_keys.Rule(name, cache_keys.PARAMETER) for name in self._extra_names)
        if self.per_page is not None:
            last = max(1, -(-self.base.order_by().count() // self.per_page))
            rules.append(cache_keys.Rule(PAGE.name, cache_keys.PAGE, maximum=last))
        if self.search_fields:
            rules.append(cache_keys.Rule("q", cache_keys.TEXT))
        return rules

    def _select(self, facet, ignored):
        options = tuple(facet.options()) if facet.options else ()
        by_slug = {option.slug: option for option in options}
        selected = []
        seen = set()
        for raw in self.params.getlist(facet.param)[:MAX_VALUES_PER_PARAM]:
            slug = cache_keys.fold(raw)
            if not slug or slug in seen:
                continue  # empty or repeated values are harmless (and reported once)
            seen.add(slug)
            option = by_slug.get(slug)
            if option is None and facet.parse is not None:
                value = facet.parse(slug)
                option = None if value is None else facet.option_for(value)
            if option is None:
                ignored.append(Ignored(facet.param, clean_text(raw, MAX_IGNORED_LENGTH)))
            else:
                selected.append(option)
        return Selection(facet, options, tuple(selected))

    # -- querying --------------------------------------------------------------------------

    def _text_q(self):
        condition = Q()
        for word in self.query.split()[:MAX_SEARCH_WORDS]:
            word_q = Q()
            for field_name in self.search_fields:
                word_q |= Q(**{f"{field_name}__icontains": word})
            condition &= word_q
        return condition

    def _filtered(self, exclude=None):
        """The base under every active filter, except those of facet `exclude`."""
        queryset = self.base
        for selection in self.selections:
            if selection.facet is not exclude and selection.selected:
                queryset = queryset.filter(selection.q())
        if self.query:
            queryset = queryset.filter(self._text_q())
        return queryset

    def _repeats_rows(self, exclude=None):
        """Whether the active filters (but those of `exclude`) can match an item more than once."""
        model = self.base.model
        return any(
            selection.facet is not exclude and selection.selected and _is_multivalued(model, selection.facet.lookup)
            for selection in self.selections
        )

    @cached_property
    def results(self):
        queryset = self._filtered()
        if self._repeats_rows():
            queryset = queryset.distinct()
        return queryset.order_by(*self.order_by) if self.order_by else queryset

    def counted(self, name, compute, exclude=None):
        """`compute()` (something counted over the filtered results: picklable, small), kept
        per content version when the listing has a `counts_key`.

        The key holds the selected options of every facet but `exclude` (a facet's own counts
        ignore its selection), so it is bounded by the real filter combinations. A text search
        is counted on every request: its words are as many as visitors type."""
        if self.counts_key is None or self.query:
            return compute()
        selected = [
            f"{selection.facet.param}={','.join(sorted(option.slug for option in selection.selected))}"
            for selection in self.selections
            if selection.selected and selection.facet is not exclude
        ]
        filters = hashlib.sha256("&".join(selected).encode()).hexdigest()[:24]
        return cached(f"listing:{':'.join(map(str, self.counts_key))}:{name}:{filters}", compute)

    def _facet_counts(self, facet):
        """{value: items} for one facet under the other active filters."""
        # A row per (item, value): only a filter on another many-valued relation can repeat
        # an item within a value, and only then is the (slower) distinct count needed.
        rows = (
            self._filtered(exclude=facet)
            .order_by()
            .values(facet.lookup)
            .annotate(n=Count("pk", distinct=self._repeats_rows(exclude=facet)))
            .values_list(facet.lookup, "n")
        )
        return self.counted(f"facet:{facet.param}", lambda: dict(rows), exclude=facet)

    @cached_property
    def facet_options(self):
        """[(facet, [OfferedOption, …]), …]: for each facet, the options in use or selected,
        with counts under the other active filters."""
        out = []
        for selection in self.selections:
            facet = selection.facet
            counts = self._facet_counts(facet)
            selected_values = {option.value for option in selection.selected}
            options = selection.options
            if facet.options is None:  # the values in use, newest first, and what was asked for
                values = {value for value in counts if value is not None} | selected_values
                options = [facet.option_for(value) for value in sorted(values, reverse=True)]
            offered = [
                OfferedOption(o.value, o.slug, o.label, counts.get(o.value, 0), o.value in selected_values)
                for o in options
            ]
            out.append((facet, [o for o in offered if o.count or o.selected]))
        return out

    @property
    def active(self):
        """[(facet, option), …]: every selected option, for chips and links that keep them."""
        return [(selection.facet, option) for selection in self.selections for option in selection.selected]

    @property
    def is_filtered(self):
        return bool(self.active or self.query)

    # -- pagination ------------------------------------------------------------------------

    @cached_property
    def page(self):
        """The asked page of the results; past the last page, the last page."""
        if self.per_page is None:
            raise TypeError("This listing is not paged (per_page=None).")
        paginator = CountedPaginator(
            self.results, self.per_page, self.counted("count", self.results.count), allow_empty_first_page=True
        )
        return paginator.page(min(self.page_number, paginator.num_pages))


class CountedPaginator(Paginator):
    """A paginator told how many items there are (Listing.counted keeps the number)."""

    def __init__(self, object_list, per_page, count, **options):
        super().__init__(object_list, per_page, **options)
        self._count = count

    @property
    def count(self):
        return self._count


def year_facet(label="Jaar", lookup="year"):
    """Filter on a year (`jaar`); the years offered are those the counts find."""
    return Facet("jaar", label, lookup, parse=parse_year)


def term_options(model):
    """The options of a taxonomy facet (Speerpunt, Fase, …), read once per content change."""

    def options():
        terms = cached(
            f"terms:{model._meta.label_lower}", lambda: [(t.pk, t.slug, t.name) for t in model.objects.all()]
        )
        return [Option(value=pk, slug=slug, label=name) for pk, slug, name in terms]

    return options
