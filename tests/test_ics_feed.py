"""agenda.ics keeps each date's VEVENT per content version: a request when nothing changed
builds nothing again, and a publish shows in the next request (issue 22: the big answers)."""

import icalendar
import pytest

from kalender import ics
from kalender.models import EventPage

FEED = "/kalender/agenda.ics"


def summaries(response):
    return sorted(str(event["SUMMARY"]) for event in icalendar.Calendar.from_ical(response.content).walk("VEVENT"))


@pytest.fixture
def built(monkeypatch):
    """Counts the VEVENTs the feed builds."""
    calls = []
    original = ics.ical_event

    def counting(occurrence, url):
        calls.append(occurrence.pk)
        return original(occurrence, url)

    monkeypatch.setattr(ics, "ical_event", counting)
    return calls


def test_a_second_request_builds_no_event_again_and_reads_the_same(client, demo, built):
    first = client.get(FEED)
    assert built, "the first request builds the dates"
    count = len(built)
    second = client.get(FEED)
    assert len(built) == count
    assert second.content == first.content
    # Another host name: its own addresses (URL), so its own VEVENTs.
    client.get(FEED, HTTP_HOST="som.example.org")
    assert len(built) == 2 * count


def test_a_publish_shows_at_once(client, demo, built):
    before = summaries(client.get(FEED))
    event = EventPage.objects.live().filter(title__in=before).first()
    event.title = "Nieuwe titel van de activiteit"
    event.save_revision().publish()
    after = summaries(client.get(FEED))
    assert "Nieuwe titel van de activiteit" in after
    event.unpublish()
    assert "Nieuwe titel van de activiteit" not in summaries(client.get(FEED))


def test_the_feed_reads_as_the_files_of_one_event_do(client, demo):
    # The joined feed and calendar_bytes (one event's download) write the same VEVENT lines.
    feed = icalendar.Calendar.from_ical(client.get(FEED).content)
    event = EventPage.objects.live().filter(repeat="").upcoming().first()
    single = icalendar.Calendar.from_ical(client.get(f"{event.url}agenda.ics").content)
    (one,) = [e for e in single.walk("VEVENT")]
    (same,) = [e for e in feed.walk("VEVENT") if e["UID"] == one["UID"]]
    assert same.to_ical() == one.to_ical()
    assert [c.name for c in feed.subcomponents][0] == "VTIMEZONE"


def test_the_feed_holds_the_last_year_and_everything_to_come(client, demo):
    from django.utils import timezone

    from kalender.models import ICS_WINDOW

    listed = summaries(client.get(FEED))
    now = timezone.now()
    old = EventPage.objects.live().filter(end__lt=now - ICS_WINDOW)
    recent = EventPage.objects.live().filter(end__gte=now - ICS_WINDOW, repeat="")
    assert old.exists() and recent.exists()
    assert not set(old.values_list("title", flat=True)) & set(listed)
    assert set(recent.values_list("title", flat=True)) <= set(listed)
