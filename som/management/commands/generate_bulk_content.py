"""Generated content at the size of a large network, to measure the site:

    python manage.py generate_bulk_content --projects 2000 --events 5000 --people 1000 --news 2000
    python manage.py generate_bulk_content --delete

Each app generates its own kind (som.plugins: Plugin.bulk_content, in `<app>/bulk.py`); what is
generated is marked and `--delete` removes exactly that (som/bulk.py).
"""

import random
import resource
import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from som.bulk import BulkRun, delete_generated
from som.page_cache import bump_content_version
from som.plugins import plugins


def _generators():
    return [bulk for installed in plugins() for bulk in installed.plugin.bulk_content]


class Command(BaseCommand):
    help = "Maakt gegenereerde inhoud om de site op schaal te meten (of verwijdert ze met --delete)."

    def add_arguments(self, parser):
        for bulk in _generators():
            parser.add_argument(f"--{bulk.option}", type=int, default=0, help=bulk.help)
        parser.add_argument("--images", type=int, default=12)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--delete", action="store_true", help="Verwijder alle gegenereerde inhoud.")

    def handle(self, *args, **options):
        if options["delete"]:
            pages, images = delete_generated(self.stdout)
            bump_content_version()
            self.stdout.write(self.style.SUCCESS(f"{pages} gegenereerde pagina's en {images} afbeeldingen verwijderd."))
            return
        out = sys.stdout if options.get("verbosity", 1) else open("/dev/null", "w")  # noqa: SIM115
        run = BulkRun(random.Random(options["seed"]), out, options["images"])
        started = time.monotonic()
        # The search index is rebuilt once at the end, not page by page.
        backends = {name: {**conf, "AUTO_UPDATE": False} for name, conf in settings.WAGTAILSEARCH_BACKENDS.items()}
        with override_settings(WAGTAILSEARCH_BACKENDS=backends):
            for bulk in _generators():
                bulk.generate(run, options[bulk.option.replace("-", "_")])
        if any(options[bulk.option.replace("-", "_")] for bulk in _generators()):
            out.write("Zoekindex bijwerken …\n")
            call_command("update_index", verbosity=0)
        # Pages written in bulk send no save signals: cached pages must still not outlive them.
        bump_content_version()
        # The peak memory of this process (Linux reports KB): flat, whatever the numbers asked.
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self.stdout.write(
            self.style.SUCCESS(f"Klaar in {time.monotonic() - started:.0f} s, geheugen ten hoogste {peak_mb:.0f} MB.")
        )
