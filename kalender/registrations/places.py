"""Who gets a place: the one place that decides it.

Every change to an event's registrations (a new one, a cancellation, a promotion from the
waiting list, an editor's change of the number of places) happens in a transaction that first
locks the event's row (`SELECT … FOR UPDATE` on PostgreSQL; SQLite takes its write lock at the
start of the transaction, `transaction_mode: IMMEDIATE`). So the count of confirmed places and
the insert that follows it cannot interleave with another request's, on one app server or many:
100 people registering at once for 30 places end as exactly 30 confirmed and 70 waiting. The
database's unique constraint (one active registration per address and event) backs up the
double-registration check.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from ..models import EventOccurrence, EventPage, EventStatus
from . import mails
from .models import Registration, new_token


class RegistrationRefused(Exception):
    """A registration that cannot be taken; `message` says why, in Dutch."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code, self.message = code, message


@dataclass(frozen=True)
class Availability:
    """What a visitor can do now, for the event page and the form."""

    code: str  # geen | extern | open | wachtlijst | volzet | gesloten | voorbij | geannuleerd
    text: str  # Dutch, for the event page; empty when there is nothing to say
    places_left: int | None = None  # None: unlimited (or no registration on the site)

    @property
    def accepts(self):
        """Whether the site takes a registration now (a place or the waiting list)."""
        return self.code in ("open", "wachtlijst")


def counts(event, occurrence_key=None):
    """(confirmed, waiting) for an event, in one query: for one date of a series when
    `occurrence_key` is given (places are counted per date), else for all its dates."""
    registrations = Registration.objects.filter(event=event)
    if occurrence_key is not None:
        registrations = registrations.filter(occurrence_key=occurrence_key)
    totals = registrations.aggregate(
        confirmed=Count("pk", filter=Q(status=Registration.Status.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=Registration.Status.WAITING)),
    )
    return totals["confirmed"], totals["waiting"]


def with_counts(events):
    """Events (or pages) annotated with `confirmed_count` and `waiting_count`, one subquery each:
    for the dashboard and the admin listings, which show them for many events without a query
    per event."""

    def count(status):
        per_event = (
            Registration.objects.filter(event=OuterRef("pk"), status=status)
            .order_by()
            .values("event")
            .annotate(total=Count("pk"))
            .values("total")
        )
        return Coalesce(Subquery(per_event, output_field=IntegerField()), 0)

    return events.annotate(
        confirmed_count=count(Registration.Status.CONFIRMED), waiting_count=count(Registration.Status.WAITING)
    )


def places_phrase(places_left):
    return "nog 1 plaats" if places_left == 1 else f"nog {places_left} plaatsen"


def availability(event, now=None, confirmed=None, by_staff=False, occurrence_key=""):
    """What the event offers now, for the date `occurrence_key` of a series (whose start and end
    the caller has put on `event`: EventOccurrence.as_event). `confirmed` (the number of
    confirmed places of that date) is read when not given. Staff may still add someone after
    the deadline (a phone call), never beyond the places."""
    now = now or timezone.now()
    if event.status == EventStatus.CANCELLED:
        return Availability("geannuleerd", "Deze activiteit is geannuleerd.")
    if event.end is not None and event.end < now:
        return Availability("voorbij", "Deze activiteit is voorbij.")
    if not event.registration_on_site:
        if event.status == EventStatus.FULL:
            return Availability("volzet", "Deze activiteit is volzet.")
        if event.registration_url:
            return Availability("extern", "Inschrijven kan via de link hieronder.")
        return Availability("geen", "")
    if event.registration_closes and event.registration_closes < now and not by_staff:
        return Availability("gesloten", "De inschrijvingen zijn gesloten.")
    if event.capacity is None:
        return Availability("open", "Inschrijven kan nog.")
    if confirmed is None:
        confirmed, _waiting = counts(event, occurrence_key)
    left = max(event.capacity - confirmed, 0)
    if left:
        return Availability("open", f"Inschrijven kan nog: {places_phrase(left)}.", left)
    if event.waitlist:
        return Availability("wachtlijst", "Volzet — schrijf je in op de wachtlijst.", 0)
    return Availability("volzet", "Deze activiteit is volzet.", 0)


def _locked_event(event_id, occurrence_key=""):
    """The event, locked, as the date `occurrence_key` shows it (its start and end).
    Only the event's own row is locked: editors can still edit the page (wagtailcore_page)."""
    event = EventPage.objects.select_for_update(of=("self",)).get(pk=event_id)
    if occurrence_key:
        occurrence = EventOccurrence.objects.filter(event=event, key=occurrence_key).first()
        if occurrence is None:
            raise RegistrationRefused("datum", NO_SUCH_DATE)
        occurrence.event = event
        occurrence.as_event()
    return event


NO_SUCH_DATE = "Op die datum vindt deze activiteit niet (meer) plaats."


