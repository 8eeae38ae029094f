"""The calendar: upcoming and past, filters, the month grid, event pages, iCalendar feeds
(parsed back by icalendar and by vobject) and constant query counts."""

import datetime
import json
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from kalender.models import EventPage, EventSoort, EventStatus, KalenderPage
from som import dates
from som.models import Onderwijsniveau
from tests.helpers import soup, texts
from werkingen.models import WerkingPage

TZ = ZoneInfo("Europe/Brussels")


def at(*args):
    return datetime.datetime(*args, tzinfo=TZ)


SERIES = "Maandelijks netwerkmoment (voorbeeld)"


def event_titles(response):
    return texts(response, ".event-card .card__title")


def add_event(calendar, slug, start, end, **fields):
    event = EventPage(title=fields.pop("title", slug), slug=slug, start=start, end=end, **fields)
    calendar.add_child(instance=event)
    event.save_revision().publish()
    return event


def test_done_when(client, demo):
    past = client.get("/kalender/", {"periode": "voorbij"})
    card = next(c for c in soup(past).select(".event-card") if "Kick-off labo zij-instromers" in c.get_text())
    assert "16 april 2024, 17.00–19.00" in card.get_text()
    month = soup(client.get("/kalender/", {"weergave": "maand", "maand": "2024-04"}))
    day16 = next(
        td
        for td in month.select(".month-grid__day")
        if td.select_one(".month-grid__date [aria-hidden]").get_text() == "16"
        and "outside" not in " ".join(td["class"])
    )
    assert "Kick-off labo zij-instromers" in day16.get_text()
    # In a calendar program: its own file (the feed holds only the last year, ICS_WINDOW).
    own = client.get(card.select_one("a")["href"].split("?")[0] + "agenda.ics")
    assert own["Content-Type"] == "text/calendar; charset=utf-8"
    parsed = vobject.readOne(own.content.decode())
    assert "Kick-off labo zij-instromers" in [e.summary.value for e in parsed.vevent_list]


def test_upcoming_is_default_and_past_is_newest_first(client, demo):
    upcoming = event_titles(client.get("/kalender/"))
    # The demo's monthly series (test_kalender_recurring.py) has dates before and after today.
    single = [title for title in upcoming if title != SERIES]
    assert single[0] == "Netwerkmoment community (voorbeeld)"
    assert "Kick-off labo zij-instromers" not in upcoming
    past = event_titles(client.get("/kalender/?periode=voorbij"))
    assert [title for title in past if title != SERIES] == [
        "Kick-off labo zij-instromers",
        "SOM start 2023",
        "SOM start door — ondertekening van het SOM-charter",
    ]


def test_list_is_grouped_by_month(client, demo):
    months = texts(client.get("/kalender/?periode=voorbij"), ".month-group__title")
    assert months[-3:] == ["April 2024", "September 2023", "September 2021"]  # after the series' past dates


def test_an_event_counts_as_upcoming_until_it_has_ended(client, home, monkeypatch):
    from kalender import demo as kalender_demo

    kalender_demo.load(home)
    calendar = KalenderPage.objects.get()
    now = timezone.now()
    add_event(calendar, "bezig", now - datetime.timedelta(hours=1), now + datetime.timedelta(hours=1), title="Bezig")
    add_event(
        calendar,
        "net-voorbij",
        now - datetime.timedelta(hours=2),
        now - datetime.timedelta(minutes=1),
        title="Net voorbij",
    )
    assert "Bezig" in event_titles(client.get("/kalender/"))
    assert "Net voorbij" not in event_titles(client.get("/kalender/"))
    assert "Net voorbij" in event_titles(client.get("/kalender/?periode=voorbij"))


