"""The test suite: fast hashing, local memory cache, in-memory files."""

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["*"]
# Lock-out is tested on its own (tests/test_security.py); elsewhere client.login() must work.
AXES_ENABLED = False
# The page cache is tested on its own (tests/test_page_cache.py), so query counts stay honest.
PAGE_CACHE_ENABLED = False
