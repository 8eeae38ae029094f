"""manage.py send_event_reminders: the reminder before an event, once per registration."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from kalender.models import EventOccurrence, EventPage, EventStatus
from kalender.registrations import mails
from kalender.registrations.models import Registration


def send_reminders(now=None):
    """Queue a reminder for every confirmed registration of a live, not cancelled event whose
    date (of a series: the date registered for) starts within REGISTRATION_REMINDER_HOURS and
    has none yet; returns how many. The row lock
    and `reminded_at` make two runs at once send one reminder, and the outbox key makes it one
    e-mail even if the mark were lost."""
    now = now or timezone.now()
    soon = now + datetime.timedelta(hours=settings.REGISTRATION_REMINDER_HOURS)
    live = EventPage.objects.live().exclude(status=EventStatus.CANCELLED)
    occurrences = EventOccurrence.objects.filter(event__in=live.values("pk"), start__gt=now, start__lte=soon)
    queued = 0
    for occurrence in occurrences.select_related("event").order_by("start", "pk"):
        event = occurrence.as_event()  # the reminder names this date's time and place
        with transaction.atomic():
            due = Registration.objects.select_for_update().filter(
                event=event,
                occurrence_key=occurrence.key,
                status=Registration.Status.CONFIRMED,
                reminded_at__isnull=True,
                anonymised_at__isnull=True,
            )
            for registration in due.order_by("created_at", "pk"):
                mails.reminder(registration, event)
                registration.reminded_at = now
                registration.save(update_fields=["reminded_at"])
                queued += 1
    return queued


class Command(BaseCommand):
    help = (
        "Stuurt een herinnering naar wie bevestigd ingeschreven is voor een activiteit die binnen "
        "REGISTRATION_REMINDER_HOURS begint, één keer per inschrijving. Draai om de paar minuten, naast publish_scheduled."
    )

    def handle(self, *args, **options):
        count = send_reminders()
        self.stdout.write(f"{count} herinnering(en) klaargezet.")
