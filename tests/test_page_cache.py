"""The shared page cache: anonymous pages come from the cache, editors never do, and every
change shows at once on every page that shows it."""

import datetime

import icalendar
import pytest
from django.core.cache import cache
from django.test import override_settings
from wagtail.models import Page

from kalender.models import EventPage
from som.models import Fase
from tests.helpers import texts
from werkingen.models import ProjectPage, WerkingPage

pytestmark = pytest.mark.usefixtures("page_cache")


@pytest.fixture
def page_cache():
    cache.clear()
    with override_settings(PAGE_CACHE_ENABLED=True):
        yield
    cache.clear()


def test_anonymous_pages_are_served_from_the_cache(client, demo, django_assert_max_num_queries):
    assert client.get("/werking/")["X-Cache"] == "MISS"
    with django_assert_max_num_queries(0):
        response = client.get("/werking/")
    assert response["X-Cache"] == "HIT"
    assert "Labo onderwijs x cultuur" in response.content.decode()
    assert "s-maxage=60" in response["Cache-Control"]
    # Each filtered URL has its own entry.
    assert client.get("/werking/?fase=afgerond")["X-Cache"] == "MISS"


def test_editors_and_the_admin_bypass_the_cache(client, demo, django_user_model):
    client.get("/")
    client.force_login(django_user_model.objects.create_superuser("beheer", "b@example.org", "x"))
    assert "X-Cache" not in client.get("/")
    assert "X-Cache" not in client.get("/admin/")


def test_publishing_a_project_shows_at_once_everywhere(client, demo):
    urls = ["/", "/werking/", "/werking/studio/", "/zoeken/?q=Leesplezier"]
    for url in urls:
        client.get(url)
    studio = WerkingPage.objects.get(kind="studio")
    project = ProjectPage(
        title="Leesplezier", slug="leesplezier", date=datetime.date(2030, 1, 1), fase=Fase.objects.first()
    )
    studio.add_child(instance=project)
    project.save_revision().publish()
    for url in urls:
        assert "Leesplezier" in client.get(url).content.decode(), url


def test_unpublishing_an_event_removes_it_from_the_ics_feed_at_once(client, demo):
    def summaries():
        feed = icalendar.Calendar.from_ical(client.get("/kalender/agenda.ics").content)
        return [str(e["SUMMARY"]) for e in feed.walk("VEVENT")]

    # A date of the last year or to come: the feed holds those (kalender.models.ICS_WINDOW).
    event = EventPage.objects.live().filter(repeat="").upcoming().first()
    assert event.title in summaries()
    event.unpublish()
    assert event.title not in summaries()
    assert event.title not in client.get("/kalender/").content.decode()


def test_moving_and_deleting_pages_refresh_the_listings(client, demo):
    assert "FTI by and&amp; x SOM" in client.get("/werking/studio/").content.decode()
    fti = Page.objects.get(slug="fti-by-and-x-som")
    fti.move(WerkingPage.objects.get(kind="laboratorium"), pos="last-child")
    assert "FTI by and&amp; x SOM" not in client.get("/werking/studio/").content.decode()
    assert "FTI by and&amp; x SOM" in client.get("/werking/laboratorium/").content.decode()
    Page.objects.get(slug="fti-by-and-x-som").delete()
    assert "FTI by and&amp; x SOM" not in client.get("/werking/").content.decode()


def test_editing_a_snippet_or_setting_shows_at_once(client, demo):
    client.get("/werking/")
    client.get("/")
    fase = Fase.objects.get(slug="opstartfase")
    fase.name = "Startfase"
    fase.save()
    assert "Startfase" in texts(client.get("/werking/"), ".tag--fase")
    from wagtail.models import Site

    from som.models import SiteSettings

    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.footer_text = "Nieuwe voettekst"
    settings.save()
    assert "Nieuwe voettekst" in client.get("/").content.decode()


def test_password_protected_pages_are_never_cached(client, demo):
    from wagtail.models import PageViewRestriction

    event = EventPage.objects.get(slug="som-start-2023")
    PageViewRestriction.objects.create(page=event, restriction_type=PageViewRestriction.PASSWORD, password="x")
    client.get(event.url)
    assert "X-Cache" not in client.get(event.url)


def test_a_cached_page_keeps_the_headers_it_was_rendered_with(client, demo):
    # The cache answers before the security middleware runs: a hit must carry what a miss did.
    miss = client.get("/kalender/")
    hit = client.get("/kalender/")
    assert (miss["X-Cache"], hit["X-Cache"]) == ("MISS", "HIT")
    for header in (
        "Content-Security-Policy",
        "Permissions-Policy",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cache-Control",
        "Content-Type",
    ):
        assert hit[header] == miss[header], header
    assert hit.content == miss.content
    assert "Set-Cookie" not in hit.headers and not hit.cookies


def test_http_and_https_are_cached_apart(client, demo):
    # Behind the proxy an http request must still get its redirect, never the https page.
    assert client.get("/werking/")["X-Cache"] == "MISS"
    assert client.get("/werking/", secure=True)["X-Cache"] == "MISS"
    assert client.get("/werking/", secure=True)["X-Cache"] == "HIT"


