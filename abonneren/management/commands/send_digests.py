"""Queue the e-mail digests that are due (cron, daily: see docs/operations.md)."""

from django.core.management.base import BaseCommand

from abonneren.digest import enqueue_digests
from abonneren.models import Rhythm

RHYTHMS = {"weekly": Rhythm.WEEKLY, "monthly": Rhythm.MONTHLY}


class Command(BaseCommand):
    help = (
        "Zet de nieuwsbrieven klaar van wie er deze week (wekelijks) of deze maand (maandelijks) nog "
        "geen kreeg; de worker verstuurt ze. Opnieuw draaien stuurt niemand iets twee keer."
    )

    def add_arguments(self, parser):
        parser.add_argument("--rhythm", choices=sorted(RHYTHMS), help="Alleen dit ritme (standaard: beide).")

    def handle(self, *args, rhythm=None, **options):
        queued = enqueue_digests([RHYTHMS[rhythm]] if rhythm else None)
        self.stdout.write(f"{queued} abonnee(s) klaargezet voor hun nieuwsbrief.")
