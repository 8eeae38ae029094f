"""Demo content: SOM's three events from CONTENT.md and a few marked examples
"(voorbeeld)" in the coming weeks, so the upcoming list and the month grid show something."""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from som.demo import ensure_home_link, ensure_page, ensure_terms
from werkingen.models import ProjectPage, WerkingPage

from .models import EventPage, EventSoort, KalenderPage

BRUSSELS = ZoneInfo("Europe/Brussels")
SOORTEN = [
    ("netwerkmoment", "Netwerkmoment"),
    ("workshop", "Workshop"),
    ("infosessie", "Infosessie"),
    ("labo-sessie", "Labo-sessie"),
]


def at(day, hour=0, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=BRUSSELS)


def load(home):
    calendar = ensure_page(
        home,
        KalenderPage,
        "kalender",
        title="Kalender",
        intro="Netwerkmomenten, workshops en labo-sessies voor de Leuvense onderwijsmakers.",
        show_in_menus=True,
    )
    ensure_home_link(home, calendar, "Bekijk de kalender")
    soorten = ensure_terms(EventSoort, SOORTEN)
    werkingen = {w.kind: w for w in WerkingPage.objects.all()}
    zij_instromers = ProjectPage.objects.filter(slug="labo-zij-instromers").first()
    today = timezone.localdate()

    events = [
        dict(
            slug="som-start-door-ondertekening-som-charter",
            title="SOM start door — ondertekening van het SOM-charter",
            start=at(datetime.date(2021, 9, 29)),
            end=at(datetime.date(2021, 9, 29), 23, 59),
            all_day=True,
            location_name="STUK",
            location_address="Naamsestraat 96, 3000 Leuven",
            intro="Alle Leuvense onderwijspartners kwamen samen om het nieuwe charter van onderwijsnetwerk "
            "Samen Onderwijs Maken (SOM) te ondertekenen.",
            soort=soorten["netwerkmoment"],
        ),
        dict(
            slug="som-start-2023",
            title="SOM start 2023",
            start=at(datetime.date(2023, 9, 29)),
            end=at(datetime.date(2023, 9, 29), 23, 59),
            all_day=True,
            location_name="VTI Leuven",
            intro="Vier inspirerende talks.",
            soort=soorten["netwerkmoment"],
        ),
        dict(
            slug="kick-off-labo-zij-instromers",
            title="Kick-off labo zij-instromers",
            start=at(datetime.date(2024, 4, 16), 17),
            end=at(datetime.date(2024, 4, 16), 19),
            audience="Leuvense partners die een experiment willen opstarten in het SOM-labo",
            werking=werkingen.get("laboratorium"),
            project=zij_instromers,
            soort=soorten["labo-sessie"],
        ),
        # Marked examples in the coming weeks.
        dict(
            slug="netwerkmoment-community-voorbeeld",
            title="Netwerkmoment community (voorbeeld)",
            start=at(today + datetime.timedelta(days=9), 16),
            end=at(today + datetime.timedelta(days=9), 18),
            location_name="Leuven",
            audience="Alle Leuvense onderwijsmakers",
            werking=werkingen.get("community"),
            soort=soorten["netwerkmoment"],
            intro="Een voorbeeldactiviteit om de kalender te tonen.",
        ),
        dict(
            slug="labo-sessie-onderwijs-x-cultuur-voorbeeld",
            title="Labo-sessie onderwijs x cultuur (voorbeeld)",
            start=at(today + datetime.timedelta(days=23), 14),
            end=at(today + datetime.timedelta(days=23), 17),
            werking=werkingen.get("laboratorium"),
            project=ProjectPage.objects.filter(slug="labo-onderwijs-x-cultuur").first(),
            soort=soorten["labo-sessie"],
            intro="Een voorbeeldactiviteit om de kalender te tonen.",
        ),
        dict(
            slug="infosessie-studio-voorbeeld",
            title="Infosessie Studio (voorbeeld)",
            start=at(today + datetime.timedelta(days=41), 19),
            end=at(today + datetime.timedelta(days=41), 20, 30),
            online_url="https://www.samenonderwijsmaken.be/",
            werking=werkingen.get("studio"),
            soort=soorten["infosessie"],
            intro="Een voorbeeldactiviteit om de kalender te tonen.",
        ),
        dict(
            slug="tweedaagse-workshop-voorbeeld",
            title="Tweedaagse workshop (voorbeeld)",
            start=at(today + datetime.timedelta(days=55)),
            end=at(today + datetime.timedelta(days=56), 23, 59),
            all_day=True,
            soort=soorten["workshop"],
            intro="Een voorbeeld van een activiteit over meerdere dagen.",
        ),
    ]
    for fields in events:
        slug = fields.pop("slug")
        ensure_page(calendar, EventPage, slug, **fields)
