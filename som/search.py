"""/zoeken/: one results page over every public page type, with a filter by type and
editors' picks (Wagtail's search promotions)."""

import hashlib
import sqlite3
from collections import Counter
from functools import cache

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db import OperationalError
from django.http import QueryDict
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from . import cache_keys
from .listing import PAGE, clean_text, parse_number
from .page_cache import TIMEOUT, cached
from .plugins import plugins

OTHER_PAGES = ("pagina", "Pagina's")  # every page type no app declared: standard and index pages


@cache
def result_types():
    """Which kinds of result a visitor can narrow to: query value → (label, model label), as
    the apps declare them (som.plugins: Plugin.search_types), and the other pages last."""
    types = {t.value: (t.label, t.model) for installed in plugins() for t in installed.plugin.search_types}
    types[OTHER_PAGES[0]] = (OTHER_PAGES[1], None)
    return types


@cache
def result_preparers():
    """Result type → what its app reads for the results shown (SearchType.prepare)."""
    return {t.value: t.prepare for installed in plugins() for t in installed.plugin.search_types if t.prepare}


# Searching is bounded: the facets count the best MAX_RESULTS matches.
MAX_RESULTS = 500
PER_PAGE = 10


class SearchParameters:
    """What /zoeken/ reads from its query string, declared for the page cache (som.cache_keys)
    as a listing declares its own: the words are free text, so a page with words is rendered
    each time and never kept (its ranking is: ranked_matches); the type and the page number
    are bounded, so the page without words has a handful of entries, whatever is asked."""

    def query_names(self):
        return ["q", "type", PAGE.name]

    def query_rules(self):
        return [
            cache_keys.Rule("q", cache_keys.TEXT),
            cache_keys.Rule("type", cache_keys.CHOICE, frozenset(result_types())),
            cache_keys.Rule(PAGE.name, cache_keys.PAGE, maximum=MAX_RESULTS // PER_PAGE),
        ]


def _type_of(model_label):
    for key, (_label, label) in result_types().items():
        if label == model_label:
            return key
    return OTHER_PAGES[0]


def editors_picks(query):
    """The promotions editors set for this query, without unpublished or private pages."""
    picks = list(
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(query))
        .select_related("page")
        .order_by("sort_order")
    )
    visible = set(
        Page.objects.live().public().filter(pk__in=[p.page_id for p in picks if p.page_id]).values_list("pk", flat=True)
    )
    return [p for p in picks if p.page_id is None or p.page_id in visible]


def ranked_matches(query):
    """The best MAX_RESULTS public pages for `query`, best first, as (page id, result type).

    Ranking is what a search costs: PostgreSQL ranks every index entry the words match, and a
    common word matches a third of the site at ten times today's content (docs/benchmarks.md).
    So the ranking is kept per content version and shared by the next pages of the results,
    the filter by type and every visitor who searches the same words; a publish makes it a
    miss at once, like every page. Only a search that found something is kept, for five
    minutes: words that match nothing cost the index one look-up and leave no entry behind."""

    def rank():
        pages = Page.objects.live().public().filter(depth__gt=1).only("id", "content_type_id")
        found = []
        for page in pages.search(query, operator="and")[:MAX_RESULTS]:
            content_type = ContentType.objects.get_for_id(page.content_type_id)  # cached per process
            found.append((page.pk, _type_of(f"{content_type.app_label}.{content_type.model}")))
        return found

    # Both search backends ignore case, so the words are those editors' picks are kept under.
    words = hashlib.sha256(normalise_query_string(query).encode()).hexdigest()[:32]
    return cached(f"search:{words}", rank, timeout=TIMEOUT, keep=bool)


# SQLite's full-text search (FTS5) reads the query as an expression of its own, and Wagtail's
# backend does not escape a double quote inside a word: `"leuven`, `a")"` or `x":"` is an FTS5
# syntax error. Only such an error, for a query with a double quote, is a query we cannot read;
# any other database error propagates (a bug is a 500, an outage the 503 of som.resilience).
# PostgreSQL's backend escapes every word, so it has no such errors.
def unreadable_query(error, query):
    cause = error.__cause__
    if '"' not in query or not isinstance(cause, sqlite3.OperationalError):
        return False
    message = str(cause)
    if message.startswith("no such column:"):
        return "." not in message  # an FTS5 column filter (`x:`); Django names its columns table.column
    return message.startswith(("unterminated string", "fts5: syntax error"))


@require_GET
def search(request):
    cache_keys.declare(request.GET, SearchParameters())
    query = clean_text(request.GET.get("q", ""))
    selected_type = request.GET.get("type", "")
    ignored = []
    if selected_type and selected_type not in result_types():
        ignored.append(("type", clean_text(selected_type, 40)))
        selected_type = ""

    found, matches, promotions = [], [], []
    unreadable = False
    # Punctuation-only queries have nothing to search for.
    if any(ch.isalnum() for ch in query):
        try:
            found = ranked_matches(query)
        except OperationalError as error:
            if not unreadable_query(error, query):
                raise
            unreadable = True  # no results, and a hint
        matches = [(pk, kind) for pk, kind in found if not selected_type or kind == selected_type]
        promotions = [] if unreadable else editors_picks(query)
    type_counts = Counter(kind for _pk, kind in found)

    paginator = Paginator(matches, PER_PAGE, allow_empty_first_page=True)
    number = parse_number(request.GET.get("pagina", "1"), 0, 10**9) or 1
    page_obj = paginator.page(min(max(number, 1), paginator.num_pages))
    # Only the pages shown are loaded, as their specific type (one query per type). A page
    # unpublished since the ranking was kept is not in it: every change starts a new version.
    shown = Page.objects.filter(pk__in=[pk for pk, _kind in page_obj.object_list]).specific()
    specific = {page.pk: page for page in shown}
    results = []
    for pk, kind in page_obj.object_list:
        item = specific.get(pk)
        if item is None:  # deleted while this request ran
            continue
        item.result_type = kind
        item.result_type_label = result_types()[kind][0]
        results.append(item)
    for kind, prepare in result_preparers().items():
        if shown_of_kind := [item for item in results if item.result_type == kind]:
            prepare(shown_of_kind)

    type_options = [
        {"value": key, "label": label, "count": type_counts[key], "selected": key == selected_type}
        for key, (label, _model) in result_types().items()
        if type_counts[key] or key == selected_type
    ]
    return TemplateResponse(
        request,
        "som/search.html",
        {
            "query": query,
            "results": results,
            "page_obj": page_obj,
            "total": len(matches),
            # The search stops at MAX_RESULTS: say so rather than give that as the count.
            "capped": len(found) == MAX_RESULTS,
            "max_results": MAX_RESULTS,
            "type_options": type_options,
            "selected_type": selected_type,
            "promotions": promotions,
            "ignored": ignored,
            # From the query as sent: the page cache hands the view the words already cut.
            "truncated": len(QueryDict(request.META.get("QUERY_STRING", "")).get("q", "")) > len(query) + 1,
            "unreadable": unreadable,
        },
    )
