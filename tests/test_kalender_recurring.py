"""Repeating events (issue 21): the dates a rule gives (across summer time), exceptions, the
listing, month grid, counts and sections reading the dates, a date's own page and
registrations, what never leaks, and constant query counts."""

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from kalender import recurrence
from kalender.models import EventDateException, EventOccurrence, EventPage, KalenderPage
from kalender.registrations import places
from kalender.registrations.models import Registration
from som import dates
from tests.helpers import soup, texts
from werkingen.models import WerkingPage

TZ = ZoneInfo("Europe/Brussels")


def at(*args):
    return datetime.datetime(*args, tzinfo=TZ)


def add_series(calendar, slug, start, end, publish=True, exceptions=(), **fields):
    fields.setdefault("repeat", recurrence.MONTHLY_WEEKDAY)
    event = EventPage(title=fields.pop("title", slug), slug=slug, start=start, end=end, **fields)
    event.date_exceptions = list(exceptions)
    calendar.add_child(instance=event)
    if publish:
        event.save_revision().publish()
    return event


def local_times(event):
    return [
        (timezone.localtime(o.start).date(), timezone.localtime(o.start).time(), timezone.localtime(o.end).time())
        for o in event.occurrences.order_by("start")
    ]


# -- the rule -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_second_tuesday_stays_at_seven_across_summer_time(home):
    calendar = home.add_child(instance=KalenderPage(title="Kalender", slug="kalender"))
    # 14 October 2025 is the 2nd Tuesday; the clocks go back on 26 October and forward on 29 March.
    event = add_series(calendar, "netwerk", at(2025, 10, 14, 19), at(2025, 10, 14, 21), repeat_count=8)
    times = local_times(event)
    assert [day for day, _s, _e in times] == [
        datetime.date(2025, 10, 14),
        datetime.date(2025, 11, 11),
        datetime.date(2025, 12, 9),
        datetime.date(2026, 1, 13),
        datetime.date(2026, 2, 10),
        datetime.date(2026, 3, 10),
        datetime.date(2026, 4, 14),
        datetime.date(2026, 5, 12),
    ]
    assert {(s, e) for _d, s, e in times} == {(datetime.time(19), datetime.time(21))}
    # In UTC the winter dates are an hour later: really local time, not a fixed offset.
    utc_hours = {o.start.astimezone(datetime.UTC).hour for o in event.occurrences.all()}
    assert utc_hours == {17, 18}


@pytest.mark.django_db
def test_weekly_every_two_weeks_until_a_date_and_monthly_on_a_day_number(home):
    calendar = home.add_child(instance=KalenderPage(title="Kalender", slug="kalender"))
    fortnightly = add_series(
        calendar,
        "om-de-twee-weken",
        at(2026, 3, 5, 16),
        at(2026, 3, 5, 17, 30),
        repeat=recurrence.WEEKLY,
        repeat_interval=2,
        repeat_until=datetime.date(2026, 4, 16),
    )
    assert [d.isoformat() for d, _s, _e in local_times(fortnightly)] == [
        "2026-03-05",
        "2026-03-19",
        "2026-04-02",
        "2026-04-16",
    ]
    monthly = add_series(
        calendar,
        "de-vijftiende",
        at(2026, 1, 15, 9),
        at(2026, 1, 15, 12),
        repeat=recurrence.MONTHLY_DAY,
        repeat_count=3,
    )
    assert [d.isoformat() for d, _s, _e in local_times(monthly)] == ["2026-01-15", "2026-02-15", "2026-03-15"]
    assert monthly.recurrence_text() == "Elke maand op de 15de"
    assert fortnightly.recurrence_text() == "Om de 2 weken op donderdag"


