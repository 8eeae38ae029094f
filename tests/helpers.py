"""Helpers for tests that look at pages as a visitor does."""

from bs4 import BeautifulSoup


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "lxml")


def texts(response, selector):
    """The visible text of every element matching a CSS selector."""
    return [" ".join(el.get_text(" ").split()) for el in soup(response).select(selector)]


def sitemap_locations(client):
    """Every address in the sitemap: the index at /sitemap.xml and each part it lists."""
    import xml.etree.ElementTree as ET
    from urllib.parse import urlsplit

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    locations = []
    for part in ET.fromstring(index.content).findall("s:sitemap/s:loc", ns):
        address = urlsplit(part.text)
        response = client.get(address.path + (f"?{address.query}" if address.query else ""))
        assert response.status_code == 200
        locations += [url.text for url in ET.fromstring(response.content).findall("s:url/s:loc", ns)]
    return locations
