"""Security headers, security.txt, the login lock-out and `check --deploy`."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[1]


def csp(response):
    return dict(
        (part.split(" ", 1) + [""])[:2] for part in (p.strip() for p in response["Content-Security-Policy"].split(";"))
    )


def test_public_pages_have_a_strict_policy_and_security_headers(client, demo):
    response = client.get("/")
    policy = csp(response)
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert "unsafe" not in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]


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

    for url in ["/", "/werking/", "/kalender/", "/onderwijsmakers/", "/nieuws/", "/zoeken/?q=labo"]:
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
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy-check.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True,
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
