"""What the e-mail digest contributes to the site (som/plugins.py). It names no other app: the
apps declare what the digest carries (`digest_sources`)."""

from django.urls import path

from som.plugins import BulkContent, HomeSection, PageSection, Plugin

from . import bulk, retention, sections, views, viewsets


def urls():
    return [
        path("abonneren/", views.subscribe, name="abonneren"),
        path("abonneren/verstuurd/", views.sent, name="abonneren_sent"),
        path("abonneren/bevestigen/<slug:token>/", views.confirm, name="abonneren_confirm"),
        path("abonneren/<slug:token>/", views.manage, name="abonneren_manage"),
        path("abonneren/<slug:token>/uitschrijven/", views.unsubscribe, name="abonneren_unsubscribe"),
        path("abonneren/<slug:token>/gegevens/", views.download, name="abonneren_download"),
        path("abonneren/<slug:token>/wissen/", views.erase, name="abonneren_erase"),
    ]


SUBSCRIBE = "abonneren/sections/subscribe.html"

PLUGIN = Plugin(
    urls=urls,
    home_sections=[HomeSection(SUBSCRIBE, sections.home_section)],
    # Last on the page, after what the page is about. The overviews show these once they render
    # page sections.
    page_sections=[
        PageSection(("werkingen.werkingpage",), SUBSCRIBE, sections.werking_section, order=900),
        PageSection(("nieuws.nieuwsindexpage",), SUBSCRIBE, sections.NEWS_SECTION, order=900),
        PageSection(("kalender.kalenderpage",), SUBSCRIBE, sections.EVENTS_SECTION, order=900),
    ],
    personal_data_purges=[retention.purge],
    admin_viewsets=lambda: [viewsets.SubscriberViewSet()],
    # Addresses: the Eindredactie (and admins) see and remove subscribers; the Redactie does not.
    editor_permissions={"Eindredactie": [("abonneren.subscriber", ["view", "delete"])]},
    bulk_content=[BulkContent("subscribers", "Zoveel gegenereerde abonnees (bevestigd).", bulk.generate)],
    # Subscribers are personal data, not content: a change refreshes no public page.
    shows_on_site=False,
)
