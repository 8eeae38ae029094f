"""A database or Redis that cannot be reached: a Dutch 503 for the database, cache misses for
Redis, and recovery without a restart. A query that fails on a working database is no outage:
a bug stays a 500, and a search the full-text engine cannot read shows a hint. (Redis that
hangs, is full or read-only: tests/test_redis_failures.py.)"""

import contextlib
import socket
import time

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.utils import load_backend
from django.test import Client, override_settings

from som.page_cache import bump_content_version, content_version
from som.resilience import ResilientRedisCache
from tests.helpers import soup

OUTAGE_PAGE = "De site is even niet beschikbaar"
UNREADABLE_HINT = "We konden je zoekopdracht niet lezen; probeer het zonder aanhalingstekens of speciale tekens."
postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")


def new_connection(**settings):
    """A connection of its own for the default database, with some settings changed."""
    settings_dict = {**connection.settings_dict, **settings}
    return load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, DEFAULT_DB_ALIAS)


def unreachable_database():
    if connection.vendor == "sqlite":
        return new_connection(NAME="/nonexistent/som/db.sqlite3")  # "unable to open database file"
    with socket.socket() as probe:  # a port where nothing listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return new_connection(HOST="127.0.0.1", PORT=port)


@contextlib.contextmanager
def database(wrapper):
    """The site uses `wrapper` as its default database for a while."""
    original = connections[DEFAULT_DB_ALIAS]
    connections[DEFAULT_DB_ALIAS] = wrapper
    try:
        yield
    finally:
        connections[DEFAULT_DB_ALIAS] = original
        wrapper.close()


def assert_outage_page(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert OUTAGE_PAGE in response.content.decode()


def test_a_database_that_cannot_be_reached_gives_a_dutch_503_and_the_site_recovers(client, demo):
    with database(unreachable_database()):
        response = client.get("/werking/")
    assert_outage_page(response)
    assert "Labo onderwijs x cultuur" in client.get("/werking/").content.decode()  # works again


@postgresql_only
def test_a_lost_postgresql_connection_gives_the_503(client, demo):
    lost = new_connection()
    lost.ensure_connection()
    pid = lost.connection.info.backend_pid
    with connection.cursor() as cursor:  # as a restart of PostgreSQL would
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = %s", [pid])
            if not cursor.fetchone()[0]:
                break
            time.sleep(0.05)
    with database(lost):
        response = client.get("/werking/")
    assert_outage_page(response)
    assert client.get("/werking/").status_code == 200


def failing_first(statement):
    """A wrapper that runs `statement` (a real query that fails) instead of the first query of
    the request that matches."""
    done = []

    def wrapper(execute, sql, params, many, context):
        if not done and statement.matches(sql):
            done.append(sql)
            for step in statement.steps:
                execute(step, None, False, context)
        return execute(sql, params, many, context)

    return wrapper


class Statement:
    def __init__(self, *steps, matches=lambda sql: True):
        self.steps = steps
        self.matches = matches


def query_error():
    """A query error on a working connection that is an OperationalError on either database."""
    if connection.vendor == "sqlite":
        return Statement("SELECT * FROM som_bestaat_niet")  # "no such table"
    return Statement("SET LOCAL statement_timeout = 1", "SELECT pg_sleep(1)")  # QueryCanceled


def test_a_failing_query_is_a_500_not_an_outage(demo):
    client = Client(raise_request_exception=False)
    with connection.execute_wrapper(failing_first(query_error())):
        response = client.get("/werking/")
    assert response.status_code == 500
    assert "Retry-After" not in response
    assert OUTAGE_PAGE not in response.content.decode()


def test_a_search_the_database_cannot_read_shows_a_hint_not_an_error(client, demo):
    for query in ['"onderwijs', 'onderwijs"', 'a")"', 'x":"', '"Labo" "cultuur', 'x"NEAR("']:
        response = client.get("/zoeken/", {"q": query})
        page = soup(response)  # status 200
        text = " ".join(page.get_text(" ").split())
        if connection.vendor == "sqlite":
            # SQLite's full-text engine reads a stray double quote as its own syntax.
            assert UNREADABLE_HINT in text, query
            assert "Niets gevonden" in text, query
            assert not page.select(".search-result"), query
        else:
            assert UNREADABLE_HINT not in text, query  # PostgreSQL's reads every word as a word


def test_a_quoted_word_is_searched_as_usual(client, demo):
    text = soup(client.get("/zoeken/", {"q": '"Labo" cultuur'})).get_text()
    assert "Labo onderwijs x cultuur" in text
    assert UNREADABLE_HINT not in text


def test_another_error_of_the_search_query_is_still_a_500(demo):
    # The query has a stray quote, but the search statement fails for another reason (a bug):
    # that must not be taken for a query the visitor typed wrongly.
    client = Client(raise_request_exception=False)
    search_statement = Statement("SELECT * FROM som_bestaat_niet", matches=lambda sql: "MATCH" in sql or "@@" in sql)
    with connection.execute_wrapper(failing_first(search_statement)):
        response = client.get("/zoeken/", {"q": '"onderwijs'})
    assert response.status_code == 500
    assert UNREADABLE_HINT not in response.content.decode()


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
        "storages.backends.s3.S3Storage",
        "som-media",
        "http://127.0.0.1:9000",
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
