"""Subscribers in the admin: how many chose what, the list with search, filters and a CSV/XLSX
export, removing a subscriber, and a preview of the next digest for any choice.

Only the Eindredactie and admins (a permission on abonneren.Subscriber, granted in
abonneren/plugin.py) see addresses. Nothing here adds or edits a subscriber: only the person
chooses, through double opt-in and their own link. Addresses stay out of the reference index and
the audit log (an entry would keep the address after the subscriber is gone).
"""

import datetime
from collections import Counter

import django_filters
from django.db.models import Count
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import DeleteView, IndexView, InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet

from som import dates
from som.mail import render_mail
from som.models import Onderwijsniveau
from werkingen.models import WerkingPage

from . import retention
from .digest import sections_for
from .forms import ChoicesForm
from .models import Kind, Rhythm, Subscriber

SEE = ["view", "delete"]
# What the preview covers: the period a digest of that rhythm covers.
PREVIEW_DAYS = {Rhythm.WEEKLY: 7, Rhythm.MONTHLY: 30}


def moment(value):
    return f"{dates.short_date(value)}, {dates.clock(value)}" if value else ""


def choice_counts():
    """How many confirmed subscribers chose what; "alle …" counts those who chose none (all)."""
    confirmed = Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED)
    by_status = dict(Subscriber.objects.values_list("status").annotate(n=Count("pk")))
    total = by_status.get(Subscriber.Status.CONFIRMED, 0)
    kinds = Counter(kind for chosen in confirmed.values_list("kinds", flat=True) for kind in chosen)
    werkingen = Subscriber.werkingen.through.objects.filter(subscriber__status=Subscriber.Status.CONFIRMED)
    niveaus = Subscriber.niveaus.through.objects.filter(subscriber__status=Subscriber.Status.CONFIRMED)
    per_werking = dict(werkingen.values_list("werkingpage__title").annotate(n=Count("subscriber", distinct=True)))
    per_niveau = dict(niveaus.values_list("onderwijsniveau__name").annotate(n=Count("subscriber", distinct=True)))
    rhythms = dict(confirmed.values_list("rhythm").annotate(n=Count("pk")))
    return {
        "status": [(label, by_status.get(value, 0)) for value, label in Subscriber.Status.choices],
        "rhythm": [(label, rhythms.get(value, 0)) for value, label in Rhythm.choices],
        "kinds": [(label, kinds.get(value, 0)) for value, label in Kind.choices],
        "werkingen": [
            *((w.title, per_werking.get(w.title, 0)) for w in WerkingPage.objects.order_by("path").only("title")),
            ("Alle werkingen (geen keuze)", confirmed.filter(werkingen__isnull=True).count()),
        ],
        "niveaus": [
            *((n.name, per_niveau.get(n.name, 0)) for n in Onderwijsniveau.objects.all()),
            ("Alle niveaus (geen keuze)", confirmed.filter(niveaus__isnull=True).count()),
        ],
        "total": total,
    }


class SubscriberFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label="Status", choices=Subscriber.Status.choices, empty_label="Alle")
    ritme = django_filters.ChoiceFilter(label="Ritme", field_name="rhythm", choices=Rhythm.choices, empty_label="Alle")
    werking = django_filters.ModelChoiceFilter(
        label="Werking",
        field_name="werkingen",
        queryset=lambda request: WerkingPage.objects.order_by("path").only("title"),
        empty_label="Alle",
    )
    niveau = django_filters.ModelChoiceFilter(
        label="Onderwijsniveau", field_name="niveaus", queryset=Onderwijsniveau.objects.all(), empty_label="Alle"
    )

    class Meta:
        model = Subscriber
        fields = []


def local_naive(value):
    return timezone.make_naive(value) if timezone.is_aware(value) else value


def local_text(value):
    return timezone.localtime(value).strftime("%d-%m-%Y %H:%M")


class SubscriberIndexView(IndexView):
    any_permission_required = SEE
    page_title = "Abonnees"
    results_template_name = "abonneren/admin/index_results.html"
    custom_value_preprocess = {
        datetime.datetime: {IndexView.FORMAT_CSV: local_text, IndexView.FORMAT_XLSX: local_naive},
    }

    def get_base_queryset(self):
        # The choice columns read their terms with the rows, not a query per row.
        return Subscriber.objects.prefetch_related("werkingen", "niveaus")

    def search_queryset(self, queryset):
        return queryset.filter(email__icontains=self.search_query) if self.search_query else queryset

    @cached_property
    def columns(self):
        title_column = self._get_title_column_class(TitleColumn)
        return [
            title_column("email", label="E-mailadres", get_url=self.get_inspect_url, sort_key="email"),
            Column("status", label="Status", accessor="get_status_display", sort_key="status"),
            Column("rhythm", label="Ritme", accessor="get_rhythm_display", sort_key="rhythm"),
            Column("kinds", label="Soorten", accessor="kind_labels_text"),
            Column("werkingen", label="Werkingen", accessor="werkingen_text"),
            Column("niveaus", label="Onderwijsniveaus", accessor="niveaus_text"),
            Column(
                "created_at", label="Ingeschreven op", accessor=lambda s: moment(s.created_at), sort_key="created_at"
            ),
        ]

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["counts"] = choice_counts()
        return context


