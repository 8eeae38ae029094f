"""E-mail that leaves the site: never inside a visitor's request, never twice, never lost.

`queue_mail(...)` renders a message (Dutch, HTML and plain text, from `templates/mail/`) and keeps
it in the outbox (`OutgoingMail`); when the transaction commits, a task (django-tasks, run by
the worker: `manage.py db_worker`) sends it through Django's mail backend (SMTP in production).

- **Once**: a message with a `key` ("inschrijving-bevestigd:42") is made once; queueing it again
  returns the first. Sending locks the row and skips a message that is no longer waiting, so a
  task run twice sends once.
- **Retried**: a failed send is tried again after 1, 5, 30 minutes, 2 and 6 hours; then it is
  marked failed. Staff see the outbox in the admin (Eindredactie only: it holds addresses).
  `manage.py send_queued_mail` (run every few minutes) picks up what a lost task left waiting.
- **Kept briefly**: sent and failed messages hold personal data and are deleted after
  MAIL_RETENTION_DAYS (`manage.py purge_personal_data`).
"""

import datetime
import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

RETRY_AFTER = [datetime.timedelta(minutes=m) for m in (1, 5, 30, 120, 360)]


class OutgoingMail(models.Model):
    class Status(models.TextChoices):
        WAITING = "wachtend", "Wacht op verzending"
        SENT = "verzonden", "Verzonden"
        FAILED = "mislukt", "Mislukt"

    key = models.CharField(
        "sleutel",
        max_length=200,
        unique=True,
        null=True,
        blank=True,
        help_text="Eén bericht per sleutel: wie het opnieuw vraagt, krijgt het eerste.",
    )
    purpose = models.CharField("soort bericht", max_length=100)
    to = models.EmailField("aan")
    subject = models.CharField("onderwerp", max_length=250)
    text = models.TextField("tekst")
    html = models.TextField("HTML", blank=True)
    headers = models.JSONField("extra kopregels", default=dict, blank=True)
    # [{"filename": …, "content": <text>, "mimetype": …}]: small text attachments (an .ics).
    attachments = models.JSONField("bijlagen", default=list, blank=True)
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.WAITING)
    attempts = models.PositiveSmallIntegerField("pogingen", default=0)
    last_error = models.TextField("laatste fout", blank=True)
    created_at = models.DateTimeField("aangemaakt", auto_now_add=True)
    send_after = models.DateTimeField("niet vóór", default=timezone.now)
    sent_at = models.DateTimeField("verzonden op", null=True, blank=True)

    class Meta:
        app_label = "som"
        verbose_name = "uitgaande e-mail"
        verbose_name_plural = "uitgaande e-mails"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "send_after"], name="mail_waiting_idx")]

    def __str__(self):
        return f"{self.purpose} aan {self.to}"

    def message(self):
        message = EmailMultiAlternatives(
            subject=self.subject,
            body=self.text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[self.to],
            headers=self.headers,
        )
        if self.html:
            message.attach_alternative(self.html, "text/html")
        for attachment in self.attachments:
            message.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
        return message


def render_mail(template, context):
    """(text, html) of `templates/mail/<template>.txt` and `.html`."""
    context = {"site_name": settings.WAGTAIL_SITE_NAME, "base_url": settings.WAGTAILADMIN_BASE_URL, **context}
    return render_to_string(f"mail/{template}.txt", context).strip() + "\n", render_to_string(
        f"mail/{template}.html", context
    )


def queue_mail(*, to, subject, template, context, purpose, key=None, headers=None, attachments=(), send_after=None):
    """Keep a message in the outbox and send it from the worker once the transaction commits.
    With a `key`, a message that was queued before is returned instead of a second one."""
    if key is not None:
        existing = OutgoingMail.objects.filter(key=key).first()
        if existing is not None:
            return existing
    text, html = render_mail(template, context)
    mail = OutgoingMail.objects.create(
        key=key,
        purpose=purpose,
        to=to,
        subject=subject,
        text=text,
        html=html,
        headers=headers or {},
        attachments=list(attachments),
        send_after=send_after or timezone.now(),
    )
    transaction.on_commit(lambda: enqueue(mail))
    return mail


def enqueue(mail):
    deliver.using(run_after=mail.send_after if mail.send_after > timezone.now() else None).enqueue(mail.pk)


@task()
def deliver(mail_id):
    """Send one message from the outbox, or plan the next try."""
    with transaction.atomic():
        mail = OutgoingMail.objects.select_for_update().filter(pk=mail_id, status=OutgoingMail.Status.WAITING).first()
        if mail is None:
            return "al verzonden of opgegeven"
        try:
            mail.message().send()
        except (smtplib.SMTPException, OSError) as error:
            mail.attempts += 1
            mail.last_error = f"{type(error).__name__}: {error}"[:2000]
            if mail.attempts > len(RETRY_AFTER):
                mail.status = OutgoingMail.Status.FAILED
                logger.error("E-mail %s definitief mislukt na %s pogingen", mail.pk, mail.attempts)
            else:
                mail.send_after = timezone.now() + RETRY_AFTER[mail.attempts - 1]
                transaction.on_commit(lambda: enqueue(mail))
                logger.warning(
                    "E-mail %s mislukt (poging %s), volgende poging om %s", mail.pk, mail.attempts, mail.send_after
                )
            mail.save(update_fields=["attempts", "last_error", "status", "send_after"])
            return "mislukt"
        mail.status, mail.sent_at, mail.attempts = OutgoingMail.Status.SENT, timezone.now(), mail.attempts + 1
        mail.save(update_fields=["status", "sent_at", "attempts"])
        return "verzonden"


def try_again(mail):
    """Send a waiting or failed message again now (staff, from the outbox in the admin), with a
    fresh series of retries; False when it was sent meanwhile."""
    # One UPDATE: a task sending it at this moment either finished first (SENT: nothing to do)
    # or finds it waiting again and sends it once (deliver locks the row).
    again = (
        OutgoingMail.objects.filter(pk=mail.pk)
        .exclude(status=OutgoingMail.Status.SENT)
        .update(status=OutgoingMail.Status.WAITING, attempts=0, send_after=timezone.now())
    )
    if again:
        mail.refresh_from_db()
        transaction.on_commit(lambda: enqueue(mail))
    return bool(again)


def send_waiting(now=None):
    """Queue a task for every waiting message whose time has come (a safety net for tasks that
    were lost, e.g. a worker stopped before it ran them); returns how many."""
    waiting = OutgoingMail.objects.filter(status=OutgoingMail.Status.WAITING, send_after__lte=now or timezone.now())
    count = 0
    for mail in waiting.only("pk", "send_after"):
        enqueue(mail)
        count += 1
    return count


def purge_old_mail(now=None):
    """Delete sent and failed messages older than MAIL_RETENTION_DAYS; returns how many."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.MAIL_RETENTION_DAYS)
    done = [OutgoingMail.Status.SENT, OutgoingMail.Status.FAILED]
    deleted, _ = OutgoingMail.objects.filter(status__in=done, created_at__lt=cutoff).delete()
    return deleted
