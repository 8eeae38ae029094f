"""Hostile input never breaks a page: random and malicious query strings and paths against
every public URL give no 5xx and never reflect markup unescaped; hostile content renders
escaped and keeps the feeds valid."""

import datetime

import feedparser
import icalendar
import pytest
import vobject
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.public_urls import FORMS, PARAMS, PUBLIC_URLS

URLS = PUBLIC_URLS + FORMS
MARKUP = "<script>alert(1)</script>"
# Digits that are not ASCII digits: str.isdigit() and int() accept some of them (issue 17: "²" as
# a year gave a 500). Superscripts, other scripts' digits, full-width digits, combining marks.
ODD_DIGITS = ["²", "¹⁹", "٢٠٢٤", "२०२४", "２０２４", "2\u0301024", "1_000", " 7 ", "+3", "2024\n", "𝟐𝟎𝟐𝟒", "Ⅻ", "½"]
HOSTILE = st.sampled_from(
    [
        MARKUP,
        "'; DROP TABLE wagtailcore_page; --",
        "\x00",
        "%",
        "%00",
        "\r\n",
        "../../etc/passwd",
        "💥" * 50,
        "9" * 400,
        "-1",
        "0",
        "2024-13",
        "abc",
        '"><img src=x onerror=alert(1)>',
        "a" * 10_000,
        '"',
        '"labo',
        "labo*",
        "(",
        "AND OR NOT",
    ]
    + ODD_DIGITS
    + [f"2024-{digits}" for digits in ("٠٤", "０４", "4")]
)
ODD_TEXT = st.text(alphabet=st.sampled_from('0123456789²³¹٠١٢٣४५６７\u0301\u0300-_ aé"*'), max_size=12)
VALUES = st.one_of(HOSTILE, ODD_TEXT, st.text(max_size=60))


@pytest.mark.django_db
@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(url=st.sampled_from(URLS), pairs=st.lists(st.tuples(st.sampled_from(PARAMS), VALUES), max_size=6))
def test_hostile_query_strings(client, demo, url, pairs):
    # The demo site is built once for all examples: they only read.
    response = client.get(url, {k: v for k, v in pairs} if len({k for k, _ in pairs}) == len(pairs) else _multi(pairs))
    assert response.status_code < 500, (url, pairs)
    assert MARKUP not in response.content.decode(errors="replace")
    assert "<img src=x onerror" not in response.content.decode(errors="replace")


def _multi(pairs):
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    for key, value in pairs:
        query.appendlist(key, value)
    return query


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(base=st.sampled_from(URLS), tail=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_hostile_paths(client, demo, base, tail):
    response = client.get(base + tail.replace("?", "").replace("#", ""))
    assert response.status_code < 500, (base, tail)
    assert MARKUP not in response.content.decode(errors="replace")


def test_hostile_content_renders_escaped_and_feeds_stay_valid(client, demo):
    from kalender.models import EventPage, KalenderPage
    from nieuws.models import NewsPage, NieuwsIndexPage
    from onderwijsmakers.models import OnderwijsmakersIndexPage, ProfilePage

    title = "<script>alert(1)</script> Feest 🎉\r\nBEGIN:VEVENT; x, y \\"
    now = timezone.now()
    event = EventPage(
        title=title,
        slug="vijandig",
        start=now + datetime.timedelta(days=2),
        end=now + datetime.timedelta(days=2, hours=1),
        location_name="<b>Zaal</b>\r\nEND:VCALENDAR",
    )
    KalenderPage.objects.get().add_child(instance=event)
    event.save_revision().publish()
    item = NewsPage(title=title, slug="vijandig", date=datetime.date(2031, 1, 1), intro="]]></description><evil/>")
    NieuwsIndexPage.objects.get().add_child(instance=item)
    item.save_revision().publish()
    # As long as the fields allow (a 1,000-character name is refused with a Dutch message).
    person = ProfilePage(title="Ä" * 255, slug="lang", first_name="Ä" * 100, family_name="Ö" * 150, role="<i>rol</i>")
    OnderwijsmakersIndexPage.objects.get().add_child(instance=person)
    person.save_revision().publish()

    for url in [
        "/",
        "/kalender/",
        event.url,
        "/nieuws/",
        item.url,
        "/onderwijsmakers/",
        person.url,
        "/zoeken/?q=Feest",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert "<script>alert(1)</script>" not in body and "<i>rol</i>" not in body and "<b>Zaal</b>" not in body, url

    ics = client.get("/kalender/agenda.ics").content
    calendar = icalendar.Calendar.from_ical(ics)
    assert len(calendar.walk("VCALENDAR")) == 1
    assert any("Feest" in str(e["SUMMARY"]) for e in calendar.walk("VEVENT"))
    vobject.readOne(ics.decode())
    for feed_url in ["/nieuws/feed/", "/nieuws/feed/atom/"]:
        feed = feedparser.parse(client.get(feed_url).content)
        assert not feed.bozo, feed.bozo_exception
        assert any("Feest" in entry.title for entry in feed.entries)


def test_a_thousand_character_name_is_refused_in_dutch(demo):
    from django.core.exceptions import ValidationError

    from onderwijsmakers.models import OnderwijsmakersIndexPage, ProfilePage

    person = ProfilePage(title="Ä" * 1000, slug="te-lang", first_name="A", family_name="B")
    with pytest.raises(ValidationError, match="niet meer dan 255 tekens"):
        OnderwijsmakersIndexPage.objects.get().add_child(instance=person)


@pytest.mark.django_db
def test_odd_digits_in_every_numeric_parameter(client, demo):
    """Every public URL and feed with each kind of odd digit in every numeric parameter: never a
    5xx (hypothesis samples; this tries them all)."""
    failures = []
    for url in URLS:
        for value in ODD_DIGITS:
            for param in ("jaar", "pagina", "maand", "dag", "datum", "p"):
                status = client.get(url, {param: value}).status_code
                if status >= 500:
                    failures.append((url, param, value, status))
    assert not failures, failures
