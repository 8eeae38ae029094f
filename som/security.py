"""Security headers that Django does not set itself: the Content-Security-Policy and the
Permissions-Policy.

The public site gets a strict policy: no inline scripts or styles at all. Wagtail 8's admin still
initialises its widgets (choosers, date pickers, inline panels) with inline scripts and styles
elements inline, so behind the login the policy allows 'unsafe-inline' for those two only;
everything else (objects, framing, other origins) stays as strict as on the site."""

from csp.middleware import CSPMiddleware, PolicyParts

ADMIN_PREFIXES = ("/admin/", "/django-admin/")

# Previews show the page in a frame of the admin, so the admin may frame itself.
ADMIN_POLICY_REPLACE = {"frame-ancestors": ["'self'"]}
ADMIN_POLICY_UPDATE = {"script-src": ["'unsafe-inline'"], "style-src": ["'unsafe-inline'"], "img-src": ["blob:"]}

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
