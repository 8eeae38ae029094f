"""What publishing an event does to its registrations (connected in kalender/apps.py).

- **More places**: an editor who raises the number of places (or empties it: unlimited) and
  publishes moves the waiting list up at once, first come first served, under the event's lock
  (places.fill_places); each person promoted gets an e-mail.
- **Changed or cancelled**: when the published version moves the date or time (start, end, hele
  dag), the place (locatie, adres, online link) or cancels the event, everyone registered —
  confirmed and waiting — gets one e-mail saying what changed (mails.event_changed). Its key
  holds the registration, the change and the revision, so running this twice for one publish
  sends one e-mail, and a later change back and forth is told again.

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

from django.db import transaction
from django.db.models.signals import pre_save
from wagtail.signals import page_published

from som import dates

from ..models import EventPage, EventStatus
from . import mails, places
from .models import Registration

# The fields whose change registrants are told about.
WATCHED = ("start", "end", "all_day", "location_name", "location_address", "online_url", "status")


def remember_live_version(sender, instance, raw=False, update_fields=None, **kwargs):
    """Before a full save of an existing event (publishing), keep what its row held."""
    if raw or instance.pk is None or update_fields is not None:
        return
    instance._registrations_live_before = EventPage.objects.filter(pk=instance.pk).values(*WATCHED).first()


def _when(values):
    return dates.date_range(values["start"], values["end"], values["all_day"])


def _where(values):
    return ", ".join(part for part in (values["location_name"], values["location_address"]) if part)


def describe_change(before, event):
    """What a registrant needs to know, as Dutch labels to the new values; {} when nothing of
    it changed. Date and place count as changed when what the e-mails and pages show of them
    changes (a start moved by a few seconds is no news). "status": "geannuleerd" when the
    event was cancelled."""
    if not before:
        return {}
    after = {field: getattr(event, field) for field in WATCHED}
    change = {}
    if _when(before) != _when(after):
        change["Wanneer"] = _when(after)
    if _where(before) != _where(after):
        change["Waar"] = _where(after) or ("online" if after["online_url"] else "nog niet bekend")
    if before["online_url"] != after["online_url"]:
        change["Online link"] = after["online_url"] or "er is geen online link meer"
    if after["status"] == EventStatus.CANCELLED and before["status"] != EventStatus.CANCELLED:
        change["status"] = EventStatus.CANCELLED.value
    return change


def event_published(sender, instance, revision=None, alias=False, **kwargs):
    if alias:  # an alias shows the event elsewhere; the registrations belong to the event itself
        return
    event = instance
    change = describe_change(getattr(event, "_registrations_live_before", None), event)
    event._registrations_live_before = None
    with transaction.atomic():
        if change:
            registered = Registration.objects.filter(event=event, anonymised_at__isnull=True).exclude(
                status=Registration.Status.CANCELLED
            )
            for registration in registered.order_by("created_at", "pk"):
                mails.event_changed(registration, event, change, key_extra=f":r{revision.pk}" if revision else "")
        # Each date of a series has its own places and waiting list.
        keys = Registration.objects.filter(event=event, status=Registration.Status.WAITING).values_list(
            "occurrence_key", flat=True
        )
        for key in sorted(set(keys)):
            places.fill_places(event, occurrence_key=key)


def connect():
    pre_save.connect(remember_live_version, sender=EventPage, dispatch_uid="kalender_registrations_live_before")
    page_published.connect(event_published, sender=EventPage, dispatch_uid="kalender_registrations_published")
