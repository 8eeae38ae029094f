"""Where this site changes Wagtail's own behaviour. Everything that reaches into Wagtail's
internals lives here, each with why, and tests/test_wagtail_patches.py fails loudly when an
upgrade changes what a patch relies on.

Applied once from som.apps.SomConfig.ready().
"""

from wagtail.models import Page
from wagtail.query import PageQuerySet
from wagtail.search import index

from . import visibility


def _live_q(self):
    # Wagtail: Q(live=True). An expired page stays live until `publish_scheduled` runs (every
    # few minutes at best); visitors must not see it from the moment it expires.
    return self._wagtail_live_q() & visibility.not_expired_q()


def _private_q(self):
    # Wagtail: every restricted page and its descendants, read from the database on each call.
    # Here also the aliases of private pages (an alias outside the private section was public:
    # its title and intro showed on the home page, in overviews, search and the sitemap), and
    # read once per content change instead of on every `.public()`.
    return visibility.private_q()


def apply():
    if getattr(PageQuerySet, "_wagtail_live_q", None) is None:
        PageQuerySet._wagtail_live_q = PageQuerySet.live_q
        # `.live()` now filters on expire_at, so searching `Page.objects.live()` needs it as a
        # filter field (SomPage declares it for the site's own page types).
        Page.search_fields.append(index.FilterField("expire_at"))
    PageQuerySet.live_q = _live_q
    PageQuerySet.private_q = _private_q
