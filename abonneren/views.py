"""/abonneren/ (subscribe), the confirmation link, and a subscriber's own page by the secret in
their e-mails: see and change the choices, download or delete the data, unsubscribe. None of it
is ever cached: the form carries a CSRF token, the personal pages personal data."""

import datetime
import json

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from som.throttle import client_ip, over_limit

from . import mails, retention
from .forms import ChoicesForm, SubscribeForm, initial_from_query
from .models import Subscriber

TOO_MANY = "Er kwamen te veel inschrijvingen na elkaar van hier. Wacht even en probeer het dan opnieuw."


def _private(response):
    """Personal or per-visitor: no cache keeps it, no search engine lists it, no link leaks it
    (as kalender/registrations/views.py)."""
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "same-origin"
    return response


def _invalid_link(request):
    return _private(
        render(request, "abonneren/link_ongeldig.html", {"confirm_days": settings.SUBSCRIBE_CONFIRM_DAYS}, status=404)
    )


def _throttled(request, email):
    limits = settings.SUBSCRIBE_RATE_LIMITS
    by_address = over_limit("abonneren", "ip", client_ip(request) or "-", *limits["address"])
    by_email = bool(email) and over_limit("abonneren", "email", email.strip().lower()[:254], *limits["email"])
    return by_address or by_email


def _save_choices(subscriber, data):
    subscriber.kinds = list(data["kinds"])
    subscriber.rhythm = data["rhythm"]
    subscriber.save()
    subscriber.werkingen.set(data["werkingen"])
    subscriber.niveaus.set(data["niveaus"])


def _subscribe(form, request):
    """Store the subscription and mail the link. An address that is subscribed already gets its
    own link by e-mail instead, and the visitor sees the same answer either way: the form never
    tells whether an address is on the list."""
    data = form.cleaned_data
    email = data["email"]
    with transaction.atomic():
        existing = Subscriber.objects.select_for_update().filter(email__iexact=email).first()
        if existing is not None and existing.status == Subscriber.Status.CONFIRMED:
            mails.manage_link(existing, request)
            return
        now = timezone.now()
        subscriber = existing or Subscriber(email=email)
        if existing is not None and existing.status == Subscriber.Status.UNSUBSCRIBED:
            # Starting again: new secrets, so old links of the ended subscription stay dead.
            subscriber.token = Subscriber._meta.get_field("token").default()
        subscriber.confirm_token = Subscriber._meta.get_field("confirm_token").default()
        subscriber.status = Subscriber.Status.PENDING
        subscriber.consent_at = subscriber.confirm_sent_at = now
        subscriber.unsubscribed_at = None
        try:
            with transaction.atomic():
                _save_choices(subscriber, data)
        except IntegrityError:  # the same address from two requests at once: the first one counts
            return
        mails.confirmation(subscriber, request)


@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    status = 200
    if request.method == "POST":
        form = SubscribeForm(request.POST)
        if _throttled(request, request.POST.get("email", "")):
            form.is_valid()
            form.add_error(None, TOO_MANY)
            status = 429
        elif form.is_valid():
            if not form.is_robot:  # a robot is answered like a person, and nothing is stored
                _subscribe(form, request)
            return _private(HttpResponseRedirect(reverse("abonneren_sent")))
    else:
        form = SubscribeForm(initial=initial_from_query(request.GET))
    response = render(request, "abonneren/subscribe.html", {"form": form}, status=status)
    if status == 429:
        response["Retry-After"] = str(settings.SUBSCRIBE_RATE_LIMITS["address"][1])
    return _private(response)


@require_http_methods(["GET", "HEAD"])
def sent(request):
    return _private(render(request, "abonneren/sent.html"))


def _pending(token):
    """The subscription behind a confirmation link while it is valid; else None."""
    valid_from = timezone.now() - datetime.timedelta(days=settings.SUBSCRIBE_CONFIRM_DAYS)
    return Subscriber.objects.filter(
        confirm_token=token, status=Subscriber.Status.PENDING, confirm_sent_at__gte=valid_from
    ).first()


