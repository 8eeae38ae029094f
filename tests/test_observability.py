"""What operators see (som/observability.py, som/logging.py, som/error_reporting.py): a request
id, one JSON log line per request without personal data, error reports without personal data,
and Prometheus metrics per page type behind a setting and an allow-list."""

import io
import json
import logging

import pytest
import sentry_sdk
from django.http import HttpResponse
from django.test import override_settings
from django.urls import include, path
from sentry_sdk.transport import Transport

from som import error_reporting
from som.logging import RequestContextFilter, SiteJsonFormatter

EMAIL = "an.peeters@example.org"


def form_view(request):
    return HttpResponse("bedankt")


def broken_view(request):
    raise RuntimeError("kapot")


# The site's own addresses too: the 500 page links to pages.
urlpatterns = [path("formulier/", form_view), path("kapot/", broken_view), path("", include("som.urls"))]


@pytest.fixture
def json_lines():
    """The site's production log handler (JSON), on a string."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(SiteJsonFormatter("%(levelname)s %(name)s %(message)s"))
    handler.addFilter(RequestContextFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    requests_logger = logging.getLogger("som.requests")
    old_level = requests_logger.level
    requests_logger.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.removeHandler(handler)
    requests_logger.setLevel(old_level)


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_a_request_is_one_json_line_with_its_id_and_no_personal_data(client, json_lines):
    response = client.post(
        f"/formulier/?email={EMAIL}", {"email": EMAIL, "naam": "An"}, HTTP_X_REQUEST_ID="proxy-id-12345"
    )
    assert response["X-Request-ID"] == "proxy-id-12345"
    (line,) = [line for line in json_lines() if line["name"] == "som.requests"]
    assert line["request_id"] == "proxy-id-12345"
    assert line["path"] == "/formulier/"
    assert line["method"] == "POST" and line["status"] == 200
    assert isinstance(line["duration_ms"], float)
    assert line["user_id"] is None
    assert "timestamp" in line
    assert EMAIL not in json.dumps(json_lines())


@pytest.mark.django_db
def test_a_request_id_is_made_when_the_proxy_sends_none_or_a_bad_one(client):
    made = client.get("/robots.txt")["X-Request-ID"]
    assert len(made) == 32
    assert client.get("/robots.txt", HTTP_X_REQUEST_ID="x\nforged line")["X-Request-ID"] not in ("x\nforged line", made)


@pytest.mark.django_db
def test_the_admin_logs_the_user_id(client, django_user_model, json_lines):
    user = django_user_model.objects.create_superuser("beheer", "beheer@example.org", "pw")
    client.force_login(user)
    client.get("/admin/")
    lines = [line for line in json_lines() if line["name"] == "som.requests"]
    assert lines[-1]["user_id"] == user.pk
    assert "beheer@example.org" not in json.dumps(lines)


@pytest.mark.django_db
def test_a_personal_link_loses_its_token_in_the_logs(client, json_lines):
    client.get("/abonneren/geheimtoken123/")
    logged = json.dumps(json_lines())
    assert "geheimtoken123" not in logged
    assert "/abonneren/[token]/" in logged


class Captured(Transport):
    def __init__(self, options=None):
        super().__init__(options)
        self.events = []

    def capture_envelope(self, envelope):
        self.events += [item.payload.json for item in envelope.items if item.type == "event"]


@pytest.fixture
def sentry():
    transport = Captured()
    error_reporting.init("https://key@sentry.example.invalid/1", transport=transport)
    yield transport
    sentry_sdk.get_client().close()
    sentry_sdk.init()  # off again for the other tests


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_a_500_is_reported_with_the_request_id_and_without_personal_data(sentry, client):
    client.raise_request_exception = False
    client.cookies["sessionid"] = "geheim-sessie"
    response = client.post(f"/kapot/?email={EMAIL}", {"email": EMAIL}, HTTP_X_REQUEST_ID="proxy-id-67890")
    assert response.status_code == 500
    sentry_sdk.flush()
    (event,) = [e for e in sentry.events if e.get("exception")]
    assert event["exception"]["values"][-1]["value"] == "kapot"
    assert event["tags"]["request_id"] == "proxy-id-67890"
    text = json.dumps(event)
    assert EMAIL not in text and "geheim-sessie" not in text
    assert "user" not in event


@pytest.mark.django_db
def test_before_send_scrubs_what_a_wsgi_server_adds():
    # Under gunicorn sentry-sdk's WSGI layer adds the address, query string and headers (the
    # test client skips that layer): before_send keeps none of the personal parts.
    event = {
        "request": {
            "url": "https://www.samenonderwijsmaken.be/abonneren/geheimtoken123/",
            "query_string": f"email={EMAIL}",
            "data": {"email": EMAIL},
            "cookies": {"sessionid": "geheim-sessie"},
            "env": {"REMOTE_ADDR": "203.0.113.9"},
            "headers": {"Cookie": "sessionid=geheim-sessie", "Referer": f"https://x/?email={EMAIL}", "Host": "www"},
        },
        "user": {"email": EMAIL},
    }
    scrubbed = error_reporting.before_send(event, {})
    assert scrubbed["request"] == {
        "url": "https://www.samenonderwijsmaken.be/abonneren/[token]/",
        "headers": {"Host": "www"},
    }
    assert "user" not in scrubbed


@pytest.mark.django_db
def test_metrics_are_off_unless_enabled(client):
    assert client.get("/metrics").status_code == 404


@pytest.mark.django_db
@override_settings(METRICS_ENABLED=True, METRICS_ALLOWED_IPS=["10.0.0.9"], METRICS_TOKEN="s3cret")
def test_metrics_per_page_type_for_allowed_addresses_or_the_token(client, demo):
    client.get("/")
    client.get("/werking/")
    assert client.get("/metrics").status_code == 403  # 127.0.0.1 is not on the list
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer fout").status_code == 403
    response = client.get("/metrics", REMOTE_ADDR="10.0.0.9")
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    text = client.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret").content.decode()
    assert 'som_http_requests_total{method="GET",page_type="som.homepage",status="200"}' in text
    assert 'som_http_request_duration_seconds_count{cache="none",page_type="som.homepage"}' in text
    assert "X-Som-Page-Type" not in client.get("/")


@pytest.mark.django_db
@override_settings(METRICS_ENABLED=True, PAGE_CACHE_ENABLED=True)
def test_a_cached_page_is_counted_under_its_page_type(client, demo):
    client.get("/")
    second = client.get("/")
    assert second["X-Cache"] == "HIT"
    assert "X-Som-Page-Type" not in second
    text = client.get("/metrics").content.decode()
    assert 'som_http_request_duration_seconds_count{cache="hit",page_type="som.homepage"}' in text
