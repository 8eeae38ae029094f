"""Settings shared by every environment. Everything that differs per deployment is read
from the environment (12-factor); see docs/operations.md for the full list."""

import datetime
import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=()):
    value = os.environ.get(name, "")
    items = [item.strip() for item in value.split(",") if item.strip()]
    return items or list(default)


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # The kernel, then the apps. The apps plug into the site in this order (som/plugins.py):
    # the order of the home page's sections and of loading demo content.
    "som",
    "organisaties",
    "werkingen",
    "kalender",
    "onderwijsmakers",
    "nieuws",
    "contact",
    "abonneren",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "axes",
    # Two-factor authentication for the admin (som/two_factor/).
    "som.two_factor",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # Outermost: the request id, the log line and the metrics of every request, cached or not
    # (som/observability.py).
    "som.observability.RequestObservabilityMiddleware",
    # First: a cached page is answered before anything else runs (som/page_cache.py). It keeps
    # the headers the middleware below set when the page was rendered.
    "som.page_cache.PageCacheMiddleware",
    # The page type for the metrics, stored with a cached page (som/observability.py).
    "som.observability.PageTypeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "som.security.SiteCSPMiddleware",
    "som.security.PermissionsPolicyMiddleware",
    "som.resilience.DatabaseUnavailableMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Decides whether a page may be cached: before anything that varies per user.
    "som.page_cache.PageCacheDecisionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The admin's second step: a code from an app after the password (som/two_factor/).
    "django_otp.middleware.OTPMiddleware",
    "som.two_factor.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: locks out repeated failed logins.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "som.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "som.context_processors.site_chrome",
            ],
        },
    },
]

WSGI_APPLICATION = "som.wsgi.application"

# DATABASE_URL chooses the database; without it the embedded SQLite file in the project root.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
        # A persistent connection is checked before reuse, so a database restart costs no request.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A transaction that will write takes SQLite's write lock when it begins, not halfway: two
    # registrations for the last place then queue instead of failing with "database is locked"
    # (kalender/registrations/places.py), and the worker and the dev server share the file.
    DATABASES["default"].setdefault("OPTIONS", {}).update(transaction_mode="IMMEDIATE", timeout=20)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("TEST", {})
    if env_bool("DB_PREPARED_STATEMENTS", True):
        # A listing's queries have the same shape on every request; from their third use on a
        # (persistent) connection PostgreSQL runs them as prepared statements and skips
        # planning them again (about 1 ms per facet count with the bulk data). Off behind a
        # connection pooler in transaction mode that cannot keep prepared statements.
        DATABASES["default"].setdefault("OPTIONS", {}).update(server_side_binding=True, prepare_threshold=2)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Belgian Dutch for visitors and editors alike.
LANGUAGE_CODE = "nl-be"
LANGUAGES = [("nl-be", "Nederlands")]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nl", "Nederlands")]
WAGTAIL_CONTENT_LANGUAGES = [("nl-be", "Nederlands")]

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Leaflet from the npm registry (package.json; `make install` runs npm ci), served as our own
    # static files: no CDN.
    ("vendor/leaflet", BASE_DIR / "node_modules" / "leaflet" / "dist"),
]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Several app servers share uploaded media through S3-compatible storage (AWS, MinIO, Ceph …)
# when a bucket is configured; otherwise MEDIA_ROOT (a shared volume) is used.
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "default_acl": None,
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", False),
            "file_overwrite": False,
        },
    }

# REDIS_URL turns on the shared cache; without it each process keeps its own.
REDIS_URL = os.environ.get("REDIS_URL", "")
# Every Redis error is a cache miss or a skipped write, never an error page; after one, each
# process leaves Redis alone for breaker_pause seconds, so a hung Redis costs one 0.5 s timeout
# per pause instead of one per cache call (som/resilience.py). Also used by the tests.
REDIS_CACHE = {
    "BACKEND": "som.resilience.ResilientRedisCache",
    "LOCATION": REDIS_URL,
    "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5, "breaker_pause": 15},
    "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "som"),
    "TIMEOUT": 300,
}
# Each process's own cache holds the calendar feed's dates (500) and the pages beside them: more
# than Django's default of 300 entries, which would drop half of them at every feed request.
LOCAL_CACHE = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 5000}}
if REDIS_URL:
    CACHES = {"default": REDIS_CACHE}
else:
    CACHES = {"default": LOCAL_CACHE}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
WAGTAIL_SITE_NAME = "Samen Onderwijs Maken"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://localhost:8000")
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        # Dutch stemming on PostgreSQL ("projecten" finds "project"); ignored on SQLite.
        "SEARCH_CONFIG": "dutch",
    }
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# A rendition decodes its original at 3–4 bytes per pixel: 40 million pixels (8000 × 5000, more
# than a camera photo needs) cost a worker up to ~160 MB, an 11,000 × 11,000 PNG of a few hundred
# KB ~350 MB. Wagtail refuses larger uploads with a clear (Dutch) message.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no third-party requests from the admin (privacy, CSP)
WAGTAIL_DATE_FORMAT = "%d-%m-%Y"
WAGTAIL_DATETIME_FORMAT = "%d-%m-%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
WAGTAIL_MODERATION_ENABLED = True
WAGTAILADMIN_COMMENTS_ENABLED = True
# Private pages: the password form and the login in the site's own layout, in Dutch.
WAGTAIL_PASSWORD_REQUIRED_TEMPLATE = "som/password_required.html"
WAGTAIL_FRONTEND_LOGIN_TEMPLATE = "som/login.html"

