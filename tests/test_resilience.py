"""A database or Redis that cannot be reached: a Dutch 503 for the database, cache misses for
Redis, and recovery without a restart."""

from unittest import mock

from django.db import OperationalError
from django.test import override_settings

from som.page_cache import bump_content_version, content_version
from som.resilience import ResilientRedisCache


def test_database_outage_gives_a_dutch_503_and_recovers(client, demo):
    # Every query fails, from the first one (finding the site) on.
    outage = OperationalError("connection refused")
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=outage):
        response = client.get("/werking/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "De site is even niet beschikbaar" in response.content.decode()
    assert client.get("/werking/").status_code == 200  # the next request works again


def test_redis_outage_means_cache_misses_not_errors():
    # Nothing listens on port 1: every call fails to connect.
    cache = ResilientRedisCache("redis://127.0.0.1:1/0", {"OPTIONS": {"socket_connect_timeout": 0.2}})
    assert cache.get("x", "standaard") == "standaard"
    assert cache.set("x", 1) is None
    assert cache.add("x", 1) is False
    assert cache.incr("x") == 0
    assert cache.get_many(["a", "b"]) == {}


def test_pages_render_while_redis_is_down(client, demo):
    caches = {
        "default": {
            "BACKEND": "som.resilience.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2},
        }
    }
    with override_settings(CACHES=caches, PAGE_CACHE_ENABLED=True):
        assert client.get("/").status_code == 200
        assert client.get("/werking/?fase=afgerond").status_code == 200
        bump_content_version()
        assert content_version() == "geen-cache"


def test_media_go_to_s3_compatible_storage_when_a_bucket_is_configured():
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "som.settings.dev",
        "AWS_STORAGE_BUCKET_NAME": "som-media",
        "AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9000",
    }
    code = (
        "import django, json; django.setup(); from django.core.files.storage import storages; s = storages['default']; "
        "print(json.dumps([type(s).__module__ + '.' + type(s).__name__, s.bucket_name, s.endpoint_url]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=Path(__file__).resolve().parents[1], env=env, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout.strip().splitlines()[-1]) == [
        "storages.backends.s3.S3Storage", "som-media", "http://127.0.0.1:9000"
    ]


class Vanished:
    """Exists when a value is cached; gone (as after a deployment) when it is read back."""


def test_a_cached_value_that_can_no_longer_be_read_is_a_miss_not_an_error(client, demo, monkeypatch):
    import sys

    from django.core.cache import cache

    from som.page_cache import content_version

    client.get("/werking/")  # the site and the menu are cached now
    cache.set("som:value:site:testserver:80", (content_version(), Vanished()))
    monkeypatch.delattr(sys.modules[__name__], "Vanished")
    response = client.get("/werking/")
    assert response.status_code == 200
    assert "Labo onderwijs x cultuur" in response.content.decode()
