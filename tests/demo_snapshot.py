"""The demo site for a test in a fraction of a second: `load_demo_content` runs once per test
process (and day), its rows are kept, and each test that asks for the demo gets them written
back into its own transaction.

Building the demo through Wagtail (pages, revisions, images, search entries) takes seconds, and
two hundred tests ask for it: that was most of the suite's time. Writing the same rows back
is plain SQL: COPY on PostgreSQL, INSERTs on SQLite. The rows are the database's own values,
so what a test sees is exactly what `load_demo_content` made (tests/test_demo_snapshot.py
checks that every row comes back as it was and that the site works on them).

The demo's dates follow today, so a snapshot is kept for the day it was made on, and for the file
storage it wrote its images and documents to (the test storage of the process outlives each test;
a test that stores files on disk gets a snapshot of its own).

Only the tables the demo changes are written back; the rest keep what the migrations put there.
Transactional tests (the browser tests, the mail worker's) empty every table afterwards,
migrations' rows included, so they build the demo with `load_demo_content`, which makes those
again; pytest-django runs them after all other database tests.
"""

from django.core.files.storage import storages
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

_snapshots = {}  # (day, file storage) → {table: rows}


def _tables():
    """Every table of an installed model (many-to-many tables included) but SQLite's full-text
    tables of the search index: triggers on the index's own table keep those."""
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    return sorted(table for table in tables if not _virtual(table))


def _virtual(table):
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE name = %s", [table])
        row = cursor.fetchone()
    return bool(row and row[0] and row[0].upper().startswith("CREATE VIRTUAL TABLE"))


def _read(table):
    quoted = connection.ops.quote_name(table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            data = bytearray()
            with cursor.cursor.copy(f"COPY {quoted} TO STDOUT") as copy:
                for chunk in copy:
                    data += chunk
            return bytes(data) or None
        cursor.execute(f"SELECT * FROM {quoted}")
        columns = [column[0] for column in cursor.description]
        rows = cursor.fetchall()
        return (columns, rows) if rows else None


def _write(tables):
    """The tables the demo changes emptied and filled with the snapshot's rows, in one
    transaction: foreign keys are checked when it ends (Django makes them deferrable), so the
    order does not matter. The other tables keep what the test made before (its editors)."""
    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"DELETE FROM {quote(table)}")
        for table, data in tables.items():
            if not data:
                continue
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {quote(table)} FROM STDIN") as copy:
                    copy.write(data)
            else:
                columns, rows = data
                names = ", ".join(quote(column) for column in columns)
                places = ", ".join(["%s"] * len(columns))
                cursor.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({places})", rows)


def _storage():
    """Where files go: the demo's images and documents are written there once."""
    storage = storages["default"]
    return type(storage), getattr(storage, "location", None)


def _build():
    """{table: rows} of every table `load_demo_content` changes, as it leaves them."""
    tables = _tables()
    with transaction.atomic():
        before = {table: _read(table) for table in tables}
        call_command("load_demo_content", verbosity=0)
        after = {table: _read(table) for table in tables}
        transaction.set_rollback(True)  # the database stays as it was
    return {table: rows for table, rows in after.items() if rows != before[table]}


def snapshot():
    """{table: rows} of the demo today, for the file storage in use."""
    key = (timezone.localdate(), _storage())
    if key not in _snapshots:
        _snapshots[key] = _build()
    return _snapshots[key]


def load_demo():
    """The demo content in the current database, as `load_demo_content` makes it today."""
    if not connection.in_atomic_block:
        # A transactional test: what it writes is committed, and the tables may have been
        # emptied by another one before it; the command makes everything the demo needs.
        call_command("load_demo_content", verbosity=0)
        return
    _write(snapshot())
