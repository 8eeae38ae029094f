"""The outbox in the admin ("Uitgaande e-mail", under Instellingen): what the site sent or is
still trying to send, so staff can see a failed message and send it again.

It holds e-mail addresses and texts with personal links, so only those who may see personal data
get it: the Eindredactie and admins (`som.view_outgoingmail`, som/roles.py). Nobody adds, edits
or deletes a message here: the outbox is a record of what the site did (the retention purge
deletes old messages, som.mail.purge_old_mail). Messages stay out of the reference index and the
audit log (addresses would outlive the purge there).
"""

import django_filters
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from . import dates
from .mail import OutgoingMail, try_again


def when(moment):
    """ "27 november 2026 om 14:05" (local time)."""
    return f"{dates.long_date(moment)} om {dates.clock(moment)}"


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Viewing only, for everyone (admins included): no add, change or delete."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return super().users_with_any_permission([])
        return super().users_with_any_permission(["view"])


register_permission_policy(OutgoingMail, ReadOnlyPolicy(OutgoingMail))


class OutboxFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label="Status", choices=OutgoingMail.Status.choices)
    purpose = django_filters.ChoiceFilter(label="Soort bericht", choices=[], method="filter_purpose")

    class Meta:
        model = OutgoingMail
        fields = ["status", "purpose"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The kinds of message the site has sent (apps name their own: "inschrijving-bevestigd" …).
        kinds = OutgoingMail.objects.order_by("purpose").values_list("purpose", flat=True).distinct()
        self.filters["purpose"].extra["choices"] = [(kind, kind) for kind in kinds]

    def filter_purpose(self, queryset, name, value):
        return queryset.filter(purpose=value)


class OutboxInspectView(InspectView):
    @cached_property
    def header_more_buttons(self):
        if self.object.status == OutgoingMail.Status.SENT:
            return []
        return [
            Button("Opnieuw versturen", url=reverse("uitgaande_email:retry", args=[self.object.pk]), icon_name="mail")
        ]

    def get_created_at_display_value(self):
        return when(self.object.created_at)

    def get_send_after_display_value(self):
        return when(self.object.send_after)

    def get_sent_at_display_value(self):
        return when(self.object.sent_at) if self.object.sent_at else "-"


class OutboxRetryView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Send a waiting or failed message again now (asked first): after an SMTP outage, or once a
    wrong address in the settings is fixed."""

    model = OutgoingMail
    permission_policy = ReadOnlyPolicy(OutgoingMail)
    permission_required = "view"
    template_name = "som/admin/outbox_retry.html"
    page_title = "Opnieuw versturen"
    header_icon = "mail"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(OutgoingMail, pk=kwargs["pk"])

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("uitgaande_email:index"), "label": "Uitgaande e-mails"},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["mail"] = self.object
        context["back_url"] = reverse("uitgaande_email:inspect", args=[self.object.pk])
        return context

    def post(self, request, *args, **kwargs):
        if try_again(self.object):
            messages.success(request, f"“{self.object.subject}” aan {self.object.to} wordt opnieuw verstuurd.")
        else:
            messages.warning(request, f"“{self.object.subject}” aan {self.object.to} was al verzonden.")
        return redirect(reverse("uitgaande_email:index"))


class OutboxViewSet(ModelViewSet):
    model = OutgoingMail
    name = "uitgaande_email"
    url_prefix = "uitgaande-email"
    icon = "mail"
    menu_label = "Uitgaande e-mail"
    add_to_settings_menu = True
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = OutboxInspectView
    inspect_view_fields = [
        "to",
        "subject",
        "purpose",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "send_after",
        "sent_at",
        "text",
    ]
    filterset_class = OutboxFilterSet
    # Wagtail builds the add and edit views regardless; the policy above lets nobody reach them.
    form_fields = ["to", "subject"]
    ordering = "-created_at"
    search_fields = ["to", "subject"]
    search_backend_name = None  # never in the search index: the database filters
    list_per_page = 50

    @property
    def list_display(self):
        return [
            TitleColumn("subject", label="Onderwerp", get_url=lambda mail: self.get_inspect_url(mail)),
            Column("to", label="Aan"),
            Column("purpose", label="Soort"),
            Column("get_status_display", label="Status"),
            Column("attempts", label="Pogingen"),
            Column("created_at", label="Aangemaakt", accessor=lambda mail: when(mail.created_at)),
        ]

    def get_inspect_url(self, mail):
        return reverse(self.get_url_name("inspect"), args=[mail.pk])

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/opnieuw/", OutboxRetryView.as_view(), name="retry"),
        ]
