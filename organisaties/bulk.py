"""Generated organisations for `generate_bulk_content --organisations N` (som/bulk.py): schools
of every soort, net and niveau, most with a place in and around Leuven."""

from som.bulk import MARK, PREFIX, ids

from .models import OrganisatiesIndexPage, OrganisatieSoort, OrganisationPage

KINDS = ["Basisschool", "Secundaire school", "Academie", "CLB", "Centrum voor volwassenenonderwijs"]
NAMES = ["De Linde", "Sint-Jozef", "Het Park", "De Regenboog", "Atheneum", "De Wilg", "Ter Bron", "Het Spoor"]
STREETS = ["Naamsestraat", "Tiensestraat", "Diestsestraat", "Brusselsestraat", "Tervuursesteenweg", "Kapucijnenvoer"]
# Leuven and its boroughs, roughly: a marker for most generated organisations.
LATITUDES, LONGITUDES = (50.855, 50.905), (4.665, 4.745)


def generate(run, count):
    if not count:  # nothing asked: no directory needed (generate_bulk_content --subscribers N)
        return
    directory = OrganisatiesIndexPage.objects.first()
    if directory is None:
        raise SystemExit("Laad eerst de demo-inhoud: python manage.py load_demo_content")
    soorten = list(OrganisatieSoort.objects.all())
    niveaus = ids(run.niveaus)

    def organisations():
        for i in range(count):
            located = i % 5 != 0
            yield OrganisationPage(
                title=f"{run.rng.choice(KINDS)} {run.rng.choice(NAMES)} {i + 1}{MARK}",
                slug=f"{PREFIX}organisatie-{i + 1}",
                intro="Een gegenereerde organisatie.",
                soort=run.rng.choice(soorten) if soorten else None,
                net=run.rng.choice(run.netten) if run.netten else None,
                street_address=f"{run.rng.choice(STREETS)} {run.rng.randint(1, 250)}",
                postal_code="3000",
                city="Leuven",
                latitude=round(run.rng.uniform(*LATITUDES), 6) if located else None,
                longitude=round(run.rng.uniform(*LONGITUDES), 6) if located else None,
            )

    def link(chunk):
        run.bulk_m2m(OrganisationPage.niveaus.through, "organisationpage_id", "onderwijsniveau_id", chunk, niveaus)

    run.add_children(directory, organisations(), "Organisaties", count, link)
