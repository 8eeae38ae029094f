from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Page

from som import demo

# The apps that add content, in the order their pages depend on each other.
DEMO_APPS = ["werkingen", "kalender", "onderwijsmakers", "nieuws"]


class Command(BaseCommand):
    help = "Bouwt de demo-inhoud van de SOM-site op (veilig om meermaals uit te voeren)."

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true", help="Verwijder eerst alle pagina's en begin opnieuw.")
        parser.add_argument("--hostname", default="localhost")
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args, reset=False, hostname="localhost", port=8000, **options):
        with transaction.atomic():
            if reset:
                for page in Page.get_first_root_node().get_children():
                    page.delete()
                for app in reversed(DEMO_APPS):
                    module = import_module(f"{app}.demo")
                    if hasattr(module, "reset"):
                        module.reset()
            home = demo.load_core(port=port, hostname=hostname)
            for app in DEMO_APPS:
                import_module(f"{app}.demo").load(home)
        self.stdout.write(self.style.SUCCESS(f"Demo-inhoud klaar: {Page.objects.count()} pagina's."))
