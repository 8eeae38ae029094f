"""Helpers for tests that look at pages as a visitor does."""

from bs4 import BeautifulSoup


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "lxml")


def texts(response, selector):
    """The visible text of every element matching a CSS selector."""
    return [" ".join(el.get_text(" ").split()) for el in soup(response).select(selector)]
