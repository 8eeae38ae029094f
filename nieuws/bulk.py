"""Generated news for `generate_bulk_content --news N` (som/bulk.py)."""

from som.bulk import MARK, PREFIX, TOPICS

from .models import NewsPage, NieuwsIndexPage


def generate(run, count):
    if not count:
        return
    index = NieuwsIndexPage.objects.get()
    pages = [
        NewsPage(
            title=f"Nieuws over {run.rng.choice(TOPICS)} {i + 1}{MARK}",
            slug=f"{PREFIX}nieuws-{i + 1}",
            date=run.some_date(past_days=1800, future_days=0),
            intro="Een gegenereerd nieuwsbericht.",
            image=run.rng.choice(run.images) if i % 2 == 0 else None,
        )
        for i in range(count)
    ]
    created = run.add_children(index, pages, "Nieuws")
    run.bulk_m2m(NewsPage.werkingen.through, "newspage_id", "werkingpage_id", created, run.made.get("werkingen", []))
    projects = run.made.get("projects", [])
    if projects:
        run.bulk_m2m(NewsPage.projects.through, "newspage_id", "projectpage_id", created, projects[:200])
