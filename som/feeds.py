"""The feeds of the site (site layer): what the apps offer (som.plugins: Plugin.feeds), for
the <link rel="alternate"> in every page's head, the footer and the CDN purge."""

from .page_cache import cached
from .plugins import plugins


def site_feeds(site):
    """Every feed on `site`, in the order of the apps; read once per content change."""
    if site is None:
        return []
    return cached(
        f"feeds:{site.pk}",
        lambda: [feed for installed in plugins() if installed.plugin.feeds for feed in installed.plugin.feeds(site)],
    )
