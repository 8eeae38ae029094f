from django.core.management.base import BaseCommand

from som.mail import queue_mail


class Command(BaseCommand):
    help = "Zet een proefbericht klaar voor dit adres (de worker verstuurt het): om de e-mailinstellingen te testen."

    def add_arguments(self, parser):
        parser.add_argument("address")

    def handle(self, *args, address, **options):
        mail = queue_mail(
            to=address,
            subject="Proefbericht van de website",
            template="test_message",
            context={"name": address.split("@")[0]},
            purpose="Proefbericht",
        )
        self.stdout.write(self.style.SUCCESS(f"Proefbericht {mail.pk} klaargezet voor {address}."))
