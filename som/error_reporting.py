"""Error reports through Sentry (sentry-sdk) when SENTRY_DSN is set; off otherwise.

No personal data leaves the site: no user, cookies, request bodies, query strings or headers
beyond the harmless few; the token of a personal link is replaced in the address; no local
variables of the stack frames (a form's cleaned data would be among them). Each event carries
the request id (som/observability.py) as the tag `request_id`, the same id as in the log line.
"""

from urllib.parse import urlsplit, urlunsplit

import sentry_sdk
from sentry_sdk.integrations.django import DjangoIntegration

KEPT_HEADERS = {"content-type", "host", "x-request-id"}


def _scrub_request(request):
    request.pop("data", None)
    request.pop("cookies", None)
    request.pop("query_string", None)
    request.pop("env", None)
    headers = request.get("headers") or {}
    request["headers"] = {name: value for name, value in headers.items() if name.lower() in KEPT_HEADERS}
    if request.get("url"):
        from .logging import redacted_path

        scheme, netloc, path, _query, _fragment = urlsplit(request["url"])
        request["url"] = urlunsplit((scheme, netloc, redacted_path(path), "", ""))


def before_send(event, hint):
    if isinstance(event.get("request"), dict):
        _scrub_request(event["request"])
    event.pop("user", None)
    return event


def before_breadcrumb(crumb, hint):
    record = (hint or {}).get("log_record")
    if record is not None:  # a log message as a breadcrumb: the same redaction as in the logs
        from .logging import RequestContextFilter

        RequestContextFilter().filter(record)
        crumb["message"] = record.getMessage()
    crumb.pop("data", None)
    return crumb


def init(dsn, environment="production", release=None, traces_sample_rate=0.0, **options):
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release or None,
        send_default_pii=False,
        include_local_variables=False,
        max_request_body_size="never",
        traces_sample_rate=traces_sample_rate,
        before_send=before_send,
        before_breadcrumb=before_breadcrumb,
        integrations=[DjangoIntegration()],
        **options,
    )
