"""The health endpoints (som/health.py): /gezondheid/ for monitoring and /healthz for load
balancers, with the database, the cache and the worker up and down."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from som import health
from tests.test_redis_failures import HungRedis, redis_cache, redis_server  # noqa: F401 - fixtures
from tests.test_resilience import database, unreachable_database

DB_WORKER = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def heartbeats(status=None):
    found = DBTaskResult.objects.filter(task_path=health.HEARTBEAT_PATH)
    return found.filter(status=status) if status else found


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/gezondheid/", "/healthz"])
def test_healthy_is_a_small_json_200_that_no_cache_keeps(client, url, settings):
    settings.PAGE_CACHE_ENABLED = True
    response = client.get(url)
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok", "worker": "ok"}}
    assert "no-store" in response["Cache-Control"]
    assert "X-Cache" not in response  # the page cache neither stored nor answered it
    again = client.get(url)
    assert "X-Cache" not in again
    assert len(response.content) < 200


@pytest.mark.django_db
def test_health_is_cheap(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        assert client.get("/gezondheid/").status_code == 200


@pytest.mark.parametrize("url", ["/gezondheid/", "/healthz"])
def test_database_down_is_a_503_naming_it(client, url):
    # Without its database a server serves no page: the load balancer takes it out too.
    with database(unreachable_database()):
        response = client.get(url)
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fout"
    assert body["failing"] == ["database", "worker"]
    assert body["checks"]["cache"] == "ok"
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_a_hung_redis_is_a_503_naming_the_cache(client, monkeypatch):
    from som import resilience

    monkeypatch.setattr(resilience, "_servers", {})
    hung = HungRedis()
    try:
        with redis_cache(hung.url):
            response = client.get("/gezondheid/")
            for_load_balancer = client.get("/healthz")
    finally:
        hung.close()
    assert response.status_code == 503
    assert response.json()["failing"] == ["cache"]
    assert response.json()["checks"]["database"] == "ok"
    # Pages are only slower without Redis: the load balancer keeps the server, told it is degraded.
    assert for_load_balancer.status_code == 200
    assert for_load_balancer.json()["status"] == "beperkt"
    assert for_load_balancer.json()["failing"] == ["cache"]


@pytest.mark.django_db
def test_a_live_redis_is_healthy(client, redis_server, monkeypatch):  # noqa: F811
    from som import resilience

    monkeypatch.setattr(resilience, "_servers", {})
    with redis_cache(redis_server.url):
        response = client.get("/gezondheid/")
    assert response.status_code == 200, response.json()


@pytest.mark.django_db(transaction=True)
def test_the_worker_heartbeat_and_a_stale_worker(client, settings):
    settings.TASKS = DB_WORKER  # as in production: the worker is `manage.py db_worker`
    # The first check queues a heartbeat; the worker is not stale yet.
    assert client.get("/gezondheid/").status_code == 200
    assert heartbeats(TaskResultStatus.READY).count() == 1
    # Checks meanwhile queue no second one.
    client.get("/healthz")
    assert heartbeats().count() == 1

    # No worker picks it up for longer than WORKER_STALE_MINUTES: 503 naming the worker.
    heartbeats().update(enqueued_at=timezone.now() - timedelta(minutes=settings.WORKER_STALE_MINUTES + 1))
    response = client.get("/gezondheid/")
    assert response.status_code == 503
    assert response.json()["failing"] == ["worker"]
    assert "minuten geen taak" in response.json()["checks"]["worker"]
    # Only mail waits: the load balancer keeps sending visitors to this server.
    for_load_balancer = client.get("/healthz")
    assert (for_load_balancer.status_code, for_load_balancer.json()["status"]) == (200, "beperkt")

    # The worker runs: healthy again, and the next check queues the next heartbeat.
    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
    assert heartbeats(TaskResultStatus.SUCCESSFUL).count() == 1
    assert client.get("/gezondheid/").status_code == 200
    settings.WORKER_HEARTBEAT_SECONDS = 0  # the interval has passed
    from django.core.cache import cache

    cache.delete(health.HEARTBEAT_QUEUED_KEY)
    client.get("/gezondheid/")
    assert heartbeats(TaskResultStatus.READY).count() == 1
    # A finished heartbeat deletes the older ones: they do not pile up.
    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
    assert heartbeats().count() == 1


@pytest.mark.django_db
def test_no_personal_data_and_no_cookie(client):
    response = client.get("/gezondheid/")
    assert set(response.json()) == {"status", "checks"}
    assert response["Content-Type"] == "application/json"
    assert not response.cookies


@pytest.mark.django_db
def test_only_get_and_head(client):
    assert client.post("/gezondheid/").status_code == 405
    assert client.head("/gezondheid/").status_code == 200
