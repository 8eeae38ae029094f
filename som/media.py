"""Image renditions from the app server, for a small site without a web server in front
(`make serve`). Only MEDIA_ROOT/images/ — the renditions the pages link to — is served: the
originals (original_images/) stay unlinked, and documents only go out through Wagtail's
document view (/documents/…), which applies collection privacy and its own headers.

On by default with local files (`SERVE_RENDITIONS`, som/settings/production.py); a web server
or S3 in front should serve /media/images/ itself (docs/operations.md)."""

from pathlib import Path

from django.conf import settings
from django.http import Http404
from django.views.static import serve

# A rendition's file name follows its original's, which gets a new name when replaced; a day in
# browsers and CDNs is long enough to save the traffic and short enough for a deleted image.
RENDITION_CACHE_CONTROL = "public, max-age=86400"


def serve_rendition(request, path):
    if not getattr(settings, "SERVE_RENDITIONS", False):
        raise Http404
    # django.views.static.serve refuses paths outside the folder (safe_join), directories,
    # and answers If-Modified-Since with 304.
    response = serve(request, path, document_root=Path(settings.MEDIA_ROOT) / "images")
    response["Cache-Control"] = RENDITION_CACHE_CONTROL
    return response