# E-mail: always sent by the worker, never in a visitor's request (som/mail.py). Development prints
# it in the terminal of `make run`; production sends it through SMTP (som/settings/production.py).
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Samen Onderwijs Maken <website@samenonderwijsmaken.be>")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))
# Sent and failed messages hold addresses and personal links: deleted after this many days.
MAIL_RETENTION_DAYS = int(os.environ.get("MAIL_RETENTION_DAYS", "30"))

# Forms editors build (contact/): how often one address or one e-mail address may send a form
# (requests, seconds); after how many days a submission (and its files) is deleted; what a visitor
# may upload where editors add a file field, and where those files are kept: outside MEDIA_ROOT,
# so no public address reaches them (the Eindredactie downloads them in the admin).
FORM_RATE_LIMITS = {
    "address": (int(os.environ.get("FORM_RATE_LIMIT_ADDRESS", "10")), 60 * 60),
    "email": (int(os.environ.get("FORM_RATE_LIMIT_EMAIL", "5")), 60 * 60),
}
FORM_SUBMISSION_RETENTION_DAYS = int(os.environ.get("FORM_SUBMISSION_RETENTION_DAYS", "365"))
FORM_UPLOAD_EXTENSIONS = [".pdf", ".docx", ".odt", ".jpg", ".jpeg", ".png"]
FORM_UPLOAD_MAX_BYTES = int(os.environ.get("FORM_UPLOAD_MAX_MB", "5")) * 1024 * 1024
FORM_UPLOAD_ROOT = Path(os.environ.get("FORM_UPLOAD_ROOT", BASE_DIR / "private" / "formulieren"))

# The domain in every iCalendar UID (activiteit-42@<domain>): the same whatever host name a
# visitor used, so an event never shows twice in a subscriber's calendar.
ICS_UID_DOMAIN = os.environ.get("ICS_UID_DOMAIN", "samenonderwijsmaken.be")

# Registrations for events (kalender/registrations/): how often one address or one e-mail address
# may register (requests, seconds), how long a personal link works after the event, when the
# reminder goes out, and after how many months past the event the personal data is erased.
# The limits (per hour) can be raised from the environment: a school that registers a whole team
# from behind one address, or a load test from one machine (make loadtest).
REGISTRATION_RATE_LIMITS = {
    "address": (int(os.environ.get("REGISTRATION_RATE_LIMIT_ADDRESS", "20")), 60 * 60),
    "email": (int(os.environ.get("REGISTRATION_RATE_LIMIT_EMAIL", "5")), 60 * 60),
}
REGISTRATION_LINK_VALID_AFTER_EVENT = datetime.timedelta(days=1)
REGISTRATION_REMINDER_HOURS = int(os.environ.get("REGISTRATION_REMINDER_HOURS", "24"))
REGISTRATION_RETENTION_MONTHS = int(os.environ.get("REGISTRATION_RETENTION_MONTHS", "6"))

# The e-mail digest (abonneren/): how often one address or one e-mail address may subscribe
# (requests, seconds); how long a confirmation link works; after how many days an unconfirmed or
# unsubscribed address is deleted; how many subscribers one task handles and how many digests
# leave per minute at most (0: no limit; the outbox spreads them over time).
SUBSCRIBE_RATE_LIMITS = {
    "address": (int(os.environ.get("SUBSCRIBE_RATE_LIMIT_ADDRESS", "20")), 60 * 60),
    "email": (int(os.environ.get("SUBSCRIBE_RATE_LIMIT_EMAIL", "3")), 60 * 60),
}
SUBSCRIBE_CONFIRM_DAYS = int(os.environ.get("SUBSCRIBE_CONFIRM_DAYS", "7"))
SUBSCRIBE_UNSUBSCRIBED_RETENTION_DAYS = int(os.environ.get("SUBSCRIBE_UNSUBSCRIBED_RETENTION_DAYS", "30"))
DIGEST_BATCH_SIZE = int(os.environ.get("DIGEST_BATCH_SIZE", "200"))
DIGEST_RATE_PER_MINUTE = int(os.environ.get("DIGEST_RATE_PER_MINUTE", "300"))

# Background work (django-tasks): stored in the database, run by `manage.py db_worker` (make run
# starts one beside the dev server; production runs it as its own process). No extra service.
TASKS = {"default": {"BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

# Logs (som/logging.py, som/observability.py): readable lines in development, one JSON object per
# line in production (LOG_FORMAT=json, production's default), each with the request id. One line
# per request on `som.requests` (LOG_REQUESTS=false turns it off); never a query string, a body or
# an e-mail address.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request": {"()": "som.logging.RequestContextFilter"}},
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "som.logging.SiteJsonFormatter", "fmt": "%(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["request"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "som.requests": {"level": "INFO" if env_bool("LOG_REQUESTS", True) else "WARNING"},
    },
}

