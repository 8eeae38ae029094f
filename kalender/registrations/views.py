"""/kalender/<event>/inschrijven/ (the form) and /inschrijving/<token>/ (a person's own page:
see, cancel, download or erase the registration). Neither is ever cached: the form carries a
CSRF token, the personal page personal data."""

import json

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_http_methods, require_POST

from som.routing import route
from som.throttle import client_ip, over_limit
from som.visibility import is_visible

from ..models import EventPage
from ..month import day_window, parse_day
from . import places
from .forms import RegistrationForm
from .models import Registration

TOO_MANY = "Er kwamen te veel inschrijvingen na elkaar van hier. Wacht even en probeer het dan opnieuw."


def _private(response):
    """Personal or per-visitor: no cache keeps it, no search engine lists it, no link leaks it."""
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    # Never to another site (the personal address holds the token); "no-referrer" would also
    # drop the Origin of our own forms, which Django's CSRF check needs.
    response["Referrer-Policy"] = "same-origin"
    return response


def _event(request, page_path):
    found = route(request, page_path)
    event = found.page if found is not None else None
    if not isinstance(event, EventPage) or not is_visible(event) or event.get_view_restrictions().exists():
        raise Http404
    return event


def _throttled(request, email):
    limits = settings.REGISTRATION_RATE_LIMITS
    by_address = over_limit("inschrijving", "ip", client_ip(request) or "-", *limits["address"])
    by_email = bool(email) and over_limit("inschrijving", "email", email.lower(), *limits["email"])
    return by_address or by_email


def _date(request, event):
    """The date of a series this registration is for (`?datum=YYYY-MM-DD`), applied to `event`
    (its start and end); "" for a single-date event. A date that is not one of the series' is a
    404; a series without a date sends the visitor back to choose one on the event page."""
    if not event.repeat:
        return ""
    day = parse_day(request.GET.get("datum", ""))
    if day is None:
        return None
    for occurrence in event.occurrences.overlapping(*day_window(day)):
        if occurrence.date == day:
            occurrence.event = event
            occurrence.as_event()
            return occurrence.key
    raise Http404("Op die datum vindt deze activiteit niet plaats.")


@require_http_methods(["GET", "HEAD", "POST"])
def register(request, page_path):
    event = _event(request, page_path)
    occurrence_key = _date(request, event)
    if occurrence_key is None:
        return HttpResponseRedirect(event.get_url(request))
    offer = places.availability(event, occurrence_key=occurrence_key)
    form = RegistrationForm(request.POST or None, event=event)
    status = 200
    if request.method == "POST" and offer.accepts:
        if _throttled(request, request.POST.get("email", "")):
            form.is_valid()
            form.add_error(None, TOO_MANY)
            status = 429
        elif form.is_valid():
            if form.is_robot:  # answered like a person, stored nowhere
                return _private(render(request, "kalender/registrations/received.html", {"event": event}))
            data = {
                key: form.cleaned_data[key]
                for key in ("first_name", "family_name", "email", "organisation", "role", "niveau")
            }
            data["occurrence_key"] = occurrence_key
            try:
                registration = places.register(event.pk, **data, answers=form.answers(), request=request)
            except places.RegistrationRefused as refusal:
                form.add_error("email" if refusal.code == "dubbel" else None, refusal.message)
                offer = places.availability(event, occurrence_key=occurrence_key)
            else:
                return _private(
                    HttpResponseRedirect(
                        reverse("kalender_registration", kwargs={"token": registration.token}) + "?nieuw=1"
                    )
                )
    response = render(
        request, "kalender/registrations/register.html", {"event": event, "offer": offer, "form": form}, status=status
    )
    return _private(response)


def _registration(token):
    """The registration behind a personal link, while the link is valid (until a day after
    the event); else 404. Without the right token nothing is revealed."""
    registration = (
        Registration.objects.select_related("event", "niveau").filter(token=token, anonymised_at__isnull=True).first()
    )
    if registration is None:
        raise Http404
    event = registration.dated_event()  # a link for one date of a series lasts until after that date
    if event.end is not None and event.end + settings.REGISTRATION_LINK_VALID_AFTER_EVENT < timezone.now():
        raise Http404
    return registration


@require_http_methods(["GET", "HEAD"])
def personal_page(request, token):
    registration = _registration(token)
    context = {
        "registration": registration,
        "event": registration.event,
        "just_registered": request.GET.get("nieuw") == "1",
        "cancelled_now": request.GET.get("geannuleerd") == "1",
    }
    return _private(render(request, "kalender/registrations/personal.html", context))


@require_POST
def cancel(request, token):
    registration = _registration(token)
    places.cancel(registration.pk, request=request)
    return _private(HttpResponseRedirect(reverse("kalender_registration", kwargs={"token": token}) + "?geannuleerd=1"))


@require_http_methods(["GET", "HEAD"])
def download(request, token):
    """Everything the site keeps about this registration, as JSON (the right of access)."""
    registration = _registration(token)
    data = {
        "activiteit": registration.event.title,
        "status": registration.get_status_display(),
        "voornaam": registration.first_name,
        "familienaam": registration.family_name,
        "e-mailadres": registration.email,
        "school of organisatie": registration.organisation,
        "rol": registration.get_role_display(),
        "onderwijsniveau": registration.niveau.name if registration.niveau else "",
        "antwoorden": registration.answers,
        "ingeschreven op": registration.created_at.isoformat(),
        "akkoord met de privacyverklaring op": registration.consent_at.isoformat(),
    }
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="mijn-inschrijving.json"'
    return _private(response)


@require_POST
def erase(request, token):
    """Cancel (the place goes to the waiting list) and erase the personal data at once."""
    registration = _registration(token)
    places.cancel(registration.pk, request=request)
    places.anonymise(Registration.objects.filter(pk=registration.pk))
    return _private(render(request, "kalender/registrations/erased.html", {"event": registration.event}))