class SubscriberInspectView(InspectView):
    def get_werkingen_display_value(self):
        return self.object.werkingen_text()

    def get_niveaus_display_value(self):
        return self.object.niveaus_text()

    def get_kinds_display_value(self):
        return self.object.kind_labels_text()


class SubscriberDeleteView(DeleteView):
    def delete_action(self):
        # Without Wagtail's audit log, whose entry would keep the address; the outbox goes too.
        retention.forget(self.object)


class DigestPreviewView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """The digest a subscriber with these choices would get now, over the last week or month."""

    model = Subscriber  # the permission policy the check reads; without it, no check at all
    any_permission_required = SEE
    template_name = "abonneren/admin/preview.html"
    page_title = "Voorbeeld van de nieuwsbrief"
    header_icon = "view"
    _show_breadcrumbs = True

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("abonnees:index"), "label": "Abonnees"},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = ChoicesForm(self.request.GET or None, initial={"kinds": list(Kind.values), "rhythm": Rhythm.WEEKLY})
        choices = {"werkingen": [], "niveaus": [], "kinds": list(Kind.values), "rhythm": Rhythm.WEEKLY}
        if form.is_bound and form.is_valid():
            choices = form.cleaned_data
        until = timezone.now()
        since = until - datetime.timedelta(days=PREVIEW_DAYS[choices["rhythm"]])
        sections = sections_for(
            choices["kinds"],
            frozenset(w.pk for w in choices["werkingen"]),
            frozenset(n.pk for n in choices["niveaus"]),
            since,
            until,
        )
        example = Subscriber(email="voorbeeld@example.org", token="voorbeeld")
        text, _ = render_mail(
            "abonneren/nieuwsbrief",
            {
                "subject": "",
                "subscriber": example,
                "sections": sections,
                "period_label": f"sinds {dates.long_date(since)}",
                "manage_url": "(persoonlijke link)",
                "unsubscribe_url": "(persoonlijke link om uit te schrijven)",
            },
        )
        context.update(form=form, sections=sections, text=text, since=since, until=until)
        return context


class SubscriberViewSet(ModelViewSet):
    model = Subscriber
    name = "abonnees"
    icon = "mail"
    menu_label = "Abonnees"
    menu_order = 126
    add_to_admin_menu = True
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "email",
        "status",
        "rhythm",
        "kinds",
        "werkingen",
        "niveaus",
        "created_at",
        "consent_at",
        "confirmed_at",
        "unsubscribed_at",
        "last_digest_at",
    ]
    index_view_class = SubscriberIndexView
    inspect_view_class = SubscriberInspectView
    delete_view_class = SubscriberDeleteView
    filterset_class = SubscriberFilterSet
    ordering = "-created_at"
    search_fields = ["email"]
    search_backend_name = None
    list_per_page = 50
    # Never added or edited here; a form is still declared for Wagtail's views that are dropped.
    form_fields = ["rhythm"]
    list_export = [
        "email",
        "get_status_display",
        "get_rhythm_display",
        "kind_labels_text",
        "werkingen_text",
        "niveaus_text",
        "created_at",
        "confirmed_at",
        "unsubscribed_at",
        "last_digest_at",
    ]
    export_headings = {
        "email": "E-mailadres",
        "get_status_display": "Status",
        "get_rhythm_display": "Ritme",
        "kind_labels_text": "Soorten",
        "werkingen_text": "Werkingen",
        "niveaus_text": "Onderwijsniveaus",
        "created_at": "Ingeschreven op",
        "confirmed_at": "Bevestigd op",
        "unsubscribed_at": "Uitgeschreven op",
        "last_digest_at": "Laatste nieuwsbrief op",
    }
    export_filename = "abonnees"

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            **{
                "add_url_name": None,
                "edit_url_name": None,
                "history_url_name": None,
                "usage_url_name": None,
                **kwargs,
            }
        )

    @property
    def preview_view(self):
        return self.construct_view(DigestPreviewView)

    def get_urlpatterns(self):
        dropped = {"add", "edit", "history", "history_results", "usage"}
        kept = [pattern for pattern in super().get_urlpatterns() if pattern.name not in dropped]
        return [*kept, path("voorbeeld/", self.preview_view, name="preview")]

    def get_permissions_to_register(self):
        return super().get_permissions_to_register().filter(codename__in=["view_subscriber", "delete_subscriber"])
