"""One render per miss (issue 22, item 2): concurrent misses for one page wait for the first
render instead of each rendering it, and never stale still holds: nobody gets a page from
before a publish once the publish has committed. On a real Redis (TEST_REDIS_URL), with
threads, as app servers share it in production."""

import threading
import time

import pytest
from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from som import page_cache

pytestmark = pytest.mark.skipif(
    "redis" not in settings.CACHES["default"]["BACKEND"].lower(), reason="needs TEST_REDIS_URL (a real Redis)"
)


@pytest.fixture(autouse=True)
def page_cache_on(monkeypatch):
    cache.clear()
    # The pages here are made by a view of the test's own; no database is asked.
    monkeypatch.setattr(page_cache, "_next_expiry", lambda: None)
    with override_settings(PAGE_CACHE_ENABLED=True):
        yield
    cache.clear()


class Site:
    """A view that takes `seconds` to render and renders what the content is now."""

    def __init__(self, seconds=0.3):
        self.seconds = seconds
        self.content = "versie 1"
        self.renders = []
        self.lock = threading.Lock()

    def __call__(self, request):
        content = self.content  # read at the start, as a page reads the database
        request.GET.get("fase")  # the page reads one parameter
        time.sleep(self.seconds)
        with self.lock:
            self.renders.append(request.get_full_path())
        request.page_cache_allowed = True
        return HttpResponse(content)


def concurrently(middleware, urls):
    """Each URL requested at the same moment from a thread of its own; the answers in order."""
    answers = [None] * len(urls)
    start = threading.Barrier(len(urls))

    def visit(number, url):
        start.wait()
        answers[number] = middleware(RequestFactory().get(url))

    threads = [threading.Thread(target=visit, args=(n, url)) for n, url in enumerate(urls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return answers


def test_concurrent_misses_render_a_page_once():
    site = Site()
    middleware = page_cache.PageCacheMiddleware(site)
    answers = concurrently(middleware, ["/werking/"] * 12)
    assert len(site.renders) == 1
    assert {answer.content for answer in answers} == {b"versie 1"}
    assert sorted(answer["X-Cache"] for answer in answers) == ["HIT"] * 11 + ["MISS"]


def test_concurrent_misses_under_other_spellings_render_once_the_cache_knows_the_page():
    site = Site()
    middleware = page_cache.PageCacheMiddleware(site)
    middleware(RequestFactory().get("/werking/?fase=afgerond"))  # the cache learns what it reads
    page_cache.bump_content_version()  # a publish: every page is a miss again
    urls = ["/werking/?x=1", "/werking/?utm_source=y", "/werking/?z=2&x=3", "/werking/"] * 3
    answers = concurrently(middleware, urls)
    assert len(site.renders) == 2  # once before the publish, once after
    assert {answer.status_code for answer in answers} == {200}


def test_a_waiting_request_renders_itself_when_the_first_render_takes_too_long(monkeypatch):
    monkeypatch.setattr(page_cache, "LOCK_WAIT", 0.1)
    site = Site(seconds=0.6)
    middleware = page_cache.PageCacheMiddleware(site)
    answers = concurrently(middleware, ["/nieuws/"] * 3)
    assert len(site.renders) == 3
    assert {answer.content for answer in answers} == {b"versie 1"}


def test_nobody_gets_a_page_from_before_a_publish_once_it_has_committed():
    site = Site(seconds=0.5)
    middleware = page_cache.PageCacheMiddleware(site)
    before = threading.Thread(target=middleware, args=(RequestFactory().get("/"),))
    before.start()  # renders "versie 1" and holds the lock while it does
    time.sleep(0.1)
    site.content = "versie 2"
    page_cache.bump_content_version()  # the publish commits while that render runs
    answers = concurrently(middleware, ["/"] * 6)
    before.join()
    assert {answer.content for answer in answers} == {b"versie 2"}
    assert middleware(RequestFactory().get("/")).content == b"versie 2"
    assert len(site.renders) == 2  # the old render, and one for the new version


def test_a_page_that_is_never_kept_is_not_waited_for():
    site = Site(seconds=0.3)

    def form(request):  # a form page: sets a cookie, so it is never kept
        response = site(request)
        response.set_cookie("csrftoken", "x")
        return response

    middleware = page_cache.PageCacheMiddleware(form)
    middleware(RequestFactory().get("/contact/"))
    started = time.monotonic()
    answers = concurrently(middleware, ["/contact/"] * 4)
    assert len(site.renders) == 5 and all("X-Cache" not in answer for answer in answers)
    assert time.monotonic() - started < 0.3 * 2  # side by side, not one after the other
