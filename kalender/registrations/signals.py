"""What publishing an event does to its registrations (connected in kalender/apps.py).

- **More places**: an editor who raises the number of places (or empties it: unlimited) and
  publishes moves the waiting list up at once, first come first served, under the event's lock
  (places.fill_places); each person promoted gets an e-mail.
- **Changed or cancelled**: when the published version moves the date or time, the place (the
  organisation, locatie, adres, online link) or cancels the event, everyone registered —
  confirmed and waiting — gets one e-mail saying what changed (mails.event_changed). Each is
  told about *their own date*: a registrant for a date of a series hears that date's new time
  or place (a moved date has its own), and that it no longer takes place when the series
  drops it; nobody is told about a date that is over. The e-mail's key holds the registration,
  the change and the revision, so running this twice for one publish sends one e-mail, and a
  later change back and forth is told again.

Only publishing counts: a draft changes nothing a registrant sees, and neither does a change of
another field (the title, the text). The version that was live until now is read from the
page's own row just before the publish overwrites it: for a live page Wagtail writes that row
only when a revision is published (a draft lives in its revision), so the row holds what
visitors and registrants were shown. (For a page that is not live, the admin writes every draft
to the row: what changes while an event is unpublished is not told.)

Wagtail's publish is no transaction: the page's new number of places is committed before this
runs. places.register therefore lets the waiting list go first whenever it finds free places
while people wait, so nobody passes them in between.
"""

import copy
from typing import NamedTuple

from django.db import transaction
from django.db.models.signals import pre_save
from django.utils import timezone
from wagtail.signals import page_published

from som import dates

from ..models import EventPage, EventStatus
from . import mails, places
from .models import Registration


class ShownDate(NamedTuple):
    """What a registrant's e-mails and pages show of their date."""

    event: EventPage  # the event as that date shows it (EventOccurrence.as_event)
    when: str
    where: str
    online_url: str


class LiveVersion(NamedTuple):
    cancelled: bool
    dates: dict  # occurrence key → ShownDate


def shown_dates(event):
    """{occurrence key: ShownDate} for each date of `event` as its rows are now. Key "" is the
    event's own (first) date, as Registration.dated_event reads it for a registration without
    a date of the series."""
    shown = {}
    if event.venue_id is not None:
        event.venue  # noqa: B018 - read once, before the copies below share it
    for occurrence in [None, *event.occurrences.all()]:
        dated = copy.copy(event)  # as_event changes the instance it is given
        if occurrence is not None:
            occurrence.event = dated
            occurrence.as_event()
        when = dates.date_range(dated.start, dated.end, dated.all_day)
        shown[occurrence.key if occurrence else ""] = ShownDate(dated, when, dated.place_line, dated.online_url)
    return shown


def single_date_on(event, after, key):
    """A series turned into a single event keeps the registrations of the date it kept: the
    event's own date, when it falls on that date's day."""
    own = after[""]
    if event.repeat or not key or not own.event.start:
        return None
    return own if timezone.localdate(own.event.start).isoformat() == key else None


def rekey_registrations(event, after):
    """Registrations follow the dates as places and waiting lists count them: a series turned
    single keeps those of the day it kept (under key ""), a single event turned series gives
    its registrations to its first date (as Registration.dated_event already showed them)."""
    registrations = Registration.objects.filter(event=event)
    if not event.repeat:
        own = after[""].event.start
        if own is not None:
            registrations.filter(occurrence_key=timezone.localdate(own).isoformat()).update(occurrence_key="")
        return
    first = event.occurrences.order_by("start", "pk").values_list("key", flat=True).first()
    if first:
        registrations.filter(occurrence_key="").update(occurrence_key=first)


def is_over(date, now):
    return (date.event.end or date.event.start) < now


def remember_live_version(sender, instance, raw=False, update_fields=None, **kwargs):
    """Before a full save of an existing event (publishing), keep what registrants were shown:
    the row as it was published and the dates of its series (rebuilt after the save)."""
    instance._registrations_live_before = None
    if raw or instance.pk is None or update_fields is not None:
        return
    if not Registration.objects.filter(event_id=instance.pk).exists():
        return  # nobody to tell and nothing to re-key: most events, and every generated one
    live = EventPage.objects.filter(pk=instance.pk).select_related("venue").first()
    instance._registrations_live_before = (
        LiveVersion(live.status == EventStatus.CANCELLED, shown_dates(live)) if live else None
    )


def describe_change(before, after):
    """What a registrant of one date needs to know, as Dutch labels to the new values; {} when
    nothing of it changed. `after` is None when the date is no longer held. Date and place count
    as changed when what the e-mails and pages show of them changes (a start moved by a few
    seconds is no news)."""
    if after is None:
        return {"status": mails.DATE_DROPPED}
    change = {}
    if before.when != after.when:
        change["Wanneer"] = after.when
    if before.where != after.where:
        change["Waar"] = after.where or ("online" if after.online_url else "nog niet bekend")
    if before.online_url != after.online_url:
        change["Online link"] = after.online_url or "er is geen online link meer"
    return change


def event_published(sender, instance, revision=None, alias=False, **kwargs):
    if alias:  # an alias shows the event elsewhere; the registrations belong to the event itself
        return
    event = instance
    before = getattr(event, "_registrations_live_before", None)
    event._registrations_live_before = None
    with transaction.atomic():
        if before is not None:
            after = shown_dates(event)
            tell_registrants(event, before, after, key_extra=f":r{revision.pk}" if revision else "")
            rekey_registrations(event, after)
        # Each date of a series has its own places and waiting list.
        keys = Registration.objects.filter(event=event, status=Registration.Status.WAITING).values_list(
            "occurrence_key", flat=True
        )
        for key in sorted(set(keys)):
            places.fill_places(event, occurrence_key=key)


def tell_registrants(event, before, after, key_extra):
    """One e-mail to each person registered for a date (not over) that the publish changed."""
    now = timezone.now()
    cancelled = event.status == EventStatus.CANCELLED and not before.cancelled
    changes = {}  # occurrence key → (the date as shown now, what changed), once per date
    registered = Registration.objects.filter(event=event, anonymised_at__isnull=True).exclude(
        status=Registration.Status.CANCELLED
    )
    for registration in registered.order_by("created_at", "pk"):
        key = registration.occurrence_key
        if key not in changes:
            was, now_shown = before.dates.get(key), after.get(key, single_date_on(event, after, key))
            if was is None or (is_over(was, now) and (now_shown is None or is_over(now_shown, now))):
                changes[key] = None  # a date registrants were never shown, or one that is over
            else:
                change = {"status": EventStatus.CANCELLED.value} if cancelled else describe_change(was, now_shown)
                if now_shown is None:  # dropped: its page would be a 404, the event's page lists the others
                    dated = copy.copy(was.event)
                    dated.link_query = ""
                    now_shown = was._replace(event=dated)
                changes[key] = (now_shown.event, change) if change else None
        if changes[key] is not None:
            dated_event, change = changes[key]
            mails.event_changed(registration, dated_event, change, key_extra=key_extra)


def connect():
    pre_save.connect(remember_live_version, sender=EventPage, dispatch_uid="kalender_registrations_live_before")
    page_published.connect(event_published, sender=EventPage, dispatch_uid="kalender_registrations_published")
