"""Who is asking, and how often: the visitor's address behind trusted proxies, and a limit on
password-reset requests.

- `client_ip` is the address django-axes locks out (`AXES_CLIENT_IP_CALLABLE`) and the address
  the password-reset limit counts. With `TRUSTED_PROXY_COUNT = 0` (the app is reached directly)
  it is REMOTE_ADDR and X-Forwarded-For is ignored: a client cannot choose its own address.
  Behind N trusted proxies (a load balancer, nginx …) each one appends the address it received
  the request from to X-Forwarded-For, so the visitor's address is the N-th entry from the
  right; whatever the client wrote further left is not trusted.
- `PasswordResetView` is Wagtail's admin password reset with a limit per address and per e-mail
  address (Django's cache, a fixed window). Every request counts, whether an account exists or
  not, so the limit says nothing about accounts. Over the limit the form comes back with a Dutch
  message and status 429; no mail is sent.
"""

import hashlib
import ipaddress
import logging

from django.conf import settings
from django.core.cache import cache
from wagtail.admin.views.account import PasswordResetView as WagtailPasswordResetView

logger = logging.getLogger(__name__)

THROTTLED_MESSAGE = (
    "Er werden te veel aanvragen verstuurd om een wachtwoord opnieuw in te stellen. "
    "Probeer het over een uur opnieuw, of vraag een beheerder om hulp."
)


def _valid_ip(value):
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request):
    remote_addr = request.META.get("REMOTE_ADDR", "")
    trusted_proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if trusted_proxies <= 0:
        return remote_addr
    forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if not forwarded:
        # Reached without the proxies (a health check on the app server itself).
        return remote_addr
    # Fewer entries than trusted proxies: every entry was written by a trusted proxy, the
    # left-most is the closest to the visitor.
    candidate = forwarded[-trusted_proxies] if len(forwarded) >= trusted_proxies else forwarded[0]
    return _valid_ip(candidate) or remote_addr


def _hit(key, window):
    """Count one request under `key` and return the count in the current window. A cache
    that fails counts nothing: the reset keeps working rather than answering 500."""
    try:
        if cache.add(key, 1, window):
            return 1
        return cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, window)
        return 1
    except Exception:  # noqa: BLE001 - a broken cache must not break the password reset
        logger.warning("Wachtwoordherstel: teller niet bij te werken", exc_info=True)
        return 0


def _key(kind, value, scope="password-reset"):
    digest = hashlib.sha256(value.encode()).hexdigest()[:32]  # no e-mail addresses in cache keys
    return f"{scope}:{kind}:{digest}"


def over_limit(scope, kind, value, limit, window):
    """Count one request of `value` (an address, an e-mail address) in `scope` and say whether
    it went over `limit` requests per `window` seconds. Used by the public forms."""
    return _hit(_key(kind, value, scope), window) > limit


class PasswordResetView(WagtailPasswordResetView):
    def post(self, request, *args, **kwargs):
        window = getattr(settings, "PASSWORD_RESET_THROTTLE_WINDOW", 60 * 60)
        per_address = getattr(settings, "PASSWORD_RESET_LIMIT_PER_ADDRESS", 5)
        per_email = getattr(settings, "PASSWORD_RESET_LIMIT_PER_EMAIL", 3)
        over_limit = _hit(_key("ip", client_ip(request) or "-"), window) > per_address
        email = request.POST.get("email", "").strip().lower()
        if email:
            over_limit = (_hit(_key("email", email), window) > per_email) or over_limit
        if not over_limit:
            return super().post(request, *args, **kwargs)
        logger.warning("Wachtwoordherstel afgeremd voor %s", client_ip(request))
        form = self.get_form()
        form.is_valid()  # so the e-mail field shows what was typed, not an error of its own
        form.errors.clear()
        form.add_error(None, THROTTLED_MESSAGE)
        response = self.render_to_response(self.get_context_data(form=form))
        response.status_code = 429
        response["Retry-After"] = str(window)
        return response
