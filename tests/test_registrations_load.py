"""Places are never oversold, lost or given twice when many people act at the same moment.

Each person is a thread with its own database connection and its own browser (Django's test
client, its own address), posting the real form or the cancel button; a barrier releases them
together. Runs on PostgreSQL only (CI runs the suite on PostgreSQL too): SQLite lets one writer
in at a time, so it cannot show a race. Run it alone with

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/som_load .venv/bin/python -m pytest -p no:xdist tests/test_registrations_load.py

With the row lock on the event removed from kalender/registrations/places.py (`_locked_event`)
these tests fail: more than 30 confirmed, places lost after cancellations.
"""

import datetime
import threading
import time

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core import mail
from django.db import OperationalError, connection
from django.test import Client
from django.utils import timezone

from kalender.models import EventPage, KalenderPage
from kalender.registrations.models import Registration
from som.demo import ensure_page

pytestmark = [
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="Needs PostgreSQL (DATABASE_URL=postgres://…): SQLite lets one writer in at a time, so it cannot race.",
    ),
    pytest.mark.django_db(transaction=True),
]

PEOPLE = 100
PLACES = 30
CONFIRMED, WAITING, CANCELLED = (
    Registration.Status.CONFIRMED,
    Registration.Status.WAITING,
    Registration.Status.CANCELLED,
)


# --- the crowd ----------------------------------------------------------------------------------


def free_connections():
    """How many more connections PostgreSQL takes now, keeping a few for everyone else."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('max_connections')::int - current_setting('superuser_reserved_connections')::int"
            " - count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'"
        )
        return cursor.fetchone()[0] - 5


def connect():
    """This thread's own connection; when PostgreSQL has no free slot for a moment (another
    engineer's tests, CI's other worker), wait for one as a visitor's retry would."""
    for _ in range(200):
        try:
            connection.ensure_connection()
            return
        except OperationalError as error:
            if "too many clients" not in str(error) and "reserved" not in str(error):
                raise
            time.sleep(0.05)
    connection.ensure_connection()


