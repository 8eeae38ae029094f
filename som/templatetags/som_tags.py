import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from som import cache_keys, dates

register = template.Library()


@register.filter
def nl_date(value):
    """{{ page.date|nl_date }} → 8 juni 2023"""
    return dates.long_date(value)


@register.filter
def nl_date_weekday(value):
    """{{ event.start|nl_date_weekday }} → dinsdag 16 april 2024"""
    return dates.long_date(value, weekday=True)


@register.filter
def nl_date_short(value):
    """{{ news.date|nl_date_short }} → 30 sep. 2021"""
    return dates.short_date(value)


@register.simple_tag
def nl_date_range(start, end, all_day=False):
    """{% nl_date_range event.start event.end event.all_day %}"""
    return dates.date_range(start, end, all_day)


@register.simple_tag(takes_context=True)
def querystring_without(context, key, value=None):
    """The current query string without one filter value (for removable chips), or without
    the whole parameter when no value is given. Pagination is always reset."""
    params = cache_keys.declared_query(context["request"].GET)
    params.pop("pagina", None)
    if value is None:
        params.pop(key, None)
    else:
        values = [v for v in params.getlist(key) if v != str(value)]
        params.setlist(key, values)
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag(takes_context=True)
def querystring_page(context, number):
    """The current query string with another page number."""
    params = cache_keys.declared_query(context["request"].GET)
    params["pagina"] = str(number)
    return f"?{params.urlencode()}"


@register.simple_tag
def jsonld(data):
    """A schema.org JSON-LD block built from a dict. The JSON is escaped like json_script
    (<, > and & as unicode escapes), so content can never close the script element."""

    escapes = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(escapes)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))


@register.filter
def breadcrumb_trail(page):
    """The pages above `page` up to the home page, for the breadcrumbs. Routing the request read
    them and left each parent where treebeard's `get_parent()` keeps it (som.routing), so no
    query is needed; a page reached otherwise (a preview) asks the database per level."""
    trail = []
    while page.depth > 2:
        page = page.get_parent()
        trail.append(page)
    return trail[::-1]
