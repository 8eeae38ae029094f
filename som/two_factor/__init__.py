"""Two-factor authentication for the admin (django-otp): an authenticator app (TOTP) and ten
recovery codes.

Who: superusers and the Eindredactie must set it up when TWO_FACTOR_REQUIRED is on (production's
default; off in development and the tests, see docs/operations.md); the Redactie may. Anyone who
has set it up is asked for a code after signing in to the admin, whatever the setting.

Why django-otp and not wagtail-2fa: wagtail-2fa 1.8.0 declares support up to Wagtail 4 in its
classifiers, has no recovery codes and requires 2FA for everyone or for a permission, not per
group; django-otp is kept, has TOTP and static (recovery) tokens with throttling, and the few
Dutch views here are all the site needs.
"""
