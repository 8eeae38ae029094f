"""How an app plugs into the site.

The kernel (this package's models, blocks, listing engine, page cache, dates, visibility …)
imports no app. An app joins the site by declaring what it contributes, once, in a module
`<app>/plugin.py` that holds `PLUGIN = Plugin(...)`. The site layer (urls, sitemap, search,
home page, signals, admin hooks, management commands) asks `plugins()` and never names an app.

Every part of a Plugin is optional. Apps contribute in the order of INSTALLED_APPS: that order
is the order of the home page's sections and the order in which demo content is loaded (an
app's demo content may use what the apps before it made).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from typing import Any

from django.apps import apps
from django.utils.module_loading import module_has_submodule

PLUGIN_MODULE = "plugin"


@dataclass(frozen=True)
class HomeSection:
    """A section of the home page. `context(request)` gives what its template needs, or an
    empty value to leave the section out (nothing to show)."""

    template: str
    context: Callable[[Any], dict | None]
    # "half": two halves in a row share it side by side (on wide screens).
    width: str = "full"


@dataclass(frozen=True)
class PageSection:
    """A section an app adds to the pages of another app (the people of a project, the
    events of a werking …): the page type stays unaware of who adds what."""

    page_types: tuple[str, ...]  # model labels, e.g. "werkingen.projectpage"
    template: str
    context: Callable[[Any, Any], dict | None]  # (page, request) → context, or empty to leave out
    # Lower comes first on the page. From CLOSING on, a section closes the page: after the page's
    # own content and listing (a call to take part, to subscribe), not before it.
    order: int = 100


CLOSING = 500


@dataclass(frozen=True)
class SearchType:
    """A kind of search result a visitor can narrow /zoeken/ to (`?type=<value>`)."""

    value: str
    label: str  # plural, e.g. "Activiteiten"
    model: str  # model label, e.g. "kalender.eventpage"
    # Called with the results of this type on the page shown (specific pages) before they
    # render: reads what their line needs for all of them at once, so the template never queries.
    prepare: Callable[[list], Any] | None = None


@dataclass(frozen=True)
class Feed:
    """A feed a visitor can subscribe to, at a path on the site."""

    title: str
    path: str
    content_type: str  # "application/rss+xml", "application/atom+xml", "text/calendar"


@dataclass(frozen=True)
class DemoContent:
    load: Callable[[Any], None]  # (home page) → None; idempotent
    reset: Callable[[], None] | None = None  # removes what `load` made besides pages


@dataclass(frozen=True)
class BulkContent:
    """Generated content for measuring at scale: `generate_bulk_content --<option> N`."""

    option: str
    help: str
    generate: Callable[[Any, int], None]  # (som.bulk.BulkRun, N) → None; N may be 0


@dataclass(frozen=True)
class DigestItem:
    """One item of an e-mail digest, as plain values (the digest is rendered without pages).
    `key` is unique per item and version worth telling again ("project:12:fase:3"): a
    subscriber never gets the same key twice. Empty `werkingen`/`niveaus` mean "for everyone"."""

    key: str
    title: str
    url: str
    date_line: str
    intro: str = ""
    werking: str = ""  # the werking's name, shown with the item
    werkingen: frozenset = frozenset()  # WerkingPage ids the item belongs to
    niveaus: frozenset = frozenset()  # Onderwijsniveau ids the item is for

    def matches(self, werkingen, niveaus):
        """Whether a subscriber who chose these werking and niveau ids (empty: all) wants it."""
        return (not werkingen or not self.werkingen or bool(werkingen & self.werkingen)) and (
            not niveaus or not self.niveaus or bool(niveaus & self.niveaus)
        )


@dataclass(frozen=True)
class DigestSource:
    """A kind of content the e-mail digest can carry. `items(since, until)` gives the live,
    public items of this kind published or changed in that window, as `DigestItem`s; the
    digest matches them to each subscriber's choices (one query per window, not per person)."""

    kind: str  # "nieuws", "activiteiten", "projecten": what subscribers choose
    label: str  # heading in the digest, e.g. "Nieuws"
    items: Callable[[Any, Any], list[DigestItem]]
    order: int = 100  # lower comes first in the digest


@dataclass(frozen=True)
class Plugin:
    """What one app contributes to the site."""

    home_sections: Sequence[HomeSection] = ()
    page_sections: Sequence[PageSection] = ()
    # /sitemap-<name>.xml → the page model it lists (every other page is in "paginas").
    sitemaps: dict[str, Any] = field(default_factory=dict)
    search_types: Sequence[SearchType] = ()
    # (site) → the feeds of the app on that site: <link rel="alternate">, the footer, CDN purges.
    feeds: Callable[[Any], list[Feed]] | None = None
    # URL patterns the page tree cannot serve (e.g. /kalender/agenda.ics); before Wagtail's pages.
    urls: Callable[[], list] | None = None
    # Wagtail admin viewsets (listings, snippets) and taxonomy snippets for the "Taxonomie" menu.
    admin_viewsets: Callable[[], list] | None = None
    taxonomy_viewsets: Callable[[], list] | None = None
    # Role ("Redactie", "Eindredactie") → [(model label, actions)] the role gets on the app's
    # models, e.g. {"Redactie": [("onderwijsmakers.spotlight", ["add", "change", "delete", "view"])]}.
    editor_permissions: dict[str, list] = field(default_factory=dict)
    # () → Wagtail components shown in the dashboard panel "SOM in één oogopslag".
    dashboard_parts: Callable[[], list] | None = None
    demo: DemoContent | None = None
    bulk_content: Sequence[BulkContent] = ()
    # () → a Dutch line saying what was deleted: personal data past its retention period
    # (`manage.py purge_personal_data`, daily).
    personal_data_purges: Sequence[Callable[[], str]] = ()
    # Kinds of content the e-mail digest carries (abonneren).
    digest_sources: Sequence[DigestSource] = ()
    # Whether a change to this app's models can show on public pages (refreshes the page cache).
    shows_on_site: bool = True


@dataclass(frozen=True)
class Installed:
    """A plugin with the app that declared it."""

    app_label: str
    plugin: Plugin


@cache
def plugins() -> tuple[Installed, ...]:
    """Every installed app's plugin, in the order of INSTALLED_APPS."""
    found = []
    for app_config in apps.get_app_configs():
        if module_has_submodule(app_config.module, PLUGIN_MODULE):
            module = import_module(f"{app_config.name}.{PLUGIN_MODULE}")
            found.append(Installed(app_config.label, module.PLUGIN))
    return tuple(found)


def digest_sources() -> list[DigestSource]:
    """Every kind of content the e-mail digest can carry, in digest order."""
    found = [source for installed in plugins() for source in installed.plugin.digest_sources]
    return sorted(found, key=lambda source: source.order)


def page_sections(page, request) -> list[dict]:
    """The sections other apps add to `page`, in order, each as a context with `template`;
    sections with nothing to show are left out."""
    label = page._meta.label_lower
    declared = sorted(
        (
            section
            for installed in plugins()
            for section in installed.plugin.page_sections
            if label in section.page_types
        ),
        key=lambda section: section.order,
    )
    sections = []
    for section in declared:
        context = section.context(page, request)
        if context:
            sections.append({**context, "template": section.template, "closing": section.order >= CLOSING})
    return sections
