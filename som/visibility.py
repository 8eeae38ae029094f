"""What a visitor may see of the page tree: the one place for the rule.

A page is visible when it is live, its expiry time (if any) has not passed, and neither it nor a
page above it has a view restriction (password, login, groups) — where an alias counts as the page
it is an alias of. Wagtail's own `.live()` and `.public()` miss two of those:

- an expired page stays live until `publish_scheduled` next runs;
- an alias of a private page, placed outside the private section, is public.

som/wagtail_patches.py makes `.live()` and `.public()` follow this rule everywhere (the site's
listings, feeds, ICS, sitemap and search, and Wagtail's own uses); `.public()` reads the private
paths from the database each time, as Wagtail does (caching them gained no more than the noise,
docs/benchmarks.md). `may_have_restrictions` reads the restricted and alias paths once per content
change (som.page_cache): a new restriction or alias bumps the version.
"""

from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from .page_cache import cached


def restricted_paths():
    """Tree paths of the pages with a view restriction (they and their descendants are private)."""
    return cached("restricted-paths", lambda: list(PageViewRestriction.objects.values_list("page__path", flat=True)))


def alias_paths():
    """Tree paths of alias pages (an alias takes the view restrictions of its source page)."""
    return cached(
        "alias-paths", lambda: list(Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True))
    )


def _under_any(path, prefixes):
    return any(path.startswith(prefix) for prefix in prefixes)


def private_paths():
    """Tree paths that are private together with everything below them: the restricted pages and
    the aliases of pages in a restricted section. Read from the database on every call, as
    Wagtail reads its own (one query when nothing is restricted)."""
    restricted = list(PageViewRestriction.objects.values_list("page__path", flat=True))
    if not restricted:
        return []
    # An alias whose source lies in a private section is private, and so is everything below it.
    aliases = Page.objects.filter(alias_of__isnull=False).values_list("path", "alias_of__path")
    return restricted + [path for path, source_path in aliases if _under_any(source_path, restricted)]


def private_q():
    paths = private_paths()
    if not paths:
        return Q(pk__in=[])  # nothing is private
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return condition


def not_expired_q(now=None):
    return Q(expire_at__isnull=True) | Q(expire_at__gt=now or timezone.now())


def is_expired(page, now=None):
    return page.expire_at is not None and page.expire_at <= (now or timezone.now())


def may_have_restrictions(page):
    """Whether a view restriction can apply to `page`: only when a restricted page or an alias
    lies on its path. Nearly every page has none, and this needs no query."""
    return _under_any(page.path, (*restricted_paths(), *alias_paths()))


def is_visible(page):
    """Whether a visitor may see `page` (a linked page on another page, e.g. an event's project)."""
    if page is None or not page.live or is_expired(page):
        return False
    return not (may_have_restrictions(page) and page.get_view_restrictions().exists())
