"""Generated projects for `generate_bulk_content --projects N` (som/bulk.py)."""

from som.bulk import MARK, PREFIX, TOPICS, ids

from .models import ProjectPage, WerkingPage


def generate(run, count):
    werkingen = list(WerkingPage.objects.order_by("path"))
    if not (werkingen and run.fasen):
        raise SystemExit("Laad eerst de demo-inhoud: python manage.py load_demo_content")
    run.made["werkingen"] = werkingen
    if not count:
        run.made["projects"] = list(ProjectPage.objects.filter(slug__startswith=PREFIX).values_list("pk", flat=True))
        return
    speerpunten, niveaus = ids(run.speerpunten), ids(run.niveaus)

    def projects(first):  # the numbers first, first + 5, … : spread over the werkingen in turn
        for i in range(first, count, len(werkingen)):
            topic = run.rng.choice(TOPICS)
            yield ProjectPage(
                title=f"Labo {topic} {i + 1}{MARK}",
                slug=f"{PREFIX}project-{i + 1}",
                question=f"Hoe kunnen we {topic} in Leuven samen versterken?",
                intro=f"Een gegenereerd project over {topic}.",
                date=run.some_date(future_days=60),
                fase=run.rng.choice(run.fasen),
                image=run.rng.choice(run.images) if i % 3 == 0 else None,
            )

    def link(chunk):
        run.bulk_m2m(ProjectPage.speerpunten.through, "projectpage_id", "speerpunt_id", chunk, speerpunten)
        run.bulk_m2m(ProjectPage.niveaus.through, "projectpage_id", "onderwijsniveau_id", chunk, niveaus)

    run.made["projects"] = []
    for first, werking in enumerate(werkingen):
        total = len(range(first, count, len(werkingen)))
        run.made["projects"] += run.add_children(werking, projects(first), f"Projecten {werking.title}", total, link)