def test_a_long_event_that_began_months_ago_is_upcoming_until_it_ends(client, home):
    """The upcoming dates are read from now minus the longest date there is: an event that is
    made longer afterwards must still be found."""
    from kalender import demo as kalender_demo

    kalender_demo.load(home)
    calendar = KalenderPage.objects.get()
    now = timezone.now()
    event = add_event(
        calendar, "expo", now - datetime.timedelta(days=2), now - datetime.timedelta(days=1), title="Expo"
    )
    assert "Expo" not in event_titles(client.get("/kalender/"))  # and the longest date is one day
    event.start, event.end = now - datetime.timedelta(days=90), now + datetime.timedelta(days=2)
    event.save_revision().publish()
    assert "Expo" in event_titles(client.get("/kalender/"))
    assert "Expo" in texts(client.get("/"), ".event-list .card__title")
    assert "Expo" not in event_titles(client.get("/kalender/?periode=voorbij"))


def test_the_counts_follow_events_that_end(home):
    """The counts of upcoming dates are kept per slot of the page cache's lifetime: an event
    that ends leaves them in the next slot at the latest."""
    from kalender import demo as kalender_demo
    from kalender.filters import event_listing
    from som.page_cache import TIMEOUT

    kalender_demo.load(home)
    calendar = KalenderPage.objects.get()
    soort = EventSoort.objects.get(slug="workshop")
    now = timezone.now()
    add_event(
        calendar, "bijna-voorbij", now - datetime.timedelta(hours=1), now + datetime.timedelta(minutes=1), soort=soort
    )

    def workshops(moment):
        """(workshops the filter offers, upcoming dates in all) at `moment`."""
        listing = event_listing(QueryDict(), moment, period="komend")
        offered = dict(listing.facet_options)[next(f for f, _ in listing.facet_options if f.param == "soort")]
        return {o.slug: o.count for o in offered}.get("workshop", 0), listing.page.paginator.count

    before, total = workshops(now)
    later = now + datetime.timedelta(seconds=TIMEOUT + 60)
    assert workshops(later) == (before - 1, total - 1)


def test_month_grid_multi_day_midnight_and_summer_time(client, home):
    calendar = KalenderPage.objects.get() if KalenderPage.objects.exists() else None
    if calendar is None:
        from kalender import demo as kalender_demo

        kalender_demo.load(home)
        calendar = KalenderPage.objects.get()
    # Across the change to summer time (31 March 2024) and ending at midnight.
    add_event(calendar, "driedaagse", at(2024, 3, 30, 9), at(2024, 4, 1, 17), title="Driedaagse")
    add_event(calendar, "avond", at(2024, 3, 12, 20), at(2024, 3, 13, 0, 0), title="Avond tot middernacht")
    add_event(calendar, "herfst", at(2024, 10, 27, 1, 30), at(2024, 10, 27, 4), title="Wintertijd")
    page = soup(client.get("/kalender/?weergave=maand&maand=2024-03"))

    def days_with(title):
        return [
            td.select_one(".month-grid__date [aria-hidden]").get_text()
            for td in page.select(".month-grid__day")
            if title in td.get_text() and "outside" not in " ".join(td["class"])
        ]

    assert days_with("Driedaagse") == ["30", "31"]
    assert days_with("Avond tot middernacht") == ["12"]
    april = soup(client.get("/kalender/?weergave=maand&maand=2024-04"))
    first = [
        td
        for td in april.select(".month-grid__day")
        if "Driedaagse" in td.get_text() and "outside" not in " ".join(td["class"])
    ]
    assert [td.select_one(".month-grid__date [aria-hidden]").get_text() for td in first] == ["1"]
    october = client.get("/kalender/?weergave=maand&maand=2024-10")
    assert "Wintertijd" in october.content.decode()
    # Its own file (the feed holds only the last year: kalender.models.ICS_WINDOW).
    feed = icalendar.Calendar.from_ical(client.get("/kalender/herfst/agenda.ics").content)
    herfst = next(e for e in feed.walk("VEVENT") if e["SUMMARY"] == "Wintertijd")
    assert herfst.decoded("DTSTART") == at(2024, 10, 27, 1, 30)
    utc = datetime.UTC
    # 01.30 summer time to 04.00 winter time is three and a half real hours.
    assert herfst.decoded("DTEND").astimezone(utc) - herfst.decoded("DTSTART").astimezone(utc) == datetime.timedelta(
        hours=3.5
    )


