"""A Redis that hangs, is full or went read-only: pages still answer, from the database, and the
site stops asking Redis for a while after the first failure (the circuit breaker in
som/resilience.py) instead of waiting on every cache call.

The failures are real: a socket that accepts connections and never answers, and a redis-server
started here on a free port and made to fail (maxmemory with noeviction for OOM, replicaof for
READONLY). Without /usr/bin/redis-server those tests skip, except under CI=true, where they fail.
"""

import contextlib
import logging
import os
import shutil
import socket
import subprocess
import threading
import time

import pytest
import redis
from django.conf import settings
from django.core.cache.backends.redis import RedisCache
from django.test import override_settings

from som import resilience
from som.resilience import CircuitBreaker, ResilientRedisCache
from tests.helpers import soup
from werkingen.models import ProjectPage

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
PAUSE = settings.REDIS_CACHE["OPTIONS"]["breaker_pause"]
WARNING = "antwoordt niet"  # som.resilience's warning when the breaker opens


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now

    def advance(self, seconds):
        self.now += seconds


@pytest.fixture(autouse=True)
def fresh_breakers(monkeypatch):
    # Clients and breakers live per process and Redis location; each test starts without any.
    monkeypatch.setattr(resilience, "_servers", {})


@pytest.fixture
def clock():
    return Clock()


@contextlib.contextmanager
def redis_cache(url, clock=None):
    """The site with the production cache settings, at `url`, and its page cache on."""
    with override_settings(CACHES={"default": {**settings.REDIS_CACHE, "LOCATION": url}}, PAGE_CACHE_ENABLED=True):
        from django.core.cache import cache

        if clock is not None:
            cache.breaker.clock = clock
        yield cache


class HungRedis:
    """Accepts connections and never answers, like a Redis that hangs."""

    def __init__(self):
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(0.05)
        self.url = f"redis://127.0.0.1:{self.server.getsockname()[1]}/0"
        self.connections = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self):
        while not self._stop.is_set():
            try:
                conn, _address = self.server.accept()
            except TimeoutError:
                continue
            self.connections.append(conn)

    def close(self):
        self._stop.set()
        self._thread.join()
        for conn in self.connections:
            conn.close()
        self.server.close()


@pytest.fixture
def hung_redis():
    hung = HungRedis()
    yield hung
    hung.close()


class RedisServer:
    def __init__(self, port, process):
        self.url = f"redis://127.0.0.1:{port}/0"
        self.process = process
        self.admin = redis.Redis(port=port, socket_timeout=5)

    def calls(self):
        """Commands the site sent since the last reset_stats (rejected ones included)."""
        stats = self.admin.info("commandstats")
        return sum(
            s.get("calls", 0) + s.get("rejected_calls", 0)
            for name, s in stats.items()
            # Not cache calls: the tests' own, and redis-py's handshake on a new connection.
            if name not in ("cmdstat_info", "cmdstat_config|resetstat", "cmdstat_hello", "cmdstat_client|setinfo")
        )

    def errors(self, kind):
        return self.admin.info("errorstats").get(f"errorstat_{kind}", {}).get("count", 0)

    def reset_stats(self):
        self.admin.config_resetstat()


