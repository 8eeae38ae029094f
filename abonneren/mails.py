"""The e-mails to a subscriber, queued in the outbox (som/mail.py) and sent by the worker.

Every one carries the one-click unsubscribe of RFC 8058: the `List-Unsubscribe` header with the
subscriber's https address and `List-Unsubscribe-Post`, so a mail program can unsubscribe with a
POST that needs no session and no CSRF token (the token in the address is the secret).
"""

from django.conf import settings
from django.urls import reverse

from som.mail import queue_mail


def site_url(path, request=None):
    """Always the site's configured address (https in production, as RFC 8058 asks), never the
    host a visitor's request named: the links in a confirmation and a digest are the same."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def links(subscriber, request=None):
    return {
        "manage_url": site_url(reverse("abonneren_manage", kwargs={"token": subscriber.token}), request),
        "unsubscribe_url": site_url(reverse("abonneren_unsubscribe", kwargs={"token": subscriber.token}), request),
    }


def unsubscribe_headers(subscriber, request=None):
    return {
        "List-Unsubscribe": f"<{links(subscriber, request)['unsubscribe_url']}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def confirmation(subscriber, request=None):
    """The double opt-in: nothing else is sent before its link is followed."""
    subject = "Bevestig je inschrijving op de nieuwsbrief van SOM"
    confirm_url = site_url(reverse("abonneren_confirm", kwargs={"token": subscriber.confirm_token}), request)
    return queue_mail(
        to=subscriber.email,
        subject=subject,
        template="abonneren/bevestigen",
        context={
            "subject": subject,
            "subscriber": subscriber,
            "confirm_url": confirm_url,
            "confirm_days": settings.SUBSCRIBE_CONFIRM_DAYS,
            **links(subscriber, request),
        },
        purpose="abonneren: bevestigen",
        headers=unsubscribe_headers(subscriber, request),
    )


def manage_link(subscriber, request=None):
    """To an address that is subscribed already: its own link, and nothing about who asked."""
    subject = "Je inschrijving op de nieuwsbrief van SOM"
    return queue_mail(
        to=subscriber.email,
        subject=subject,
        template="abonneren/beheren",
        context={"subject": subject, "subscriber": subscriber, **links(subscriber, request)},
        purpose="abonneren: link",
        headers=unsubscribe_headers(subscriber),
    )


def digest(subscriber, sections, period_label, key, send_after=None):
    subject = f"Nieuw bij SOM: {period_label}"
    return queue_mail(
        to=subscriber.email,
        subject=subject,
        template="abonneren/nieuwsbrief",
        context={
            "subject": subject,
            "subscriber": subscriber,
            "sections": sections,
            "period_label": period_label,
            **links(subscriber),
        },
        purpose="abonneren: nieuwsbrief",
        key=key,
        headers=unsubscribe_headers(subscriber),
        send_after=send_after,
    )
