"""What an operator gets from the production settings and `make serve` (issue 17, items 9 and 11):
images on the pages, originals and documents never straight from the media folder, documents on
S3 only through Wagtail's view, limits on image size, on workers and on database statements, and
no start without the site's address."""

import io
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.storage import InMemoryStorage, Storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction

from som.models import SomImage

from .helpers import soup

ROOT = Path(__file__).resolve().parents[1]
# Variables of the machine running the tests that would change what the production settings do.
DEPLOYMENT_VARIABLES = {
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "DATABASE_URL",
    "AWS_STORAGE_BUCKET_NAME",
    "AWS_QUERYSTRING_AUTH",
    "MEDIA_URL",
    "SERVE_RENDITIONS",
    "DB_STATEMENT_TIMEOUT_MS",
    "WAGTAILADMIN_BASE_URL",
    "REDIS_URL",
    "GUNICORN_WORKERS",
    "GUNICORN_TIMEOUT",
    "GUNICORN_MAX_REQUESTS",
    "GUNICORN_MAX_REQUESTS_JITTER",
}


def production_env(tmp_path, **variables):
    return {
        **{key: value for key, value in os.environ.items() if key not in DEPLOYMENT_VARIABLES},
        "DJANGO_SETTINGS_MODULE": "som.settings.production",
        "SECRET_KEY": "production-test-" + "q7Lx2Rv9Tz4Wm8Pk3Nb6Yc1Hd5Gf0Js",
        "WAGTAILADMIN_BASE_URL": "https://www.samenonderwijsmaken.be",
        "ALLOWED_HOSTS": "www.samenonderwijsmaken.be",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'production.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        **variables,
    }


def run_python(code, env, timeout=120):
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )


SETTINGS_AS_JSON = """
import json
from django.conf import settings
print(json.dumps({name: getattr(settings, name, None) for name in [
    "DEBUG", "SERVE_RENDITIONS", "WAGTAILDOCS_SERVE_METHOD", "STORAGES", "WAGTAILADMIN_BASE_URL",
]}, default=str))
"""


def production_settings(tmp_path, **variables):
    """The production settings as `make serve` loads them, with these environment variables."""
    result = run_python(SETTINGS_AS_JSON, production_env(tmp_path, **variables))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def png_bytes(size=(1600, 900), mode="RGB"):
    buffer = io.BytesIO()
    PILImage.new(mode, size).save(buffer, "PNG")
    return buffer.getvalue()


def make_image():
    return SomImage.objects.create(
        title="Leerkrachten in STUK",
        description="Leerkrachten rond een tafel",
        file=ImageFile(io.BytesIO(png_bytes()), name="foto.png"),
    )


def make_news_with_image(home, image):
    from nieuws.models import NewsPage, NieuwsIndexPage

    index = NieuwsIndexPage(title="Nieuws", slug="nieuws", intro="Nieuws.")
    home.add_child(instance=index)
    index.save_revision().publish()
    page = NewsPage(title="Charter getekend", slug="charter", date="2026-09-30", intro="Het charter.", image=image)
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def local_media(settings, tmp_path):
    """Production-like: DEBUG off, uploads as files under MEDIA_ROOT, renditions served by the
    app as production.py turns it on for local files (checked in the test below)."""
    assert settings.DEBUG is False
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    settings.SERVE_RENDITIONS = True
    return tmp_path


# --- Item 9: images in production --------------------------------------------------------------


