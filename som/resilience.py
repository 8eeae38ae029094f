"""Staying up when a backing service is down.

- Redis: the cache is an optimisation. `ResilientRedisCache` turns a connection error into a
  cache miss (reads) or a no-op (writes), so the site keeps serving from the database.
- PostgreSQL: without the database no page can be built. `DatabaseUnavailableMiddleware`
  answers 503 with a short Dutch page and a Retry-After header instead of a 500; Django opens a
  new connection on the next request, so the site recovers by itself.
"""

import logging

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

try:
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError

    REDIS_ERRORS = (RedisConnectionError, RedisTimeoutError, OSError)
except ImportError:  # pragma: no cover
    REDIS_ERRORS = (OSError,)


def _quiet(default):
    def decorate(method):
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except REDIS_ERRORS as error:
                logger.warning("Redis niet bereikbaar (%s): %s", method.__name__, error)
                return default(*args, **kwargs) if callable(default) else default

        wrapper.__name__ = method.__name__
        return wrapper

    return decorate


class ReusingRedisCacheClient(RedisCacheClient):
    """Django builds a new redis.Redis object for every cache call (a few hundred dict writes
    each); a cached page is one call, so that was a noticeable part of a hit. One client per
    connection pool is enough: redis.Redis is thread-safe and takes connections from the pool."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient

    get = _quiet(lambda key, default=None, version=None: default)(RedisCache.get)
    get_many = _quiet({})(RedisCache.get_many)
    set = _quiet(None)(RedisCache.set)
    add = _quiet(False)(RedisCache.add)
    set_many = _quiet([])(RedisCache.set_many)
    delete = _quiet(False)(RedisCache.delete)
    delete_many = _quiet(None)(RedisCache.delete_many)
    has_key = _quiet(False)(RedisCache.has_key)
    touch = _quiet(False)(RedisCache.touch)
    clear = _quiet(None)(RedisCache.clear)

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except REDIS_ERRORS as error:
            logger.warning("Redis niet bereikbaar (incr): %s", error)
            return 0


class DatabaseUnavailableMiddleware:
    """A database that cannot be reached gives a Dutch 503, not a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, (OperationalError, InterfaceError)) or (
            isinstance(exception, DatabaseError) and "connection" in str(exception).lower()
        ):
            logger.error("Database niet bereikbaar: %s", exception)
            # Django closes the broken connection when the request ends (close_old_connections)
            # and health-checks the next one, so the following request reconnects by itself.
            response = HttpResponse(render_to_string("503.html"), status=503)
            response["Retry-After"] = "30"
            response["Cache-Control"] = "no-store"
            return response
        return None
