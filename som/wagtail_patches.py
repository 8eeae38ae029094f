"""Where this site changes Wagtail's own behaviour or leans on its internals: the one list, each
with why, and tests/test_wagtail_patches.py fails loudly when an upgrade changes what an entry
relies on.

Correctness (always on, not speed-ups):

- `PageQuerySet.live_q`: an expired page is not live from the moment it expires (below).
- `PageQuerySet.private_q`: an alias of a private page is private (below).
- som/media_permissions.py calls three underscore helpers of Wagtail's collection permission
  policies (`_check_perm`, `_collections_with_perm`, `_users_with_perm_filter`); its header says
  how, the tests check their signatures and answers.

Speed-ups: each stays only while `make bench` measures a gain well beyond the noise, comparing
the site with and without it in the same run (docs/benchmarks.md, "with and without").

- `routing` — som/routing.py, one unit of its own: the page for a request in two queries at any
  depth and the site from the content-versioned cache (the `wagtail_serve` URL, and
  `site_for_request` for the menu, the settings, the apps' sections and the ICS view). Measured
  2026-11-27 (make bench, requests interleaved with Wagtail's own `wagtail.views.serve` and
  `Site.find_for_request`): Wagtail's way is 9.3 % slower on the median page (3.6 % to 20.2 %:
  +1.5 ms on the news overview to +6.4 ms on a project, 95 % intervals all above zero) with 1 to
  6 more queries per page, against -2.0 % to +0.1 % for the same code on a second server; 7.4 %
  in a second run under heavy load. It relies on Wagtail keeping the request's site in
  `request._wagtail_site` and its route in `request._wagtail_route_for_request` (its serve view,
  hooks and settings read them from there), on `Site._find_for_request(request)`, and on
  treebeard's `get_parent()` returning `_cached_parent_obj` (routing leaves each parent there,
  as Wagtail's own routing does; the breadcrumbs ask `get_parent()`).

Removed after the same measurement (2026-11-27, three runs; each alone within the noise, the
three together 5 % on the median page; docs/benchmarks.md) — bring one back only with a
measurement that says otherwise: `SomPage.get_view_restrictions` skipping Wagtail's two queries
(+1.0 % to +2.3 % on the median page without it), `SiteSettings.for_request` from the versioned
cache (-0.4 % to +1.1 %), and `.public()` reading the private paths from that cache (-0.1 % to
+2.0 %; the sitemap index, with a `.public()` per part, +9 % and 11 → 21 queries).

Applied once from som.apps.SomConfig.ready().
"""

import os

from django.core.exceptions import ImproperlyConfigured
from wagtail.models import Page
from wagtail.query import PageQuerySet
from wagtail.search import index

from . import visibility

# The speed-ups above. `make bench` measures each against Wagtail's own way in the same run: it
# starts one server per variant with SOM_WITHOUT naming what to leave out (SOM_WITHOUT=routing).
# The one place that reads that variable.
SPEED_UPS = ("routing",)


def _left_out():
    names = {name.strip() for name in os.environ.get("SOM_WITHOUT", "").split(",") if name.strip()}
    if names - set(SPEED_UPS):
        raise ImproperlyConfigured(f"SOM_WITHOUT: onbekend {sorted(names - set(SPEED_UPS))}; mogelijk: {SPEED_UPS}")
    return frozenset(names)


LEFT_OUT = _left_out()


def active(name):
    """Whether the speed-up `name` is in use (always, unless make bench leaves it out)."""
    if name not in SPEED_UPS:
        raise ValueError(f"geen versnelling: {name}")
    return name not in LEFT_OUT


def _live_q(self):
    # Wagtail: Q(live=True). An expired page stays live until `publish_scheduled` runs (every
    # few minutes at best); visitors must not see it from the moment it expires.
    return self._wagtail_live_q() & visibility.not_expired_q()


def _private_q(self):
    # Wagtail: every restricted page and its descendants. Here also the aliases of private pages
    # (an alias outside the private section was public: its title and intro showed on the home
    # page, in overviews, search and the sitemap). Read from the database on each call, as
    # Wagtail does.
    return visibility.private_q()


def apply():
    if getattr(PageQuerySet, "_wagtail_live_q", None) is None:
        PageQuerySet._wagtail_live_q = PageQuerySet.live_q
        # `.live()` now filters on expire_at, so searching `Page.objects.live()` needs it as a
        # filter field (SomPage declares it for the site's own page types).
        Page.search_fields.append(index.FilterField("expire_at"))
    PageQuerySet.live_q = _live_q
    PageQuerySet.private_q = _private_q
