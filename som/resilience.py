"""Staying up when a backing service is down.

- Redis: the cache is an optimisation. `ResilientRedisCache` treats every Redis error (no answer,
  a refused connection, OOM, READONLY after a failover, …) as a cache miss (reads) or a no-op
  (writes), and a circuit breaker per process and Redis server then leaves Redis alone for a
  short pause, so a hung Redis costs one timeout per pause instead of one per cache call.
- The database: without it no page can be built. `DatabaseUnavailableMiddleware` answers 503
  with a short Dutch page and a Retry-After header when the database cannot be reached; Django
  opens a new connection on the next request, so the site recovers by itself. A query that fails
  on a working connection is a bug and stays a 500.
"""

import logging
import pickle
import sqlite3
import threading
import time

import redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.exceptions import ImproperlyConfigured
from django.db import OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

try:
    import psycopg
except ImportError:  # pragma: no cover - SQLite-only installs
    psycopg = None

logger = logging.getLogger(__name__)

# Every error redis-py raises derives from RedisError (ConnectionError, TimeoutError,
# ResponseError with OutOfMemoryError and ReadOnlyError, …); socket errors can escape as OSError.
REDIS_ERRORS = (redis.exceptions.RedisError, OSError)
BREAKER_PAUSE = 15  # seconds without Redis after a failure (OPTIONS "breaker_pause")
# Writes skipped while Redis was away, remembered per process to be undone when it answers again.
UNSYNCED_LIMIT = 10_000


class CircuitBreaker:
    """Closed: every call goes to Redis. The first failure opens it: no call goes to Redis for
    `pause` seconds. After the pause one call is let through as a trial (the others keep
    skipping); its success closes the breaker, its failure starts a new pause. A warning is
    logged when the breaker opens, not per call or per failed trial."""

    def __init__(self, name, pause, clock=time.monotonic):
        self.name = name
        self.pause = pause
        self.clock = clock
        self.retry_at = None  # None while closed
        self.opened_at = None
        self._lock = threading.Lock()

    @property
    def is_open(self):
        return self.retry_at is not None

    def allow(self):
        if self.retry_at is None:
            return True
        with self._lock:
            if self.retry_at is None:
                return True
            now = self.clock()
            if now < self.retry_at:
                return False
            self.retry_at = now + self.pause  # this caller is the trial; the others keep skipping
            return True

    def failed(self, error):
        with self._lock:
            opening = self.retry_at is None
            now = self.clock()
            self.retry_at = now + self.pause
            if opening:
                self.opened_at = now
        if opening:
            logger.warning(
                "Redis (%s) antwoordt niet (%s: %s); de site laat Redis %s s met rust en leest uit de database.",
                self.name,
                type(error).__name__,
                error,
                self.pause,
            )
        else:
            logger.info("Redis (%s) antwoordt nog niet (%s: %s).", self.name, type(error).__name__, error)

    def succeeded(self):
        if self.retry_at is None:
            return
        with self._lock:
            if self.retry_at is None:
                return
            self.retry_at = None
            down = self.clock() - self.opened_at
        logger.info("Redis (%s) antwoordt weer, na %.0f s.", self.name, down)


class _RedisServer:
    """One per Redis server and process: one redis.Redis client (thread-safe; it takes
    connections from its pool), the circuit breaker, and the keys whose writes were skipped."""

    def __init__(self, location, options, pause):
        pool = redis.ConnectionPool.from_url(location, **options)
        self.client = redis.Redis(connection_pool=pool)
        kwargs = pool.connection_kwargs  # the name in the logs, without a password
        name = kwargs.get("path") or f"{kwargs.get('host')}:{kwargs.get('port')}/{kwargs.get('db', 0)}"
        self.breaker = CircuitBreaker(name, pause)
        self._lock = threading.Lock()
        self.unsynced = set()
        self.overflowed = False

    def skipped(self, keys, lasting):
        """Remember keys whose write (set, delete, incr …) did not reach Redis. A write
        without expiry and a delete are always remembered; a write with an expiry only up to
        UNSYNCED_LIMIT keys, as its old value goes away by itself."""
        if not keys:
            return
        with self._lock:
            for key in keys:
                if len(self.unsynced) < UNSYNCED_LIMIT or (lasting and len(self.unsynced) < 10 * UNSYNCED_LIMIT):
                    self.unsynced.add(key)
                else:
                    self.overflowed = True

    def resync(self):
        """Before anything is read again, delete what was written while Redis was away: its old
        value (a content version, a page) must not be read as if the write had happened."""
        if not self.unsynced:
            return
        with self._lock:
            keys, self.unsynced = list(self.unsynced), set()
            overflowed, self.overflowed = self.overflowed, False
        try:
            for start in range(0, len(keys), 1000):
                self.client.delete(*keys[start : start + 1000])
        except BaseException:
            with self._lock:
                self.unsynced.update(keys)
                self.overflowed |= overflowed
            raise
        if overflowed:
            logger.warning(
                "Redis (%s): niet elke schrijfactie van tijdens de storing is ongedaan gemaakt; "
                "sommige cachewaarden kunnen verouderd zijn tot ze verlopen.",
                self.breaker.name,
            )


