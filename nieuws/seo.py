"""What a news item tells machines: publication times with time zone, the share image,
schema.org NewsArticle JSON-LD. Used by the news page (Open Graph, JSON-LD) and the feeds."""

import datetime
import json
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.safestring import mark_safe

from som.models import SHARE_IMAGE_SPEC, SiteSettings

# The feed enclosure is the share image (som.models.SHARE_IMAGE_SPEC): JPEG for every reader.
SHARE_MIME_TYPE = "image/jpeg"
# As django.utils.html.json_script: nothing in the JSON can close the <script> element.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
# A news item is dated by day; machines get that day at 09:00 Brussels time.
PUBLICATION_TIME = datetime.time(9, 0)


def published_at(page):
    """The publication date as an aware datetime (Europe/Brussels)."""
    return datetime.datetime.combine(page.date, PUBLICATION_TIME, tzinfo=ZoneInfo(settings.TIME_ZONE))


def modified_at(page):
    """When the item last changed, never before its publication date."""
    published = published_at(page)
    changed = page.last_published_at
    return max(changed, published) if changed else published


def absolute(request, url):
    return request.build_absolute_uri(url) if url else ""


def share_rendition(page):
    if page.share_image is None:
        return None
    return page.share_image.get_rendition(SHARE_IMAGE_SPEC)


def organisation(request):
    site_settings = SiteSettings.for_request(request)
    return {
        "@type": "Organization",
        "name": site_settings.organisation_name,
        "url": absolute(request, "/"),
    }


def news_json_ld(page, request, image_url=""):
    """A schema.org NewsArticle, as safe HTML: a <script type="application/ld+json"> element
    whose content is escaped like Django's json_script (no "</script>" can break out)."""
    publisher = organisation(request)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title,
        "description": page.meta_description,
        "datePublished": published_at(page).isoformat(),
        "dateModified": modified_at(page).isoformat(),
        "url": absolute(request, page.get_url(request=request)),
        "mainEntityOfPage": absolute(request, page.get_url(request=request)),
        "inLanguage": "nl-BE",
        "author": {"@type": "Person", "name": page.author} if page.author else publisher,
        "publisher": publisher,
    }
    if image_url:
        data["image"] = [image_url]
    keywords = [tag.name for tag in page.tags.all()]
    if keywords:
        data["keywords"] = keywords
    text = json.dumps(data, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')