def test_a_busy_day_shows_three_and_leads_to_its_own_list(client, home):
    from kalender import demo as kalender_demo

    kalender_demo.load(home)
    calendar = KalenderPage.objects.get()
    workshop = EventSoort.objects.get(slug="workshop")
    for hour in range(9, 15):  # six on one day, five of them workshops
        soort = workshop if hour < 14 else None
        add_event(
            calendar,
            f"sessie-{hour}",
            at(2024, 3, 12, hour),
            at(2024, 3, 12, hour, 45),
            title=f"Sessie {hour}u",
            soort=soort,
        )
    add_event(calendar, "avond-ervoor", at(2024, 3, 11, 20), at(2024, 3, 12, 0, 0), title="Avond ervoor")
    add_event(calendar, "tweedaagse", at(2024, 3, 11, 10), at(2024, 3, 12, 18), title="Tweedaagse")

    def cell(response, day):
        return next(
            td
            for td in soup(response).select(".month-grid__day")
            if td.select_one(".month-grid__date [aria-hidden]").get_text() == day
            and "outside" not in " ".join(td["class"])
        )

    busy = cell(client.get("/kalender/?weergave=maand&maand=2024-03"), "12")
    # The two-day event began first, so it comes first on its second day too.
    assert [a.get_text() for a in busy.select(".month-grid__events a")] == ["Tweedaagse", "Sessie 9u", "Sessie 10u"]
    more = busy.select_one(".month-grid__more")
    assert " ".join(more.get_text(" ").split()) == "+ 4 meer op dinsdag 12 maart 2024"
    assert more["href"] == "?weergave=dag&dag=2024-03-12"
    # The cells are kept per content version: a new date shows at once.
    add_event(calendar, "vroeg", at(2024, 3, 12, 7), at(2024, 3, 12, 8), title="Vroeg")
    again = cell(client.get("/kalender/?weergave=maand&maand=2024-03"), "12")
    assert [a.get_text() for a in again.select(".month-grid__events a")] == ["Tweedaagse", "Vroeg", "Sessie 9u"]
    assert "+ 5 meer" in again.get_text(" ")
    EventPage.objects.get(slug="vroeg").delete()

    day = client.get(f"/kalender/{more['href']}")
    assert texts(day, "#kalender-resultaten-title") == ["Dinsdag 12 maart 2024"]
    # The evening before ends at midnight: it belongs to the 11th, as in the grid.
    assert event_titles(day) == ["Tweedaagse", *(f"Sessie {hour}u" for hour in range(9, 15))]
    assert texts(day, ".results-summary") == ["7 activiteiten"]
    nav = {a.get_text(strip=True): a["href"] for a in soup(day).select(".month-nav a")}
    assert nav == {
        "← Vorige dag": "?weergave=dag&dag=2024-03-11",
        "Hele maand": "?weergave=maand&maand=2024-03",
        "Volgende dag →": "?weergave=dag&dag=2024-03-13",
    }
    assert event_titles(client.get("/kalender/?weergave=dag&dag=2024-03-11")) == ["Tweedaagse", "Avond ervoor"]

    # Under a filter: the cell counts what the filter leaves, and its link keeps the filter.
    filtered = cell(client.get("/kalender/?weergave=maand&maand=2024-03&soort=workshop"), "12")
    assert filtered.select_one(".month-grid__more")["href"] == "?weergave=dag&soort=workshop&dag=2024-03-12"
    assert "+ 2 meer" in filtered.get_text(" ")
    assert event_titles(client.get("/kalender/?weergave=dag&dag=2024-03-12&soort=workshop")) == [
        f"Sessie {hour}u" for hour in range(9, 14)
    ]
    # A day that is no day is today, and said so.
    odd = soup(client.get("/kalender/?weergave=dag&dag=2024-02-30"))
    title = odd.select_one("#kalender-resultaten-title").get_text()
    assert title.lower() == dates.long_date(timezone.localdate(), weekday=True)
    assert "2024-02-30" in odd.get_text()


