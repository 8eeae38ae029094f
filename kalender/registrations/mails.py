"""The e-mails about a registration, queued in the outbox (som/mail.py) and sent by the worker.

Each has a key, so a message is made once however often the code that queues it runs (a
reminder command run twice, an event published twice with the same change).
"""

import hashlib

from django.conf import settings
from django.urls import reverse

from som import dates
from som.mail import queue_mail

from ..ics import calendar_bytes


def _site_url(path, request=None):
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def personal_url(registration, request=None):
    return _site_url(reverse("kalender_registration", kwargs={"token": registration.token}), request)


def _event_url(event, request=None):
    return request.build_absolute_uri(event.get_url(request)) if request is not None else event.get_full_url()


def _ics_attachment(event, request=None):
    from ..models import EventOccurrence  # the models import the registrations' models

    # The date this registration is for (EventOccurrence.as_event), or the event's one date.
    occurrence = getattr(event, "occurrence", None) or EventOccurrence(
        event=event, key="", start=event.start, end=event.end
    )
    body = calendar_bytes([occurrence], event.title, lambda e: _event_url(e, request))
    return {"filename": f"{event.slug}.ics", "content": body.decode(), "mimetype": "text/calendar"}


def _context(registration, event, request=None):
    return {
        "registration": registration,
        "event": event,
        "when": dates.date_range(event.start, event.end, event.all_day),
        "where": event.location_line,
        "event_url": _event_url(event, request) + getattr(event, "link_query", ""),
        "personal_url": personal_url(registration, request),
        "subject": "",
    }


def _queue(registration, event, *, kind, subject, template, request=None, key_extra="", with_ics=False):
    context = {**_context(registration, event, request), "subject": subject}
    return queue_mail(
        to=registration.email,
        subject=subject,
        template=f"inschrijvingen/{template}",
        context=context,
        purpose=kind,
        key=f"inschrijving:{kind}:{registration.pk}{key_extra}",
        attachments=[_ics_attachment(event, request)] if with_ics else [],
    )


def registered(registration, request=None):
    event = registration.dated_event()
    if registration.status == registration.Status.CONFIRMED:
        return _queue(
            registration,
            event,
            kind="bevestigd",
            subject=f"Je bent ingeschreven: {event.title}",
            template="bevestigd",
            request=request,
            with_ics=True,
        )
    return _queue(
        registration,
        event,
        kind="wachtlijst",
        subject=f"Je staat op de wachtlijst: {event.title}",
        template="wachtlijst",
        request=request,
    )


def promoted(registration, event, request=None):
    return _queue(
        registration,
        event,
        kind="doorgeschoven",
        subject=f"Er is een plaats vrij voor jou: {event.title}",
        template="doorgeschoven",
        request=request,
        with_ics=True,
    )


def cancelled(registration, event, by_staff=False, request=None):
    return _queue(
        registration,
        event,
        kind="geannuleerd",
        subject=f"Je inschrijving is geannuleerd: {event.title}",
        template="geannuleerd",
        request=request,
    )


def reminder(registration, event):
    return _queue(
        registration,
        event,
        kind="herinnering",
        subject=f"Tot binnenkort: {event.title}",
        template="herinnering",
        with_ics=True,
    )


# change["status"] when a series no longer holds the registrant's date (signals.describe_change).
DATE_DROPPED = "datum gaat niet door"


def event_changed(registration, event, change, key_extra=""):
    """The registrant's date, time or place changed, the event was cancelled or its series no
    longer holds their date: `change` describes what (a dict of Dutch labels to new values);
    the key includes it, so one change is one e-mail. `event` is the event as the registrant's
    date shows it (for a dropped date: as it was). `key_extra` (the published revision) tells
    a later change back to earlier values apart."""
    digest = hashlib.sha256(repr(sorted(change.items())).encode()).hexdigest()[:16]
    cancelled_event = change.get("status") == "geannuleerd"
    date_dropped = change.get("status") == DATE_DROPPED
    if cancelled_event:
        subject = f"Geannuleerd: {event.title}"
    elif date_dropped:
        subject = f"Gaat niet door: {event.title} op {dates.long_date(event.start, weekday=True)}"
    else:
        subject = f"Gewijzigd: {event.title}"
    context_change = {label: value for label, value in change.items() if label != "status"}
    mail = queue_mail(
        to=registration.email,
        subject=subject,
        template="inschrijvingen/activiteit_gewijzigd",
        context={
            **_context(registration, event),
            "subject": subject,
            "change": context_change,
            "event_cancelled": cancelled_event,
            "date_dropped": date_dropped,
        },
        purpose="activiteit gewijzigd",
        key=f"inschrijving:gewijzigd:{registration.pk}:{digest}{key_extra}",
        attachments=[] if cancelled_event or date_dropped else [_ics_attachment(event)],
    )
    return mail
