"""What the e-mail digest contributes to the site (som/plugins.py). It names no other app: the
apps declare what the digest carries (`digest_sources`)."""

from django.urls import path

from som.plugins import Plugin

from . import retention, views, viewsets


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


PLUGIN = Plugin(
    urls=urls,
    personal_data_purges=[retention.purge],
    admin_viewsets=lambda: [viewsets.SubscriberViewSet()],
    # Addresses: the Eindredactie (and admins) see and remove subscribers; the Redactie does not.
    editor_permissions={"Eindredactie": [("abonneren.subscriber", ["view", "delete"])]},
    # Subscribers are personal data, not content: a change refreshes no public page.
    shows_on_site=False,
)
