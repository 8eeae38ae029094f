"""Log records without personal data, with the request's id (LOGGING in som/settings/base.py).

Loaded while Django configures logging, before the apps are ready: imports nothing that needs
them. The request middleware is in som/observability.py.
"""

import contextvars
import logging

from pythonjsonlogger.json import JsonFormatter

# URL parameters that are personal links (/abonneren/<token>/, /kalender/inschrijving/<token>/):
# replaced by "[token]" in what is logged or reported.
PERSONAL_URL_KWARGS = {"token"}

current_request_id = contextvars.ContextVar("som_request_id", default=None)


def redacted_path(path, match=None):
    """The path with the values of personal URL parameters replaced by "[token]"."""
    if match is None:
        from django.http import Http404
        from django.urls import Resolver404, resolve

        try:
            match = resolve(path)
        except (Resolver404, Http404):
            return path
    for name, value in match.kwargs.items():
        if name in PERSONAL_URL_KWARGS and isinstance(value, str) and value:
            path = path.replace(value, f"[{name}]")
    return path


class RequestContextFilter(logging.Filter):
    """Every record of a request carries its request id; Django's own request records
    ("Not Found: /abonneren/<token>/") lose the token of a personal link."""

    def filter(self, record):
        if not hasattr(record, "request_id"):
            record.request_id = current_request_id.get()
        request = getattr(record, "request", None)
        path = getattr(request, "path", None)
        if path:
            safe = redacted_path(path, getattr(request, "resolver_match", None))
            if safe != path:
                record.msg = record.getMessage().replace(path, safe)
                record.args = ()
        return True


class SiteJsonFormatter(JsonFormatter):
    """One JSON object per line. Django adds the request object to its records; its repr holds
    the query string, so it is left out (the request's own line says what is needed)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("timestamp", True)
        super().__init__(*args, **kwargs)
        self._skip_fields.update({"request", "server_time"})
