import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Maakt een beheerder 'admin' aan als er nog geen is. Het wachtwoord komt uit "
        "DJANGO_SUPERUSER_PASSWORD, of wordt gegenereerd en één keer getoond."
    )

    def handle(self, *args, **options):
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            return
        username = os.environ.get("DJANGO_SUPERUSER_USERNAME", "admin")
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD")
        generated = not password
        if generated:
            password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username, os.environ.get("DJANGO_SUPERUSER_EMAIL", "admin@example.org"), password)
        self.stdout.write(self.style.SUCCESS(f"Beheerder aangemaakt: gebruikersnaam '{username}'."))
        if generated:
            self.stdout.write(self.style.WARNING(f"Wachtwoord (wordt maar één keer getoond, noteer het): {password}"))
