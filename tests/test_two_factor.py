"""Two-factor authentication for the admin (som/two_factor/): required for superusers and the
Eindredactie when TWO_FACTOR_REQUIRED is on, optional for the Redactie, a Dutch set-up with an
inline QR code, recovery codes, an admin's reset and a command for the last admin; the lock-out
keeps working."""

import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from som import roles
from som.two_factor import policy

PASSWORD = "juist-wachtwoord-42"
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("required")]


@pytest.fixture
def required(settings):
    settings.TWO_FACTOR_REQUIRED = True


def make_user(django_user_model, name, group=None, superuser=False):
    if superuser:
        return django_user_model.objects.create_superuser(name, f"{name}@example.org", PASSWORD)
    user = django_user_model.objects.create_user(name, f"{name}@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name=group))
    return user


def code_for(device, offset=0):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset):06d}"


def with_app(user):
    """A test user with the app set up, as after the set-up flow (a helper for other tests that
    need a verified admin: log in, then post code_for(device) to /admin/tweestapsverificatie/verifieren/)."""
    device = TOTPDevice.objects.create(user=user, name=policy.APP_DEVICE_NAME, confirmed=True)
    codes = policy.new_recovery_codes(user)
    return device, codes


def sign_in(client, user):
    response = client.post("/admin/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, "het wachtwoord werkt"
    return client.get("/admin/")


def page(response):
    return BeautifulSoup(response.content, "html.parser")


def test_a_superuser_must_set_it_up_with_an_inline_qr_code_and_gets_ten_recovery_codes(client, django_user_model):
    user = make_user(django_user_model, "beheer", superuser=True)
    response = sign_in(client, user)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/tweestapsverificatie/instellen/?next=/admin/")
    response = client.get(response["Location"])
    html = page(response)
    assert html.h1.get_text(strip=True) == "Tweestapsverificatie instellen"
    assert "verplicht" in html.get_text()
    qr = html.find("img", alt=re.compile("QR-code"))
    assert qr["src"].startswith("data:image/svg+xml")  # inline: the CSP's img-src allows data:
    assert (
        "img-src 'self' data:" in response["Content-Security-Policy"] or "data:" in response["Content-Security-Policy"]
    )
    # Every other admin page still sends here.
    assert client.get("/admin/pages/")["Location"].startswith("/admin/tweestapsverificatie/instellen/")

    device = TOTPDevice.objects.get(user=user, confirmed=False)
    wrong = client.post(
        "/admin/tweestapsverificatie/instellen/", {"code": "000000" if code_for(device) != "000000" else "111111"}
    )
    assert "Die code klopt niet" in page(wrong).get_text()
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)  # no waiting in the test
    response = client.post(
        "/admin/tweestapsverificatie/instellen/", {"code": code_for(device), "next": "/admin/pages/"}
    )
    codes = [code.get_text() for code in page(response).select(".two-factor-codes code")]
    assert len(codes) == 10 and len(set(codes)) == 10
    assert page(response).find("a", string=re.compile("verder"))["href"] == "/admin/pages/"
    assert client.get("/admin/").status_code == 200
    assert policy.has_app(user) and policy.recovery_codes_left(user) == 10


def test_the_eindredactie_must_the_redactie_may(client, django_user_model):
    eindredacteur = make_user(django_user_model, "eind", roles.EINDREDACTIE)
    assert sign_in(client, eindredacteur).status_code == 302
    client.logout()
    redacteur = make_user(django_user_model, "redacteur", roles.REDACTIE)
    assert sign_in(client, redacteur).status_code == 200
    overview = client.get("/admin/tweestapsverificatie/")
    assert "Tweestapsverificatie instellen" in overview.content.decode()
    assert "Tweestapsverificatie" in client.get("/admin/account/").content.decode()  # the account menu links it


