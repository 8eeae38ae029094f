import datetime

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET


def _text(lines):
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    return _text(
        [
            "User-agent: *",
            "Disallow: /admin/",
            # /documents/ stays open: a public document (the charter, a report) may be found by
            # a search engine; a private one is behind Wagtail's collection privacy (a login).
            "Disallow: /zoeken/",
            f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
        ]
    )


@require_GET
@cache_control(max_age=86400, public=True)
def security_txt(request):
    """RFC 9116. "Expires" is always a year ahead, computed per request."""
    expires = (timezone.now() + datetime.timedelta(days=365)).replace(microsecond=0)
    return _text(
        [
            f"Contact: {settings.SECURITY_CONTACT}",
            f"Expires: {expires.astimezone(datetime.UTC).isoformat().replace('+00:00', 'Z')}",
            "Preferred-Languages: nl, en",
            f"Canonical: {request.build_absolute_uri('/.well-known/security.txt')}",
        ]
    )