@pytest.mark.django_db
def test_a_skipped_and_a_moved_date(home):
    calendar = home.add_child(instance=KalenderPage(title="Kalender", slug="kalender"))
    event = add_series(
        calendar,
        "netwerk",
        at(2026, 1, 13, 19),
        at(2026, 1, 13, 21),
        repeat_count=4,
        exceptions=[
            EventDateException(date=datetime.date(2026, 2, 10), skip=True),
            EventDateException(
                date=datetime.date(2026, 3, 10),
                new_start=at(2026, 3, 11, 19, 30),
                new_end=at(2026, 3, 11, 21, 30),
                new_location="Bibliotheek Tweebronnen",
            ),
        ],
    )
    occurrences = list(event.occurrences.order_by("start"))
    assert [(o.key, timezone.localtime(o.start).strftime("%Y-%m-%d %H:%M")) for o in occurrences] == [
        ("2026-01-13", "2026-01-13 19:00"),
        ("2026-03-10", "2026-03-11 19:30"),
        ("2026-04-14", "2026-04-14 19:00"),
    ]
    assert occurrences[1].moved and occurrences[1].location == "Bibliotheek Tweebronnen"
    # Saving again keeps the rows (and so the registrations that point to their keys).
    ids = {o.pk for o in occurrences}
    event.title = "Netwerkmoment"
    event.save_revision().publish()
    assert {o.pk for o in event.occurrences.all()} == ids


@pytest.mark.django_db
def test_a_single_event_has_one_date_and_a_copy_without_dates_none(home):
    calendar = home.add_child(instance=KalenderPage(title="Kalender", slug="kalender"))
    event = add_series(calendar, "eenmalig", at(2026, 5, 5, 14), at(2026, 5, 5, 16), repeat="")
    assert list(event.occurrences.values_list("key", "start")) == [("", at(2026, 5, 5, 14))]
    event.start = event.end = None
    event.save(clean=False, update_fields=["start", "end"])
    assert not event.occurrences.exists()


# -- the edit form --------------------------------------------------------------------------


def edit_form(event, user, **changes):
    form_class = EventPage.get_edit_handler().get_form_class()
    data = {
        "title": event.title,
        "slug": event.slug,
        "start": timezone.localtime(event.start).strftime("%Y-%m-%d %H:%M"),
        "end": timezone.localtime(event.end).strftime("%Y-%m-%d %H:%M"),
        "organiser": "SOM",
        "status": "gepland",
        "repeat_interval": "1",
        "waitlist": "on",
        "body-count": "0",
    }
    exceptions = changes.pop("exceptions", [])
    data.update(changes)
    for prefix in ("date_exceptions", "registration_questions", "comments"):
        data[f"{prefix}-TOTAL_FORMS"] = str(len(exceptions)) if prefix == "date_exceptions" else "0"
        data[f"{prefix}-INITIAL_FORMS"] = "0"
        data[f"{prefix}-MIN_NUM_FORMS"] = "0"
        data[f"{prefix}-MAX_NUM_FORMS"] = "1000"
    for number, exception in enumerate(exceptions):
        for name, value in exception.items():
            data[f"date_exceptions-{number}-{name}"] = value
        data[f"date_exceptions-{number}-ORDER"] = str(number)
    return form_class(data, instance=event, for_user=user, parent_page=event.get_parent())


def errors_of(form):
    form.is_valid()
    found = [str(e) for errors in form.errors.values() for e in errors]
    for exception_form in form.formsets["date_exceptions"].forms:
        found += [str(e) for errors in exception_form.errors.values() for e in errors]
    return found


