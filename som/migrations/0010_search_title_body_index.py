"""An index for what Wagtail's PostgreSQL search asks: the whole site's search (/zoeken/) filters
the index entries on `(title || body) @@ query` (modelsearch's PostgresSearchQueryCompiler joins
the title and body vectors before matching). Wagtail indexes `title` and `body` each on its own,
which cannot answer that expression, so PostgreSQL read every index entry of the searched page
types: at ten times the content 100,000 entries, 395–470 ms for one word. With this index it reads
only the entries that match (130–200 ms, most of it ranking them; docs/benchmarks.md).

It depends on how modelsearch writes the expression: tests/test_query_plans.py fails when an
upgrade changes it and the index no longer serves the search. PostgreSQL only; nothing on SQLite.
"""

from django.db import migrations

INDEX = "som_search_title_body_gin"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry USING gin ((title || body))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("som", "0009_alter_homepage_body_alter_standardpage_body"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
