"""Faceted listings: query string → filtered queryset, facet counts, chips and pagination.

Every overview (projects, people, events, news) describes its filters with `Facet`s and hands
them to `Listing`. This is the one place where a listing turns the query string into a
queryset, so the pages, their feeds and their tests all filter the same way.

Bad input never raises: unknown or malformed values are collected in `Listing.ignored` so the
page can say what it ignored, and page numbers out of range fall back to a valid page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from django.core.paginator import Paginator
from django.db.models import Count, Q

MAX_QUERY_LENGTH = 200
MAX_VALUES_PER_PARAM = 20
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


@dataclass
class Option:
    value: object  # what the database stores (a pk, a year, a path prefix …)
    slug: str  # what the query string carries
    label: str
    count: int = 0
    selected: bool = False


@dataclass
class Facet:
    """One filter: `param` in the query string, matched against `lookup` on the queryset.

    `options` returns every possible (value, slug, label) in display order; only those in use
    are offered, with counts that reflect the other active filters. A facet without `options`
    (a year) takes any value `parse` accepts, and offers the values its counts find.
    """

    param: str
    label: str
    lookup: str
    options: callable = None
    selected: list = field(default_factory=list)
    parse: callable = None

    def option_for(self, value):
        return Option(value=value, slug=str(value), label=str(value))

    def q(self):
        return Q(**{f"{self.lookup}__in": [option.value for option in self.selected]})


@dataclass
class Ignored:
    param: str
    value: str


class Listing:
    def __init__(self, params, queryset, facets, search_fields=(), per_page=12, order_by=()):
        self.params = params
        self.base = queryset
        self.facets = facets
        self.search_fields = search_fields
        self.per_page = per_page
        self.order_by = order_by
        self.ignored: list[Ignored] = []
        self.query = clean_text(params.get("q", "")) if search_fields else ""
        for facet in facets:
            self._read_facet(facet)

    def _read_facet(self, facet):
        all_options = list(facet.options()) if facet.options else []
        by_slug = {option.slug: option for option in all_options}
        facet.all_options = all_options
        seen = set()
        for raw in self.params.getlist(facet.param)[:MAX_VALUES_PER_PARAM]:
            slug = raw.strip().lower()
            if not slug or slug in seen:
                continue  # empty or repeated values are harmless
            seen.add(slug)
            option = by_slug.get(slug)
            if option is None and facet.parse is not None:
                value = facet.parse(slug)
                option = None if value is None else facet.option_for(value)
            if option is None:
                self.ignored.append(Ignored(facet.param, clean_text(raw, 60)))
            else:
                option.selected = True
                facet.selected.append(option)

    # -- querying --------------------------------------------------------------------------

    def _text_q(self):
        condition = Q()
        for word in self.query.split()[:10]:
            word_q = Q()
            for field_name in self.search_fields:
                word_q |= Q(**{f"{field_name}__icontains": word})
            condition &= word_q
        return condition

    def filtered(self, exclude=None):
        queryset = self.base
        for facet in self.facets:
            if facet is not exclude and facet.selected:
                queryset = queryset.filter(facet.q())
        if self.query:
            queryset = queryset.filter(self._text_q())
        return queryset

    @cached_property
    def results(self):
        queryset = self.filtered()
        if any(_is_multivalued(queryset.model, f.lookup) for f in self.facets if f.selected):
            queryset = queryset.distinct()
        return queryset.order_by(*self.order_by) if self.order_by else queryset

    @cached_property
    def facet_options(self):
        """For each facet, the options in use, with counts under the other active filters."""
        out = []
        for facet in self.facets:
            # A row per (item, value): only a filter on another many-valued relation can repeat
            # an item within a value, and only then is the (slower) distinct count needed.
            repeats = any(f is not facet and f.selected and _is_multivalued(self.base.model, f.lookup) for f in self.facets)
            rows = (
                self.filtered(exclude=facet)
                .order_by()
                .values(facet.lookup)
                .annotate(n=Count("pk", distinct=repeats))
                .values_list(facet.lookup, "n")
            )
            counts = dict(rows)
            if facet.options is None:  # the values in use, newest first, and what was asked for
                values = sorted({value for value in counts if value is not None} | {o.value for o in facet.selected}, reverse=True)
                selected = {o.value: o for o in facet.selected}
                facet.all_options = [selected.get(value) or facet.option_for(value) for value in values]
            for option in facet.all_options:
                option.count = counts.get(option.value, 0)
            options = [o for o in facet.all_options if o.count or o.selected]
            out.append((facet, options))
        return out

    @property
    def active(self):
        return [(facet, option) for facet in self.facets for option in facet.selected]

    @property
    def is_filtered(self):
        return bool(self.active or self.query)

    # -- pagination ------------------------------------------------------------------------

    @cached_property
    def page(self):
        paginator = Paginator(self.results, self.per_page, allow_empty_first_page=True)
        raw = self.params.get("pagina", "1")
        number = parse_number(raw, 0, 10**9)
        if number is None:
            self.ignored.append(Ignored("pagina", clean_text(raw, 20)))
            number = 1
        return paginator.page(min(max(number, 1), paginator.num_pages))


def parse_year(slug):
    """A year in a query string: four ASCII digits within reason, else ignored."""
    return parse_number(slug, *YEARS) if len(slug) == 4 else None


def year_facet(label="Jaar", lookup="year"):
    """Filter on a year (`jaar`); the years offered are those the counts find."""
    return Facet("jaar", label, lookup, parse=parse_year)


def term_options(model):
    """The options of a taxonomy facet (Speerpunt, Fase, …), read once per content change."""
    from .page_cache import cached

    def options():
        terms = cached(f"terms:{model._meta.label_lower}", lambda: [(t.pk, t.slug, t.name) for t in model.objects.all()])
        return [Option(value=pk, slug=slug, label=name) for pk, slug, name in terms]

    return options
