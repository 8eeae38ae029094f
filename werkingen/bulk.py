"""Generated projects for `generate_bulk_content --projects N` (som/bulk.py)."""

from som.bulk import MARK, PREFIX, TOPICS

from .models import ProjectPage, WerkingPage


def generate(run, count):
    werkingen = list(WerkingPage.objects.order_by("path"))
    if not (werkingen and run.fasen):
        raise SystemExit("Laad eerst de demo-inhoud: python manage.py load_demo_content")
    run.made["werkingen"] = werkingen
    if not count:
        run.made["projects"] = list(ProjectPage.objects.filter(slug__startswith=PREFIX))
        return
    per_werking = {w.pk: [] for w in werkingen}
    for i in range(count):
        topic = run.rng.choice(TOPICS)
        werking = werkingen[i % len(werkingen)]
        per_werking[werking.pk].append(
            ProjectPage(
                title=f"Labo {topic} {i + 1}{MARK}",
                slug=f"{PREFIX}project-{i + 1}",
                question=f"Hoe kunnen we {topic} in Leuven samen versterken?",
                intro=f"Een gegenereerd project over {topic}.",
                date=run.some_date(future_days=60),
                fase=run.rng.choice(run.fasen),
                image=run.rng.choice(run.images) if i % 3 == 0 else None,
            )
        )
    created = []
    for werking in werkingen:
        created += run.add_children(werking, per_werking[werking.pk], f"Projecten {werking.title}")
    run.bulk_m2m(ProjectPage.speerpunten.through, "projectpage_id", "speerpunt_id", created, run.speerpunten)
    run.bulk_m2m(ProjectPage.niveaus.through, "projectpage_id", "onderwijsniveau_id", created, run.niveaus)
    run.made["projects"] = created
