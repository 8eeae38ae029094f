"""Security headers that Django does not set itself: the Content-Security-Policy (strict on the
public site, with inline styles allowed only in Wagtail's admin) and the Permissions-Policy."""

from csp.middleware import CSPMiddleware, PolicyParts

ADMIN_PREFIXES = ("/admin/", "/django-admin/")

# The admin styles elements inline (Wagtail's own widgets); scripts stay 'self' everywhere.
# Previews show the page in a frame of the admin, so the admin may frame itself.
ADMIN_POLICY_REPLACE = {"frame-ancestors": ["'self'"]}
ADMIN_POLICY_UPDATE = {"style-src": ["'unsafe-inline'"], "img-src": ["blob:"]}

PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"


class SiteCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(ADMIN_PREFIXES):
            parts = PolicyParts(
                config=parts.config,
                update={**(parts.update or {}), **ADMIN_POLICY_UPDATE},
                replace={**(parts.replace or {}), **ADMIN_POLICY_REPLACE},
                nonce=parts.nonce,
            )
        return parts


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