def test_a_cache_from_an_older_content_version_is_never_served(client, demo):
    from som.page_cache import bump_content_version

    client.get("/nieuws/")
    bump_content_version()
    assert client.get("/nieuws/")["X-Cache"] == "MISS"


@pytest.fixture
def cdn():
    """A stand-in for Varnish on 127.0.0.1 that records the PURGE requests it gets."""
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    purged = []

    class Handler(BaseHTTPRequestHandler):
        def do_PURGE(self):  # noqa: N802 (the HTTP method's name)
            purged.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    backend = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": f"http://127.0.0.1:{server.server_port}",
    }
    with override_settings(WAGTAILFRONTENDCACHE={"varnish": backend}):
        yield purged
    server.shutdown()


def test_publishing_purges_everything_that_shows_the_page_from_the_cdn(demo, cdn, django_capture_on_commit_callbacks):
    studio = WerkingPage.objects.get(kind="studio")
    project = ProjectPage(
        title="Leesplezier", slug="leesplezier", date=datetime.date(2030, 1, 1), fase=Fase.objects.first()
    )
    with django_capture_on_commit_callbacks(execute=True):
        studio.add_child(instance=project)
        project.save_revision().publish()
    expected = {
        "/werking/studio/leesplezier/",
        "/werking/studio/",
        "/werking/",
        "/",
        "/nieuws/feed/",
        "/nieuws/feed/atom/",
        "/kalender/agenda.ics",
        "/sitemap.xml",
        "/sitemap-projecten.xml",
        "/sitemap-paginas.xml",
    }
    assert expected <= set(cdn), sorted(expected - set(cdn))


def test_a_draft_leaves_cached_pages_cached_and_publishing_it_refreshes_them(client, demo):
    """Saving a draft changes nothing a visitor sees, so it must not empty the whole cache
    (issue 17, item 7); publishing the draft must still show at once."""
    urls = ["/", "/werking/", "/werking/studio/"]
    for url in urls:
        client.get(url)
    project = ProjectPage.objects.get(slug="fti-by-and-x-som")
    project.title = "FTI in het klad"
    revision = project.save_revision()
    for url in urls:
        response = client.get(url)
        assert response["X-Cache"] == "HIT", url
        assert "FTI in het klad" not in response.content.decode()
    revision.publish()
    for url in urls:
        response = client.get(url)
        assert response["X-Cache"] == "MISS", url
    assert "FTI in het klad" in client.get("/werking/studio/").content.decode()


def test_a_new_draft_page_leaves_cached_pages_cached(client, demo):
    client.get("/werking/studio/")
    studio = WerkingPage.objects.get(kind="studio")
    draft = ProjectPage(
        title="Nog geheim", slug="nog-geheim", date=datetime.date(2030, 1, 1), fase=Fase.objects.first(), live=False
    )
    studio.add_child(instance=draft)
    draft.save_revision()
    assert client.get("/werking/studio/")["X-Cache"] == "HIT"


def test_an_expired_page_leaves_cached_pages_when_it_expires(client, demo, monkeypatch):
    """Nothing is saved when an expiry time passes (publish_scheduled may run minutes later),
    yet cached overviews must drop the page at once (issue 17, item 4)."""
    from django.utils import timezone

    project = ProjectPage.objects.get(slug="fti-by-and-x-som")
    now = timezone.now()
    project.expire_at = now + datetime.timedelta(minutes=1)
    project.save_revision().publish()
    urls = ["/", "/werking/", "/werking/studio/", "/sitemap-projecten.xml"]
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Cache"] == "HIT", url
    later = now + datetime.timedelta(minutes=2)
    monkeypatch.setattr("django.utils.timezone.now", lambda: later)
    monkeypatch.setattr("som.page_cache.time.time", lambda: later.timestamp())
    for url in urls:
        response = client.get(url)
        assert response["X-Cache"] == "MISS", url
        assert "fti-by-and-x-som" not in response.content.decode(), url
    assert client.get(project.url).status_code == 404


def test_an_editors_view_is_never_kept_by_a_proxy(client, demo, django_user_model):
    """A response to someone with a session (an editor, with the user bar) says private and
    no-store, so no CDN or proxy keeps it for others (issue 17, item 12)."""
    client.force_login(django_user_model.objects.create_user("redacteur", password="x", is_staff=True))
    for url in ["/", "/werking/", "/kalender/agenda.ics"]:
        cache_control = client.get(url)["Cache-Control"]
        assert "private" in cache_control and "no-store" in cache_control, (url, cache_control)
        assert "public" not in cache_control and "s-maxage" not in cache_control


@pytest.mark.parametrize("host", ["testserver:80", "TestServer", "testserver.", "TESTSERVER.:80"])
def test_the_same_site_under_another_spelling_of_its_host_is_one_cache_entry(client, demo, host):
    assert client.get("/werking/", HTTP_HOST="testserver")["X-Cache"] == "MISS"
    assert client.get("/werking/", HTTP_HOST=host)["X-Cache"] == "HIT"
    # Another port can be another site: its own entry.
    assert client.get("/werking/", HTTP_HOST="testserver:8080")["X-Cache"] == "MISS"
