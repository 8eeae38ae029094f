"""The health endpoints: /gezondheid/ for monitoring, /healthz for load balancers.

/gezondheid/: 200 with {"status": "ok", "checks": {...}} when the database, the cache and the
task worker are fine; 503 with the same body naming what is not. /healthz runs the same checks
but answers 503 only when this server cannot serve pages (its database): without Redis a page is
only slower and without the worker only mail waits, and a load balancer that took every server
out of rotation for that would take the whole site down. It then says "beperkt" (degraded) and
still names what fails. Cheap (a few queries, no page render), never
cached (Cache-Control: no-store, which som.page_cache never stores), and without personal data.

The worker: django-tasks-db records no liveness of its own (a worker only shows in the tasks it
claims). So the health check queues a tiny `heartbeat` task at most once a
WORKER_HEARTBEAT_SECONDS, at the highest priority so a backlog of mail does not hide a live
worker, and the worker is stale when a heartbeat has been waiting longer than
WORKER_STALE_MINUTES. The task results themselves are the record: no table, and no cache that
the worker and the web processes would have to share (in development each keeps its own).
"""

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import JsonResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe
from django_tasks import TaskContext, task, task_backends

logger = logging.getLogger(__name__)

HEARTBEAT_PATH = "som.health.heartbeat"
HEARTBEAT_QUEUED_KEY = "som:health:heartbeat-queued"
CACHE_PROBE_KEY = "som:health:probe"


@task(priority=100, takes_context=True)
def heartbeat(context: TaskContext):
    """Run by the worker: its result (finished) is the heartbeat. Older heartbeats are deleted,
    so they do not pile up in the task table."""
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(task_path=HEARTBEAT_PATH, finished_at__isnull=False).exclude(
        id=context.task_result.id
    ).delete()


def check_database():
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return None


def check_cache():
    # The Redis cache turns every error into a miss (som.resilience), so a write and a read
    # of a fresh value is the only way to see that it is away.
    value = str(time.monotonic_ns())
    cache.set(CACHE_PROBE_KEY, value, 30)
    if cache.get(CACHE_PROBE_KEY) != value:
        return "de cache antwoordt niet"
    return None


def _uses_database_worker():
    backend = task_backends["default"]
    return type(backend).__module__.startswith("django_tasks_db")


def check_worker():
    """None when the worker is alive (or there is no worker to check), else what is wrong."""
    if not _uses_database_worker():
        return None  # tasks run in the request (tests) or elsewhere (RQ): nothing to watch here
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    waiting = (
        DBTaskResult.objects.filter(task_path=HEARTBEAT_PATH, status=TaskResultStatus.READY)
        .order_by()
        .values_list("enqueued_at", flat=True)
    )
    oldest = min(waiting, default=None)
    stale_after = timedelta(minutes=settings.WORKER_STALE_MINUTES)
    if oldest is not None and timezone.now() - oldest > stale_after:
        minutes = int((timezone.now() - oldest).total_seconds() // 60)
        return f"de worker heeft al {minutes} minuten geen taak opgepakt"
    if oldest is None and cache.add(HEARTBEAT_QUEUED_KEY, 1, settings.WORKER_HEARTBEAT_SECONDS):
        heartbeat.enqueue()
    return None


CHECKS = {"database": check_database, "cache": check_cache, "worker": check_worker}


def run_checks():
    """{name: None if fine, else a short Dutch reason}. The worker is checked only when the
    database answers (it reads the task table)."""
    results = {}
    for name, check in CHECKS.items():
        if name == "worker" and results.get("database"):
            results[name] = "niet nagekeken: de database antwoordt niet"
            continue
        try:
            results[name] = check()
        except Exception as error:  # noqa: BLE001 - any failure is "not fine", named below
            logger.warning("Gezondheidscontrole %s mislukt: %s", name, type(error).__name__)
            results[name] = f"fout: {type(error).__name__}"
    return results


# What a server needs to answer pages: Redis is only a cache, the worker only sends mail.
SERVES_PAGES = ("database",)


def _answer(required):
    results = run_checks()
    failing = [name for name, problem in results.items() if problem]
    down = [name for name in failing if name in required]
    body = {
        "status": "fout" if down else "beperkt" if failing else "ok",
        "checks": {name: problem or "ok" for name, problem in results.items()},
    }
    if failing:
        body["failing"] = failing
    response = JsonResponse(body, status=503 if down else 200)
    add_never_cache_headers(response)
    return response


@require_safe
def health(request):
    """For monitoring: 503 when anything is not fine."""
    return _answer(required=CHECKS)


@require_safe
def serves_pages(request):
    """For a load balancer: 503 only when this server cannot serve pages."""
    return _answer(required=SERVES_PAGES)
