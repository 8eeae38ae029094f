"""generate_bulk_content: marked, valid, visible where it belongs, and removable."""

import pytest
from django.core.management import call_command
from wagtail.models import Page

from kalender.models import EventPage
from nieuws.models import NewsPage
from onderwijsmakers.models import ProfilePage
from som.models import SomImage
from werkingen.models import ProjectPage


@pytest.fixture
def bulk(demo):
    call_command("generate_bulk_content", projects=15, events=20, people=12, news=10, images=3, verbosity=0)


def test_generates_marked_content_in_a_valid_tree(bulk):
    assert ProjectPage.objects.filter(slug__startswith="gen-").count() == 15
    assert EventPage.objects.filter(slug__startswith="gen-").count() == 20
    assert ProfilePage.objects.filter(slug__startswith="gen-").count() == 12
    assert NewsPage.objects.filter(slug__startswith="gen-").count() == 10
    assert all(p.title.endswith("(gegenereerd)") for p in Page.objects.filter(slug__startswith="gen-"))
    assert SomImage.objects.filter(title__startswith="Gegenereerde afbeelding").count() == 3
    problems = Page.find_problems()
    assert not any(problems), problems
    # Spread over the five werkingen.
    werkingen = {p.get_parent().slug for p in ProjectPage.objects.filter(slug__startswith="gen-")}
    assert len(werkingen) == 5


def test_generated_pages_render_and_show_in_listings_and_search(client, bulk):
    project = ProjectPage.objects.filter(slug__startswith="gen-").first()
    assert client.get(project.url).status_code == 200
    assert client.get(EventPage.objects.filter(slug__startswith="gen-").first().url).status_code == 200
    assert "(gegenereerd)" in client.get("/werking/").content.decode()
    person = ProfilePage.objects.filter(slug__startswith="gen-").first()
    assert person.title in client.get("/onderwijsmakers/", {"q": person.family_name}).content.decode()
    assert project.title in client.get("/zoeken/", {"q": project.title.split(" (")[0]}).content.decode().replace(
        "&amp;", "&"
    )


def test_generated_pages_are_what_wagtail_would_have_made(client, demo, settings):
    settings.PAGE_CACHE_ENABLED = True
    import random

    from som.bulk import make_images

    make_images(1, random.Random(1))  # made beforehand: saving an image would refresh the cache itself
    client.get("/nieuws/")
    assert client.get("/nieuws/")["X-Cache"] == "HIT"  # cached before the generation
    call_command("generate_bulk_content", news=3, events=2, images=1, verbosity=0)
    news = list(NewsPage.objects.filter(slug__startswith="gen-").order_by("path"))
    index = news[0].get_parent()
    assert [page.slug for page in index.get_children()][-3:] == ["gen-nieuws-1", "gen-nieuws-2", "gen-nieuws-3"]
    assert index.numchild == index.get_children().count()
    for page in news:
        assert page.url_path == f"{index.url_path}{page.slug}/"
        assert page.live and not page.has_unpublished_changes and page.first_published_at
        assert page.draft_title == page.title and page.locale_id == index.locale_id
    assert len({page.translation_key for page in news}) == 3
    # The page cache does not outlive them, though no save signal was sent.
    assert news[-1].title in client.get("/nieuws/").content.decode()
    # A second run refuses instead of making duplicate addresses.
    with pytest.raises(SystemExit):
        call_command("generate_bulk_content", news=3, verbosity=0)


def test_delete_removes_only_generated_content(bulk):
    before = Page.objects.exclude(slug__startswith="gen-").count()
    call_command("generate_bulk_content", delete=True, verbosity=0)
    assert not Page.objects.filter(slug__startswith="gen-").exists()
    assert Page.objects.count() == before
    assert not SomImage.objects.filter(title__startswith="Gegenereerde afbeelding").exists()
    assert not any(Page.find_problems())


def test_pages_are_written_a_chunk_at_a_time_with_their_links(demo, monkeypatch):
    # Chunks of 4: the tree stays valid across chunks and every chunk gets its links and dates.
    monkeypatch.setattr("som.bulk.BULK_CHUNK", 4)
    call_command("generate_bulk_content", projects=11, events=10, people=9, news=9, images=1, verbosity=0)
    assert not any(Page.find_problems())
    events = EventPage.objects.filter(slug__startswith="gen-")
    assert events.count() == 10 and not events.filter(occurrences__isnull=True).exists()
    people = ProfilePage.objects.filter(slug__startswith="gen-")
    assert people.count() == 9 and not people.filter(expertise_names="").exists()
    news = list(NewsPage.objects.filter(slug__startswith="gen-").order_by("path"))
    assert [p.slug for p in news] == [f"gen-nieuws-{n}" for n in range(1, 10)]  # in the order they were made
    assert news[0].get_parent().numchild == news[0].get_parent().get_children().count()
