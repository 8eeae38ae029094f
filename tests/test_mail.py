"""Mail leaves through the worker, once, and is retried when the server fails (som/mail.py).
The real path: the database task backend, `manage.py db_worker` and an SMTP server."""

import datetime
import socket

import pytest
from django.core import mail as django_mail
from django.core.management import call_command
from django.utils import timezone

from som.mail import RETRY_AFTER, OutgoingMail, deliver, purge_old_mail, queue_mail

ICS = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//NL\r\nEND:VCALENDAR\r\n"


def queue(key=None, **kwargs):
    return queue_mail(
        to="an.peeters@example.org",
        subject="Je inschrijving voor SOM start",
        template="test_message",
        context={"name": "An"},
        purpose="Proef",
        key=key,
        **kwargs,
    )


@pytest.mark.django_db(transaction=True)
def test_the_worker_sends_through_smtp_a_dutch_message_in_html_and_text_with_its_attachment(smtp_server, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # as in production
    outgoing = queue(attachments=[{"filename": "activiteit.ics", "content": ICS, "mimetype": "text/calendar"}])
    assert smtp_server.messages == []  # nothing is sent before the worker runs
    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
    assert len(smtp_server.messages) == 1
    message = smtp_server.messages[0]
    assert message["Subject"] == "Je inschrijving voor SOM start"
    assert message["To"] == "an.peeters@example.org"
    assert "Samen Onderwijs Maken" in message["From"]
    assert message.get_content_type() == "multipart/mixed"
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "Dag An," in text and "proefbericht" in text
    assert "Dag An," in html and 'lang="nl-BE"' in html and "<style" not in html
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_filename() == "activiteit.ics"
    assert attachment.get_content_type() == "text/calendar"
    assert "BEGIN:VCALENDAR" in attachment.get_content()
    outgoing.refresh_from_db()
    assert outgoing.status == OutgoingMail.Status.SENT and outgoing.attempts == 1


@pytest.mark.django_db
def test_a_message_with_a_key_is_made_and_sent_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = queue(key="proef:1")
        second = queue(key="proef:1")
    assert first.pk == second.pk
    assert len(django_mail.outbox) == 1
    deliver.call(first.pk)  # a task run a second time sends nothing
    assert len(django_mail.outbox) == 1


@pytest.mark.django_db
def test_a_failed_send_is_kept_and_tried_again_later_then_given_up(settings, django_capture_on_commit_callbacks):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]  # nothing listens here once the probe is closed
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed_port
    outgoing = queue()
    deliver.call(outgoing.pk)
    outgoing.refresh_from_db()
    assert outgoing.status == OutgoingMail.Status.WAITING
    assert outgoing.attempts == 1 and "ConnectionRefusedError" in outgoing.last_error
    assert outgoing.send_after > timezone.now() + RETRY_AFTER[0] - datetime.timedelta(seconds=5)
    for _ in RETRY_AFTER:
        deliver.call(outgoing.pk)
    outgoing.refresh_from_db()
    assert outgoing.status == OutgoingMail.Status.FAILED and outgoing.attempts == len(RETRY_AFTER) + 1


@pytest.mark.django_db
def test_send_queued_mail_picks_up_what_a_lost_task_left_waiting(django_capture_on_commit_callbacks):
    outgoing = queue()  # its task never ran: the transaction never committed in this test
    assert django_mail.outbox == []
    call_command("send_queued_mail", verbosity=0)
    assert len(django_mail.outbox) == 1
    outgoing.refresh_from_db()
    assert outgoing.status == OutgoingMail.Status.SENT


@pytest.mark.django_db
def test_old_messages_are_deleted_after_the_retention_period(settings, django_capture_on_commit_callbacks):
    settings.MAIL_RETENTION_DAYS = 30
    with django_capture_on_commit_callbacks(execute=True):
        old = queue(key="oud")
        queue(key="recent")
    OutgoingMail.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=31))
    waiting = queue(key="wacht")
    OutgoingMail.objects.filter(pk=waiting.pk).update(created_at=timezone.now() - datetime.timedelta(days=40))
    assert purge_old_mail() == 1
    assert set(OutgoingMail.objects.values_list("key", flat=True)) == {"recent", "wacht"}  # never a waiting one
    call_command("purge_personal_data", verbosity=0)