def test_production_serves_renditions_itself_only_with_local_files_and_documents_through_wagtail(tmp_path):
    local = production_settings(tmp_path)
    assert local["DEBUG"] is False
    assert local["SERVE_RENDITIONS"] is True
    assert local["WAGTAILDOCS_SERVE_METHOD"] == "serve_view"

    s3 = production_settings(tmp_path, AWS_STORAGE_BUCKET_NAME="som-media")
    assert s3["STORAGES"]["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert s3["SERVE_RENDITIONS"] is False  # the bucket (or its CDN) serves images/
    # Documents are streamed by Wagtail's view after its privacy check, never a redirect to a
    # bucket URL that anyone could pass on; so the bucket needs no public documents/ and no
    # signed URLs, and the rendition URLs in cached pages do not expire.
    assert s3["WAGTAILDOCS_SERVE_METHOD"] == "serve_view"
    assert s3["STORAGES"]["default"]["OPTIONS"]["querystring_auth"] is False

    assert production_settings(tmp_path, SERVE_RENDITIONS="false")["SERVE_RENDITIONS"] is False


def test_the_images_on_a_page_are_served_in_production(client, home, local_media):
    page = make_news_with_image(home, make_image())
    html = soup(client.get(page.url))
    picture = html.select_one("main picture")
    urls = {picture.img["src"]} | {
        candidate.split()[0] for source in picture.select("source") for candidate in source["srcset"].split(",")
    }
    assert len(urls) >= 4 and all(url.startswith("/media/images/") for url in urls), urls
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] in {"image/webp", "image/jpeg"}
        assert response["Cache-Control"] == "public, max-age=86400"
        PILImage.open(io.BytesIO(b"".join(response.streaming_content))).verify()
    # A browser revalidating gets 304 without the file.
    again = client.get(url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert again.status_code == 304


def test_originals_and_documents_are_never_served_from_the_media_folder(client, home, local_media):
    image = make_image()
    document = Document.objects.create(title="Verslag", file=ContentFile(b"vertrouwelijk verslag", name="verslag.txt"))
    original = (local_media / image.file.name).read_bytes()
    assert (local_media / document.file.name).read_bytes() == b"vertrouwelijk verslag"

    for url in [
        f"/media/{image.file.name}",
        f"/media/{document.file.name}",
        f"/media/images/../{image.file.name}",
        f"/media/images/../{document.file.name}",
        "/media/images/",
    ]:
        response = client.get(url)
        assert response.status_code in {400, 404}, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert original not in body and b"vertrouwelijk verslag" not in body, url

    # Documents still work, through Wagtail's view with its headers.
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"vertrouwelijk verslag"
    assert response["Content-Security-Policy"] == "default-src 'none'"


def test_renditions_are_left_to_the_web_server_when_turned_off(client, home, local_media, settings):
    rendition = make_image().get_rendition("width-640|format-webp")
    assert client.get(rendition.url).status_code == 200
    settings.SERVE_RENDITIONS = False
    assert client.get(rendition.url).status_code == 404


class BucketLikeStorage(Storage):
    """What Wagtail sees of S3: every file has a bucket URL, none has a local path (Storage.path
    raises NotImplementedError). The files themselves are kept in memory."""

    def __init__(self):
        self.files = InMemoryStorage()

    def _open(self, name, mode="rb"):
        return self.files.open(name, mode)

    def _save(self, name, content):
        return self.files.save(name, content)

    def exists(self, name):
        return self.files.exists(name)

    def delete(self, name):
        self.files.delete(name)

    def size(self, name):
        return self.files.size(name)

    def url(self, name):
        return f"https://som-media.s3.eu-west-1.amazonaws.com/{name}"


def test_on_s3_a_private_collections_documents_are_not_served_to_visitors(
    client, home, tmp_path, django_user_model, settings
):
    s3 = production_settings(tmp_path, AWS_STORAGE_BUCKET_NAME="som-media")
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "tests.test_production.BucketLikeStorage"}}
    with override_settings(WAGTAILDOCS_SERVE_METHOD=s3["WAGTAILDOCS_SERVE_METHOD"]):
        root = Collection.get_first_root_node()
        board = root.add_child(name="Stuurgroep")
        CollectionViewRestriction.objects.create(collection=board, restriction_type=CollectionViewRestriction.LOGIN)
        public = Document.objects.create(
            title="Jaarverslag", file=ContentFile(b"openbaar jaarverslag", name="jaar.txt")
        )
        secret = Document.objects.create(
            title="Notulen", collection=board, file=ContentFile(b"geheime notulen", name="notulen.txt")
        )

        response = client.get(public.url)
        assert response.status_code == 200  # streamed, not a redirect to the bucket
        assert b"".join(response.streaming_content) == b"openbaar jaarverslag"
        assert response["Content-Security-Policy"] == "default-src 'none'"
        assert response["X-Content-Type-Options"] == "nosniff"

        response = client.get(secret.url)
        assert response.status_code == 302
        assert response["Location"].startswith("/_util/login/")
        assert b"geheime notulen" not in response.content

        client.force_login(django_user_model.objects.create_user("lid", password="x"))
        response = client.get(secret.url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == b"geheime notulen"


# --- Item 11: limits ----------------------------------------------------------------------------


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")  # Pillow warns, Wagtail refuses
def test_an_image_of_121_million_pixels_is_refused_on_upload(client, home, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("beheer", "b@example.org", "x"))
    huge = png_bytes((11_000, 11_000), mode="1")  # a few KB on disk, ~350 MB once decoded
    response = client.post(
        "/admin/images/add/",
        {
            "title": "Affiche",
            "description": "Een affiche",
            "credit": "",
            "tags": "",
            "collection": Collection.get_first_root_node().pk,
            "focal_point_x": "",
            "focal_point_y": "",
            "focal_point_width": "",
            "focal_point_height": "",
            "file": SimpleUploadedFile("affiche.png", huge, content_type="image/png"),
        },
    )
    assert response.status_code == 200
    assert "Deze afbeelding bevat teveel pixels (121000000)" in response.content.decode()
    assert "Het maximum aantal toegestane pixels is 40000000" in response.content.decode()
    assert not SomImage.objects.filter(title="Affiche").exists()


def test_production_refuses_to_start_without_the_sites_address(tmp_path):
    env = production_env(tmp_path)
    del env["WAGTAILADMIN_BASE_URL"]
    result = run_python(SETTINGS_AS_JSON, env)
    assert result.returncode != 0
    assert "Set the WAGTAILADMIN_BASE_URL environment variable." in result.stderr

    result = run_python(SETTINGS_AS_JSON, {**env, "WAGTAILADMIN_BASE_URL": "www.samenonderwijsmaken.be"})
    assert result.returncode != 0
    assert "WAGTAILADMIN_BASE_URL must be the site's address" in result.stderr

    loaded = production_settings(tmp_path, WAGTAILADMIN_BASE_URL="https://www.samenonderwijsmaken.be/")
    assert loaded["WAGTAILADMIN_BASE_URL"] == "https://www.samenonderwijsmaken.be"


def gunicorn_command(**variables):
    result = subprocess.run(
        ["make", "-n", "serve"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={**{k: v for k, v in os.environ.items() if k not in DEPLOYMENT_VARIABLES}, **variables},
    )
    line = next(line for line in result.stdout.replace("\\\n", " ").splitlines() if "gunicorn som.wsgi" in line)
    return line.split("DJANGO_SETTINGS_MODULE=som.settings.production ", 1)[1].split()


def gunicorn_config(command):
    """The settings gunicorn resolves from `make serve`'s command line, without starting it."""
    result = subprocess.run([*command, "--print-config"], cwd=ROOT, capture_output=True, text=True, check=True)
    return dict(re.findall(r"^(\w+)\s+= (.*)$", result.stdout, re.MULTILINE))


def test_make_serve_replaces_workers_now_and_then_and_times_out_stuck_requests():
    config = gunicorn_config(gunicorn_command())
    assert config["max_requests"] == "1000"
    assert config["max_requests_jitter"] == "100"  # workers do not all restart at the same moment
    assert config["timeout"] == "30"
    assert config["workers"] == "3"

    config = gunicorn_config(
        gunicorn_command(
            GUNICORN_MAX_REQUESTS="500",
            GUNICORN_MAX_REQUESTS_JITTER="50",
            GUNICORN_TIMEOUT="20",
            GUNICORN_WORKERS="5",
        )
    )
    assert (config["max_requests"], config["max_requests_jitter"], config["timeout"], config["workers"]) == (
        "500",
        "50",
        "20",
        "5",
    )


# --- Item 11: statement timeout on PostgreSQL ---------------------------------------------------

SHOW_TIMEOUT = (
    "from django.db import connection\n"
    "with connection.cursor() as cursor:\n"
    "    cursor.execute('SHOW statement_timeout')\n"
    "    print(cursor.fetchone()[0])\n"
)

STUCK_REQUEST = """
import time
from wsgiref.util import setup_testing_defaults
from som.wsgi import application  # as gunicorn loads the site

environ = {"PATH_INFO": "/"}
setup_testing_defaults(environ)
status = []
started = time.monotonic()
body = b"".join(application(environ, lambda line, headers, exc_info=None: status.append(line)))
print(status[0].split()[0], round(time.monotonic() - started, 1))
"""


@pytest.fixture(scope="module")
def collected_static(tmp_path_factory):
    """`make serve` runs collectstatic first; the error pages need its manifest."""
    static_root = tmp_path_factory.mktemp("static")
    env = production_env(static_root, STATIC_ROOT=str(static_root))
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    return static_root


@pytest.fixture
def postgres_test_database(db, tmp_path, request):
    """The test database (its tables, no rows) and the production settings pointing at it."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("statement_timeout is PostgreSQL's")
    static_root = request.getfixturevalue("collected_static")
    database = connection.settings_dict
    url = "postgres://{USER}:{PASSWORD}@{HOST}:{PORT}/{NAME}".format(
        **{**database, "HOST": database["HOST"] or "127.0.0.1", "PORT": database["PORT"] or 5432}
    )
    return production_env(
        tmp_path, DATABASE_URL=url, ALLOWED_HOSTS="127.0.0.1", SECURE_SSL_REDIRECT="false", STATIC_ROOT=str(static_root)
    )


def test_web_requests_have_a_statement_timeout_and_management_commands_do_not(postgres_test_database):
    env = postgres_test_database
    web = run_python("import som.wsgi\n" + SHOW_TIMEOUT, env)
    assert web.returncode == 0, web.stderr
    assert web.stdout.split()[-1] == "20s"
    web = run_python("import som.wsgi\n" + SHOW_TIMEOUT, {**env, "DB_STATEMENT_TIMEOUT_MS": "1500"})
    assert web.stdout.split()[-1] == "1500ms"

    # migrate, generate_bulk_content and the like run through manage.py: never cut off.
    command = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", SHOW_TIMEOUT], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert command.returncode == 0, command.stderr
    assert command.stdout.split()[-1] == "0"


def test_a_stuck_statement_in_a_web_request_ends_in_an_error_page_not_a_hang(postgres_test_database):
    import psycopg

    env = {**postgres_test_database, "DB_STATEMENT_TIMEOUT_MS": "1000", "LOG_LEVEL": "CRITICAL"}
    url = env["DATABASE_URL"]
    with psycopg.connect(url) as blocker:
        # Another transaction holds the tables every page reads: the request's queries wait.
        blocker.execute("LOCK TABLE wagtailcore_site, wagtailcore_page IN ACCESS EXCLUSIVE MODE")
        started = time.monotonic()
        try:
            result = run_python(STUCK_REQUEST, env, timeout=30)
        finally:
            blocker.rollback()
    assert result.returncode == 0, result.stderr
    status, seconds = result.stdout.split()[-2:]
    # A cancelled statement is a query error, not a database outage (som.resilience): the 500 page.
    assert status == "500"
    assert float(seconds) < 10 and time.monotonic() - started < 30
