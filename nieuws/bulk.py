"""Generated news for `generate_bulk_content --news N` (som/bulk.py)."""

from som.bulk import MARK, PREFIX, TOPICS, ids

from .models import NewsPage, NieuwsIndexPage


def generate(run, count):
    if not count:
        return
    index = NieuwsIndexPage.objects.get()
    werkingen = ids(run.made.get("werkingen", []))
    projects = run.made.get("projects", [])[:200]

    def news():
        for i in range(count):
            yield NewsPage(
                title=f"Nieuws over {run.rng.choice(TOPICS)} {i + 1}{MARK}",
                slug=f"{PREFIX}nieuws-{i + 1}",
                date=run.some_date(past_days=1800, future_days=0),
                intro="Een gegenereerd nieuwsbericht.",
                image=run.rng.choice(run.images) if i % 2 == 0 else None,
            )

    def link(chunk):
        run.bulk_m2m(NewsPage.werkingen.through, "newspage_id", "werkingpage_id", chunk, werkingen)
        run.bulk_m2m(NewsPage.projects.through, "newspage_id", "projectpage_id", chunk, projects)

    run.add_children(index, news(), "Nieuws", count, link)