@pytest.mark.django_db
def test_the_form_asks_for_an_end_or_a_count_not_both_and_dates_from_the_series(home, admin_user):
    calendar = home.add_child(instance=KalenderPage(title="Kalender", slug="kalender"))
    event = add_series(calendar, "netwerk", at(2026, 1, 13, 19), at(2026, 1, 13, 21), repeat_count=4)
    both = edit_form(event, admin_user, repeat=recurrence.MONTHLY_WEEKDAY, repeat_until="2026-06-30", repeat_count="4")
    assert "Kies een einddatum of een aantal keer, niet allebei." in errors_of(both)
    neither = edit_form(event, admin_user, repeat=recurrence.MONTHLY_WEEKDAY)
    assert "Kies tot wanneer het herhaalt: een einddatum of een aantal keer." in errors_of(neither)
    wrong_day = edit_form(
        event,
        admin_user,
        repeat=recurrence.MONTHLY_WEEKDAY,
        repeat_count="4",
        exceptions=[{"date": "2026-02-11", "skip": "on"}],
    )
    assert any("valt geen keer van deze reeks" in error for error in errors_of(wrong_day))
    half_moved = edit_form(
        event,
        admin_user,
        repeat=recurrence.MONTHLY_WEEKDAY,
        repeat_count="4",
        exceptions=[{"date": "2026-02-10", "new_start": "2026-02-11 19:00"}],
    )
    assert "Vul een nieuw begin én een nieuw einde in." in errors_of(half_moved)
    good = edit_form(
        event,
        admin_user,
        repeat=recurrence.MONTHLY_WEEKDAY,
        repeat_count="4",
        exceptions=[{"date": "2026-02-10", "skip": "on"}],
    )
    assert errors_of(good) == []


# -- what visitors see ----------------------------------------------------------------------


@pytest.fixture
def series(demo):
    """A monthly series from last month on, 2nd Tuesday 19.00–21.00, in the Community werking;
    its 3rd date skipped and its 4th moved to the Wednesday after."""
    return EventPage.objects.get(slug="maandelijks-netwerkmoment-voorbeeld")


def test_the_list_shows_each_date_with_its_own_link(client, series):
    upcoming = [o for o in series.occurrences.order_by("start") if o.end >= timezone.now()]
    page = soup(client.get("/kalender/"))
    links = [a["href"] for a in page.select(".event-card .card__link") if "netwerkmoment-voorbeeld" in a["href"]]
    expected = [f"/kalender/{series.slug}/?datum={timezone.localtime(o.start).date().isoformat()}" for o in upcoming]
    assert links == expected[: len(links)] and len(links) >= 3
    # The moved date says so, at its own time and place.
    moved = series.occurrences.get(moved=True)
    card = next(c for c in page.select(".event-card") if moved.date.isoformat() in c.select_one("a")["href"])
    assert "19.30–21.30" in card.get_text() and "Verplaatst" in card.get_text()
    assert "Bibliotheek Tweebronnen" in card.get_text()


def test_skipped_date_is_nowhere_and_month_grid_shows_the_dates(client, series):
    skipped = series.date_exceptions.get(skip=True).date
    month = soup(client.get("/kalender/", {"weergave": "maand", "maand": skipped.strftime("%Y-%m")}))
    cells = {
        td.select_one(".month-grid__date [aria-hidden]").get_text(): td.get_text()
        for td in month.select(".month-grid__day")
        if "outside" not in " ".join(td["class"])
    }
    assert "Maandelijks netwerkmoment" not in cells[str(skipped.day)]
    next_date = series.occurrences.order_by("start").last().date
    month = soup(client.get("/kalender/", {"weergave": "maand", "maand": next_date.strftime("%Y-%m")}))
    link = next(a for a in month.select(".month-grid__events a") if "Maandelijks netwerkmoment" in a.get_text())
    assert link["href"] == f"/kalender/{series.slug}/?datum={next_date.isoformat()}"


def test_the_filters_count_dates(client, series):
    response = client.get("/kalender/", {"werking": "community"})
    community_dates = (
        EventOccurrence.objects.filter(event__werking__kind="community", end__gte=timezone.now()).visible().count()
    )
    option = next(
        o
        for facet, options in response.context["facet_options"]
        if facet.param == "werking"
        for o in options
        if o.slug == "community"
    )
    assert option.count == community_dates >= 5


