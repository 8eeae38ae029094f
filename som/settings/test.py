"""The test suite: fast hashing, local memory cache (or a live Redis), in-memory files."""

import os

from .base import *  # noqa: F403
from .base import LOCAL_CACHE, REDIS_CACHE

SECRET_KEY = "test-only-not-secret"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": LOCAL_CACHE}
# TEST_REDIS_URL runs the suite against a live Redis, as production does (CI does this once):
# the page cache's hit path and the resilient client for real. Each pytest-xdist worker gets a
# database of its own, since every test empties the cache.
if os.environ.get("TEST_REDIS_URL"):
    _worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    CACHES = {"default": {**REDIS_CACHE, "LOCATION": f"{os.environ['TEST_REDIS_URL'].rstrip('/')}/{1 + _worker}"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run at once, in the test's thread, when the transaction commits; tests/test_mail.py runs
# the real worker against the database backend.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
ALLOWED_HOSTS = ["*"]
# Lock-out is tested on its own (tests/test_security.py); elsewhere client.login() must work.
AXES_ENABLED = False
# Two-factor authentication is tested on its own (tests/test_two_factor.py turns it on); elsewhere
# client.login() and the browser tests' login reach the admin.
TWO_FACTOR_REQUIRED = False
# The page cache is tested on its own (tests/test_page_cache.py), so query counts stay honest.
PAGE_CACHE_ENABLED = False
