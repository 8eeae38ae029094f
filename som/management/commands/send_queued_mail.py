from django.core.management.base import BaseCommand

from som.mail import send_waiting


class Command(BaseCommand):
    help = (
        "Zet de e-mails die nog wachten (en waarvan het tijdstip gekomen is) opnieuw klaar voor de worker. "
        "Draai om de paar minuten, naast publish_scheduled."
    )

    def handle(self, *args, **options):
        count = send_waiting()
        self.stdout.write(f"{count} wachtende e-mail(s) klaargezet.")
