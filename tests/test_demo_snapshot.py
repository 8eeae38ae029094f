"""The demo fixture writes back the rows `load_demo_content` made (tests/demo_snapshot.py): what
a test gets must be that demo, row for row, and a working site."""

from wagtail.models import Page

from tests import demo_snapshot
from tests.helpers import texts


def rows(data):
    """A table's rows in a fixed order: PostgreSQL's COPY gives them in the order they lie on disk."""
    if isinstance(data, bytes):
        return sorted(data.splitlines())
    return data and (data[0], sorted(data[1], key=repr))


def test_the_demo_is_written_back_row_for_row(client, demo):
    tables = demo_snapshot.snapshot()
    assert sum(1 for data in tables.values() if data) > 20  # pages, revisions, images, search …
    assert {table: rows(demo_snapshot._read(table)) for table in tables} == {
        table: rows(data) for table, data in tables.items()
    }
    assert Page.find_problems() == ([], [], [], [], [])
    # The search index came back with the pages (on SQLite, triggers fill its full-text table).
    assert "Labo onderwijs x cultuur" in texts(client.get("/zoeken/?q=cultuur"), "main h2, main h3")


def test_each_test_starts_from_the_demo_again(client, demo):
    page = Page.objects.get(slug="kalender").specific
    page.title = "Gewijzigd"
    page.save_revision().publish()
    demo_snapshot.load_demo()
    assert Page.objects.get(slug="kalender").title == "Kalender"
    assert client.get("/kalender/").status_code == 200
