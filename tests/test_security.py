"""Security headers, security.txt, the login lock-out and `check --deploy`."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

from tests.public_urls import FORMS, PAGES, PUBLIC_URLS

ROOT = Path(__file__).resolve().parents[1]


def csp(response):
    return dict(
        (part.split(" ", 1) + [""])[:2] for part in (p.strip() for p in response["Content-Security-Policy"].split(";"))
    )


def test_public_pages_have_a_strict_policy_and_security_headers(client, demo):
    for url in PUBLIC_URLS:
        response = client.get(url)
        policy = csp(response)
        assert policy["script-src"] == "'self'", url
        assert policy["style-src"] == "'self'", url
        assert policy["object-src"] == "'none'", url
        assert policy["frame-ancestors"] == "'none'", url
        assert "unsafe" not in response["Content-Security-Policy"], url
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", url
        assert response["Cross-Origin-Opener-Policy"] == "same-origin", url
        assert response["X-Frame-Options"] == "DENY", url
        assert "camera=()" in response["Permissions-Policy"], url


def test_pages_with_a_form_have_the_same_policy_and_are_never_shared(client, demo):
    for url in FORMS:
        response = client.get(url)
        assert response.status_code == 200, url
        policy = csp(response)
        assert policy["script-src"] == "'self'" and policy["style-src"] == "'self'", url
        assert policy["form-action"] == "'self'", url
        assert response["X-Frame-Options"] == "DENY", url
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"], url


def test_admin_policy_is_relaxed_only_for_wagtails_inline_widgets(client, db):
    policy = csp(client.get("/admin/login/"))
    assert policy["style-src"] == "'self' 'unsafe-inline'"
    assert policy["script-src"] == "'self' 'unsafe-inline'"  # Wagtail's choosers initialise inline
    assert policy["object-src"] == "'none'"
    assert policy["default-src"] == "'self'"
    assert policy["frame-ancestors"] == "'self'"  # previews


def test_previews_may_be_framed_by_the_admin(client, demo, django_user_model):
    from wagtail.models import Page

    client.force_login(django_user_model.objects.create_superuser("b", "b@example.org", "x"))
    page = Page.objects.get(slug="kalender")
    response = client.get(f"/admin/pages/{page.pk}/edit/preview/?mode=")
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert csp(response)["frame-ancestors"] == "'self'"


def test_public_html_has_no_inline_scripts_or_styles(client, demo):
    from bs4 import BeautifulSoup

    for url in [*PAGES, "/zoeken/?q=labo", "/kalender/?weergave=maand"]:
        page = BeautifulSoup(client.get(url).content, "lxml")
        for script in page.find_all("script"):
            # Only external scripts and JSON data blocks, which a CSP does not execute.
            assert script.get("src") or script.get("type") in {"application/ld+json", "application/json"}, (url, script)
        assert not page.select("[style]"), url
        assert not page.find_all("style"), url


def test_security_txt(client, db):
    response = client.get("/.well-known/security.txt")
    fields = dict(line.split(": ", 1) for line in response.content.decode().splitlines())
    assert fields["Contact"].startswith("mailto:")
    assert fields["Expires"].endswith("Z")
    assert fields["Canonical"] == "http://testserver/.well-known/security.txt"


@override_settings(AXES_ENABLED=True)
def test_admin_login_locks_out_after_repeated_failures(client, django_user_model, db):
    django_user_model.objects.create_superuser("beheer", "b@example.org", "juist-wachtwoord-42")
    for _ in range(5):
        response = client.post("/admin/login/", {"username": "beheer", "password": "fout"})
    assert response.status_code == 429
    assert "Te veel mislukte aanmeldpogingen" in response.content.decode()
    # Even the right password is refused during the lock-out.
    response = client.post("/admin/login/", {"username": "beheer", "password": "juist-wachtwoord-42"})
    assert response.status_code == 429


def test_check_deploy_is_clean_with_a_real_deployment_environment(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},  # set by the browser tests
        "DJANGO_SETTINGS_MODULE": "som.settings.production",
        "SECRET_KEY": "k" * 20 + "-deploy-check-" + "x7Qp2ZrT9vLm4Nc8Bw1Yh6Jd3Fs5Gk0",
        "ALLOWED_HOSTS": "www.samenonderwijsmaken.be",
        "WAGTAILADMIN_BASE_URL": "https://www.samenonderwijsmaken.be",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy-check.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("name", ["evil.svg", "page.html"])
def test_only_raster_images_can_be_uploaded(db, name):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.images.forms import get_image_form

    from som.models import SomImage

    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    form = get_image_form(SomImage)(
        data={"title": "x", "description": "x"}, files={"file": SimpleUploadedFile(name, svg, "image/svg+xml")}
    )
    assert not form.is_valid()
    assert "file" in form.errors


# --- The lock-out and the password reset behind a proxy (issue 17, item 10) --------------------

ATTACKER, EDITOR, LOAD_BALANCER = "203.0.113.66", "198.51.100.7", "10.0.0.2"


def admin_login(client, password, remote_addr, forwarded_for=None):
    headers = {"REMOTE_ADDR": remote_addr}
    if forwarded_for is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return client.post("/admin/login/", {"username": "beheer", "password": password}, **headers)


@override_settings(AXES_ENABLED=True, TRUSTED_PROXY_COUNT=1)
def test_behind_the_load_balancer_only_the_guessing_client_is_locked_out(client, django_user_model, db):
    django_user_model.objects.create_superuser("beheer", "b@example.org", "juist-wachtwoord-42")
    # Every request arrives from the load balancer, which appends the client's address. The
    # attacker also writes the editor's address in the header, hoping to lock the editor out.
    for _ in range(5):
        response = admin_login(client, "fout", LOAD_BALANCER, f"{EDITOR}, {ATTACKER}")
    assert response.status_code == 429
    assert admin_login(client, "juist-wachtwoord-42", LOAD_BALANCER, ATTACKER).status_code == 429

    from django.test import Client

    editor = Client()
    response = admin_login(editor, "juist-wachtwoord-42", LOAD_BALANCER, EDITOR)
    assert response.status_code == 302 and response["Location"] == "/admin/"


@override_settings(AXES_ENABLED=True, TRUSTED_PROXY_COUNT=0)
def test_reached_directly_the_forwarded_header_is_ignored(client, django_user_model, db):
    django_user_model.objects.create_superuser("beheer", "b@example.org", "juist-wachtwoord-42")
    # A new made-up address on every attempt does not escape the lock-out ...
    for attempt in range(5):
        response = admin_login(client, "fout", ATTACKER, f"192.0.2.{attempt}")
    assert response.status_code == 429
    assert admin_login(client, "juist-wachtwoord-42", ATTACKER, "192.0.2.99").status_code == 429

    # ... and naming the editor's address did not lock the editor out.
    from django.test import Client

    response = admin_login(Client(), "juist-wachtwoord-42", EDITOR)
    assert response.status_code == 302 and response["Location"] == "/admin/"


def visible_text(response):
    from bs4 import BeautifulSoup

    return " ".join(BeautifulSoup(response.content, "lxml").find("main").get_text(" ").split())


def reset_request(client, email, remote_addr=ATTACKER):
    return client.post("/admin/password_reset/", {"email": email}, REMOTE_ADDR=remote_addr)


def test_password_reset_requests_are_limited_per_email_address_alike_for_every_address(client, django_user_model, db):
    from django.core import mail

    django_user_model.objects.create_user("lid", "lid@example.org", "x")
    answers = {}
    for email in ["lid@example.org", "niemand@example.org"]:
        answers[email] = [
            reset_request(client, email if n % 2 else email.upper(), remote_addr=f"192.0.2.{n}") for n in range(4)
        ]
    for email, responses in answers.items():
        # Three mails an hour per address, whether an account exists or not ...
        assert [r.status_code for r in responses[:3]] == [302, 302, 302], email
        assert all(r["Location"] == "/admin/password_reset/done/" for r in responses[:3])
        # ... then the same Dutch answer for both: nothing tells which one has an account.
        assert responses[3].status_code == 429
        assert "Probeer het over een uur opnieuw" in responses[3].content.decode()
    assert visible_text(answers["lid@example.org"][3]) == visible_text(answers["niemand@example.org"][3])
    assert len(mail.outbox) == 3


def test_password_reset_requests_are_limited_per_client_address(client, db):
    statuses = [reset_request(client, f"iemand{n}@example.org").status_code for n in range(6)]
    assert statuses == [302] * 5 + [429]
    assert "Probeer het over een uur opnieuw" in reset_request(client, "nog-iemand@example.org").content.decode()
    # Someone else is not held back by it.
    assert reset_request(client, "collega@example.org", remote_addr=EDITOR).status_code == 302


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_password_reset_limit_counts_the_client_behind_the_load_balancer(client, db):
    def request(email, client_address):
        return client.post(
            "/admin/password_reset/", {"email": email}, REMOTE_ADDR=LOAD_BALANCER, HTTP_X_FORWARDED_FOR=client_address
        )

    assert [request(f"iemand{n}@example.org", ATTACKER).status_code for n in range(6)] == [302] * 5 + [429]
    assert request("collega@example.org", EDITOR).status_code == 302
