from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from som.two_factor import policy


class Command(BaseCommand):
    help = (
        "Wist de tweestapsverificatie (app en herstelcodes) van een gebruiker, bv. de laatste beheerder "
        "die zijn telefoon en herstelcodes kwijt is. Bij de volgende aanmelding stelt die ze opnieuw in."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist as error:
            raise CommandError(f"Geen gebruiker {username!r}.") from error
        policy.remove(user)
        self.stdout.write(f"De tweestapsverificatie van {username} is gewist.")
