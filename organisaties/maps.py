"""The map of organisations: the tile server (a setting, which the CSP allows and nothing
else) and the markers, as plain values for a JSON island in the page (json_script): the map
costs no extra request, and without JavaScript or tiles the list and the addresses are the page."""

from django.conf import settings
from django.templatetags.static import static

MARKER_IMAGES = {"icon": "marker-icon.png", "icon_retina": "marker-icon-2x.png", "shadow": "marker-shadow.png"}


def map_settings():
    """What static/js/kaart.js (and the admin's kaart-admin.js) need besides the markers; None
    when no tile server is set (no map at all). Leaflet's marker images by their hashed static
    addresses: its own detection of the image folder reads the CSS and misses hashed names."""
    tile_url = getattr(settings, "SOM_MAP_TILE_URL", "")
    if not tile_url:
        return None
    return {
        "tile_url": tile_url,
        "attribution": getattr(settings, "SOM_MAP_ATTRIBUTION", ""),
        **{key: static(f"vendor/leaflet/images/{name}") for key, name in MARKER_IMAGES.items()},
    }


def map_data(points):
    """The JSON island of a page's map: settings and markers, or None (no map) without a tile
    server or without a single organisation with coordinates."""
    tiles = map_settings()
    if tiles is None or not points:
        return None
    return {**tiles, "points": points}


def map_points(organisations, request, link=True):
    """[{name, lat, lng, address, url}, …] for the organisations with coordinates, in the
    order given; `link` leaves out the address of the page itself (an organisation page)."""
    points = []
    for organisation in organisations:
        if not organisation.has_location:
            continue
        point = {
            "name": organisation.title,
            "lat": float(organisation.latitude),
            "lng": float(organisation.longitude),
            "address": organisation.address_line,
        }
        if link:
            point["url"] = organisation.get_url(request=request)
        points.append(point)
    return points