def test_whoever_set_it_up_is_asked_for_a_code_after_the_password(client, django_user_model):
    user = make_user(django_user_model, "redacteur", roles.REDACTIE)  # optional, but chosen
    device, _codes = with_app(user)
    response = sign_in(client, user)
    assert response["Location"].startswith("/admin/tweestapsverificatie/verifieren/?next=/admin/")
    verify = client.get(response["Location"])
    assert "Tweede stap: je code" in verify.content.decode()
    wrong = client.post("/admin/tweestapsverificatie/verifieren/", {"code": "12345"})
    assert "Die code klopt niet" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302
    device.refresh_from_db()
    device.throttling_failure_count = 0  # django-otp slows down guessing; the test does not wait
    device.save()
    response = client.post(
        "/admin/tweestapsverificatie/verifieren/", {"code": code_for(device), "next": "/admin/pages/"}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/pages/"
    assert client.get("/admin/").status_code == 200


@override_settings(TWO_FACTOR_REQUIRED=False)
def test_a_user_with_the_app_is_asked_even_when_it_is_not_required(client, django_user_model):
    user = make_user(django_user_model, "beheer", superuser=True)
    with_app(user)
    assert sign_in(client, user).status_code == 302


@override_settings(TWO_FACTOR_REQUIRED=False)
def test_without_the_setting_the_local_admin_signs_in_with_a_password(client, django_user_model):
    user = make_user(django_user_model, "admin", superuser=True)  # as `make run`'s ensure_admin
    assert sign_in(client, user).status_code == 200


def test_a_recovery_code_works_once_for_a_lost_phone(client, django_user_model):
    user = make_user(django_user_model, "beheer", superuser=True)
    _device, codes = with_app(user)
    sign_in(client, user)
    response = client.post("/admin/tweestapsverificatie/verifieren/", {"code": codes[0]}, follow=True)
    assert response.status_code == 200
    assert "je hebt er nog 9" in response.content.decode()
    client.logout()
    sign_in(client, user)
    again = client.post("/admin/tweestapsverificatie/verifieren/", {"code": codes[0]})
    assert "Die code klopt niet" in again.content.decode()
    # New codes replace the old ones.
    StaticDevice.objects.filter(user=user).update(throttling_failure_count=0)
    client.post("/admin/tweestapsverificatie/verifieren/", {"code": codes[1]})
    assert client.get("/admin/").status_code == 200
    response = client.post("/admin/tweestapsverificatie/herstelcodes/")
    new_codes = [code.get_text() for code in page(response).select(".two-factor-codes code")]
    assert len(new_codes) == 10 and not set(new_codes) & set(codes)
    assert policy.recovery_codes_left(user) == 10


def test_an_admin_resets_someones_2fa_and_others_cannot(client, django_user_model):
    admin = make_user(django_user_model, "beheer", superuser=True)
    admin_device, _ = with_app(admin)
    person = make_user(django_user_model, "eind", roles.EINDREDACTIE)
    with_app(person)
    # An Eindredacteur cannot reset anyone.
    person_client_device = TOTPDevice.objects.get(user=person)
    sign_in(client, person)
    client.post("/admin/tweestapsverificatie/verifieren/", {"code": code_for(person_client_device)})
    refused = client.post(f"/admin/tweestapsverificatie/wissen/{admin.pk}/")
    assert refused.status_code in (302, 403) and policy.has_app(admin)
    client.logout()

    sign_in(client, admin)
    client.post("/admin/tweestapsverificatie/verifieren/", {"code": code_for(admin_device)})
    listing = client.get("/admin/users/").content.decode()
    assert f"/admin/tweestapsverificatie/wissen/{person.pk}/" in listing
    assert "wissen" in client.get(f"/admin/tweestapsverificatie/wissen/{person.pk}/").content.decode().lower()
    response = client.post(f"/admin/tweestapsverificatie/wissen/{person.pk}/")
    assert response.status_code == 302
    assert not policy.has_app(person) and policy.recovery_codes_left(person) == 0
    client.logout()
    # At the next sign-in the person sets it up again.
    assert sign_in(client, person)["Location"].startswith("/admin/tweestapsverificatie/instellen/")


def test_the_command_resets_the_last_admin(django_user_model, capsys):
    admin = make_user(django_user_model, "beheer", superuser=True)
    with_app(admin)
    call_command("reset_two_factor", "beheer")
    assert not policy.has_app(admin)
    assert "gewist" in capsys.readouterr().out


def test_the_optional_can_turn_it_off_the_required_cannot(client, django_user_model):
    redacteur = make_user(django_user_model, "redacteur", roles.REDACTIE)
    device, _ = with_app(redacteur)
    sign_in(client, redacteur)
    client.post("/admin/tweestapsverificatie/verifieren/", {"code": code_for(device)})
    client.post("/admin/tweestapsverificatie/uitzetten/")
    assert not policy.has_app(redacteur)
    client.logout()
    eind = make_user(django_user_model, "eind", roles.EINDREDACTIE)
    device, _ = with_app(eind)
    sign_in(client, eind)
    client.post("/admin/tweestapsverificatie/verifieren/", {"code": code_for(device)})
    assert "uitzetten" not in client.get("/admin/tweestapsverificatie/").content.decode()
    refused = client.post("/admin/tweestapsverificatie/uitzetten/", follow=True)
    assert "Tweestapsverificatie staat uit" not in refused.content.decode()
    assert policy.has_app(eind)


def test_the_next_address_stays_on_the_site(client, django_user_model):
    user = make_user(django_user_model, "beheer", superuser=True)
    device, _ = with_app(user)
    sign_in(client, user)
    response = client.post(
        "/admin/tweestapsverificatie/verifieren/", {"code": code_for(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/admin/"


@override_settings(AXES_ENABLED=True)
def test_the_lock_out_still_works_with_2fa(client, django_user_model):
    user = make_user(django_user_model, "beheer", superuser=True)
    with_app(user)
    for _ in range(5):
        response = client.post("/admin/login/", {"username": "beheer", "password": "fout"})
    assert response.status_code == 429
    assert client.post("/admin/login/", {"username": "beheer", "password": PASSWORD}).status_code == 429


def test_guessing_codes_is_slowed_down(client, django_user_model):
    user = make_user(django_user_model, "beheer", superuser=True)
    device, _ = with_app(user)
    sign_in(client, user)
    client.post(
        "/admin/tweestapsverificatie/verifieren/", {"code": "999999" if code_for(device) != "999999" else "888888"}
    )
    # Right after a wrong code even the right one is refused for a moment (django-otp's throttling).
    response = client.post("/admin/tweestapsverificatie/verifieren/", {"code": code_for(device)})
    assert "Die code klopt niet" in response.content.decode()
    assert client.get("/admin/").status_code == 302


@pytest.mark.parametrize(("module", "expected"), [("som.settings.production", "True"), ("som.settings.dev", "False")])
def test_production_requires_it_and_development_does_not(module, expected, tmp_path):
    import os
    import subprocess
    import sys

    env = {
        **{k: v for k, v in os.environ.items() if k != "TWO_FACTOR_REQUIRED"},
        "DJANGO_SETTINGS_MODULE": module,
        "SECRET_KEY": "x" * 50,
        "WAGTAILADMIN_BASE_URL": "https://www.samenonderwijsmaken.be",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    code = "import django; django.setup(); from django.conf import settings; print(settings.TWO_FACTOR_REQUIRED)"
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == expected