@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """GET shows a button, POST confirms: a mail program that opens links to check them must not
    confirm a subscription nobody asked for."""
    subscriber = _pending(token)
    if subscriber is None:
        confirmed = Subscriber.objects.filter(confirm_token=token, status=Subscriber.Status.CONFIRMED).first()
        if confirmed is not None:  # the link followed twice
            return _private(HttpResponseRedirect(reverse("abonneren_manage", kwargs={"token": confirmed.token})))
        return _invalid_link(request)
    if request.method == "POST":
        now = timezone.now()
        Subscriber.objects.filter(pk=subscriber.pk, status=Subscriber.Status.PENDING).update(
            status=Subscriber.Status.CONFIRMED, confirmed_at=now, digest_since=now
        )
        return _private(
            HttpResponseRedirect(reverse("abonneren_manage", kwargs={"token": subscriber.token}) + "?bevestigd=1")
        )
    return _private(render(request, "abonneren/confirm.html", {"subscriber": subscriber}))


def _subscriber(token):
    return Subscriber.objects.filter(token=token).prefetch_related("werkingen", "niveaus").first()


@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, token):
    subscriber = _subscriber(token)
    if subscriber is None:
        return _invalid_link(request)
    changed = False
    if request.method == "POST" and subscriber.status != Subscriber.Status.UNSUBSCRIBED:
        form = ChoicesForm(request.POST)
        if form.is_valid():
            _save_choices(subscriber, form.cleaned_data)
            return _private(HttpResponseRedirect(reverse("abonneren_manage", kwargs={"token": token}) + "?gewijzigd=1"))
    else:
        form = ChoicesForm(
            initial={
                "werkingen": [w.kind for w in subscriber.werkingen.all()],
                "niveaus": [n.slug for n in subscriber.niveaus.all()],
                "kinds": subscriber.kinds,
                "rhythm": subscriber.rhythm,
            }
        )
        changed = request.GET.get("gewijzigd") == "1"
    context = {
        "subscriber": subscriber,
        "form": form,
        "changed": changed,
        "just_confirmed": request.GET.get("bevestigd") == "1",
        "retention_days": settings.SUBSCRIBE_UNSUBSCRIBED_RETENTION_DAYS,
    }
    return _private(render(request, "abonneren/manage.html", context))


@csrf_exempt  # RFC 8058: a mail program POSTs without session or CSRF token; the token is the secret
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """GET asks (a link checker must not unsubscribe anyone); POST unsubscribes at once, from the
    page's button or a mail program's one-click (`List-Unsubscribe=One-Click`)."""
    subscriber = Subscriber.objects.filter(token=token).first()
    if subscriber is None:
        return _invalid_link(request)
    if request.method == "POST":
        if subscriber.status != Subscriber.Status.UNSUBSCRIBED:
            Subscriber.objects.filter(pk=subscriber.pk).update(
                status=Subscriber.Status.UNSUBSCRIBED, unsubscribed_at=timezone.now()
            )
            retention.drop_mail(subscriber)
        return _private(render(request, "abonneren/unsubscribed.html", {"subscriber": subscriber}))
    return _private(render(request, "abonneren/unsubscribe.html", {"subscriber": subscriber}))


@require_http_methods(["GET", "HEAD"])
def download(request, token):
    """Everything the site keeps about this subscriber, as JSON (the right of access)."""
    subscriber = _subscriber(token)
    if subscriber is None:
        return _invalid_link(request)

    def moment(value):
        return timezone.localtime(value).isoformat() if value else None

    data = {
        "e-mailadres": subscriber.email,
        "status": subscriber.get_status_display(),
        "werkingen": [w.title for w in subscriber.werkingen.all()] or "alle",
        "onderwijsniveaus": [n.name for n in subscriber.niveaus.all()] or "alle",
        "soorten inhoud": subscriber.kind_labels(),
        "ritme": subscriber.get_rhythm_display(),
        "ingeschreven op": moment(subscriber.created_at),
        "akkoord met de privacyverklaring op": moment(subscriber.consent_at),
        "bevestigd op": moment(subscriber.confirmed_at),
        "uitgeschreven op": moment(subscriber.unsubscribed_at),
        "laatste nieuwsbrief op": moment(subscriber.last_digest_at),
        "verstuurde nieuwsbrieven": [
            {"periode": d.period, "onderdelen": len(d.items), "gemaakt op": moment(d.created_at)}
            for d in subscriber.deliveries.order_by("created_at")
        ],
    }
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="mijn-abonnement.json"'
    return _private(response)


@require_POST
def erase(request, token):
    """Delete the subscriber and all that hangs on them, at once."""
    subscriber = Subscriber.objects.filter(token=token).first()
    if subscriber is None:
        return _invalid_link(request)
    retention.forget(subscriber)
    return _private(render(request, "abonneren/erased.html"))
