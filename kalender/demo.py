"""Demo content: SOM's three events from CONTENT.md and a few marked examples
"(voorbeeld)" in the coming weeks, so the upcoming list and the month grid show something:
on plausible weekdays (never a Sunday), at the organisations of the directory where there is
one (`venue`), and a monthly netwerkmoment that repeats, with a date skipped and one moved."""

import datetime
from zoneinfo import ZoneInfo

from dateutil.relativedelta import TH, TU, WE, relativedelta
from django.utils import timezone

from organisaties.models import OrganisationPage
from som.demo import ensure_home_link, ensure_page, ensure_terms
from werkingen.models import ProjectPage, WerkingPage

from . import recurrence
from .models import EventDateException, EventPage, EventSoort, KalenderPage, Registration, RegistrationQuestion

BRUSSELS = ZoneInfo("Europe/Brussels")
SOORTEN = [
    ("netwerkmoment", "Netwerkmoment"),
    ("workshop", "Workshop"),
    ("infosessie", "Infosessie"),
    ("labo-sessie", "Labo-sessie"),
]


def at(day, hour=0, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=BRUSSELS)


def on(day, weekday):
    """The first `weekday` (dateutil's MO … FR) on or after `day`: examples fall on days a
    network meets, not on a Sunday."""
    return day + relativedelta(weekday=weekday)


def venue(slug):
    """The organisation page of the directory, when its demo content is there."""
    return OrganisationPage.objects.filter(slug=slug).first()


def netwerkmoment_series(today, soort, werking):
    """Every 2nd Tuesday of the month, 19.00–21.00 at STUK, ten times from last month on; the
    third date does not take place and the fourth moves to the Wednesday after, elsewhere."""
    first = on(today.replace(day=1) - relativedelta(months=1), TU(+2))
    start, end = at(first, 19), at(first, 21)
    rule = recurrence.Rule(recurrence.MONTHLY_WEEKDAY, 1, None, 10)
    dates = [local.date() for local in recurrence.local_starts(rule, start)]
    moved_to = dates[3] + relativedelta(weekday=WE(+1))
    return dict(
        title="Maandelijks netwerkmoment (voorbeeld)",
        start=start,
        end=end,
        repeat=recurrence.MONTHLY_WEEKDAY,
        repeat_count=10,
        venue=venue("stuk"),
        location_name="STUK",
        location_address="Naamsestraat 96, 3000 Leuven",
        audience="Alle Leuvense onderwijsmakers",
        werking=werking,
        soort=soort,
        intro="Elke tweede dinsdag van de maand: ervaringen delen en nieuwe collega's leren kennen. "
        "Een voorbeeld van een activiteit die herhaalt.",
        registration_on_site=True,
        capacity=40,
        date_exceptions=[
            EventDateException(date=dates[2], skip=True),
            EventDateException(
                date=dates[3],
                new_start=at(moved_to, 19, 30),
                new_end=at(moved_to, 21, 30),
                new_location="Bibliotheek Tweebronnen, Rijschoolstraat 4, 3000 Leuven",
            ),
        ],
    )


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
            venue=venue("stuk"),
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
            venue=venue("vti-leuven"),
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
            start=at(on(today + datetime.timedelta(days=9), TU), 16),
            end=at(on(today + datetime.timedelta(days=9), TU), 18),
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
            start=at(on(today + datetime.timedelta(days=23), WE), 14),
            end=at(on(today + datetime.timedelta(days=23), WE), 17),
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
            start=at(on(today + datetime.timedelta(days=41), TH), 19),
            end=at(on(today + datetime.timedelta(days=41), TH), 20, 30),
            online_url="https://www.samenonderwijsmaken.be/",
            werking=werkingen.get("studio"),
            soort=soorten["infosessie"],
            intro="Een voorbeeldactiviteit om de kalender te tonen.",
        ),
        dict(
            slug="tweedaagse-workshop-voorbeeld",
            title="Tweedaagse workshop (voorbeeld)",
            start=at(on(today + datetime.timedelta(days=55), TH)),
            end=at(on(today + datetime.timedelta(days=55), TH) + datetime.timedelta(days=1), 23, 59),
            all_day=True,
            soort=soorten["workshop"],
            intro="Een voorbeeld van een activiteit over meerdere dagen.",
        ),
        dict(
            slug="maandelijks-netwerkmoment-voorbeeld",
            **netwerkmoment_series(today, soorten["netwerkmoment"], werkingen.get("community")),
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