@pytest.fixture
def redis_server(tmp_path):
    if not os.access(REDIS_SERVER, os.X_OK):
        if os.environ.get("CI") == "true":
            pytest.fail(f"{REDIS_SERVER} ontbreekt; CI moet de Redis-storingen testen (apt-get install redis-server).")
        pytest.skip("redis-server ontbreekt: installeer het met `sudo apt-get install redis-server`.")
    port = free_port()
    process = subprocess.Popen(
        [
            REDIS_SERVER,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    server = RedisServer(port, process)
    deadline = time.monotonic() + 10
    while True:
        try:
            server.admin.ping()
            break
        except redis.ConnectionError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.05)
    yield server
    process.terminate()
    process.wait(10)


def assert_home(response):
    page = soup(response)
    assert page.h1.get_text(strip=True) == "Samen Onderwijs Maken"
    assert "organisatienetwerk dat stad Leuven en onderwijsmakers" in page.get_text()


def assert_werking(response, title="Labo onderwijs x cultuur"):
    assert title in soup(response).get_text()


def warnings_logged(caplog):
    return [r for r in caplog.records if r.name == "som.resilience" and r.levelno >= logging.WARNING]


def test_a_hung_redis_costs_one_timeout_not_one_per_cache_call(client, demo, hung_redis, caplog):
    with redis_cache(hung_redis.url):
        started = time.monotonic()
        home = client.get("/")
        werking = client.get("/werking/")
        again = client.get("/")
        elapsed = time.monotonic() - started
    assert_home(home)
    assert_werking(werking)
    assert_home(again)
    # The first cache call waited for its 0.5 s timeout and opened the breaker; no other call
    # asked Redis (each would have needed a new connection: redis-py drops one that timed out).
    assert len(hung_redis.connections) == 1
    assert [WARNING in r.getMessage() for r in warnings_logged(caplog)] == [True]
    assert elapsed < 10  # a sanity bound only: ~60 s when every call waits


def test_after_its_pause_the_breaker_lets_one_call_try_redis_again(client, demo, hung_redis, clock, caplog):
    with redis_cache(hung_redis.url, clock) as cache:
        assert_home(client.get("/"))
        assert len(hung_redis.connections) == 1
        clock.advance(PAUSE - 1)
        assert_werking(client.get("/werking/"))
        assert len(hung_redis.connections) == 1  # still pausing
        clock.advance(2)
        assert_home(client.get("/"))
        assert len(hung_redis.connections) == 2  # one trial, which timed out: a new pause
        assert_werking(client.get("/werking/"))
        assert len(hung_redis.connections) == 2
        assert cache.breaker.is_open
    # One warning when the breaker opened, none per failed trial.
    assert len(warnings_logged(caplog)) == 1


def test_a_full_redis_means_misses_not_500s(client, demo, redis_server, caplog):
    admin = redis_server.admin
    admin.config_set("maxmemory-policy", "noeviction")
    admin.config_set("maxmemory", "8mb")
    with pytest.raises(redis.exceptions.OutOfMemoryError):
        for i in range(1000):
            admin.set(f"ballast:{i}", b"x" * 100_000)
    # Full. The refused command's own buffer is freed again, so keep the limit below what is
    # used, or a small write could still slip in.
    admin.config_set("maxmemory", admin.info("memory")["used_memory"] - 1_000_000)
    redis_server.reset_stats()
    with redis_cache(redis_server.url):
        assert_home(client.get("/"))
        assert_werking(client.get("/werking/"))
        assert_home(client.get("/"))
    # The first write was refused (OOM); after it the site left Redis alone.
    assert redis_server.errors("OOM") == 1
    assert redis_server.calls() <= 3
    assert len(warnings_logged(caplog)) == 1


def test_a_read_only_redis_after_a_failover_then_back_with_what_was_published_meanwhile(
    client, demo, redis_server, clock
):
    project = ProjectPage.objects.get(title="Labo onderwijs x cultuur")
    with redis_cache(redis_server.url, clock) as cache:
        assert client.get("/werking/")["X-Cache"] == "MISS"
        cached = client.get("/werking/")
        assert cached["X-Cache"] == "HIT"
        assert_werking(cached)

        # A failover made this Redis a replica (of a server that is not there): it still
        # answers reads, and refuses every write with READONLY.
        redis_server.admin.replicaof("127.0.0.1", free_port())
        redis_server.reset_stats()
        # An editor publishes meanwhile; the new content version cannot be written.
        project.title = "Labo onderwijs x cultuur x wetenschap"
        project.save_revision().publish()
        first = client.get("/werking/")
        assert_werking(first, "Labo onderwijs x cultuur x wetenschap")
        assert_home(client.get("/"))
        assert_werking(client.get("/werking/"), "Labo onderwijs x cultuur x wetenschap")
        assert redis_server.errors("READONLY") == 1
        assert redis_server.calls() <= 2
        assert cache.breaker.is_open

        # Writable again. Within the pause the site still leaves it alone ...
        redis_server.admin.replicaof("no", "one")
        clock.advance(PAUSE - 1)
        assert_werking(client.get("/werking/"), "Labo onderwijs x cultuur x wetenschap")
        assert redis_server.calls() <= 2
        # ... after it, the cache is used again, and the page cached before the publish is not
        # served: the write that could not be made is undone first.
        clock.advance(2)
        stored = client.get("/werking/")
        assert_werking(stored, "Labo onderwijs x cultuur x wetenschap")
        assert stored["X-Cache"] == "MISS"
        hit = client.get("/werking/")
        assert hit["X-Cache"] == "HIT"
        assert_werking(hit, "Labo onderwijs x cultuur x wetenschap")
        assert not cache.breaker.is_open


def test_entries_are_shared_with_djangos_own_redis_backend(redis_server):
    """Same keys and format as django.core.cache.backends.redis.RedisCache, so a deployment can
    switch either way and the entries stay readable; this fails if Django changes its format."""
    ours = ResilientRedisCache(redis_server.url, {"KEY_PREFIX": "som"})
    djangos = RedisCache(redis_server.url, {"KEY_PREFIX": "som"})

    djangos.set("page", {"titel": "Leuven"}, 60)
    assert ours.get("page") == {"titel": "Leuven"}
    ours.set("waarde", ["a", 1], 60)
    assert djangos.get("waarde") == ["a", 1]
    assert redis_server.admin.ttl("som:1:waarde") in (59, 60)

    ours.set("teller", 5, None)
    assert djangos.incr("teller") == 6
    assert ours.incr("teller", 2) == 8
    assert redis_server.admin.ttl("som:1:teller") == -1  # kept without expiry
    with pytest.raises(ValueError):
        ours.incr("bestaat-niet")

    ours.set_many({"a": 1, "b": "twee"}, 30)
    assert djangos.get_many(["a", "b", "c"]) == {"a": 1, "b": "twee"}
    assert ours.get_many(["a", "b", "c"]) == {"a": 1, "b": "twee"}
    assert redis_server.admin.ttl("som:1:b") in (29, 30)

    assert ours.add("a", 9) is False
    assert ours.add("c", 3) is True
    assert djangos.get("c") == 3
    assert ours.get_or_set("d", "vier") == "vier"
    ours.set("c", 3, 0)  # a timeout of 0 deletes
    assert ours.has_key("c") is False
    assert ours.touch("d", None) is True
    assert redis_server.admin.ttl("som:1:d") == -1

    assert ours.delete("d") is True
    ours.delete_many(["a", "b"])
    assert djangos.get_many(["a", "b", "d"]) == {}
    assert ours.get("a", "standaard") == "standaard"

    # A value that cannot be read is the caller's problem, not a Redis failure.
    redis_server.admin.set("som:1:kapot", b"\x80\x05kapot")
    with pytest.raises(Exception):  # noqa: B017 - whatever pickle raises
        ours.get("kapot")
    assert not ours.breaker.is_open


def test_the_breaker_warns_once_per_opening(caplog, clock):
    caplog.set_level(logging.INFO, logger="som.resilience")
    breaker = CircuitBreaker("redis:6379/0", pause=10, clock=clock)
    assert breaker.allow()
    breaker.failed(redis.exceptions.ReadOnlyError("READONLY"))
    assert not breaker.allow()
    clock.advance(10)
    assert breaker.allow()  # the trial
    assert not breaker.allow()  # the others keep skipping while it runs
    breaker.failed(redis.exceptions.TimeoutError("Timeout reading from socket"))
    clock.advance(9)
    assert not breaker.allow()
    clock.advance(1)
    assert breaker.allow()
    breaker.succeeded()
    assert breaker.allow() and not breaker.is_open
    breaker.failed(redis.exceptions.OutOfMemoryError("OOM"))
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 2
    assert "ReadOnlyError" in warnings[0] and "OutOfMemoryError" in warnings[1]
    assert any("antwoordt weer" in r.getMessage() for r in caplog.records if r.levelno == logging.INFO)