def register(
    event_id,
    *,
    first_name,
    family_name,
    email,
    organisation="",
    role="",
    niveau=None,
    answers=None,
    by_staff=False,
    request=None,
    occurrence_key="",
):
    """A place or a place on the waiting list for one date (`occurrence_key`, empty for a
    single-date event), decided under the event's lock; raises RegistrationRefused. Queues the
    confirmation e-mail (sent when the transaction commits)."""
    email = email.strip()
    try:
        with transaction.atomic():
            event = _locked_event(event_id, occurrence_key)
            confirmed, waiting = counts(event, occurrence_key)
            if waiting and event.capacity is not None and confirmed < event.capacity:
                # Places are free while people wait: an editor's publish that added places has
                # committed and is about to promote them (Wagtail's publish is no transaction).
                # The waiting list goes first, so nobody who comes later passes them.
                confirmed += len(fill_places(event, request=request, locked=True, occurrence_key=occurrence_key))
            offer = availability(event, confirmed=confirmed, by_staff=by_staff, occurrence_key=occurrence_key)
            if not offer.accepts:
                raise RegistrationRefused(
                    offer.code, offer.text or "Inschrijven op deze website kan niet voor deze activiteit."
                )
            if (
                Registration.objects.filter(event=event, occurrence_key=occurrence_key, email__iexact=email)
                .exclude(status=Registration.Status.CANCELLED)
                .exists()
            ):
                raise RegistrationRefused("dubbel", DOUBLE_REGISTRATION)
            now = timezone.now()
            confirmed = offer.code == "open"
            registration = Registration.objects.create(
                event=event,
                occurrence_key=occurrence_key,
                status=Registration.Status.CONFIRMED if confirmed else Registration.Status.WAITING,
                first_name=first_name.strip(),
                family_name=family_name.strip(),
                email=email,
                organisation=organisation.strip(),
                role=role,
                niveau=niveau,
                answers=answers or {},
                consent_at=now,
                confirmed_at=now if confirmed else None,
                by_staff=by_staff,
            )
            mails.registered(registration, request)
    except IntegrityError as error:  # the same address at the same moment: the constraint decides
        raise RegistrationRefused("dubbel", DOUBLE_REGISTRATION) from error
    return registration


DOUBLE_REGISTRATION = (
    "Met dit e-mailadres is al iemand ingeschreven voor deze activiteit. Je vindt de link naar je "
    "inschrijving in de bevestigingsmail die we toen stuurden (kijk ook bij je ongewenste e-mail)."
)


def cancel(registration_id, *, by_staff=False, request=None):
    """Cancel a registration; a freed place goes to the first on the waiting list at once."""
    with transaction.atomic():
        registration = Registration.objects.select_related("event").get(pk=registration_id)
        date_left = False
        try:
            event = _locked_event(registration.event_id, registration.occurrence_key)
        except RegistrationRefused:  # the date left the series: nobody moves up for it
            event, date_left = _locked_event(registration.event_id), True
        registration = Registration.objects.select_for_update().get(pk=registration_id)
        if registration.status == Registration.Status.CANCELLED:
            return registration
        registration.status, registration.cancelled_at = Registration.Status.CANCELLED, timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        mails.cancelled(registration, event, by_staff, request)
        if not date_left:
            fill_places(event, request=request, locked=True, occurrence_key=registration.occurrence_key)
    return registration


def fill_places(event, request=None, locked=False, occurrence_key=""):
    """Give free places of one date to its waiting list, first come first served (after a
    cancellation, or when an editor adds places). Returns the promoted registrations."""
    with transaction.atomic():
        if not locked:
            try:
                event = _locked_event(event.pk, occurrence_key)
            except RegistrationRefused:
                return []
        if event.status == EventStatus.CANCELLED or (event.end is not None and event.end < timezone.now()):
            return []  # no "a place is free for you" for an event that is cancelled or over
        if event.capacity is None:
            free = None
        else:
            confirmed, _waiting = counts(event, occurrence_key)
            free = event.capacity - confirmed
            if free <= 0:
                return []
        waiting = Registration.objects.select_for_update().filter(
            event=event, occurrence_key=occurrence_key, status=Registration.Status.WAITING
        )
        promoted = list(
            waiting.order_by("created_at", "pk")[:free] if free is not None else waiting.order_by("created_at", "pk")
        )
        now = timezone.now()
        for registration in promoted:
            registration.status, registration.confirmed_at = Registration.Status.CONFIRMED, now
            registration.save(update_fields=["status", "confirmed_at"])
            mails.promoted(registration, event, request)
        return promoted


def anonymise(registrations):
    """Erase the personal data of these registrations, keeping their status (the counts of an
    event stay right); the personal link stops working. Returns how many."""
    erased = 0
    for registration in registrations.filter(anonymised_at__isnull=True):
        registration.first_name = registration.family_name = registration.organisation = registration.role = ""
        registration.email = f"gewist-{registration.pk}@example.invalid"
        registration.niveau, registration.answers = None, {}
        registration.token = new_token()
        registration.anonymised_at = timezone.now()
        registration.save()
        erased += 1
    return erased


def purge_expired(now=None):
    """Erase the personal data of registrations for events that ended more than
    REGISTRATION_RETENTION_MONTHS ago (`manage.py purge_personal_data`)."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=30 * settings.REGISTRATION_RETENTION_MONTHS)
    # A single-date event counts by its end; a date of a series also by its own (a series'
    # first date is the event's start and end).
    date_not_over = EventOccurrence.objects.filter(
        event=OuterRef("event"), key=OuterRef("occurrence_key"), end__gte=cutoff
    )
    over = Q(event__end__lt=cutoff) & (Q(occurrence_key="") | ~Exists(date_not_over))
    erased = anonymise(Registration.objects.filter(over))
    return f"persoonsgegevens van {erased} inschrijving(en) gewist"