def test_today_is_marked_in_the_month_grid(client, demo):
    page = soup(client.get("/kalender/?weergave=maand"))
    today = page.select_one('[aria-current="date"]')
    assert today.select_one("[aria-hidden]").get_text() == str(timezone.localdate().day)


@pytest.mark.parametrize("maand", ["2024-13", "abc", "99999-01", "2024-00", "", "2024-4"])
def test_bad_month_falls_back_to_this_month(client, demo, maand):
    response = client.get("/kalender/", {"weergave": "maand", "maand": maand})
    assert response.status_code == 200
    assert soup(response).select_one(".month-grid")


def test_month_navigation_keeps_the_filters(client, demo):
    page = soup(client.get("/kalender/?weergave=maand&maand=2024-01&werking=laboratorium"))
    prev = page.select_one('.month-nav a[rel="prev"]')["href"]
    assert "maand=2023-12" in prev and "werking=laboratorium" in prev


def test_filters_with_counts(client, demo):
    response = client.get("/kalender/", {"werking": "laboratorium"})
    assert event_titles(response) == ["Labo-sessie onderwijs x cultuur (voorbeeld)"]
    assert event_titles(client.get("/kalender/", {"soort": "infosessie"})) == ["Infosessie Studio (voorbeeld)"]
    page = soup(client.get("/kalender/"))
    labels = [label.get_text(" ", strip=True) for label in page.select("#kalender-filters label")]
    assert "Workshop (1)" in labels


def test_month_view_counts_the_events_of_its_month(client, demo):
    calendar = KalenderPage.objects.get()
    werkingen = {w.kind: w for w in WerkingPage.objects.all()}
    add_event(calendar, "jan-labo", at(2031, 1, 14, 9), at(2031, 1, 14, 12), werking=werkingen["laboratorium"])
    add_event(calendar, "jan-studio", at(2031, 1, 31, 20), at(2031, 2, 1, 1), werking=werkingen["studio"])
    add_event(calendar, "maart-studio", at(2031, 3, 5, 9), at(2031, 3, 5, 12), werking=werkingen["studio"])

    def werking_labels(query):
        page = soup(client.get("/kalender/?weergave=maand&" + query))
        return [
            label.get_text(" ", strip=True)
            for label in page.select("#kalender-filters fieldset label")
            if "werking" in label.get("for", "")
        ]

    # January's grid holds one Laboratorium and one Studio event (the March one is not counted).
    assert werking_labels("maand=2031-01") == ["Laboratorium (1)", "Studio (1)"]
    # The evening across midnight also shows in February's grid, which starts on 27 January.
    assert werking_labels("maand=2031-02") == ["Studio (1)"]
    # A filter that matches nothing this month stays visible, so it can be taken off.
    assert werking_labels("maand=2031-03&werking=laboratorium") == ["Laboratorium (0)", "Studio (1)"]

    # An event that matches two chosen values of one filter is in its cell once.
    event = EventPage.objects.get(slug="maart-studio")
    event.niveaus.set(Onderwijsniveau.objects.all()[:2])
    event.save_revision().publish()
    two = "&".join(f"niveau={n.slug}" for n in Onderwijsniveau.objects.all()[:2])
    cells = soup(client.get(f"/kalender/?weergave=maand&maand=2031-03&{two}")).select(".month-grid__events a")
    assert [a.get_text(strip=True) for a in cells] == ["maart-studio"]
    assert cells[0]["href"] == "/kalender/maart-studio/"