def test_a_date_has_its_own_page_and_a_wrong_date_is_a_404(client, series):
    moved = series.occurrences.get(moved=True)
    page = client.get(series.url, {"datum": moved.date.isoformat()})
    assert page.status_code == 200
    text = soup(page).select_one(".event__when").get_text()
    assert "19.30–21.30" in text
    assert "Bibliotheek Tweebronnen" in soup(page).select_one(".event__facts").get_text()
    skipped = series.date_exceptions.get(skip=True).date
    for bad in (skipped.isoformat(), "2026-02-30", "morgen", "2026-13-01", "٢٠٢٦-٠١-١٣"):
        assert client.get(series.url, {"datum": bad}).status_code == 404, bad
    # The series page lists its next dates and says which do not take place.
    assert texts(client.get(series.url), ".event__series") == ["Elke maand op de 2de dinsdag"]
    page = soup(client.get(series.url))
    dates = page.select(".event__dates li a")
    assert 3 <= len(dates) <= 8 and dates[0]["href"].startswith("?datum=")
    if skipped >= timezone.localdate():
        assert "Gaat niet door op" in page.select_one(".event__dates").get_text()


def test_the_event_page_names_the_venue_and_links_to_it(client, series):
    last = series.occurrences.order_by("start").last()  # not the moved one
    page = soup(client.get(series.url, {"datum": last.date.isoformat()}))
    where = page.select_one(".event__facts dd a[href*='/organisaties/']")
    assert where is not None and where.get_text() == "STUK"
    assert "Naamsestraat 96, 3000 Leuven" in page.select_one(".event__facts").get_text()


# -- registrations per date -----------------------------------------------------------------


def test_places_are_counted_per_date(client, series):
    series.capacity = 1
    series.waitlist = True
    series.save_revision().publish()
    first, second = [o for o in series.occurrences.order_by("start") if o.end >= timezone.now()][:2]
    one = places.register(series.pk, first_name="A", family_name="B", email="a@example.org", occurrence_key=first.key)
    two = places.register(series.pk, first_name="C", family_name="D", email="c@example.org", occurrence_key=second.key)
    again = places.register(series.pk, first_name="E", family_name="F", email="e@example.org", occurrence_key=first.key)
    assert (one.status, two.status, again.status) == ("bevestigd", "bevestigd", "wachtlijst")
    # The same address for another date is no double registration.
    places.register(series.pk, first_name="A", family_name="B", email="a@example.org", occurrence_key=second.key)
    with pytest.raises(places.RegistrationRefused):
        places.register(series.pk, first_name="A", family_name="B", email="a@example.org", occurrence_key=first.key)
    # Cancelling a place of the first date moves up the first date's waiting list only.
    places.cancel(one.pk)
    again.refresh_from_db()
    assert again.status == "bevestigd"
    # The form: a date of the series, or back to the event page to choose one.
    form = client.get(f"{series.url}inschrijven/", {"datum": first.date.isoformat()})
    assert form.status_code == 200
    assert client.get(f"{series.url}inschrijven/").status_code == 302
    assert client.get(f"{series.url}inschrijven/", {"datum": "2020-01-01"}).status_code == 404
    posted = client.post(
        f"{series.url}inschrijven/?datum={second.date.isoformat()}",
        {"first_name": "G", "family_name": "H", "email": "g@example.org", "consent": "on"},
    )
    assert posted.status_code == 302
    assert Registration.objects.get(email="g@example.org").occurrence_key == second.key


