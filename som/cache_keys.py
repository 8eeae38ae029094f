"""Canonical page-cache keys: a query string as the page reads it.

Before, every query string was its own cache entry: `/?x=1`, `/?x=2` … each cost a render and
an entry. Now a page's key holds only the parameters the page reads, each value normalised
(known values only, sorted, duplicates dropped), so `/werking/?fase=afgerond&utm_source=x&fase=`
is the entry of `/werking/?fase=afgerond` and `/?x=1` that of `/`.

Who knows what a page reads? The page itself, while it renders: the page cache hands the render
a `PageQuery` instead of request.GET, which notes every parameter read, and each
`som.listing.Listing` declares its parameters there (its facets with their values, its extra
`Parameter`s, `pagina`, `q`). The parameter declarations stay where each app keeps them (its
filters.py); this module names none of them. After the render the page cache keeps, per address
and content version, the `QueryRules` the page followed (som.page_cache); the next request to
that address is mapped to its canonical query before anything renders. Parameters read without
a declaration (`request.GET.get("p")`) are keyed by their value as given; a page that reads the
whole query string (iterates it) is stored only without one.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import QueryDict

MAX_VALUES_PER_PARAM = 20
MAX_IGNORED_LENGTH = 60

# name → parse function of every som.listing.Parameter made in this process (they register
# themselves): rules in Redis are data, the functions that check a value stay in the code.
PARAMETERS = {}

CHOICE = "choice"  # one or more of known values (a facet); folded to lower case
PARAMETER = "parameter"  # one value a registered Parameter parses (the last one given)
PAGE = "page"  # a page number, clamped to the listing's pages; page 1 is no parameter
TEXT = "text"  # free text (a search): every text is its own page, so none is kept
RAW = "raw"  # read without a declaration: the values as given


def fold(raw):
    """A facet's value as it is compared with the known slugs (also by som.listing)."""
    return raw.strip().lower()


@dataclass(frozen=True)
class Rule:
    """How one parameter becomes part of the key. Only data, so it can be kept in Redis."""

    name: str
    kind: str
    values: frozenset = frozenset()  # CHOICE: the known slugs
    maximum: int = 1  # PAGE: the last page of the listing without filters

    def canonical(self, given):
        """(the canonical values, the values ignored) of the values `given` for the name."""
        if self.kind == CHOICE:
            kept, ignored, seen = set(), [], set()
            for raw in given[:MAX_VALUES_PER_PARAM]:
                slug = fold(raw)
                if not slug or slug in seen:
                    continue
                seen.add(slug)
                if slug in self.values:
                    kept.add(slug)
                else:
                    ignored.append(raw)
            return sorted(kept), ignored
        if self.kind == RAW:
            return list(given), []
        raw = given[-1] if given else ""
        if self.kind == TEXT:
            from .listing import clean_text

            text = clean_text(raw)
            return ([text] if text else []), []
        if not raw:
            return [], []
        parse = PARAMETERS.get(self.name)
        if parse is None:  # not made in this process yet: keep what was given (still right)
            return [raw], []
        value = parse(raw)
        if value is None:
            return [], [raw]
        if self.kind == PAGE:
            number = min(max(value, 1), self.maximum)
            return ([str(number)] if number > 1 else []), []
        return [raw], []

    def merged(self, other):
        """Two declarations of one name (two listings on a page): what either accepts."""
        if other.kind != self.kind:
            return self if self.kind != RAW else other
        return Rule(self.name, self.kind, self.values | other.values, max(self.maximum, other.maximum))


@dataclass(frozen=True)
class Canonical:
    query: QueryDict  # what the page reads, normalised
    encoded: str  # the same as a string: the key's query part
    ignored: tuple  # (name, value) of declared values it left out, for the page to say
    storable: bool  # False when it holds free text or the page reads everything