def test_niveau_and_speerpunt_filters(client, demo):
    secundair = Onderwijsniveau.objects.get(slug="secundair-onderwijs")
    event = EventPage.objects.get(slug="infosessie-studio-voorbeeld")
    event.niveaus.set([secundair])
    event.save_revision().publish()
    assert event_titles(client.get("/kalender/", {"niveau": "secundair-onderwijs"})) == [
        "Infosessie Studio (voorbeeld)"
    ]
    assert event_titles(client.get("/kalender/", {"speerpunt": "diversiteit-als-kracht"})) == []


@pytest.mark.parametrize(
    "query",
    [
        "pagina=abc",
        "pagina=99999",
        "periode=morgen",
        "weergave=jaar",
        "werking=onbekend",
        "soort=",
        "q=" + "y" * 5000,
        "niveau=%00",
    ],
)
def test_bad_input_never_breaks_the_calendar(client, demo, query):
    response = client.get("/kalender/?" + query)
    assert response.status_code == 200
    assert client.get("/kalender/agenda.ics?" + query).status_code == 200


def test_event_page(client, demo):
    response = client.get("/kalender/kick-off-labo-zij-instromers/")
    page = soup(response)
    assert page.select_one(".event__when").get_text(strip=True) == "dinsdag 16 april 2024, 17.00–19.00 uur"
    facts = page.select_one(".event__facts").get_text(" ", strip=True)
    assert "Leuvense partners die een experiment willen opstarten in het SOM-labo" in facts
    assert "Deze activiteit is voorbij." in facts
    assert page.select_one('.event__facts a[href="/werking/laboratorium/"]')
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "Event"
    assert data["startDate"] == "2024-04-16T17:00:00+02:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"


def test_upcoming_event_offers_calendar_links(client, demo):
    page = soup(client.get("/kalender/netwerkmoment-community-voorbeeld/"))
    links = {a.get_text(strip=True): a["href"] for a in page.select(".add-to-calendar a")}
    assert links["Download (.ics)"] == "/kalender/netwerkmoment-community-voorbeeld/agenda.ics"
    assert links["Google Agenda"].startswith(
        "https://calendar.google.com/calendar/render?action=TEMPLATE&text=Netwerkmoment+community"
    )
    assert "ctz=Europe%2FBrussels" in links["Google Agenda"]
    assert links["Outlook"].startswith("https://outlook.live.com/calendar/0/deeplink/compose?")


def test_registration_states_of_an_event_with_an_external_registration(client, demo):
    event = EventPage.objects.get(slug="infosessie-studio-voorbeeld")
    assert not event.registration_on_site
    event.registration_url = "https://example.org/inschrijven"
    event.save_revision().publish()
    assert "Schrijf je in" in client.get(event.url).content.decode()
    event.status = EventStatus.FULL
    event.save_revision().publish()
    assert "Deze activiteit is volzet." in client.get(event.url).content.decode()
    event.status = EventStatus.CANCELLED
    event.save_revision().publish()
    html = client.get(event.url).content.decode()
    assert "Deze activiteit is geannuleerd." in html
    ics = icalendar.Calendar.from_ical(client.get(event.url + "agenda.ics").content)
    assert ics.walk("VEVENT")[0]["STATUS"] == "CANCELLED"
    data = json.loads(soup(client.get(event.url)).select_one('script[type="application/ld+json"]').string)
    assert data["eventStatus"] == "https://schema.org/EventCancelled"


def test_validation_refuses_end_before_start_and_late_deadline(demo):
    calendar = KalenderPage.objects.get()
    event = EventPage(title="Fout", slug="fout", start=at(2025, 5, 1, 10), end=at(2025, 5, 1, 9))
    with pytest.raises(ValidationError, match="Het einde ligt vóór het begin"):
        calendar.add_child(instance=event)
    event = EventPage(
        title="Fout",
        slug="fout2",
        start=at(2025, 5, 1, 10),
        end=at(2025, 5, 1, 12),
        registration_deadline=at(2025, 5, 2, 10),
    )
    with pytest.raises(ValidationError, match="inschrijvingsdeadline ligt na de activiteit"):
        event.full_clean()