@pytest.mark.django_db
def test_a_series_deadline_closes_each_date_as_long_before_it(client, home):
    calendar = home.add_child(instance=KalenderPage(title="Kalender", slug="kalender"))
    first = timezone.localtime().replace(hour=19, minute=0, second=0, microsecond=0) - datetime.timedelta(days=6)
    # The deadline of the first date: two days before it, at 19.00.
    event = add_series(
        calendar,
        "wekelijks-atelier",
        first,
        first + datetime.timedelta(hours=2),
        repeat=recurrence.WEEKLY,
        repeat_count=3,
        registration_on_site=True,
        registration_deadline=first - datetime.timedelta(days=2),
    )
    _over, closed, open_date = event.occurrences.order_by("start")
    # Tomorrow's date closed yesterday at 19.00; next week's closes in six days, at 19.00.
    page = soup(client.get(event.url, {"datum": closed.date.isoformat()})).get_text(" ", strip=True)
    assert "De inschrijvingen zijn gesloten." in page
    page = soup(client.get(event.url, {"datum": open_date.date.isoformat()})).get_text(" ", strip=True)
    closes = recurrence.aware(timezone.localtime(open_date.start).replace(tzinfo=None) - datetime.timedelta(days=2))
    assert "Inschrijven kan nog." in page
    assert f"Inschrijven kan tot {dates.date_range(closes, closes)}." in page
    with pytest.raises(places.RegistrationRefused):
        places.register(event.pk, first_name="A", family_name="B", email="a@example.org", occurrence_key=closed.key)
    registration = places.register(
        event.pk, first_name="A", family_name="B", email="a@example.org", occurrence_key=open_date.key
    )
    assert registration.status == "bevestigd"


def test_a_date_of_a_series_goes_into_a_calendar_on_its_own_or_with_all_dates(client, series):
    chosen = [o for o in series.occurrences.order_by("start") if o.end >= timezone.now()][1]
    page = soup(client.get(series.url, {"datum": chosen.date.isoformat()}))
    links = {a.get_text(strip=True): a["href"] for a in page.select(".add-to-calendar a")}
    one = client.get(links["Deze datum (.ics)"])
    assert one["Content-Disposition"] == f'attachment; filename="{series.slug}-{chosen.date.isoformat()}.ics"'
    (vevent,) = icalendar.Calendar.from_ical(one.content).walk("VEVENT")
    assert vevent["DTSTART"].dt == chosen.start
    every = icalendar.Calendar.from_ical(client.get(links["Alle datums (.ics)"]).content).walk("VEVENT")
    assert len(every) == series.occurrences.count() > 1
    for wrong in ["2020-01-01", "morgen", "", f" {chosen.date.isoformat()}", f"{chosen.date.isoformat()}  "]:
        assert client.get(f"{series.url}agenda.ics", {"datum": wrong}).status_code == 404


def test_the_staff_see_and_export_which_date_each_registration_is_for(client, series, make_editor):
    import csv
    import io

    from som import roles

    first, second = [o for o in series.occurrences.order_by("start") if o.end >= timezone.now()][:2]
    places.register(series.pk, first_name="A", family_name="B", email="a@example.org", occurrence_key=first.key)
    places.register(series.pk, first_name="C", family_name="D", email="c@example.org", occurrence_key=second.key)
    client.force_login(make_editor(roles.EINDREDACTIE))
    listing = soup(client.get("/admin/inschrijvingen/", {"activiteit": series.pk}))
    headings = [th.get_text(strip=True) for th in listing.select("thead th")]
    assert "Datum" in headings
    column = headings.index("Datum")
    rows = {
        row.select_one("td a").get_text(strip=True): row.select("td")[column].get_text(strip=True)
        for row in listing.select("tbody tr")
    }
    assert rows["A B"] == dates.long_date(first.date) and rows["C D"] == dates.long_date(second.date)
    exported = client.get("/admin/inschrijvingen/", {"activiteit": series.pk, "export": "csv"})
    table = list(csv.DictReader(io.StringIO(b"".join(exported.streaming_content).decode("utf-8"))))
    assert {(row["Voornaam"], row["Datum"]) for row in table} == {("A", str(first.date)), ("C", str(second.date))}


# -- never leaks ----------------------------------------------------------------------------


