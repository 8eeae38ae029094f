"""Generated events for `generate_bulk_content --events N` (som/bulk.py)."""

import datetime

from django.utils import timezone

from som.bulk import MARK, PREFIX, SCHOOLS, TOPICS, ids

from . import recurrence
from .models import EventOccurrence, EventPage, EventSoort, KalenderPage


def generate(run, count):
    if not count:
        return
    calendar = KalenderPage.objects.get()
    soorten = list(EventSoort.objects.all())
    werkingen, project_ids = run.made.get("werkingen", []), run.made.get("projects", [])
    niveaus, speerpunten = ids(run.niveaus), ids(run.speerpunten)

    def events():
        for i in range(count):
            day = run.some_date(past_days=900, future_days=365)
            start = datetime.datetime.combine(
                day, datetime.time(run.rng.choice([9, 13, 16, 19])), tzinfo=timezone.get_current_timezone()
            )
            multi_day = i % 40 == 0
            weekly = i % 50 == 1  # a few series, so the listings also hold many dates of one event
            yield EventPage(
                title=f"{run.rng.choice(['Netwerkmoment', 'Workshop', 'Infosessie', 'Labo-sessie'])} {run.rng.choice(TOPICS)} {i + 1}{MARK}",
                slug=f"{PREFIX}activiteit-{i + 1}",
                start=start,
                end=start + (datetime.timedelta(days=2) if multi_day else datetime.timedelta(hours=2)),
                all_day=multi_day,
                repeat=recurrence.WEEKLY if weekly else "",
                repeat_count=12 if weekly else None,
                location_name=run.rng.choice(SCHOOLS),
                audience="Leuvense onderwijsmakers",
                werking=run.rng.choice(werkingen) if werkingen else None,
                project_id=run.rng.choice(project_ids) if project_ids and i % 4 == 0 else None,
                soort=run.rng.choice(soorten) if soorten else None,
                status=run.rng.choices(["gepland", "volzet", "geannuleerd"], [90, 6, 4])[0],
                intro="Een gegenereerde activiteit.",
            )

    def link(chunk):
        run.bulk_m2m(EventPage.niveaus.through, "eventpage_id", "onderwijsniveau_id", chunk, niveaus)
        run.bulk_m2m(EventPage.speerpunten.through, "eventpage_id", "speerpunt_id", chunk, speerpunten)
        # Written in bulk, the pages were never saved one by one (EventPage.save): their dates too.
        EventOccurrence.objects.bulk_create(
            [
                EventOccurrence(event_id=event.pk, key=spec.key, start=spec.start, end=spec.end)
                for event in chunk
                for spec in recurrence.occurrence_specs(event, exceptions=[])
            ],
            batch_size=2000,
        )

    run.add_children(calendar, events(), "Activiteiten", count, link)
