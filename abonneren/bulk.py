"""Generated subscribers for `generate_bulk_content --subscribers N` (som/bulk.py): confirmed,
with choices spread like a real list's, at gen-abonnee-<n>@example.org (marked like the rest of
what is generated; a new run replaces the previous generated subscribers)."""

import datetime

from django.db import transaction
from django.utils import timezone

from som.bulk import PREFIX, Progress, ids
from werkingen.models import WerkingPage

from .models import Kind, Rhythm, Subscriber

EMAIL = f"{PREFIX}abonnee-{{n}}@example.org"
CHUNK = 2000


def generated():
    return Subscriber.objects.filter(email__startswith=f"{PREFIX}abonnee-", email__endswith="@example.org")


def generate(run, count):
    if not count:
        return
    generated().delete()
    werkingen = list(WerkingPage.objects.live().public().values_list("pk", flat=True))
    niveaus = ids(run.niveaus)
    now = timezone.now()
    # What was published in the last week is new to them: the bench has digests to make.
    since = now - datetime.timedelta(days=7)
    progress = Progress("Abonnees", count, run.out)
    for start in range(0, count, CHUNK):
        with transaction.atomic():
            subscribers = Subscriber.objects.bulk_create(
                [
                    Subscriber(
                        email=EMAIL.format(n=n + 1),
                        kinds=run.rng.sample(Kind.values, run.rng.randint(1, len(Kind.values))),
                        rhythm=Rhythm.WEEKLY if run.rng.random() < 0.7 else Rhythm.MONTHLY,
                        status=Subscriber.Status.CONFIRMED,
                        confirmed_at=since,
                        digest_since=since,
                    )
                    for n in range(start, min(start + CHUNK, count))
                ]
            )
            run.bulk_m2m(Subscriber.werkingen.through, "subscriber_id", "werkingpage_id", subscribers, werkingen)
            run.bulk_m2m(Subscriber.niveaus.through, "subscriber_id", "onderwijsniveau_id", subscribers, niveaus)
        progress.step(len(subscribers))
