"""What the calendar contributes to the site (som/plugins.py)."""

from django.urls import path, re_path

from som import dates
from som.plugins import BulkContent, DemoContent, DigestItem, DigestSource, HomeSection, PageSection, Plugin, SearchType

from . import bulk, demo, sections, views, viewsets
from .filters import EVENT_STREAMFIELDS
from .models import EventOccurrence, EventPage
from .registrations import places
from .registrations import views as registration_views
from .registrations import viewsets as registration_viewsets


def urls():
    return [
        # iCalendar feeds: Wagtail's page addresses cannot end in ".ics".
        re_path(r"^(?P<page_path>(?:[\w-]+/)+)agenda\.ics$", views.ics, name="kalender_ics"),
        # Registering for an event: its own address, so the event page stays in the page cache.
        re_path(r"^(?P<page_path>(?:[\w-]+/)+)inschrijven/$", registration_views.register, name="kalender_register"),
        # A person's own registration, by the secret in their confirmation e-mail.
        path("inschrijving/<slug:token>/", registration_views.personal_page, name="kalender_registration"),
        path("inschrijving/<slug:token>/annuleren/", registration_views.cancel, name="kalender_registration_cancel"),
        path("inschrijving/<slug:token>/gegevens/", registration_views.download, name="kalender_registration_download"),
        path("inschrijving/<slug:token>/wissen/", registration_views.erase, name="kalender_registration_erase"),
    ]


def digest_items(since, until):
    """Events first published in the window that have a date after its close, at their next
    date (the e-mail digest, abonneren): a series once, with when it next takes place."""
    occurrences = (
        EventOccurrence.objects.visible()
        .filter(event__first_published_at__gte=since, event__first_published_at__lt=until)
        .upcoming(until)
        .select_related("event", "event__werking", "event__venue")
        .defer(*EVENT_STREAMFIELDS, "event__werking__body")
        .prefetch_related("event__niveaus")
    )
    items, seen = [], set()
    for occurrence in occurrences:
        if occurrence.event_id in seen:
            continue
        seen.add(occurrence.event_id)
        event = occurrence.as_event()
        when = dates.date_range(event.start, event.end, event.all_day)
        if event.repeat:
            when = f"{event.recurrence_text()}, vanaf {when}"
        items.append(
            DigestItem(
                key=f"activiteit:{event.pk}",
                title=event.title,
                url=event.get_full_url() + event.link_query,
                date_line=f"{when} · {event.location_line}" if event.location_line else when,
                intro=event.intro,
                werking=event.werking.title if event.werking else "",
                werkingen=frozenset([event.werking_id]) if event.werking_id else frozenset(),
                niveaus=frozenset(n.pk for n in event.niveaus.all()),
            )
        )
    return items


PLUGIN = Plugin(
    home_sections=[HomeSection("kalender/sections/home_events.html", sections.upcoming_section, width="half")],
    page_sections=[
        PageSection(
            ("werkingen.projectpage",),
            "kalender/sections/project_events.html",
            sections.project_events_section,
            order=20,
        ),
        # A werking page as a hub: after its members (10), before its news (40), its own
        # listing and the closing sections (som.plugins.CLOSING).
        PageSection(
            ("werkingen.werkingpage",),
            "kalender/sections/werking_events.html",
            sections.werking_events_section,
            order=30,
        ),
        PageSection(
            ("organisaties.organisationpage",),
            "kalender/sections/organisation_events.html",
            sections.organisation_events_section,
            order=30,
        ),
    ],
    sitemaps={"activiteiten": EventPage},
    search_types=[SearchType("activiteit", "Activiteiten", "kalender.eventpage")],
    feeds=sections.feeds,
    urls=urls,
    admin_viewsets=lambda: [viewsets.EventListingViewSet(), registration_viewsets.RegistrationViewSet()],
    taxonomy_viewsets=lambda: [viewsets.EventSoortViewSet],
    dashboard_parts=lambda: [viewsets.UpcomingEvents()],
    # Names and e-mail addresses of registrations: the Eindredactie (and admins); the Redactie sees
    # the counts only (dashboard, events listing). No delete: the purge or the person erases them.
    editor_permissions={"Eindredactie": [("kalender.registration", ["add", "change", "view"])]},
    demo=DemoContent(load=demo.load),
    bulk_content=[BulkContent("events", "Zoveel gegenereerde activiteiten.", bulk.generate)],
    personal_data_purges=[places.purge_expired],
    digest_sources=[DigestSource("activiteiten", "Activiteiten", digest_items, order=20)],
)
