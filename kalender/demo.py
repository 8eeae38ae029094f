"""Demo content: SOM's three events from CONTENT.md and a few marked examples
"(voorbeeld)" in the coming weeks, so the upcoming list and the month grid show something."""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from som.demo import ensure_home_link, ensure_page, ensure_terms
from werkingen.models import ProjectPage, WerkingPage

from .models import EventPage, EventSoort, KalenderPage, Registration, RegistrationQuestion

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
            # Registrations on the site, nearly full (see DEMO_REGISTRATIONS).
            registration_on_site=True,
            capacity=25,
            waitlist=True,
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
            # Full, with people on the waiting list (see DEMO_REGISTRATIONS).
            registration_on_site=True,
            capacity=12,
            waitlist=True,
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
        event = ensure_page(calendar, EventPage, slug, **fields)
        if slug in DEMO_REGISTRATIONS:
            add_demo_registrations(event, *DEMO_REGISTRATIONS[slug])


# Example registrations (event slug → confirmed, waiting), with example names and addresses that
# can receive no mail (example.org): one event with a few places left, one full with a waiting list.
DEMO_REGISTRATIONS = {
    "netwerkmoment-community-voorbeeld": (22, 0),
    "labo-sessie-onderwijs-x-cultuur-voorbeeld": (12, 2),
}
DEMO_QUESTIONS = {
    "labo-sessie-onderwijs-x-cultuur-voorbeeld": [
        dict(label="Welke werkgroep kies je?", field_type="radio", choices="Beeld\nMuziek\nTheater", required=True),
        dict(label="Voedingswensen of allergieën", field_type="singleline", required=False),
    ],
}


def add_demo_registrations(event, confirmed, waiting):
    """Example registrations, made once (no e-mails: nobody is behind these addresses)."""
    for order, question in enumerate(DEMO_QUESTIONS.get(event.slug, [])):
        RegistrationQuestion.objects.get_or_create(
            event=event, label=question["label"], defaults={**question, "sort_order": order}
        )
    if Registration.objects.filter(event=event).exists():
        return
    now = timezone.now()
    rows = []
    for number in range(1, confirmed + waiting + 1):
        status = Registration.Status.CONFIRMED if number <= confirmed else Registration.Status.WAITING
        rows.append(
            Registration(
                event=event,
                status=status,
                first_name="Voorbeeld",
                family_name=f"Deelnemer {number}",
                email=f"deelnemer-{number}@example.org",
                organisation="Voorbeeldschool Leuven",
                role=Registration.Role.TEACHER,
                consent_at=now,
                confirmed_at=now if status == Registration.Status.CONFIRMED else None,
                created_at=now - datetime.timedelta(minutes=confirmed + waiting - number),
            )
        )
    Registration.objects.bulk_create(rows)
