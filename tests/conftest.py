import pytest
from wagtail.models import Page, Site


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: the database is rolled back between tests, the
    local-memory cache is not."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker):
    """The demo built once per test process, before any test has added rows of its own."""
    from tests.demo_snapshot import snapshot

    with django_db_blocker.unblock():
        snapshot()


@pytest.fixture
def demo(demo_snapshot, db):
    """The full demo site, as `make run` builds it (built once per test process and day, and
    written back for each test: tests/demo_snapshot.py)."""
    from tests.demo_snapshot import load_demo

    load_demo()
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def home(db):
    """An empty site: only the home page, the taxonomy and the site settings."""
    from som.demo import load_core

    return load_core()


@pytest.fixture
def root_page(db):
    return Page.get_first_root_node()


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server (aiosmtpd) on a free local port, with Django's SMTP backend pointed at
    it. `smtp_server.messages` holds what arrived, as email.message.EmailMessage objects."""
    import email
    import email.policy
    import socket

    from aiosmtpd.controller import Controller

    class Inbox:
        def __init__(self):
            self.messages = []
            self.envelopes = []

        async def handle_DATA(self, server, session, envelope):
            self.envelopes.append(envelope)
            self.messages.append(email.message_from_bytes(envelope.original_content, policy=email.policy.default))
            return "250 OK"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    inbox.port = port
    yield inbox
    controller.stop()


@pytest.fixture
def make_editor(django_user_model):
    """make_editor("Eindredactie") → a user in that group (som/roles.py); `username` for a second one."""
    from django.contrib.auth.models import Group

    def make(group_name, username=None):
        username = username or group_name.lower()
        user = django_user_model.objects.create_user(username, f"{username}@example.org", "wachtwoord-123")
        user.groups.add(Group.objects.get(name=group_name))
        return user

    return make
