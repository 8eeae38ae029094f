import re

from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from . import health, media, observability, routing, search, sitemap, throttle, views
from .plugins import plugins

urlpatterns = [
    # Wagtail's admin password reset, limited per address and per e-mail address (som/throttle.py).
    path("admin/password_reset/", throttle.PasswordResetView.as_view()),
    # Two-factor authentication for the admin (som/two_factor/).
    path("admin/tweestapsverificatie/", include("som.two_factor.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap.index_view, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemap.section_view, name="sitemap_section"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("zoeken/", search.search, name="search"),
    path(".well-known/security.txt", views.security_txt, name="security_txt"),
    # For load balancers and monitoring, and Prometheus (docs/operations.md).
    path("gezondheid/", health.health, name="health"),
    path("healthz", health.serves_pages, name="health-load-balancer"),
    path("metrics", observability.metrics, name="metrics"),
]
# What the apps serve outside the page tree (som.plugins: Plugin.urls), e.g. /kalender/agenda.ics.
for installed in plugins():
    if installed.plugin.urls:
        urlpatterns += installed.plugin.urls()

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Image renditions from the app server when SERVE_RENDITIONS is on (som/media.py); never the
# originals or the documents, which share MEDIA_ROOT.
if settings.MEDIA_URL.startswith("/"):
    urlpatterns.append(re_path(rf"^{re.escape(settings.MEDIA_URL[1:])}images/(?P<path>.+)$", media.serve_rendition))

# Wagtail's own front-end URLs except its page view: the password form and the login of
# private pages (/_util/…). They must come before the page view, whose pattern matches them too.
WAGTAIL_UTIL_URLS = [pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"]

urlpatterns += [
    path("", include(WAGTAIL_UTIL_URLS)),
    # Wagtail's page view with routing in a fixed number of queries (som/routing.py).
    re_path(wagtail_urls.serve_pattern, routing.serve, name="wagtail_serve"),
]
