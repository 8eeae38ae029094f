"""The e-mails around a registration as people receive them: through the real form, the real
worker (`manage.py db_worker`, database task backend) and a real SMTP server; retried when the
server is down; the reminder before the event; and what an editor's publish sets off — the
waiting list moving up when places are added, an e-mail to everyone registered when the date,
time or place changes or the event is cancelled."""

import datetime
import email
import email.policy
import re
import socket
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from kalender import recurrence
from kalender.models import EventDateException, EventPage, EventStatus, KalenderPage
from kalender.registrations.models import Registration
from som import dates, roles
from som.demo import ensure_page
from som.mail import OutgoingMail

TZ = ZoneInfo("Europe/Brussels")
CONFIRMED, WAITING, CANCELLED = (
    Registration.Status.CONFIRMED,
    Registration.Status.WAITING,
    Registration.Status.CANCELLED,
)
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def calendar(home):
    return ensure_page(home, KalenderPage, "kalender", title="Kalender")


def local(days, hour, minute=0):
    """A wall-clock time in Leuven, `days` from today."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=TZ)


def make_event(calendar, slug="som-start", *, start=None, hours=2, **fields):
    start = start or local(14, 19, 30)
    values = dict(
        title="SOM start",
        slug=slug,
        start=start,
        end=start + datetime.timedelta(hours=hours),
        location_name="STUK",
        location_address="Naamsestraat 96, Leuven",
        registration_on_site=True,
        capacity=30,
        waitlist=True,
    )
    event = EventPage(**{**values, **fields})
    calendar.add_child(instance=event)
    event.save_revision().publish()
    return event


def person(number=1):
    return {
        "first_name": "Leen",
        "family_name": f"Janssens {number}",
        "email": f"leen.janssens{number}@example.org",
        "organisation": "Sint-Pieterscollege",
        "role": "leerkracht",
        "consent": "on",
    }


def registered(event, number, status, minutes_ago=60):
    moment = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    data = {key: value for key, value in person(number).items() if key != "consent"}
    return Registration.objects.create(
        event=event,
        status=status,
        consent_at=moment,
        created_at=moment,
        confirmed_at=moment if status == CONFIRMED else None,
        cancelled_at=moment if status == CANCELLED else None,
        **data,
    )


def addressed(subject):
    return sorted(message.to[0] for message in mail.outbox if message.subject == subject)


def ics_of(message):
    (attachment,) = [a for a in message.attachments if a[0].endswith(".ics")]
    return icalendar.Calendar.from_ical(attachment[1]).walk("VEVENT")[0]


# --- the real path: form, worker, SMTP ----------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_registering_through_the_form_sends_a_valid_dutch_mail_over_smtp_with_the_event_and_a_working_link(
    client, calendar, smtp_server, settings
):
    settings.TASKS = DATABASE_TASKS  # as in production: the request only queues, the worker sends
    event = make_event(calendar)
    response = client.post(f"{event.url}inschrijven/", person())
    assert response.status_code == 302
    assert smtp_server.messages == []  # nothing leaves inside the visitor's request

    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)

    assert len(smtp_server.messages) == 1
    assert smtp_server.envelopes[0].rcpt_tos == ["leen.janssens1@example.org"]
    # Valid MIME: the raw bytes parse under the strict policy, no part has a defect.
    raw = smtp_server.envelopes[0].original_content
    message = email.message_from_bytes(raw, policy=email.policy.strict)
    assert all(not part.defects for part in message.walk())
    assert message["MIME-Version"] == "1.0" and message["Message-ID"] and message["Date"]
    assert message["Subject"] == "Je bent ingeschreven: SOM start"
    assert message["To"] == "leen.janssens1@example.org"
    assert message.get_content_type() == "multipart/mixed"
    # Dutch, as plain text and as HTML.
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    for version in (text, html):
        assert "Dag Leen," in version and "Je bent ingeschreven. We kijken ernaar uit je te zien." in version
        assert "STUK, Naamsestraat 96, Leuven" in version
    assert 'lang="nl-BE"' in html
    assert re.search(r"\w+dag \d+ \w+ \d{4}, 19\.30–21\.30 uur", text)
    # The event for the agenda: parsed back by the icalendar library, at Leuven's wall-clock time.
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_filename() == "som-start.ics" and attachment.get_content_type() == "text/calendar"
    ics = attachment.get_content()
    vevent = icalendar.Calendar.from_ical(ics).walk("VEVENT")[0]
    assert str(vevent["SUMMARY"]) == "SOM start"
    start = vevent["DTSTART"]
    assert start.params["TZID"] == "Europe/Brussels"
    assert (start.dt.hour, start.dt.minute) == (19, 30) and start.dt == event.start
    assert f"DTSTART;TZID=Europe/Brussels:{event.start.astimezone(TZ):%Y%m%dT193000}" in ics
    # The personal link opens the personal page.
    (link,) = re.findall(r"https?://\S+/inschrijving/[\w-]+/", text)
    assert link in html
    page = client.get(urlsplit(link).path)
    assert page.status_code == 200
    content = page.content.decode()
    assert "Mijn inschrijving" in content and "Leen Janssens 1" in content and "Bevestigd" in content


@pytest.mark.django_db(transaction=True)
def test_when_the_mail_server_is_down_the_send_is_retried_and_the_registration_is_kept(
    client, calendar, smtp_server, settings
):
    settings.TASKS = DATABASE_TASKS
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]  # nothing listens here: the mail server is down
    settings.EMAIL_PORT = closed_port
    event = make_event(calendar)
    response = client.post(f"{event.url}inschrijven/", person())
    assert response.status_code == 302
    personal_page = response["Location"]

    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)

    outgoing = OutgoingMail.objects.get()
    assert outgoing.status == OutgoingMail.Status.WAITING and outgoing.attempts == 1
    assert "ConnectionRefusedError" in outgoing.last_error
    registration = Registration.objects.get()  # the registration stands, whatever the mail server does
    assert registration.status == CONFIRMED and registration.email == "leen.janssens1@example.org"
    assert "Je bent ingeschreven" in client.get(personal_page).content.decode()
    retry = DBTaskResult.objects.get(status="READY")  # the next try is planned, a minute on
    assert retry.run_after > timezone.now() + datetime.timedelta(seconds=50)

    settings.EMAIL_PORT = smtp_server.port  # the mail server is back …
    a_minute_on = timezone.now() - datetime.timedelta(seconds=1)  # … and the minute has passed
    OutgoingMail.objects.update(send_after=a_minute_on)
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=a_minute_on)
    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)

    assert [message["Subject"] for message in smtp_server.messages] == ["Je bent ingeschreven: SOM start"]
    outgoing.refresh_from_db()
    assert outgoing.status == OutgoingMail.Status.SENT and outgoing.attempts == 2
    assert Registration.objects.get().status == CONFIRMED


# --- the reminder -------------------------------------------------------------------------------


def test_the_reminder_goes_once_to_each_confirmed_person_of_an_event_that_starts_soon(
    calendar, settings, django_capture_on_commit_callbacks
):
    settings.REGISTRATION_REMINDER_HOURS = 24
    now = timezone.now()
    tomorrow = make_event(calendar, "morgen", start=now + datetime.timedelta(hours=20), title="Netwerkmoment")
    later = make_event(calendar, "overmorgen", start=now + datetime.timedelta(hours=30), title="Labo-sessie")
    called_off = make_event(
        calendar, "afgelast", start=now + datetime.timedelta(hours=10), title="Infosessie", status=EventStatus.CANCELLED
    )
    begun = make_event(calendar, "bezig", start=now - datetime.timedelta(hours=1), title="Studiedag")
    going = [registered(tomorrow, 1, CONFIRMED), registered(tomorrow, 2, CONFIRMED)]
    registered(tomorrow, 3, WAITING)
    registered(tomorrow, 4, CANCELLED)
    registered(later, 5, CONFIRMED)
    registered(called_off, 6, CONFIRMED)
    registered(begun, 7, CONFIRMED)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_event_reminders", stdout=(first := _Output()))
    assert first.text == "2 herinnering(en) klaargezet.\n"
    assert addressed("Tot binnenkort: Netwerkmoment") == sorted(r.email for r in going)
    assert len(mail.outbox) == 2
    reminder = mail.outbox[0]
    assert "Een herinnering: binnenkort is het zover." in reminder.body
    assert "/inschrijving/" in reminder.body and str(ics_of(reminder)["SUMMARY"]) == "Netwerkmoment"
    assert all(r.reminded_at is not None for r in Registration.objects.filter(pk__in=[r.pk for r in going]))

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_event_reminders", stdout=(second := _Output()))
    assert second.text == "0 herinnering(en) klaargezet.\n" and len(mail.outbox) == 2
    # Even if the mark were lost, the outbox makes it one e-mail per person.
    Registration.objects.update(reminded_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_event_reminders", stdout=_Output())
    assert addressed("Tot binnenkort: Netwerkmoment") == sorted(r.email for r in going)

    settings.REGISTRATION_REMINDER_HOURS = 36  # the other event is now within the window
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_event_reminders", stdout=_Output())
    assert addressed("Tot binnenkort: Labo-sessie") == ["leen.janssens5@example.org"]
    assert len(mail.outbox) == 3


class _Output:
    def __init__(self):
        self.text = ""

    def write(self, text):
        self.text += text

    def flush(self):
        pass


# --- what an editor's publish sets off ----------------------------------------------------------


@pytest.fixture
def editor(client, django_user_model, calendar):
    # The roles hang on the root page; after a flush (a transactional test before this one) the
    # root page is made again by the site's fixture, so grant them as `migrate` does.
    roles.setup(apps)
    user = django_user_model.objects.create_user("eindredacteur", "eindredactie@example.org", "wachtwoord-123")
    user.groups.add(Group.objects.get(name=roles.EINDREDACTIE))
    client.force_login(user)
    return client


def event_form(event, **changes):
    """The edit form as the editor sends it: every field as it is now, with `changes`."""
    local_time = "%d-%m-%Y %H:%M"
    values = {
        "title": event.title,
        "slug": event.slug,
        "intro": event.intro,
        "image": "",
        "body": streamfield([]),
        "start": timezone.localtime(event.start).strftime(local_time),
        "end": timezone.localtime(event.end).strftime(local_time),
        "location_name": event.location_name,
        "location_address": event.location_address,
        "map_url": event.map_url,
        "online_url": event.online_url,
        "soort": "",
        "organiser": event.organiser,
        "audience": event.audience,
        "werking": "",
        "project": "",
        "status": event.status,
        "capacity": event.capacity or "",
        "registration_deadline": "",
        "registration_url": event.registration_url,
        "price": event.price,
        "registration_questions": inline_formset([]),
        "date_exceptions": inline_formset([]),
        "comments": inline_formset([]),
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
    }
    for flag in ("all_day", "registration_on_site", "waitlist"):
        if getattr(event, flag):
            values[flag] = "on"
    values.update(changes)
    for flag in [name for name, value in values.items() if value is False]:
        del values[flag]  # an unticked box is not sent
    return nested_form_data(values)


def publish(editor, event, django_capture_on_commit_callbacks, **changes):
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(
            f"/admin/pages/{event.pk}/edit/", event_form(event, **changes, **{"action-publish": "publish"})
        )
    assert response.status_code == 302, response.context["form"].errors if response.context else response.status_code
    event.refresh_from_db()
    assert event.live and not event.has_unpublished_changes  # published, not kept as a draft
    return event


def save_draft(editor, event, django_capture_on_commit_callbacks, **changes):
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(f"/admin/pages/{event.pk}/edit/", event_form(event, **changes))
    assert response.status_code == 302, response.context["form"].errors if response.context else response.status_code
    event.refresh_from_db()
    assert event.live and event.has_unpublished_changes  # a draft beside the live version
    return event


@pytest.fixture
def full_event(calendar):
    """30 places taken, four people waiting (the first since 50 minutes ago, one minute apart)."""
    event = make_event(calendar, capacity=30)
    for number in range(30):
        registered(event, number, CONFIRMED, minutes_ago=120 - number)
    waiting = [registered(event, 100 + number, WAITING, minutes_ago=50 - number) for number in range(4)]
    return event, waiting


def test_an_editor_who_adds_places_and_publishes_moves_the_waiting_list_up_at_once(
    client, editor, full_event, django_capture_on_commit_callbacks
):
    event, waiting = full_event
    save_draft(editor, event, django_capture_on_commit_callbacks, capacity=33)
    assert Registration.objects.filter(event=event, status=CONFIRMED).count() == 30  # a draft changes nothing
    assert mail.outbox == []

    publish(editor, event, django_capture_on_commit_callbacks, capacity=33)

    assert event.capacity == 33
    assert addressed("Er is een plaats vrij voor jou: SOM start") == sorted(r.email for r in waiting[:3])
    assert list(Registration.objects.filter(event=event, status=WAITING).values_list("email", flat=True)) == [
        waiting[3].email
    ]
    assert Registration.objects.filter(event=event, status=CONFIRMED).count() == 33
    assert "Volzet — schrijf je in op de wachtlijst." in client.get(event.url).content.decode()
    assert len(mail.outbox) == 3  # more places is no change of date or place: nobody else is mailed

    publish(editor, event, django_capture_on_commit_callbacks, capacity="")  # no limit any more
    assert addressed("Er is een plaats vrij voor jou: SOM start") == sorted(r.email for r in waiting)
    assert not Registration.objects.filter(event=event, status=WAITING).exists()


def test_everyone_registered_is_told_once_when_the_date_time_or_place_changes(
    editor, full_event, django_capture_on_commit_callbacks
):
    event, waiting = full_event
    gone = registered(event, 200, CANCELLED)
    everyone = sorted(
        Registration.objects.filter(event=event).exclude(status=CANCELLED).values_list("email", flat=True)
    )
    new_start = timezone.localtime(event.start) + datetime.timedelta(days=7, hours=-1)

    save_draft(
        editor,
        event,
        django_capture_on_commit_callbacks,
        start=new_start.strftime("%d-%m-%Y %H:%M"),
        end=(new_start + datetime.timedelta(hours=2)).strftime("%d-%m-%Y %H:%M"),
    )
    publish(editor, event, django_capture_on_commit_callbacks, title="SOM start", intro="Nu met koffie.")
    assert mail.outbox == []  # a draft, and a publish that changes neither date nor place: no e-mail

    publish(
        editor,
        event,
        django_capture_on_commit_callbacks,
        start=new_start.strftime("%d-%m-%Y %H:%M"),
        end=(new_start + datetime.timedelta(hours=2)).strftime("%d-%m-%Y %H:%M"),
    )
    assert addressed("Gewijzigd: SOM start") == everyone  # confirmed and waiting, not who cancelled
    assert gone.email not in addressed("Gewijzigd: SOM start")
    changed = mail.outbox[0]
    when = re.search(r"- Wanneer: (.+)", changed.body).group(1)
    assert when.endswith(", 18.30–20.30 uur") and "- Waar:" not in changed.body
    assert "De activiteit waarvoor je ingeschreven bent, is gewijzigd:" in changed.body
    html = changed.alternatives[0][0]
    assert "<strong>Wanneer</strong>: " + when in html
    vevent = ics_of(changed)
    assert vevent["DTSTART"].dt == new_start and (vevent["DTSTART"].dt.hour, vevent["DTSTART"].dt.minute) == (18, 30)

    mail.outbox.clear()
    publish(editor, event, django_capture_on_commit_callbacks)  # published again as it is: nothing new
    assert mail.outbox == []

    publish(
        editor,
        event,
        django_capture_on_commit_callbacks,
        location_name="Het Depot",
        location_address="Martelarenplein 12, Leuven",
    )
    assert addressed("Gewijzigd: SOM start") == everyone
    assert "- Waar: Het Depot, Martelarenplein 12, Leuven" in mail.outbox[0].body
    assert "- Wanneer:" not in mail.outbox[0].body


def test_a_change_and_its_undoing_are_each_told(editor, full_event, django_capture_on_commit_callbacks):
    event, waiting = full_event
    publish(editor, event, django_capture_on_commit_callbacks, location_name="Het Depot")
    publish(editor, event, django_capture_on_commit_callbacks, location_name="STUK")
    publish(editor, event, django_capture_on_commit_callbacks, location_name="Het Depot")
    places_told = [re.search(r"- Waar: (.+)", m.body).group(1) for m in mail.outbox if m.to == [waiting[0].email]]
    assert places_told == [
        "Het Depot, Naamsestraat 96, Leuven",
        "STUK, Naamsestraat 96, Leuven",
        "Het Depot, Naamsestraat 96, Leuven",
    ]


def test_cancelling_the_event_tells_everyone_registered_and_moves_nobody_up(
    client, editor, full_event, django_capture_on_commit_callbacks
):
    event, waiting = full_event
    everyone = sorted(Registration.objects.filter(event=event).values_list("email", flat=True))
    publish(editor, event, django_capture_on_commit_callbacks, status=EventStatus.CANCELLED, capacity=40)

    assert addressed("Geannuleerd: SOM start") == everyone
    cancelled = mail.outbox[0]
    assert "Het spijt ons: de activiteit waarvoor je ingeschreven bent, is geannuleerd." in cancelled.body
    assert "geannuleerd" in cancelled.alternatives[0][0] and cancelled.attachments == []
    assert len(mail.outbox) == len(everyone)  # no "a place is free for you" for a cancelled event
    assert Registration.objects.filter(event=event, status=WAITING).count() == len(waiting)
    assert "Deze activiteit is geannuleerd." in client.get(event.url).content.decode()

    publish(editor, event, django_capture_on_commit_callbacks, status=EventStatus.CANCELLED, capacity=40)
    assert len(mail.outbox) == len(everyone)  # published again: told once


def test_each_registrant_of_a_series_hears_about_their_own_date(calendar, django_capture_on_commit_callbacks):
    # Weekly at 19.00, five times: two dates are over, three to come.
    event = make_event(calendar, start=local(-13, 19), repeat=recurrence.WEEKLY, repeat_count=5)
    keys = list(event.occurrences.order_by("start").values_list("key", flat=True))
    people = {}
    for number, key in enumerate(keys[1:], start=1):  # one person for each date but the first
        people[key] = registered(event, number, CONFIRMED)
        Registration.objects.filter(pk=people[key].pk).update(occurrence_key=key)
    past, tomorrow, next_week, last = (people[key] for key in keys[1:])

    # The series moves to 20.00, and its last date is dropped.
    start = event.start + datetime.timedelta(hours=1)
    event.start, event.end = start, start + datetime.timedelta(hours=2)
    event.date_exceptions = [EventDateException(date=datetime.date.fromisoformat(keys[-1]), skip=True)]
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()

    def told(person):
        return [message for message in mail.outbox if message.to == [person.email]]

    assert told(past) == []  # a date that is over is no news
    for person, key in ((tomorrow, keys[2]), (next_week, keys[3])):
        (changed,) = told(person)
        day = datetime.date.fromisoformat(key)
        assert changed.subject == "Gewijzigd: SOM start"
        # Their own date at its new time, not the first date of the series.
        assert f"- Wanneer: {dates.long_date(day, weekday=True)}, 20.00–22.00 uur" in changed.body
        assert ics_of(changed)["DTSTART"].dt == datetime.datetime(day.year, day.month, day.day, 20, tzinfo=TZ)
    (dropped,) = told(last)
    day = dates.long_date(datetime.date.fromisoformat(keys[-1]), weekday=True)
    assert dropped.subject == f"Gaat niet door: SOM start op {day}"
    assert "de datum waarvoor je ingeschreven bent, gaat niet door" in dropped.body
    assert f"{day}, 19.00–21.00 uur" in dropped.body  # the date they had, as it was
    assert "<strong>gaat niet door</strong>" in dropped.alternatives[0][0] and dropped.attachments == []
    # The staff still see which day that registration was for, not the series' first date.
    assert Registration.objects.get(pk=last.pk).event_date == datetime.date.fromisoformat(keys[-1])
    # Its links work: the event's page (that date's own page is gone) and the personal page,
    # which lasts until after the day it was, not after the series' first date.
    client = Client()
    links = re.findall(r"https?://\S+", dropped.body)
    assert [link for link in links if "?datum=" in link] == []
    for link in links:
        assert client.get(urlsplit(link).path).status_code == 200, link

    # Turned into one event on the date the second person has: kept for them (now told of
    # nothing new), the others' dates are dropped, and their places count for that one date.
    mail.outbox.clear()
    event.repeat, event.repeat_count, event.date_exceptions = "", None, []
    event.start = datetime.datetime.combine(datetime.date.fromisoformat(keys[2]), datetime.time(20), tzinfo=TZ)
    event.end = event.start + datetime.timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()
    assert told(tomorrow) == [] and [m.subject.split(":")[0] for m in told(next_week)] == ["Gaat niet door"]
    assert Registration.objects.get(pk=tomorrow.pk).occurrence_key == ""

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()  # published again as it is: nothing new
    assert mail.outbox == []


def test_choosing_another_organisation_as_the_place_is_told(
    home, calendar, full_event, django_capture_on_commit_callbacks
):
    from organisaties.models import OrganisatiesIndexPage, OrganisationPage

    directory = ensure_page(home, OrganisatiesIndexPage, "organisaties", title="Organisaties")
    depot = directory.add_child(
        instance=OrganisationPage(
            title="Het Depot", slug="het-depot", street_address="Martelarenplein 12", postal_code="3000", city="Leuven"
        )
    )
    depot.save_revision().publish()
    event, waiting = full_event
    event.venue = depot
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()
    (told,) = [message for message in mail.outbox if message.to == [waiting[0].email]]
    assert "- Waar: Het Depot, Martelarenplein 12, 3000 Leuven" in told.body