_servers = {}
_servers_lock = threading.Lock()


def _server_for(location, options, pause):
    # Django keeps a cache object per thread; the client and the breaker are per process.
    key = (location, repr(sorted(options.items())), pause)
    server = _servers.get(key)
    if server is None:
        with _servers_lock:
            server = _servers.get(key)
            if server is None:
                server = _servers[key] = _RedisServer(location, options, pause)
    return server


class ResilientRedisCache(BaseCache):
    """A Redis cache backend on Django's public BaseCache and redis-py, in the format of Django's
    own RedisCache (same keys; integers as is, everything else pickled), so both read each
    other's entries.

    Not a subclass of django.core.cache.backends.redis.RedisCache: its client is private API, and
    it builds a new redis.Redis for every call (about 80 µs here, more than the round trip of a
    page-cache hit). Every call goes through `_call`, which holds the circuit breaker.

    LOCATION is one Redis URL. OPTIONS go to redis-py's ConnectionPool.from_url (timeouts default
    to 0.5 s), except "breaker_pause" (seconds; BREAKER_PAUSE by default)."""

    def __init__(self, server, params):
        super().__init__(params)
        if not isinstance(server, str) or any(sep in server for sep in ";,"):
            raise ImproperlyConfigured("ResilientRedisCache takes one Redis URL as its LOCATION.")
        options = dict(params.get("OPTIONS") or {})
        pause = options.pop("breaker_pause", BREAKER_PAUSE)
        options = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5, **options}
        self._server = _server_for(server, options, pause)

    @property
    def breaker(self):
        return self._server.breaker

    def _call(self, default, command, written=(), lasting=False):
        """`command(client)`, or `default` when the breaker is open or Redis fails in any way."""
        server = self._server
        if not server.breaker.allow():
            server.skipped(written, lasting)
            return default
        try:
            server.resync()
            result = command(server.client)
        except REDIS_ERRORS as error:
            server.skipped(written, lasting)
            server.breaker.failed(error)
            return default
        server.breaker.succeeded()
        return result

    # Django's RedisSerializer format: integers as is (so INCR works), everything else pickled.
    @staticmethod
    def _dumps(value):
        return value if type(value) is int else pickle.dumps(value, pickle.HIGHEST_PROTOCOL)

    @staticmethod
    def _loads(data):
        try:
            return int(data)
        except ValueError:
            return pickle.loads(data)

    def get_backend_timeout(self, timeout=DEFAULT_TIMEOUT):
        # Seconds to live for Redis; None keeps the entry, 0 (or less) deletes it.
        if timeout == DEFAULT_TIMEOUT:
            timeout = self.default_timeout
        return None if timeout is None else max(0, int(timeout))

    def get(self, key, default=None, version=None):
        key = self.make_and_validate_key(key, version=version)
        value = self._call(None, lambda client: client.get(key))
        return default if value is None else self._loads(value)

    def get_many(self, keys, version=None):
        key_map = {self.make_and_validate_key(key, version=version): key for key in keys}
        if not key_map:
            return {}
        values = self._call([], lambda client: client.mget(list(key_map)))
        return {key_map[k]: self._loads(v) for k, v in zip(key_map, values) if v is not None}

    def has_key(self, key, version=None):
        key = self.make_and_validate_key(key, version=version)
        return self._call(False, lambda client: bool(client.exists(key)))

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        timeout = self.get_backend_timeout(timeout)
        if timeout == 0:
            self._call(None, lambda client: client.delete(key), [key], lasting=True)
            return
        value = self._dumps(value)
        self._call(None, lambda client: client.set(key, value, ex=timeout), [key], lasting=timeout is None)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        timeout = self.get_backend_timeout(timeout)
        value = self._dumps(value)

        def command(client):
            if timeout == 0:  # as Django's: whether it would have been added
                added = bool(client.set(key, value, nx=True))
                if added:
                    client.delete(key)
                return added
            return bool(client.set(key, value, ex=timeout, nx=True))

        # Not remembered when skipped: an add never overwrites, so nothing it skipped goes stale.
        return self._call(False, command)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        if not data:
            return []
        safe = {self.make_and_validate_key(key, version=version): self._dumps(v) for key, v in data.items()}
        timeout = self.get_backend_timeout(timeout)

        def command(client):
            pipeline = client.pipeline()
            pipeline.mset(safe)
            if timeout is not None:  # MSET takes no expiry
                for key in safe:
                    pipeline.expire(key, timeout)
            pipeline.execute()

        self._call(None, command, list(safe), lasting=timeout is None)
        return []

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        timeout = self.get_backend_timeout(timeout)
        if timeout is None:
            return self._call(False, lambda client: bool(client.persist(key)))
        return self._call(False, lambda client: bool(client.expire(key, timeout)))

    def delete(self, key, version=None):
        key = self.make_and_validate_key(key, version=version)
        return self._call(False, lambda client: bool(client.delete(key)), [key], lasting=True)

    def delete_many(self, keys, version=None):
        keys = [self.make_and_validate_key(key, version=version) for key in keys]
        if keys:
            self._call(None, lambda client: client.delete(*keys), keys, lasting=True)

    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        missing = object()

        def command(client):
            if not client.exists(key):
                return missing
            return client.incr(key, delta)

        value = self._call(0, command, [key], lasting=True)
        if value is missing:
            raise ValueError(f"Key '{key}' not found.")
        return value

    def clear(self):
        return self._call(False, lambda client: bool(client.flushdb()))


