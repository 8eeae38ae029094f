"""What the calendar contributes to the site (som/plugins.py)."""

from django.urls import path, re_path

from som import dates
from som.plugins import BulkContent, DemoContent, DigestItem, DigestSource, HomeSection, PageSection, Plugin, SearchType

from . import bulk, demo, sections, views, viewsets
from .models import EventPage
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
    """Events first published in the window that have not ended by its close, with their
    date (the e-mail digest, abonneren)."""
    events = (
        EventPage.objects.live()
        .public()
        .filter(first_published_at__gte=since, first_published_at__lt=until)
        .upcoming(until)
        .defer_streamfields()
        .select_related("werking")
        .prefetch_related("niveaus")
    )
    items = []
    for event in events:
        when = dates.date_range(event.start, event.end, event.all_day)
        items.append(
            DigestItem(
                key=f"activiteit:{event.pk}",
                title=event.title,
                url=event.get_full_url(),
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
