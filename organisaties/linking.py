"""Free text → organisations: `manage.py link_organisations`. Matches the names people typed
(a profile's organisation, a project partner's name, an event's location) to the live, public
organisations by normalised name or one of their other names, and sets the link.

The apps with those fields sit above organisaties and may not be imported here (the layers in
pyproject.toml): they are named by model label in FREE_TEXT and read through the app registry.

How a page changes, safely: the link is set on the page's latest revision (the live version, or
the draft an editor is working on) and saved as a new revision. It is published only when the
page is live and had no unpublished changes, so an editor's draft is never published by this
command; a draft or a page with unpublished changes keeps the link in its draft, visible once an
editor publishes."""

import re
import unicodedata
from dataclasses import dataclass, field

from django.apps import apps
from django.db import transaction

from .models import OrganisationPage

# model label → (the page model that holds it, the relation from that page, fk field, text field)
FREE_TEXT = [
    ("onderwijsmakers.profilepage", None, "organisation_page", "organisation"),
    ("werkingen.projectpage", "partners", "organisation_page", "name"),
    ("kalender.eventpage", None, "venue", "location_name"),
]
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def normalise(name):
    """'KU Leuven', 'KULeuven' and 'K.U. Leuven' → 'kuleuven'; 'Étoile' → 'etoile'."""
    text = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode().casefold()
    return _NOT_ALNUM.sub("", text)


def organisation_index():
    """normalised name → organisation, or None when two organisations share it (ambiguous)."""
    index = {}
    for organisation in OrganisationPage.objects.live().public().defer_streamfields():
        for name in {organisation.title, *organisation.other_name_list}:
            key = normalise(name)
            if not key:
                continue
            index[key] = organisation if index.get(key, organisation) == organisation else None
    return index


@dataclass
class Report:
    linked: list = field(default_factory=list)  # (page title, text, organisation, published)
    unmatched: dict = field(default_factory=dict)  # text → [page titles]
    ambiguous: dict = field(default_factory=dict)


def link_all(dry_run=False):
    index = organisation_index()
    report = Report()
    for label, relation, fk, text in FREE_TEXT:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        candidates = model.objects.all()
        if relation is None:
            candidates = candidates.filter(**{f"{fk}__isnull": True}).exclude(**{text: ""})
        else:
            candidates = candidates.filter(**{f"{relation}__{fk}__isnull": True}).exclude(**{f"{relation}__{text}": ""})
        for page in candidates.distinct().order_by("path"):
            with transaction.atomic():
                link_page(page, relation, fk, text, index, report, dry_run)
    return report


def link_page(page, relation, fk, text, index, report, dry_run):
    publish = page.live and not page.has_unpublished_changes
    latest = page.get_latest_revision_as_object()
    rows = [latest] if relation is None else list(getattr(latest, relation).all())
    changed = False
    for row in rows:
        value = getattr(row, text)
        if getattr(row, f"{fk}_id") or not value:
            continue
        key = normalise(value)
        if key not in index:
            report.unmatched.setdefault(value, []).append(page.title)
        elif index[key] is None:
            report.ambiguous.setdefault(value, []).append(page.title)
        else:
            setattr(row, fk, index[key])
            report.linked.append((page.title, value, index[key].title, publish))
            changed = True
    if changed and not dry_run:
        if relation is not None:
            setattr(latest, relation, rows)
        revision = latest.save_revision(log_action=True)
        if publish:
            revision.publish()
