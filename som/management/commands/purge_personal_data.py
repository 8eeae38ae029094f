from django.core.management.base import BaseCommand

from som.mail import purge_old_mail
from som.plugins import plugins


class Command(BaseCommand):
    help = (
        "Verwijdert persoonsgegevens waarvan de bewaartermijn voorbij is: verstuurde e-mails en wat de apps "
        "bewaren (inschrijvingen, formulieren, abonnees). Draai dagelijks."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"E-mails: {purge_old_mail()} verwijderd.")
        for installed in plugins():
            for purge in installed.plugin.personal_data_purges:
                self.stdout.write(f"{installed.app_label}: {purge()}")
