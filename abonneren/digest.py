"""Building and sending the e-mail digest.

`manage.py send_digests` (daily, cron) enqueues one task per batch of subscribers whose digest
for the current period (week or month) is not made yet; the worker runs `send_digest_batch`.

- **Once per period**: a batch is one transaction (one commit for a few hundred subscribers:
  per-subscriber commits made 10,000 digests take many minutes on PostgreSQL); in it each
  subscriber's row is locked, a `DigestDelivery` of the period (unique) looked for, the mail
  queued in the outbox with a key and the delivery recorded. A crash before the commit leaves
  nothing of the batch (the next run does it; nothing was sent, since the outbox sends only what
  was committed); after it, the deliveries are there and the subscribers are skipped. So a run
  started again, or the same batch run twice, mails no one twice.
- **Never an item twice**: a digest covers what was published since the subscriber's watermark
  (`digest_since`) and leaves out the item keys of their earlier digests (a project's new fase
  has a new key).
- **Nothing new, nothing sent**: the period is still recorded (without a mail) and the watermark
  moves on.
- **One address failing stops no one**: the outbox sends each message on its own and retries it
  (som/mail.py); an error while building one subscriber's digest is logged (without the address),
  undone for that subscriber only, and that subscriber is tried again by the next run.
- **Bounded rate**: with DIGEST_RATE_PER_MINUTE, messages get a `send_after` spread over time, so
  the worker sends at most that many a minute.
- **Only live, public content**: the sources (`som.plugins.DigestSource`, declared by the apps)
  ask `.live().public()`.
"""

import datetime
import itertools
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from som import dates
from som.plugins import digest_sources

from . import mails
from .models import DigestDelivery, Rhythm, Subscriber

logger = logging.getLogger(__name__)

# Item keys of this many earlier digests are left out of the next (a year of weekly digests).
REMEMBERED_DIGESTS = 60


def period_key(rhythm, now=None):
    """The period a digest belongs to: one per ISO week ("2026-W48") or per month ("2026-11")."""
    day = timezone.localdate(now or timezone.now())
    if rhythm == Rhythm.MONTHLY:
        return f"{day:%Y-%m}"
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


class ItemCache:
    """The items of each source for one window, asked once for every subscriber who shares it
    (most share the window of the previous run)."""

    def __init__(self):
        self._items = {}

    def __call__(self, source, since, until):
        key = (source.kind, since, until)
        if key not in self._items:
            self._items[key] = source.items(since, until)
        return self._items[key]


def sections_for(kinds, werkingen, niveaus, since, until, sent=frozenset(), items=None):
    """The digest's sections ({"kind", "label", "items"}) for these choices (werking and niveau
    ids; empty: all) over [since, until), without the keys in `sent`; empty ones left out."""
    items = items or ItemCache()
    sections = []
    for source in digest_sources():
        if source.kind not in kinds:
            continue
        chosen = [
            item for item in items(source, since, until) if item.key not in sent and item.matches(werkingen, niveaus)
        ]
        if chosen:
            sections.append({"kind": source.kind, "label": source.label, "items": chosen})
    return sections


def _sent_keys(subscriber_ids):
    sent = {pk: set() for pk in subscriber_ids}
    deliveries = DigestDelivery.objects.filter(subscriber_id__in=subscriber_ids).order_by("-created_at")
    counted = dict.fromkeys(subscriber_ids, 0)
    for subscriber_id, keys in deliveries.values_list("subscriber_id", "items").iterator():
        if counted[subscriber_id] < REMEMBERED_DIGESTS:
            sent[subscriber_id].update(keys)
            counted[subscriber_id] += 1
    return sent


def send_to(subscriber, period, until, sent, items, send_after=None):
    """Make one subscriber's digest for `period`, once. Returns the delivery, or None when it
    was made before (or the subscriber left)."""
    with transaction.atomic():
        locked = (
            Subscriber.objects.select_for_update()
            .filter(pk=subscriber.pk, status=Subscriber.Status.CONFIRMED)
            .only("pk", "digest_since", "confirmed_at")
            .first()
        )
        if locked is None or DigestDelivery.objects.filter(subscriber=locked, period=period).exists():
            return None
        since = locked.digest_since or locked.confirmed_at or until
        werkingen = frozenset(w.pk for w in subscriber.werkingen.all())
        niveaus = frozenset(n.pk for n in subscriber.niveaus.all())
        sections = (
            sections_for(subscriber.kinds, werkingen, niveaus, since, until, sent, items) if since < until else []
        )
        mail = None
        if sections:
            mail = mails.digest(
                subscriber,
                sections,
                f"sinds {dates.long_date(since)}",
                key=f"abonneren:nieuwsbrief:{subscriber.pk}:{period}",
                send_after=send_after,
            )
        delivery = DigestDelivery.objects.create(
            subscriber=locked,
            period=period,
            since=since,
            until=until,
            items=[item.key for section in sections for item in section["items"]],
            mail=mail,
        )
        Subscriber.objects.filter(pk=locked.pk).update(
            digest_since=until, **({"last_digest_at": timezone.now()} if mail else {})
        )
        return delivery


@task()
def send_digest_batch(subscriber_ids, period, until, first_send_at=None):
    """Make the digests of a batch of subscribers; one failing does not stop the others."""
    until = datetime.datetime.fromisoformat(until)
    first_send_at = datetime.datetime.fromisoformat(first_send_at) if first_send_at else None
    rate = settings.DIGEST_RATE_PER_MINUTE
    subscribers = Subscriber.objects.filter(pk__in=subscriber_ids).prefetch_related("werkingen", "niveaus")
    sent = _sent_keys(subscriber_ids)
    items = ItemCache()
    made = failed = 0
    with transaction.atomic():
        for position, subscriber in enumerate(sorted(subscribers, key=lambda s: s.pk)):
            send_after = None
            if first_send_at is not None and rate > 0:
                send_after = first_send_at + datetime.timedelta(seconds=position * 60 / rate)
            # send_to's own atomic block is a savepoint here: an error undoes that subscriber only.
            try:
                if send_to(subscriber, period, until, sent[subscriber.pk], items, send_after) is not None:
                    made += 1
            except Exception:  # noqa: BLE001 - one subscriber's error must not stop the batch
                failed += 1
                logger.exception("Nieuwsbrief voor abonnee %s niet gemaakt (volgende run opnieuw)", subscriber.pk)
    return {"gemaakt": made, "mislukt": failed}


def _batched(iterable, size):
    """itertools.batched (Python 3.12) for Python 3.11."""
    iterator = iter(iterable)
    while batch := tuple(itertools.islice(iterator, size)):
        yield batch


def enqueue_digests(rhythms=None, now=None):
    """Queue the digest of every confirmed subscriber (of these rhythms) who has none for the
    current period yet, in batches; returns how many subscribers were queued."""
    now = now or timezone.now()
    size = max(settings.DIGEST_BATCH_SIZE, 1)
    rate = settings.DIGEST_RATE_PER_MINUTE
    queued = 0
    for rhythm in rhythms or Rhythm.values:
        period = period_key(rhythm, now)
        due = (
            Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED, rhythm=rhythm)
            .exclude(deliveries__period=period)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        for batch in _batched(due.iterator(), size):
            # Each batch's messages start where the previous batch's end: at most `rate` a minute.
            first = now + datetime.timedelta(seconds=queued * 60 / rate) if rate > 0 else None
            send_digest_batch.enqueue(list(batch), period, now.isoformat(), first.isoformat() if first else None)
            queued += len(batch)
    return queued
