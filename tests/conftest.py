import pytest
from django.core.management import call_command
from wagtail.models import Page, Site


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: the database is rolled back between tests, the
    local-memory cache is not."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def demo(db):
    """The full demo site, as `make run` builds it."""
    call_command("load_demo_content", verbosity=0)
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def home(db):
    """An empty site: only the home page, the taxonomy and the site settings."""
    from som.demo import load_core

    return load_core()


@pytest.fixture
def root_page(db):
    return Page.get_first_root_node()