def crowd(actions):
    """Run every action at the same moment, each in its own thread with its own connection;
    returns their results (an exception counts as a result, so the test sees it).

    As many as PostgreSQL has connections for (all of them on a default server with a
    quiet moment; max_connections is 100 by default and others may be using some) hold their
    connection before the barrier and start together; the rest start when one of those is done,
    as requests queue for a free worker in production."""
    open_at_once = min(len(actions), free_connections())
    assert open_at_once >= 20, f"PostgreSQL has only {open_at_once} free connections: too few for a crowd"
    barrier = threading.Barrier(len(actions))
    slots = threading.BoundedSemaphore(open_at_once)
    results = [None] * len(actions)

    def person(index):
        holding = slots.acquire(blocking=False)
        try:
            if holding:
                connect()
            barrier.wait(timeout=120)
            if not holding:
                slots.acquire()
                holding = True
                connect()
            results[index] = actions[index]()
        except BaseException as error:  # noqa: BLE001 - reported as this person's result
            results[index] = error
            barrier.abort()
        finally:
            connection.close()
            if holding:
                slots.release()

    threads = [threading.Thread(target=person, args=(index,)) for index in range(len(actions))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(300)
    assert not any(thread.is_alive() for thread in threads), "a person is still waiting after five minutes"
    failures = [result for result in results if isinstance(result, BaseException)]
    assert not failures, f"{len(failures)} people got an error, e.g. {failures[0]!r}"
    return results


# --- what a person does and sees ----------------------------------------------------------------


def person(number):
    return {
        "first_name": "Leen",
        "family_name": f"Janssens {number}",
        "email": f"leen.janssens{number}@example.org",
        "organisation": "Sint-Pieterscollege",
        "role": "leerkracht",
        "consent": "on",
    }


def what_they_see(response):
    """(status, the message the page leads with)."""
    page = BeautifulSoup(response.content, "lxml")
    message = (
        page.select_one(".notice h1") or page.select_one(".form__errors") or page.select_one(".registration__state")
    )
    return response.status_code, " ".join(message.get_text(" ").split()) if message else ""


def registers(event_url, number):
    def act():
        browser = Client(REMOTE_ADDR=f"10.1.{number // 200}.{number % 200 + 1}")
        return what_they_see(browser.post(f"{event_url}inschrijven/", person(number), follow=True))

    return act


def cancels(token, number):
    def act():
        browser = Client(REMOTE_ADDR=f"10.2.{number // 200}.{number % 200 + 1}")
        return what_they_see(browser.post(f"/inschrijving/{token}/annuleren/", follow=True))

    return act


# --- the event ----------------------------------------------------------------------------------


@pytest.fixture
def calendar(home):
    return ensure_page(home, KalenderPage, "kalender", title="Kalender")


def make_event(calendar, slug, *, capacity=PLACES, waitlist=True):
    start = (timezone.now() + datetime.timedelta(days=14)).replace(minute=0, second=0, microsecond=0)
    event = EventPage(
        title="SOM start",
        slug=slug,
        start=start,
        end=start + datetime.timedelta(hours=3),
        location_name="STUK",
        registration_on_site=True,
        capacity=capacity,
        waitlist=waitlist,
    )
    calendar.add_child(instance=event)
    event.save_revision().publish()
    return event


def already_registered(event, confirmed, waiting):
    """People who registered earlier, one minute apart: `confirmed`, then `waiting`."""
    first = timezone.now() - datetime.timedelta(days=1)
    rows = []
    for number in range(confirmed + waiting):
        status = CONFIRMED if number < confirmed else WAITING
        moment = first + datetime.timedelta(minutes=number)
        rows.append(
            Registration(
                event=event,
                status=status,
                first_name="Jan",
                family_name=f"Vroeg {number}",
                email=f"jan.vroeg{number}@example.org",
                consent_at=moment,
                created_at=moment,
                confirmed_at=moment if status == CONFIRMED else None,
            )
        )
    return Registration.objects.bulk_create(rows)


def tally(event):
    registrations = Registration.objects.filter(event=event)
    return {status: registrations.filter(status=status).count() for status in (CONFIRMED, WAITING, CANCELLED)}


def subjects(prefix):
    return sorted(message.to[0] for message in mail.outbox if message.subject.startswith(prefix))


# --- the tests ----------------------------------------------------------------------------------


def test_a_hundred_people_at_once_for_thirty_places_end_thirty_confirmed_and_seventy_waiting(client, calendar):
    event = make_event(calendar, "som-start")
    seen = crowd([registers(event.url, number) for number in range(PEOPLE)])

    assert seen.count((200, "Je bent ingeschreven")) == PLACES
    assert seen.count((200, "Je staat op de wachtlijst")) == PEOPLE - PLACES
    assert Registration.objects.filter(event=event).count() == PEOPLE
    assert tally(event) == {CONFIRMED: PLACES, WAITING: PEOPLE - PLACES, CANCELLED: 0}
    # First come, first served: every place went to someone who was in before everyone waiting.
    assert_first_come_first_served(event)
    confirmed = Registration.objects.filter(event=event, status=CONFIRMED)
    waiting = Registration.objects.filter(event=event, status=WAITING)
    # One e-mail each, saying what the page said.
    assert len(mail.outbox) == PEOPLE
    assert subjects("Je bent ingeschreven: SOM start") == sorted(confirmed.values_list("email", flat=True))
    assert subjects("Je staat op de wachtlijst: SOM start") == sorted(waiting.values_list("email", flat=True))
    assert "Volzet — schrijf je in op de wachtlijst." in client.get(event.url).content.decode()


def test_without_a_waiting_list_thirty_get_a_place_and_seventy_are_told_it_is_full(client, calendar):
    event = make_event(calendar, "som-start-zonder-wachtlijst", waitlist=False)
    seen = crowd([registers(event.url, number) for number in range(PEOPLE)])

    assert seen.count((200, "Je bent ingeschreven")) == PLACES
    assert seen.count((200, "Deze activiteit is volzet.")) == PEOPLE - PLACES
    assert Registration.objects.filter(event=event).count() == PLACES
    assert tally(event) == {CONFIRMED: PLACES, WAITING: 0, CANCELLED: 0}
    assert len(mail.outbox) == PLACES
    assert "Deze activiteit is volzet." in client.get(event.url).content.decode()


@pytest.mark.parametrize(
    ("waiting", "leaving", "newcomers"),
    [
        (20, 10, 20),  # the waiting list takes every freed place
        (5, 15, 30),  # it runs out halfway: the last freed places go to whoever registers
    ],
)
def test_cancellations_racing_new_registrations_lose_no_place_and_promote_the_earliest_waiting(
    calendar, waiting, leaving, newcomers
):
    event = make_event(calendar, f"netwerkmoment-{waiting}")
    earlier = already_registered(event, confirmed=PLACES, waiting=waiting)
    cancelling = earlier[:leaving]
    seen = crowd(
        [cancels(registration.token, number) for number, registration in enumerate(cancelling)]
        + [registers(event.url, number) for number in range(1000, 1000 + newcomers)]
    )

    assert seen[:leaving] == [(200, "Je inschrijving is geannuleerd")] * leaving
    assert set(seen[leaving:]) <= {(200, "Je bent ingeschreven"), (200, "Je staat op de wachtlijst")}
    assert tally(event) == {CONFIRMED: PLACES, WAITING: waiting + newcomers - leaving, CANCELLED: leaving}
    assert_first_come_first_served(event)
    # The earliest waiting moved up first; everyone who moved up got the e-mail that says so.
    confirmed = set(Registration.objects.filter(event=event, status=CONFIRMED).values_list("email", flat=True))
    promoted_first = {registration.email for registration in earlier[PLACES : PLACES + min(waiting, leaving)]}
    assert promoted_first <= confirmed
    placed_at_once = {
        person(1000 + n)["email"] for n, saw in enumerate(seen[leaving:]) if saw[1] == "Je bent ingeschreven"
    }
    moved_up = confirmed - {registration.email for registration in earlier[:PLACES]} - placed_at_once
    assert subjects("Er is een plaats vrij voor jou: SOM start") == sorted(moved_up)
    assert subjects("Je inschrijving is geannuleerd: SOM start") == sorted(r.email for r in cancelling)


def test_an_editor_adding_places_while_people_register_fills_exactly_the_new_number(calendar):
    event = make_event(calendar, "kick-off")
    earlier = already_registered(event, confirmed=PLACES, waiting=40)
    newcomers = range(1000, 1060)

    def editor_adds_twenty_places():
        page = EventPage.objects.get(pk=event.pk)
        page.capacity = PLACES + 20
        page.save_revision().publish()
        return "gepubliceerd"

    seen = crowd([editor_adds_twenty_places] + [registers(event.url, number) for number in newcomers])

    assert seen[0] == "gepubliceerd"
    assert seen[1:] == [(200, "Je staat op de wachtlijst")] * len(newcomers)  # nobody passes the waiting list
    assert tally(event) == {CONFIRMED: PLACES + 20, WAITING: 40 - 20 + len(newcomers), CANCELLED: 0}
    assert_first_come_first_served(event)
    # The twenty who waited longest moved up, and got the e-mail that says so.
    assert subjects("Er is een plaats vrij voor jou: SOM start") == sorted(
        r.email for r in earlier[PLACES : PLACES + 20]
    )


def assert_first_come_first_served(event):
    """Nobody waits who registered before someone who got a place (cancelled people aside)."""
    queue = Registration.objects.filter(event=event).exclude(status=CANCELLED).order_by("created_at", "pk")
    statuses = list(queue.values_list("status", flat=True))
    assert statuses == sorted(statuses, key=lambda status: status != CONFIRMED), (
        "someone waits while a later person has a place"
    )
