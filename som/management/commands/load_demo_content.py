from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Page

from som import demo
from som.plugins import plugins


class Command(BaseCommand):
    help = "Bouwt de demo-inhoud van de SOM-site op (veilig om meermaals uit te voeren)."

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true", help="Verwijder eerst alle pagina's en begin opnieuw.")
        parser.add_argument("--hostname", default="localhost")
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args, reset=False, hostname="localhost", port=8000, **options):
        # The apps' demo content (som.plugins: Plugin.demo), in the order of INSTALLED_APPS: an
        # app's content may use what the apps before it made.
        loaders = [installed.plugin.demo for installed in plugins() if installed.plugin.demo]
        with transaction.atomic():
            if reset:
                for page in Page.get_first_root_node().get_children():
                    page.delete()
                for loader in reversed(loaders):
                    if loader.reset:
                        loader.reset()
            home = demo.load_core(port=port, hostname=hostname)
            for loader in loaders:
                loader.load(home)
        self.stdout.write(self.style.SUCCESS(f"Demo-inhoud klaar: {Page.objects.count()} pagina's."))
