"""Every hot query can use an index (issue 22: ten times the content).

The listings, their facet counts, the month grid, the ICS feed and the sitemap are asked of
tables that grow with the network: pages, events, news. A query the planner can only answer
by reading such a table whole gets slower with every page. With the test's few hundred rows
PostgreSQL would rightly prefer a sequential scan anyway, so the planner is told to avoid them
(`enable_seqscan = off`): a sequential scan it still chooses is one no index can replace.
PostgreSQL only (the production database); SQLite plans differently.
"""

import re

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")

# The tables that grow with the content. Taxonomy, sites, settings and the like stay small.
GROWING = (
    "wagtailcore_page",
    "werkingen_projectpage",
    "kalender_eventpage",
    "kalender_eventoccurrence",
    "nieuws_newspage",
    "onderwijsmakers_profilepage",
    "organisaties_organisationpage",
)
HOT_PAGES = [
    "/werking/",
    "/werking/?fase=opstartfase",
    "/werking/laboratorium/",
    "/kalender/",
    "/kalender/?weergave=maand",
    "/kalender/?weergave=dag",
    "/kalender/?periode=voorbij",
    "/kalender/agenda.ics",
    "/nieuws/",
    "/nieuws/?werking=laboratorium",
    "/nieuws/feed/",
    "/onderwijsmakers/",
    "/organisaties/",
    "/sitemap.xml",
    "/sitemap-projecten.xml",
    "/sitemap-activiteiten.xml",
    "/",
]


@pytest.fixture
def bulk(demo):
    call_command("generate_bulk_content", projects=60, events=80, people=40, news=60, images=1, verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def explain(sql):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


def sequential_scans(sql):
    plan = explain(sql)
    return sorted({table for table in re.findall(r"Seq Scan on (\w+)", plan) if table in GROWING})


def test_hot_queries_use_an_index(client, bulk):
    # One test for all pages: building the demo and the bulk content is the slow part.
    scans, explained = {}, 0
    for path in HOT_PAGES:
        # The first request after a change: what a listing counts (som.listing.Listing.counted)
        # is asked then and kept for the version, and it is what grows with the content.
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200, path
        for query in queries.captured_queries:
            sql = query["sql"]
            if sql.lstrip().upper().startswith("SELECT"):
                explained += 1
                found = sequential_scans(sql)
                if found:
                    scans[f"{path}: {sql[:300]}"] = found
    assert explained > 3 * len(HOT_PAGES)
    assert scans == {}, scans


def test_the_check_sees_a_query_no_index_serves(db):
    assert sequential_scans("SELECT * FROM nieuws_newspage WHERE author = 'x'") == ["nieuws_newspage"]


def test_the_site_search_reads_only_matching_index_entries(client, bulk):
    # som/migrations/0010: an index for the expression modelsearch matches on. If an upgrade of
    # Wagtail or modelsearch writes the search differently, this fails: adjust the index.
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/zoeken/", {"q": "leesplezier"}).status_code == 200
    searches = [query["sql"] for query in queries.captured_queries if "@@" in query["sql"]]
    expression = '("wagtailsearch_indexentry"."title" || "wagtailsearch_indexentry"."body") @@'
    assert searches and all(expression in sql for sql in searches), searches
    # With these few entries the planner rightly prefers other ways; what matters is that the
    # expression can be answered from the index at any size.
    plan = explain(f"SELECT 1 FROM wagtailsearch_indexentry WHERE {expression} to_tsquery('dutch', 'leesplezier')")
    assert "som_search_title_body_gin" in plan, plan
