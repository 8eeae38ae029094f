"""Documents a network shares (issue 21): the documents block lists them where they belong
(title, file type, size, a download link), the demo carries real PDF files, search engines may
read public documents, and a private collection keeps its documents behind a login."""

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from nieuws.models import NewsPage
from som.demo import CHARTER_DOCUMENT, WERKING_DOCUMENT, ensure_documents_block
from som.models import StandardPage

from .helpers import soup
from .test_templates import database_blocked_while_rendering

Document = get_document_model()


def document_links(response):
    """(link text, address) of every document link on the page, whitespace collapsed."""
    return [(" ".join(link.get_text(" ").split()), link["href"]) for link in soup(response).select(".documents__link")]


@pytest.mark.django_db
def test_the_demo_puts_the_charter_and_the_report_on_the_pages_they_belong_to(client, demo):
    charter, werking = Document.objects.get(title=CHARTER_DOCUMENT), Document.objects.get(title=WERKING_DOCUMENT)
    about = document_links(client.get("/over-som/"))
    assert [text for text, _ in about] == [
        f"{CHARTER_DOCUMENT} (PDF, {charter.file_size / 1024:.1f} KB)".replace(".", ","),
        f"{WERKING_DOCUMENT} (PDF, {werking.file_size / 1024:.1f} KB)".replace(".", ","),
    ]
    assert [href for _, href in about] == [charter.url, werking.url]
    news = document_links(client.get("/nieuws/volgende-vijf-jaar-samen-onderwijs/"))
    assert [href for _, href in news] == [charter.url]
    heading = soup(client.get("/over-som/")).select_one(".documents h2")
    assert heading.get_text(strip=True) == "Documenten"


@pytest.mark.django_db
def test_the_demo_documents_are_small_real_pdf_files_made_once(client, demo):
    from django.core.management import call_command

    for title in (CHARTER_DOCUMENT, WERKING_DOCUMENT):
        document = Document.objects.get(title=title)
        with document.open_file() as handle:
            content = handle.read()
        assert content.startswith(b"%PDF-") and b"%%EOF" in content[-32:]
        assert 500 < len(content) < 20_000 and document.file_size == len(content) and document.file_hash
    call_command("load_demo_content", verbosity=0)  # again: nothing doubles
    assert Document.objects.filter(title__in=[CHARTER_DOCUMENT, WERKING_DOCUMENT]).count() == 2
    assert len(document_links(client.get("/over-som/"))) == 2


@pytest.fixture
def on_disk(settings, tmp_path):
    """Files on disk and served by Wagtail's view, as in production (the suite's in-memory
    storage has no files to send)."""
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    settings.MEDIA_ROOT = str(tmp_path)
    settings.WAGTAILDOCS_SERVE_METHOD = "serve_view"


@pytest.mark.django_db
def test_a_public_document_downloads_and_search_engines_may_read_it(client, on_disk, demo):
    document = Document.objects.get(title=CHARTER_DOCUMENT)
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert "noindex" not in response.get("X-Robots-Tag", "")
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in robots  # the file still says what is closed …
    assert not [line for line in robots.splitlines() if line.startswith("Disallow: /documents")]  # … not this


@pytest.mark.django_db
def test_a_document_in_a_private_collection_asks_for_a_login(client, on_disk, demo):
    private = Collection.get_first_root_node().add_child(name="Alleen voor leden")
    CollectionViewRestriction.objects.create(collection=private, restriction_type=CollectionViewRestriction.LOGIN)
    document = Document(title="Intern verslag", collection=private, file=ContentFile(b"%PDF-1.4 geheim", name="v.pdf"))
    document.save()
    response = client.get(document.url)
    assert response.status_code == 302 and "/_util/login/" in response["Location"]


@pytest.mark.django_db
def test_the_block_renders_without_a_query_and_fetches_its_documents_at_once(client, demo):
    """However many documents a page lists, reading its body fetches them in one query, in
    get_context: the template asks nothing (tests/test_templates.py's blocking)."""
    about = StandardPage.objects.get(slug="over-som")
    counts = []
    for extra in (1, 8):
        documents = [
            Document.objects.create(title=f"Verslag {extra}-{i}", file=ContentFile(b"%PDF-1.4", name=f"v{i}.pdf"))
            for i in range(extra)
        ]
        item = NewsPage.objects.get(slug="volgende-vijf-jaar-samen-onderwijs")
        item.body = [(block.block_type, block.value) for block in item.body if block.block_type != "documents"]
        item.save()
        ensure_documents_block(item, "Verslagen", documents)
        client.get(item.url)
        with CaptureQueriesContext(connection) as queries:
            with database_blocked_while_rendering() as (attempts, renders):
                response = client.get(item.url)
        assert renders and not attempts
        assert [text.rsplit(" (", 1)[0] for text, _ in document_links(response)] == [d.title for d in documents]
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    assert document_links(client.get(about.url))  # the demo's block on a standard page too


@pytest.mark.django_db
def test_a_deleted_document_is_left_out_of_the_list(client, demo):
    Document.objects.get(title=WERKING_DOCUMENT).delete()
    assert [text.rsplit(" (", 1)[0] for text, _ in document_links(client.get("/over-som/"))] == [CHARTER_DOCUMENT]
