"""How long building and sending the digests takes, and the memory it uses (`make bench`):

    python manage.py bench_digests --subscribers 10000

Uses the generated subscribers (`generate_bulk_content --subscribers N`, made here when there
are fewer) and a realistic week: generated pages are all published at the moment they were
generated, so all but --items of them are moved back before the week (their first publication
only; the bench database's, never the site's own content). It forgets the subscribers' earlier
digests, then times the two halves as the worker runs them:
building (`send_digest_batch`, batch by batch, into the outbox) and sending (`som.mail.deliver`,
one SMTP connection per message, as in production) to a local SMTP server that only counts.
Only 127.0.0.1 is contacted; nothing leaves the machine.
"""

import datetime
import random
import resource
import socket
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.test.utils import override_settings
from django.utils import timezone
from wagtail.models import Page

from abonneren import bulk, digest
from abonneren.models import DigestDelivery, Subscriber
from som.bulk import PREFIX, BulkRun
from som.mail import OutgoingMail, deliver


class Sink:
    """An SMTP server that counts what arrives and keeps nothing."""

    def __init__(self):
        self.received = 0

    async def handle_DATA(self, server, session, envelope):
        self.received += 1
        return "250 OK"


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Command(BaseCommand):
    help = "Meet hoe lang het maken en versturen van de nieuwsbrieven duurt, en het geheugen (make bench)."

    def add_arguments(self, parser):
        parser.add_argument("--subscribers", type=int, default=10000)
        parser.add_argument("--items", type=int, default=20, help="Gegenereerde pagina's nieuw in de week.")

    def handle(self, *args, subscribers, **options):
        # aiosmtpd is a test dependency: imported here, only when measuring.
        from aiosmtpd.controller import Controller

        have = bulk.generated().count()
        if have < subscribers:
            self.stdout.write(f"{subscribers} abonnees genereren …")
            bulk.generate(BulkRun(random.Random(2026), self.stdout, 0), subscribers)
        people = bulk.generated().filter(status=Subscriber.Status.CONFIRMED)
        now = timezone.now()
        since = now - datetime.timedelta(days=7)
        rng = random.Random(2026)
        generated_pages = Page.objects.filter(slug__startswith=PREFIX, depth__gt=2)
        generated_pages.filter(first_published_at__gte=since).update(
            first_published_at=since - datetime.timedelta(days=30)
        )
        week = rng.sample(
            list(generated_pages.values_list("pk", flat=True)), min(options["items"], generated_pages.count())
        )
        for pk in week:
            Page.objects.filter(pk=pk).update(first_published_at=now - datetime.timedelta(hours=rng.randint(1, 160)))
        DigestDelivery.objects.filter(subscriber__in=people).delete()
        OutgoingMail.objects.filter(to__startswith=bulk.EMAIL.split("{")[0]).delete()
        people.update(digest_since=since)
        ids = list(people.order_by("pk").values_list("pk", flat=True)[:subscribers])

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        sink = Sink()
        controller = Controller(sink, hostname="127.0.0.1", port=port)
        controller.start()
        smtp = {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": port,
            "EMAIL_USE_TLS": False,
            "EMAIL_USE_SSL": False,
            # The worker's part is measured here, not the queue: enqueued tasks are only kept.
            "TASKS": {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}},
            "DIGEST_RATE_PER_MINUTE": 0,
        }
        try:
            with override_settings(**smtp):
                period = f"bench-{now:%Y%m%d%H%M%S}"
                started = time.monotonic()
                for start in range(0, len(ids), settings.DIGEST_BATCH_SIZE):
                    digest.send_digest_batch.call(
                        ids[start : start + settings.DIGEST_BATCH_SIZE], period, now.isoformat()
                    )
                built = time.monotonic() - started
                made = OutgoingMail.objects.filter(purpose="abonneren: nieuwsbrief", status=OutgoingMail.Status.WAITING)
                mail_ids = list(made.filter(to__startswith=bulk.EMAIL.split("{")[0]).values_list("pk", flat=True))
                started = time.monotonic()
                for mail_id in mail_ids:
                    deliver.call(mail_id)
                sent = time.monotonic() - started
        finally:
            controller.stop()
        self.stdout.write(
            f"Nieuwsbrieven: {len(ids)} abonnees, {len(mail_ids)} nieuwsbrieven gemaakt in {built:.1f} s "
            f"({len(ids) / max(built, 0.001):.0f} abonnees/s), verstuurd in {sent:.1f} s "
            f"({len(mail_ids) / max(sent, 0.001):.0f}/s; {sink.received} aangekomen), "
            f"piekgeheugen {peak_mb():.0f} MB"
        )
        # The measured digests are not kept: the next run starts from the same point.
        DigestDelivery.objects.filter(period=period).delete()
        OutgoingMail.objects.filter(pk__in=mail_ids).delete()