# Operations (docs/operations.md): the health endpoint's worker heartbeat (som/health.py), error
# reports to Sentry when SENTRY_DSN is set (som/error_reporting.py), Prometheus metrics at
# /metrics when METRICS_ENABLED, for the addresses in METRICS_ALLOWED_IPS or a bearer token.
WORKER_HEARTBEAT_SECONDS = int(os.environ.get("WORKER_HEARTBEAT_SECONDS", "60"))
WORKER_STALE_MINUTES = int(os.environ.get("WORKER_STALE_MINUTES", "5"))
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    from som import error_reporting

    error_reporting.init(
        SENTRY_DSN,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        release=os.environ.get("SENTRY_RELEASE"),
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
    )
METRICS_ENABLED = env_bool("METRICS_ENABLED", False)
METRICS_ALLOWED_IPS = env_list("METRICS_ALLOWED_IPS", ["127.0.0.1", "::1"])
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")


def require_env(name):
    value = os.environ.get(name)
    if not value:
        raise ImproperlyConfigured(f"Set the {name} environment variable.")
    return value


WAGTAILIMAGES_IMAGE_MODEL = "som.SomImage"
# Image formats: modern formats with a fallback, chosen per rendition in templates.
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"bmp": "png", "gif": "gif", "heic": "jpeg"}
WAGTAILIMAGES_IMAGE_FORM_BASE = "som.forms.SomImageForm"

# ---------------------------------------------------------------------------
# Security

# The map of organisations (organisaties/maps.py): Leaflet (our own static files) draws the tiles
# of this server; empty: no map (the list and the addresses are the page either way).
SOM_MAP_TILE_URL = os.environ.get("SOM_MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
SOM_MAP_ATTRIBUTION = os.environ.get(
    "SOM_MAP_ATTRIBUTION", '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>-bijdragers'
)


def csp_tile_sources(tile_url):
    """The CSP source of the tile server, and only that: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png'
    → ['https://tile.openstreetmap.org']; a '{s}' subdomain → a wildcard for that level."""
    if not tile_url:
        return []
    parts = urlsplit(tile_url.replace("{s}", "*"))
    if parts.scheme != "https" or not parts.hostname:
        raise ImproperlyConfigured(f"SOM_MAP_TILE_URL must be an https:// address template, not {tile_url!r}.")
    return [f"https://{parts.netloc}"]


# A strict policy for the public site: no inline scripts or styles, no third-party scripts.
# Video embeds may come from YouTube and Vimeo; map tiles from SOM_MAP_TILE_URL's host (in the admin
# too). som.security relaxes style-src in the admin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *csp_tile_sources(SOM_MAP_TILE_URL)],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": [
            "'self'",
            "https://www.youtube.com",
            "https://www.youtube-nocookie.com",
            "https://player.vimeo.com",
        ],
        "frame-ancestors": ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
}
# No framing; Wagtail marks its own preview views SAMEORIGIN so previews keep working.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURITY_CONTACT = os.environ.get("SECURITY_CONTACT", "mailto:security@samenonderwijsmaken.be")

# Password guessing: after 5 failed logins for a user from one address, 30 minutes lock-out.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "som/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# The address that is locked out (and that the password-reset limit counts): REMOTE_ADDR, or
# behind TRUSTED_PROXY_COUNT proxies the address they forwarded in X-Forwarded-For
# (som/throttle.py). Axes' own AXES_IPWARE_* settings need django-ipware, which is not installed.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "som.throttle.client_ip"

# Two-factor authentication (som/two_factor/): superusers and the Eindredactie must set it up
# when this is on (the default, so production has it); the Redactie may. Development and the
# tests turn it off (som/settings/dev.py, test.py), so `make run`'s admin signs in with a password.
# Whoever has set it up is always asked for a code.
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", True)
OTP_TOTP_ISSUER = "Samen Onderwijs Maken"

# ---------------------------------------------------------------------------
# Page cache (som/page_cache.py): anonymous pages from the shared cache, never stale.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)

# Front-end cache (CDN) invalidation, when a CDN sits in front of the site. For example
# WAGTAILFRONTENDCACHE_BACKEND=wagtail.contrib.frontend_cache.backends.HTTPBackend and
# WAGTAILFRONTENDCACHE_LOCATION=http://127.0.0.1:8080 (Varnish), or the Cloudflare backend with
# WAGTAILFRONTENDCACHE_ZONEID and WAGTAILFRONTENDCACHE_BEARER_TOKEN.
if os.environ.get("WAGTAILFRONTENDCACHE_BACKEND"):
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")
    WAGTAILFRONTENDCACHE = {
        "default": {
            key.removeprefix("WAGTAILFRONTENDCACHE_"): value
            for key, value in os.environ.items()
            if key.startswith("WAGTAILFRONTENDCACHE_")
        }
    }