@dataclass(frozen=True)
class QueryRules:
    """What the page at one address reads from the query string."""

    rules: tuple = ()  # Rules, by name
    everything: bool = False  # the page read the whole query string

    def by_name(self):
        return {rule.name: rule for rule in self.rules}

    def canonical(self, raw):
        """The canonical form of the QueryDict `raw` under these rules."""
        if self.everything:
            return Canonical(raw, raw.urlencode(), (), storable=not raw)
        query = QueryDict(mutable=True)
        ignored, storable, pairs = [], True, []
        for rule in self.rules:
            values, left_out = rule.canonical(raw.getlist(rule.name))
            if values:
                query.setlist(rule.name, values)
                pairs.extend((rule.name, value) for value in values)
                storable = storable and rule.kind != TEXT
            ignored.extend((rule.name, _shorten(value)) for value in left_out)
        query._mutable = False
        return Canonical(query, urlencode(pairs), tuple(ignored), storable)

    def with_reads(self, page_query):
        """These rules with what one render read (its declarations and its other reads)."""
        rules = self.by_name()
        for listing in page_query.declared:
            if all(rules.get(name, Rule(name, RAW)).kind != RAW for name in listing.query_names()):
                continue  # known already: the rules cost queries, so only once per version
            for rule in listing.query_rules():
                known = rules.get(rule.name)
                rules[rule.name] = rule if known is None or known.kind == RAW else known.merged(rule)
        for name in page_query.reads:
            rules.setdefault(name, Rule(name, RAW))
        everything = self.everything or page_query.everything
        return QueryRules(tuple(sorted(rules.values(), key=lambda rule: rule.name)), everything)


def _shorten(value):
    from .listing import clean_text

    return clean_text(value, MAX_IGNORED_LENGTH)


def guess(raw):
    """The canonical string a query most likely has, without knowing the page: the site's own
    links and forms give known values, maybe in another order or with empty fields. Only a
    guess, to find the entry in the same round trip as the rules; it is checked against them."""
    pairs = sorted({(name, fold(value)) for name, values in raw.lists() for value in values if fold(value)})
    return urlencode(pairs)


class PageQuery(QueryDict):
    """request.GET as a cacheable page sees it: the canonical values of the parameters the
    address is known to read, the rest as given. It notes what the page reads."""

    def __init__(self, raw, canonical=None, rules=()):
        self.reads = set()
        self.everything = False
        self.declared = []
        super().__init__(mutable=True, encoding=raw.encoding)
        replaced = {rule.name for rule in rules}
        for name, values in raw.lists():
            if name not in replaced:
                self.setlist(name, values)
        if canonical is not None:
            for name, values in canonical.query.lists():
                self.setlist(name, values)
        self._mutable = False

    def saw(self, canonical, rules):
        """Whether the page saw exactly `canonical` for every parameter `rules` name."""
        if rules.everything:
            return QueryDict.urlencode(self) == canonical.encoded and not canonical.query
        return all(QueryDict.getlist(self, r.name) == canonical.query.getlist(r.name) for r in rules.rules)

    # Reading one parameter
    def __getitem__(self, key):
        self.reads.add(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self.reads.add(key)
        return super().__contains__(key)

    def get(self, key, default=None):
        self.reads.add(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        self.reads.add(key)
        return super().getlist(key, default)

    # Reading all of it
    def _all(self):
        self.everything = True

    def __iter__(self):
        self._all()
        return super().__iter__()

    def __len__(self):
        self._all()
        return super().__len__()

    def keys(self):
        self._all()
        return super().keys()

    def items(self):
        self._all()
        return super().items()

    def lists(self):
        self._all()
        return super().lists()

    def values(self):
        self._all()
        return super().values()

    def dict(self):
        self._all()
        return super().dict()

    def urlencode(self, safe=None):
        self._all()
        return super().urlencode(safe)

    def copy(self):
        self._all()
        return QueryDict(super().urlencode(), mutable=True, encoding=self.encoding)

    __copy__ = copy

    def __deepcopy__(self, memo):
        return self.copy()


def declare(params, listing):
    """A listing tells the page's query what it reads (its `query_names()` and, when asked,
    `query_rules()`); anything else than a PageQuery (a feed, a test) is left alone."""
    if isinstance(params, PageQuery):
        params.declared.append(listing)


def declared_query(params):
    """The parameters the page's listings read, as a new QueryDict (for links that keep the
    filters): a page keeps no unknown parameter in its links, so they make no other page."""
    if not isinstance(params, PageQuery):
        return params.copy()
    names = dict.fromkeys(name for listing in params.declared for name in listing.query_names())
    query = QueryDict(mutable=True, encoding=params.encoding)
    for name in names:
        values = params.getlist(name)
        if values:
            query.setlist(name, values)
    return query