# PostgreSQL errors that mean the server cannot serve us now (besides class 08, "connection
# exception"): shutting down or crashed (57P01, 57P02), starting up (57P03), no free connection
# slot (53300).
POSTGRES_UNAVAILABLE = {"57P01", "57P02", "57P03", "53300"}


def is_connection_failure(error):
    """Whether a database error means the database cannot be reached (a 503: try again soon),
    rather than that a query failed on a working connection (a bug: a 500).

    - SQLite: the file cannot be opened (SQLITE_CANTOPEN, "unable to open database file").
    - PostgreSQL (psycopg 3): an OperationalError without SQLSTATE is raised by the client for
      a connection that failed, was lost or is closed ("connection failed: …", "server closed
      the connection unexpectedly", "the connection is closed"); with an SQLSTATE, only a
      connection exception or an unavailable server. A statement timeout (57014), a lock
      timeout (55P03) or a syntax error is not an outage.
    """
    if not isinstance(error, OperationalError):
        return False
    cause = error.__cause__
    if isinstance(cause, sqlite3.OperationalError):
        code = getattr(cause, "sqlite_errorcode", None)
        return code is not None and code & 0xFF == sqlite3.SQLITE_CANTOPEN
    if psycopg is not None and isinstance(cause, psycopg.OperationalError):
        state = cause.sqlstate
        return state is None or state.startswith("08") or state in POSTGRES_UNAVAILABLE
    return False


class DatabaseUnavailableMiddleware:
    """A database that cannot be reached gives a Dutch 503, not a 500. Any other database error
    propagates."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_connection_failure(exception):
            return None
        logger.error("Database niet bereikbaar: %s", exception)
        # Django closes the broken connection when the request ends (close_old_connections)
        # and health-checks the next one, so the following request reconnects by itself.
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        response["Cache-Control"] = "no-store"
        return response