def test_ics_feed_honours_filters_and_parses_with_two_libraries(client, demo):
    response = client.get("/kalender/agenda.ics?werking=laboratorium")
    body = response.content
    assert b"\r\n" in body and body.count(b"\r\n") == body.count(b"\n")  # CRLF line endings
    feed = icalendar.Calendar.from_ical(body)
    summaries = sorted(str(e["SUMMARY"]) for e in feed.walk("VEVENT"))
    # The Laboratorium's dates of the last year and to come (the kick-off of 2024 is older).
    assert summaries == ["Labo-sessie onderwijs x cultuur (voorbeeld)"]
    assert "Laboratorium" in str(feed["X-WR-CALNAME"])
    for event in feed.walk("VEVENT"):
        assert event["UID"].endswith("@samenonderwijsmaken.be") and "DTSTAMP" in event
    session = next(e for e in feed.walk("VEVENT") if e["SUMMARY"] == summaries[0])
    assert session["DTSTART"].params["TZID"] == "Europe/Brussels"
    assert feed.walk("VTIMEZONE")
    other = vobject.readOne(body.decode())
    assert sorted(e.summary.value for e in other.vevent_list) == summaries
    charter = vobject.readOne(
        client.get("/kalender/som-start-door-ondertekening-som-charter/agenda.ics").content.decode()
    )
    assert charter.vevent.dtstart.value == datetime.date(2021, 9, 29)
    assert charter.vevent.dtend.value == datetime.date(2021, 9, 30)  # exclusive end of an all-day event


def test_uids_are_stable_whatever_host_name_a_visitor_used(client, demo):
    first = icalendar.Calendar.from_ical(client.get("/kalender/agenda.ics").content)
    second = icalendar.Calendar.from_ical(client.get("/kalender/agenda.ics", HTTP_HOST="www.example.org").content)
    assert [e["UID"] for e in first.walk("VEVENT")] == [e["UID"] for e in second.walk("VEVENT")]


def test_hostile_titles_stay_valid_and_escaped(client, demo):
    calendar = KalenderPage.objects.get()
    add_event(
        calendar,
        "vijandig",
        at(2030, 1, 1, 10),
        at(2030, 1, 1, 12),
        title="<script>alert(1)</script>\r\nBEGIN:VEVENT 🎉; comma, backslash \\",
        intro="Regel\r\nEND:VCALENDAR",
    )
    html = client.get("/kalender/vijandig/").content.decode()
    assert "<script>alert(1)</script>" not in html
    body = client.get("/kalender/agenda.ics").content
    feed = icalendar.Calendar.from_ical(body)
    assert len(list(feed.walk("VCALENDAR"))) == 1
    hostile = next(e for e in feed.walk("VEVENT") if "alert" in str(e["SUMMARY"]))
    assert "\n" not in str(hostile["SUMMARY"])
    vobject.readOne(body.decode())


def test_drafts_and_private_events_never_leak(client, demo):
    EventPage.objects.get(slug="infosessie-studio-voorbeeld").unpublish()
    private = EventPage.objects.get(slug="tweedaagse-workshop-voorbeeld")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    for url in ["/kalender/", "/kalender/agenda.ics", "/", f"/kalender/?weergave=maand&maand={private.start:%Y-%m}"]:
        body = client.get(url).content.decode()
        assert "Infosessie Studio" not in body and "Tweedaagse workshop" not in body, url
    assert client.get("/kalender/tweedaagse-workshop-voorbeeld/agenda.ics").status_code == 404
    assert client.get("/kalender/infosessie-studio-voorbeeld/agenda.ics").status_code == 404


