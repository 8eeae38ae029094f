"""Local development: `make run`. DEBUG on, a generated secret key kept out of git."""

import secrets

from .base import *  # noqa: F403
from .base import BASE_DIR, env_bool

DEBUG = env_bool("DEBUG", True)
# `make run`'s admin (manage.py ensure_admin) signs in with its password alone; set
# TWO_FACTOR_REQUIRED=true to try the set-up flow locally.
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", False)


def _dev_secret_key():
    # A key per checkout, generated once, so sessions survive a restart of the dev server.
    key_file = BASE_DIR / ".secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
    return key_file.read_text().strip()


SECRET_KEY = SECRET_KEY or _dev_secret_key()  # noqa: F405
