"""What operators see of each request: a request id, one log line, metrics per page type, and
the request id on error reports (som/error_reporting.py). docs/operations.md has the alerts.

- The request id comes from the proxy's X-Request-ID (when it looks like one) or is made here,
  is on every log record of the request and on its Sentry event, and goes back in the response's
  X-Request-ID header.
- One line per request on the `som.requests` logger (JSON in production, LOGGING in the
  settings): method, path, status, duration, the page type, and the user id for the admin only.
  Never a query string, a body, a cookie or an e-mail address; the token of a personal link
  (/abonneren/<token>/, /kalender/inschrijving/<token>/) is replaced by "[token]".
- Prometheus: request counts and durations per page type (the Wagtail page model, or the view
  name elsewhere: a bounded set) at /metrics when METRICS_ENABLED, for the addresses in
  METRICS_ALLOWED_IPS or whoever sends METRICS_TOKEN as a bearer token.

RequestObservabilityMiddleware is the outermost middleware, so it also times and counts pages
the page cache answers. PageTypeMiddleware, right inside the page cache, names the page type in
a header that the page cache stores with the page; the outer middleware reads it (also on a hit)
and removes it, so visitors never see it.
"""

import hmac
import logging
import os
import re
import time
import uuid

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseForbidden
from django.utils.cache import add_never_cache_headers
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, Counter, Histogram, generate_latest

from .logging import current_request_id, redacted_path
from .throttle import client_ip

request_logger = logging.getLogger("som.requests")

REQUEST_ID_HEADER = "X-Request-ID"
PAGE_TYPE_HEADER = "X-Som-Page-Type"
# Accepted from the proxy only when it looks like an id: nothing that could forge a log line.
REQUEST_ID_FORMAT = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")

REQUESTS = Counter(
    "som_http_requests_total",
    "Requests answered, per page type (Wagtail page model or view name), method and status.",
    ["page_type", "method", "status"],
)
DURATION = Histogram(
    "som_http_request_duration_seconds",
    "Time to answer a request, per page type and whether the page cache answered it.",
    ["page_type", "cache"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)


def request_id_for(request):
    offered = request.headers.get(REQUEST_ID_HEADER, "")
    return offered if REQUEST_ID_FORMAT.match(offered) else uuid.uuid4().hex


def page_type(request):
    """A bounded label: the page model ("werkingen.projectpage"), else the view name."""
    route = getattr(request, "_wagtail_route_for_request", None)
    page = getattr(route, "page", None) if route is not None else None
    if page is not None:
        return page._meta.label_lower
    match = getattr(request, "resolver_match", None)
    if match is not None:
        return match.view_name or "onbekend"
    return "geen-route"


def _user_id(request, path):
    if not path.startswith("/admin/"):
        return None  # the public site: no session is touched for the log
    user = getattr(request, "user", None)
    return user.pk if user is not None and user.is_authenticated else None


class RequestObservabilityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request_id_for(request)
        request.request_id = request_id
        token = current_request_id.set(request_id)
        _tag_error_reports(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        duration = time.perf_counter() - started
        kind = response.get(PAGE_TYPE_HEADER) or page_type(request)
        if PAGE_TYPE_HEADER in response:
            del response[PAGE_TYPE_HEADER]
        cache = response.get("X-Cache", "").lower() or "none"
        response[REQUEST_ID_HEADER] = request_id
        REQUESTS.labels(kind, request.method, str(response.status_code)).inc()
        DURATION.labels(kind, cache).observe(duration)
        path = redacted_path(request.path, getattr(request, "resolver_match", None))
        request_logger.info(
            "%s %s %s %.0f ms",
            request.method,
            path,
            response.status_code,
            duration * 1000,
            extra={
                "request_id": request_id,
                "method": request.method,
                "path": path,
                "status": response.status_code,
                "duration_ms": round(duration * 1000, 1),
                "page_type": kind,
                "cache": cache,
                "user_id": _user_id(request, request.path),
            },
        )
        return response


class PageTypeMiddleware:
    """Right inside the page cache: the page type travels with the stored page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response[PAGE_TYPE_HEADER] = page_type(request)
        return response


def _tag_error_reports(request_id):
    try:
        import sentry_sdk
    except ImportError:  # pragma: no cover
        return
    sentry_sdk.set_tag("request_id", request_id)


# ---------------------------------------------------------------------------
# Prometheus


def _registry():
    # Several gunicorn workers: each writes its numbers to PROMETHEUS_MULTIPROC_DIR and any of
    # them serves the sum (prometheus_client's multiprocess mode; docs/operations.md).
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return registry
    return REGISTRY


def _may_read_metrics(request):
    token = settings.METRICS_TOKEN
    offered = request.headers.get("Authorization", "")
    if token and hmac.compare_digest(offered.encode(), f"Bearer {token}".encode()):
        return True
    return client_ip(request) in settings.METRICS_ALLOWED_IPS


def metrics(request):
    if not settings.METRICS_ENABLED:
        raise Http404
    if not _may_read_metrics(request):
        response = HttpResponseForbidden("Geen toegang.", content_type="text/plain; charset=utf-8")
    else:
        response = HttpResponse(generate_latest(_registry()), content_type=CONTENT_TYPE_LATEST)
    add_never_cache_headers(response)
    return response