def test_subscribe_link_follows_the_filters(client, demo):
    page = soup(client.get("/kalender/?werking=laboratorium&niveau=secundair-onderwijs"))
    link = page.select_one(".subscribe a")["href"]
    assert link.startswith("webcal://testserver/kalender/agenda.ics?")
    assert "werking=laboratorium" in link and "niveau=secundair-onderwijs" in link


def test_home_shows_the_next_three_events(client, demo):
    # The demo's dates follow today (a monthly series among them), so their order changes with
    # the calendar: the expectation is read from every event's own dates, not written down.
    now = timezone.now()
    dates = sorted(
        (start, event.title)
        for event in EventPage.objects.live()
        for start, end in ((o.start, o.end) for o in event.occurrences.all())
        if end >= now
    )
    assert len(dates) >= 3
    assert texts(client.get("/"), ".event-list .card__title") == [title for _, title in dates[:3]]


@pytest.mark.parametrize(
    "url",
    [
        "/kalender/",
        "/kalender/?periode=voorbij",
        "/kalender/?weergave=maand&maand=2030-01",
        "/kalender/agenda.ics",
        "/",
    ],
)
def test_query_count_does_not_grow_with_the_number_of_events(client, home, url):
    from kalender import demo as kalender_demo
    from werkingen import demo as werkingen_demo

    werkingen_demo.load(home)
    kalender_demo.load(home)
    calendar = KalenderPage.objects.get()
    lab = WerkingPage.objects.get(kind="laboratorium")
    soort = EventSoort.objects.first()
    niveau = Onderwijsniveau.objects.first()

    def make(count, offset):
        for i in range(count):
            day = (
                at(2030, 1, 1 + (i % 28), 10) if "2030" in url else timezone.now() + datetime.timedelta(days=i + offset)
            )
            past = "voorbij" in url
            start = day - datetime.timedelta(days=4000) if past else day
            event = add_event(
                calendar, f"e{offset}-{i}", start, start + datetime.timedelta(hours=2), werking=lab, soort=soort
            )
            event.niveaus.set([niveau])

    def count():
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    make(5, 0)
    few = count()
    make(45, 100)
    assert count() == few


def test_copying_an_event_clears_its_dates(client, demo, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("beheer", "b@example.org", "x"))
    original = EventPage.objects.get(slug="netwerkmoment-community-voorbeeld")
    response = client.post(
        f"/admin/pages/{original.pk}/copy/",
        {
            "new_title": "Netwerkmoment community 2",
            "new_slug": "netwerkmoment-community-2",
            "new_parent_page": original.get_parent().pk,
            "publish_copies": "on",
        },
    )
    assert response.status_code == 302
    copy = EventPage.objects.get(slug="netwerkmoment-community-2")
    assert copy.start is None and copy.end is None and not copy.live
    original.refresh_from_db()
    assert original.start is not None and original.live
    edit = client.get(f"/admin/pages/{copy.pk}/edit/")
    assert edit.status_code == 200
    assert "Netwerkmoment community 2" not in client.get("/kalender/").content.decode()


def test_a_copy_without_dates_can_be_previewed(demo):
    event = EventPage.objects.get(slug="infosessie-studio-voorbeeld")
    event.start = event.end = None
    response = event.make_preview_request()
    assert response.status_code == 200
    assert "Datum nog niet bepaald" in response.content.decode()


def test_ics_feed_keeps_only_the_latest_events(client, demo, monkeypatch):
    monkeypatch.setattr("kalender.models.ICS_MAX_EVENTS", 2)
    feed = icalendar.Calendar.from_ical(client.get("/kalender/agenda.ics").content)
    # The two dates that end last: the demo's monthly series' last two.
    series = EventPage.objects.get(slug="maandelijks-netwerkmoment-voorbeeld")
    last_two = list(series.occurrences.order_by("-end"))[:2]
    assert [(str(e["SUMMARY"]), e.decoded("dtstart")) for e in feed.walk("VEVENT")] == [
        (series.title, occurrence.start) for occurrence in reversed(last_two)
    ]