@pytest.fixture
def hidden_series(demo):
    calendar = KalenderPage.objects.get()
    start = timezone.localtime() + datetime.timedelta(days=3)
    werking = WerkingPage.objects.get(kind="community")
    draft = add_series(
        calendar,
        "geheim-concept",
        start,
        start + datetime.timedelta(hours=1),
        repeat_count=12,
        publish=False,
        title="Geheime reeks concept",
        werking=werking,
    )
    draft.live = False
    draft.save()
    private = add_series(
        calendar,
        "geheim-prive",
        start,
        start + datetime.timedelta(hours=1),
        repeat_count=12,
        title="Geheime reeks privé",
        werking=werking,
    )
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    expired = add_series(
        calendar,
        "geheim-verlopen",
        start,
        start + datetime.timedelta(hours=1),
        repeat_count=12,
        title="Geheime reeks verlopen",
        werking=werking,
    )
    EventPage.objects.filter(pk=expired.pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=1))
    unpublished = add_series(
        calendar,
        "geheim-ingetrokken",
        start,
        start + datetime.timedelta(hours=1),
        repeat_count=12,
        title="Geheime reeks ingetrokken",
        werking=werking,
    )
    unpublished.unpublish()
    return start


def test_dates_of_hidden_events_never_show(client, hidden_series):
    month = hidden_series.strftime("%Y-%m")
    urls = [
        "/kalender/",
        "/kalender/?werking=community",
        f"/kalender/?weergave=maand&maand={month}",
        "/kalender/agenda.ics",
        "/kalender/agenda.ics?werking=community",
        "/",
        WerkingPage.objects.get(kind="community").url,
    ]
    for url in urls:
        body = client.get(url).content.decode()
        assert "Geheime reeks" not in body, url
    assert "Geheime reeks" not in client.get(f"/kalender/?weergave=maand&maand={month}&q=Geheime").content.decode()


# -- sections -------------------------------------------------------------------------------


def test_the_werking_page_shows_its_next_activities_and_subscribe_links(client, series):
    page = soup(client.get(series.werking.url))
    section = page.select_one(".werking-events")
    assert section is not None
    assert "Maandelijks netwerkmoment (voorbeeld)" in section.get_text()
    assert 3 <= len(section.select(".event-card")) <= 5
    assert section.select_one(".section__more")["href"] == "/kalender/?werking=community"
    ics = section.select_one(".werking-events__feed a")["href"]
    assert ics.endswith("/kalender/agenda.ics?werking=community")
    # That feed holds only the werking's activities.
    feed = client.get("/kalender/agenda.ics", {"werking": "community"}).content.decode()
    assert "Maandelijks netwerkmoment" in feed and "Infosessie Studio" not in feed


def test_a_werking_without_upcoming_activities_leaves_the_section_out(client, demo):
    raad = WerkingPage.objects.get(kind="som-raad")
    EventPage.objects.filter(werking=raad).update(werking=None)
    assert soup(client.get(raad.url)).select_one(".werking-events") is None


def test_the_organisation_page_lists_what_happens_there(client, series):
    page = soup(client.get(series.venue.url))
    section = page.select_one(".organisation-events")
    assert section is not None
    assert "Maandelijks netwerkmoment (voorbeeld)" in section.get_text()
    assert "SOM start door" in section.get_text()  # the charter event, past


# -- the month grid when a month is empty ---------------------------------------------------


def test_an_empty_month_says_so_and_points_to_the_next_busy_month(client, demo):
    response = client.get("/kalender/", {"weergave": "maand", "maand": "2022-02"})
    message = soup(response).select_one(".month-empty")
    assert message is not None and "Geen activiteiten in februari 2022" in message.get_text()
    link = message.select_one("a")
    assert link["href"] == "?weergave=maand&maand=2023-09" and "september 2023" in link.get_text()
    # With a filter, the next month under that filter (none: no link).
    filtered = soup(client.get("/kalender/", {"weergave": "maand", "maand": "2022-02", "werking": "som-raad"}))
    assert filtered.select_one(".month-empty a") is None
    busy = soup(client.get("/kalender/", {"weergave": "maand", "maand": "2024-04"}))
    assert busy.select_one(".month-empty") is None


