"""How long a subscription's personal data is kept (`manage.py purge_personal_data`, daily)."""

import datetime

from django.conf import settings
from django.utils import timezone

from som.mail import OutgoingMail

from .models import DigestDelivery, Subscriber

# Delivery records older than this are no longer needed to keep an item from coming twice (what
# they carried is long past every digest's window).
DELIVERY_RECORDS_KEPT = datetime.timedelta(days=400)


def drop_mail(subscriber, everything=False):
    """A digest still waiting in the outbox (spread over time) does not go out after someone
    left; with `everything`, the messages kept in the outbox for them go too."""
    messages = OutgoingMail.objects.filter(to__iexact=subscriber.email, purpose__startswith="abonneren")
    if not everything:
        messages = messages.filter(status=OutgoingMail.Status.WAITING)
    messages.delete()


def forget(subscriber):
    """Delete a subscriber at once (their own request, or staff removing them): the address,
    the choices, the delivery records and the e-mails kept for them."""
    drop_mail(subscriber, everything=True)
    subscriber.delete()


def purge(now=None):
    """Delete subscriptions never confirmed within SUBSCRIBE_CONFIRM_DAYS (the link has expired)
    and those unsubscribed more than SUBSCRIBE_UNSUBSCRIBED_RETENTION_DAYS ago, with their
    delivery records."""
    now = now or timezone.now()
    unconfirmed = Subscriber.objects.filter(
        status=Subscriber.Status.PENDING,
        confirm_sent_at__lt=now - datetime.timedelta(days=settings.SUBSCRIBE_CONFIRM_DAYS),
    )
    left = Subscriber.objects.filter(
        status=Subscriber.Status.UNSUBSCRIBED,
        unsubscribed_at__lt=now - datetime.timedelta(days=settings.SUBSCRIBE_UNSUBSCRIBED_RETENTION_DAYS),
    )
    # Count subscribers, not the rows that go with them (choices, deliveries).
    unconfirmed_count, left_count = unconfirmed.count(), left.count()
    unconfirmed.delete()
    left.delete()
    DigestDelivery.objects.filter(created_at__lt=now - DELIVERY_RECORDS_KEPT).delete()
    return f"{unconfirmed_count} onbevestigde en {left_count} uitgeschreven abonnee(s) gewist"
