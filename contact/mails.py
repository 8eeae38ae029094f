"""The e-mails a form sends, queued in the outbox (som/mail.py) and sent by the worker, never in
the visitor's request: a notification to the addresses on the form, and a copy to the visitor
when they ask for one. Each has a key, so a submission is told once."""

import hashlib

from django.conf import settings
from django.urls import reverse
from django.utils.text import Truncator

from som.mail import queue_mail


def _admin_url(page):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("wagtailforms:list_submissions", args=[page.pk])


def _subject(text):
    return Truncator(text).chars(250)  # the outbox's subject column


def _key(address):
    # Keys are short (200 characters) and hold no address.
    return hashlib.sha256(address.lower().encode()).hexdigest()[:16]


def queue_notification(page, form, submission):
    subject = _subject(page.subject or f"Nieuw bericht via '{page.title}'")
    context = {
        "page": page,
        "answers": form.answers(),
        "submissions_url": _admin_url(page),
        "subject": subject,
    }
    # Staff answer the visitor by replying to the notification.
    headers = {"Reply-To": form.sender_email} if form.sender_email else {}
    addresses = [address.strip() for address in page.to_address.split(",") if address.strip()]
    return [
        queue_mail(
            to=address,
            subject=subject,
            template="formulieren/melding",
            context=context,
            purpose="formulier-melding",
            key=f"formulier:melding:{submission.pk}:{_key(address)}" if submission else None,
            headers=headers,
        )
        for address in addresses
    ]


def queue_copy(page, form, submission):
    subject = _subject(f"Je bericht aan Samen Onderwijs Maken: {page.title}")
    context = {"page": page, "answers": form.answers(), "page_url": page.get_full_url(), "subject": subject}
    return queue_mail(
        to=form.sender_email,
        subject=subject,
        template="formulieren/kopie",
        context=context,
        purpose="formulier-kopie",
        key=f"formulier:kopie:{submission.pk}",
    )
