from django.core.management.base import BaseCommand

from organisaties.linking import link_all


class Command(BaseCommand):
    help = (
        "Koppelt vrije tekst (organisatie op een profiel, naam van een projectpartner, locatie van een "
        "activiteit) aan de organisatie met dezelfde naam of een van haar andere namen."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Toon wat er zou veranderen, zonder iets te bewaren."
        )

    def handle(self, *args, dry_run=False, **options):
        report = link_all(dry_run=dry_run)
        prefix = "Zou koppelen" if dry_run else "Gekoppeld"
        for title, value, organisation, published in report.linked:
            how = "gepubliceerd" if published else "in het concept; zichtbaar zodra de redactie publiceert"
            self.stdout.write(f"{prefix}: {title}: “{value}” → {organisation} ({how})")
        for value, pages in sorted(report.ambiguous.items()):
            self.stdout.write(f"Meerdere organisaties voor “{value}” ({', '.join(pages)}): niet gekoppeld")
        for value, pages in sorted(report.unmatched.items()):
            self.stdout.write(f"Geen organisatie gevonden voor “{value}” ({', '.join(pages)})")
        total = len(report.linked)
        summary = f"{total} koppeling{'' if total == 1 else 'en'}"
        summary += " gevonden (niets bewaard: --dry-run)." if dry_run else " gemaakt."
        self.stdout.write(self.style.SUCCESS(summary))