# -- demo -----------------------------------------------------------------------------------


def test_demo_events_fall_on_weekdays_and_at_their_organisations(series):
    for occurrence in EventOccurrence.objects.all():
        assert timezone.localtime(occurrence.start).weekday() != 6, occurrence
    assert series.venue.slug == "stuk"
    assert series.date_exceptions.filter(skip=True).count() == 1
    assert series.occurrences.filter(moved=True).count() == 1
    assert EventPage.objects.get(slug="som-start-2023").venue.slug == "vti-leuven"


# -- queries --------------------------------------------------------------------------------


def test_query_counts_do_not_grow_with_events_or_dates(client, demo):
    calendar = KalenderPage.objects.get()
    lab = WerkingPage.objects.get(kind="laboratorium")
    stuk = EventPage.objects.get(slug="maandelijks-netwerkmoment-voorbeeld").venue
    series = EventPage.objects.get(slug="maandelijks-netwerkmoment-voorbeeld")
    urls = [
        "/",
        "/kalender/",
        "/kalender/?weergave=maand",
        "/kalender/?werking=laboratorium",
        "/kalender/agenda.ics",
        lab.url,
        stuk.url,
        series.url,
        f"{series.url}agenda.ics",
    ]

    def counts():
        result = {}
        for url in urls:
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200, url
            result[url] = len(queries)
        return result

    def add(number, offset):
        now = timezone.localtime()
        for i in range(number):
            start = now + datetime.timedelta(days=offset + i, hours=1)
            add_series(
                calendar,
                f"extra-{offset}-{i}",
                start,
                start + datetime.timedelta(hours=2),
                repeat="",
                werking=lab,
                venue=stuk,
            )
        start = now + datetime.timedelta(days=offset)
        add_series(
            calendar,
            f"wekelijks-{offset}",
            start,
            start + datetime.timedelta(hours=1),
            repeat=recurrence.WEEKLY,
            repeat_count=100,
            werking=lab,
            venue=stuk,
        )

    add(5, 1)
    few = counts()
    add(45, 60)
    many = counts()
    assert many == few
    assert max(many.values()) <= 25, many


def test_generated_events_have_their_dates(client, demo):
    from django.core.management import call_command

    call_command("generate_bulk_content", events=60, verbosity=0)
    generated = EventPage.objects.filter(slug__startswith="gen-")
    series = generated.exclude(repeat="")
    assert series.exists()
    assert EventOccurrence.objects.filter(event__in=generated, key="").count() == generated.filter(repeat="").count()
    assert all(event.occurrences.count() == 12 for event in series)
    body = client.get("/kalender/").content.decode() + client.get("/kalender/?periode=voorbij").content.decode()
    assert "(gegenereerd)" in body


def test_the_reminder_goes_to_the_date_that_starts_soon(home):
    from kalender.management.commands.send_event_reminders import send_reminders

    calendar = home.add_child(instance=KalenderPage(title="Kalender", slug="kalender"))
    start = timezone.localtime().replace(microsecond=0) + datetime.timedelta(hours=2)
    event = add_series(
        calendar,
        "wekelijks",
        start,
        start + datetime.timedelta(hours=1),
        repeat=recurrence.WEEKLY,
        repeat_count=3,
        registration_on_site=True,
    )
    first, second = event.occurrences.order_by("start")[:2]
    soon = places.register(event.pk, first_name="A", family_name="B", email="a@example.org", occurrence_key=first.key)
    later = places.register(event.pk, first_name="C", family_name="D", email="c@example.org", occurrence_key=second.key)
    assert send_reminders() == 1
    soon.refresh_from_db()
    later.refresh_from_db()
    assert soon.reminded_at is not None and later.reminded_at is None
