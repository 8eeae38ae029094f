"""The offer to subscribe, on the home page and on other apps' pages (som.plugins), linking to
/abonneren/ prefilled with the werking or the filters in view."""

import re
from urllib.parse import urlencode

from django.urls import reverse

from .models import Kind

# Only what a filter's value can be (a slug); anything else is left out of the link.
SLUG = re.compile(r"^[a-z0-9-]{1,80}$")
MAX_VALUES = 10


def subscribe_url(**params):
    query = urlencode({key: value for key, value in params.items() if value}, doseq=True)
    return reverse("abonneren") + (f"?{query}" if query else "")


def _slugs(request, name):
    return [value for value in request.GET.getlist(name)[:MAX_VALUES] if SLUG.match(value)]


def home_section(request):
    return {"subscribe_url": subscribe_url(), "werking_title": ""}


def werking_section(page, request):
    """On a werking page: prefilled with that werking."""
    return {"subscribe_url": subscribe_url(werking=page.kind), "werking_title": page.title}


def listing_section(kind):
    """On an overview (news, calendar): its kind of content and the werking and niveau filters
    the visitor chose."""

    def context(page, request):
        return {
            "subscribe_url": subscribe_url(
                werking=_slugs(request, "werking"), niveau=_slugs(request, "niveau"), inhoud=[kind]
            ),
            "werking_title": "",
        }

    return context


NEWS_SECTION = listing_section(Kind.NEWS)
EVENTS_SECTION = listing_section(Kind.EVENTS)
