from django.contrib.auth.views import redirect_to_login
from django.urls import Resolver404, resolve, reverse

from . import policy

# What a signed-in user reaches in the admin before the second step: signing in and out, the
# admin's scripts and icons, and the two-factor pages themselves.
OPEN_URL_NAMES = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "two_factor_verify",
    "two_factor_setup",
}


class TwoFactorMiddleware:
    """After django-otp's OTPMiddleware: the admin asks a user who set up 2FA for a code, and
    sends one who must set it up (som/two_factor/policy.py) to the set-up page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith("/admin/"):
            redirect = self.second_step(request)
            if redirect is not None:
                return redirect
        return self.get_response(request)

    def second_step(self, request):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        try:
            name = resolve(request.path_info).url_name
        except Resolver404:
            return None
        if name in OPEN_URL_NAMES:
            return None
        if policy.has_app(user):
            return redirect_to_login(request.get_full_path(), reverse("two_factor_verify"))
        if policy.is_required(user):
            return redirect_to_login(request.get_full_path(), reverse("two_factor_setup"))
        return None
