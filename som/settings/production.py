"""Production: PostgreSQL, Redis, gunicorn + WhiteNoise. SECRET_KEY and WAGTAILADMIN_BASE_URL must
come from the environment."""

import os
import sys

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, require_env

DEBUG = False
SECRET_KEY = require_env("SECRET_KEY")
# The address in password-reset and notification e-mails: without it they would link to localhost.
WAGTAILADMIN_BASE_URL = require_env("WAGTAILADMIN_BASE_URL").rstrip("/")
if not WAGTAILADMIN_BASE_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured(
        "WAGTAILADMIN_BASE_URL must be the site's address, e.g. https://www.samenonderwijsmaken.be"
    )
# Persistent, health-checked connections: no connection set-up per request, and the prepared
# statements of base.py live as long as the connection.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DB_CONN_MAX_AGE", "600"))  # noqa: F405

# A statement that runs longer than DB_STATEMENT_TIMEOUT_MS is cancelled by PostgreSQL, so a stuck
# query gives an error page before gunicorn's --timeout kills the worker. Only the web process:
# the WSGI module (som/wsgi.py, imported by gunicorn) is what loads these settings there, while
# management commands (migrate, generate_bulk_content …) load them through manage.py and are never
# cut off. 0 turns it off (behind PgBouncer, which refuses the `options` start-up parameter unless
# told to ignore it, set the timeout on the web role instead: ALTER ROLE … SET statement_timeout).
WEB_PROCESS = "som.wsgi" in sys.modules
DB_STATEMENT_TIMEOUT_MS = int(os.environ.get("DB_STATEMENT_TIMEOUT_MS", "20000"))
if WEB_PROCESS and DB_STATEMENT_TIMEOUT_MS > 0 and DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = f"-c statement_timeout={DB_STATEMENT_TIMEOUT_MS}"  # noqa: F405

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365

# Uploaded media. The app serves the image renditions (/media/images/ only, som/media.py) when
# they are local files, so `make serve` shows images; a web server or CDN in front may take that
# over (SERVE_RENDITIONS=false), see docs/operations.md. Originals and documents are never
# served from MEDIA_ROOT or the bucket: documents go through Wagtail's view, which checks
# collection privacy and sets its own headers, also on S3 (no public or signed bucket URL).
SERVE_RENDITIONS = env_bool(
    "SERVE_RENDITIONS",
    STORAGES["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage",  # noqa: F405
)
WAGTAILDOCS_SERVE_METHOD = "serve_view"

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# A load balancer checks the app servers over plain HTTP: the health endpoint answers it there.
SECURE_REDIRECT_EXEMPT = [r"^gezondheid/$", r"^healthz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Logs: one JSON object per line (som/logging.py), unless LOG_FORMAT=text.
LOGGING["handlers"]["console"]["formatter"] = os.environ.get("LOG_FORMAT", "json")  # noqa: F405

# Mail goes out through SMTP (EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD,
# EMAIL_USE_TLS / EMAIL_USE_SSL from the environment), unless EMAIL_BACKEND says otherwise.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
