"""The Dutch two-factor pages of the admin: verify after signing in, set up (QR code and a
first code), recovery codes, turn off where allowed, and an admin resetting someone's 2FA."""

import base64

import segno
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin.auth import require_admin_access

from . import policy
from .forms import AppCodeForm, CodeForm

TEMPLATES = "som/two_factor/"


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


@require_admin_access
def verify(request):
    if request.user.is_verified():
        return redirect(_next_url(request))
    if not policy.has_app(request.user):
        return redirect("two_factor_setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                left = policy.recovery_codes_left(request.user)
                messages.warning(
                    request,
                    f"Je meldde je aan met een herstelcode; je hebt er nog {left}. "
                    "Maak nieuwe herstelcodes of stel je nieuwe telefoon in bij Tweestapsverificatie.",
                )
            return redirect(_next_url(request))
        form.add_error(
            "code",
            "Die code klopt niet (of je probeerde te snel opnieuw). Wacht enkele seconden en probeer het "
            "opnieuw, of gebruik een herstelcode.",
        )
    return TemplateResponse(request, TEMPLATES + "verify.html", {"form": form, "next": _next_url(request)})


def _qr_code(device):
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)


@require_admin_access
def setup(request):
    user = request.user
    if policy.has_app(user) and not user.is_verified():
        return redirect("two_factor_verify")  # replacing the app takes the second step first
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=policy.APP_DEVICE_NAME, confirmed=False)
    form = AppCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()  # an old phone
            codes = policy.new_recovery_codes(user)
            otp_login(request, device)
            return TemplateResponse(request, TEMPLATES + "codes.html", {"codes": codes, "next": _next_url(request)})
        form.add_error(
            "code", "Die code klopt niet. Controleer of de tijd op je telefoon juist staat en probeer opnieuw."
        )
    context = {
        "form": form,
        "qr_code": _qr_code(device),
        "secret": base64.b32encode(device.bin_key).decode(),
        "required": policy.is_required(user),
        "replacing": policy.has_app(user),
        "next": _next_url(request),
    }
    return TemplateResponse(request, TEMPLATES + "setup.html", context)


@require_admin_access
def overview(request):
    user = request.user
    context = {
        "has_app": policy.has_app(user),
        "codes_left": policy.recovery_codes_left(user),
        "required": policy.is_required(user),
    }
    return TemplateResponse(request, TEMPLATES + "overview.html", context)


@require_admin_access
@require_POST
def new_codes(request):
    if not policy.has_app(request.user):
        return redirect("two_factor_setup")
    codes = policy.new_recovery_codes(request.user)
    return TemplateResponse(request, TEMPLATES + "codes.html", {"codes": codes, "next": reverse("two_factor_overview")})


@require_admin_access
@require_POST
def turn_off(request):
    if policy.is_required(request.user):
        raise PermissionDenied
    policy.remove(request.user)
    messages.success(request, "Tweestapsverificatie staat uit.")
    return redirect("two_factor_overview")


@require_admin_access
def reset(request, user_id):
    """An admin (superuser) removes someone's 2FA, e.g. after a lost phone: they set it up again
    at their next sign-in."""
    if not request.user.is_superuser:
        raise PermissionDenied
    person = get_object_or_404(get_user_model(), pk=user_id)
    if request.method == "POST":
        policy.remove(person)
        messages.success(
            request,
            f"De tweestapsverificatie van {person.get_username()} is gewist; bij de volgende aanmelding stelt die ze opnieuw in.",
        )
        return redirect("wagtailusers_users:index")
    context = {"person": person, "has_app": policy.has_app(person)}
    return TemplateResponse(request, TEMPLATES + "reset.html", context)
