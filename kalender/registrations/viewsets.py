"""Registrations in the admin (the staff part of issue 19).

Per event the list of who comes (confirmed, waiting, cancelled) with the counts, search, filters
and an export to CSV and XLSX that includes the answers to the event's own questions. An editor
adds a registration by hand (a phone call) through `places.register` and cancels one through
`places.cancel`, so the waiting list and the e-mails react as they do for visitors. Editing
changes contact details only, never the status; nothing here deletes a registration (the
retention purge or the person does that).

Who sees names: whoever holds a permission on kalender.Registration (the Eindredactie, admins;
granted in kalender/plugin.py). The Redactie sees counts only (the dashboard, the events listing).
Registrations are not indexed anywhere: no search index, no reference index (an event's "Gebruik"
would list names), no audit log entries (they would keep names after the retention purge).
"""

import datetime

import django_filters
from django import forms
from django.contrib.admin.utils import quote
from django.db import IntegrityError
from django.db.models import Case, Count, IntegerField, OuterRef, Q, Subquery, Value, When
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import CreateView, EditView, IndexView, InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button
from wagtail.permissions import policy_registry

from som import dates

from ..models import EventOccurrence, EventPage
from . import places
from .forms import HONEYPOT, RegistrationForm
from .models import Registration, RegistrationQuestion

EVENT_PARAMETER = "activiteit"
ANSWER = "antwoord:"  # export columns for the event's own questions: "antwoord:<label>"
SEE = ["add", "change", "view"]


def can_see_registrations(user):
    """Whether `user` may see who registered (names, e-mail addresses): the Eindredactie and
    admins. Everyone else in the admin sees counts only."""
    return policy_registry.get_by_type(Registration).user_has_any_permission(user, SEE)


def listing_url(event=None):
    url = reverse("inschrijvingen:index")
    return f"{url}?{EVENT_PARAMETER}={event.pk}" if event is not None else url


def taken(event, confirmed):
    """Places taken of the total, for the dashboard and the events listing: "12/30",
    "12 (onbeperkt)"; empty for an event that takes no registrations on the site."""
    if not event.registration_on_site:
        return ""
    return f"{confirmed}/{event.capacity}" if event.capacity is not None else f"{confirmed} (onbeperkt)"


def button_label(event, confirmed=None):
    """ "Inschrijvingen (12/30)", or just "Inschrijvingen" when the count was not read."""
    if confirmed is None:
        return "Inschrijvingen"
    return (
        f"Inschrijvingen ({confirmed}/{event.capacity})"
        if event.capacity is not None
        else f"Inschrijvingen ({confirmed})"
    )


def status_counts(event):
    """Confirmed, waiting and cancelled for one event, in one query."""
    return Registration.objects.filter(event=event).aggregate(
        confirmed=Count("pk", filter=Q(status=Registration.Status.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=Registration.Status.WAITING)),
        cancelled=Count("pk", filter=Q(status=Registration.Status.CANCELLED)),
    )


def counts_line(event, counts):
    """ "12 bevestigd · 3 op de wachtlijst · 1 geannuleerd" and the places: "nog 18 plaatsen
    (van 30)", "volzet (30 plaatsen)", "onbeperkt aantal plaatsen"."""
    parts = [
        f"{counts['confirmed']} bevestigd",
        f"{counts['waiting']} op de wachtlijst",
        f"{counts['cancelled']} geannuleerd",
    ]
    if event.capacity is None:
        places_text = "onbeperkt aantal plaatsen"
    elif counts["confirmed"] >= event.capacity:
        places_text = f"volzet ({event.capacity} plaatsen)"
    else:
        places_text = f"{places.places_phrase(event.capacity - counts['confirmed'])} (van {event.capacity})"
    return " · ".join(parts), places_text


def moment(value):
    """ "3 mrt. 2026, 14.05" """
    return f"{dates.short_date(value)}, {dates.clock(value)}" if value else ""


def registration_events(request=None):
    """The events a registration can belong to, newest first (the filter's and the form's
    choices): those that take registrations on the site, and those that once did."""
    return (
        EventPage.objects.filter(Q(registration_on_site=True) | Q(registrations__isnull=False))
        .distinct()
        .only("title", "start")
        .order_by("-start", "-pk")
    )


class EventChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, event):
        return f"{event.title} ({dates.short_date(event.start)})" if event.start else event.title


class EventFilter(django_filters.ModelChoiceFilter):
    field_class = EventChoiceField


class RegistrationFilterSet(WagtailFilterSet):
    activiteit = EventFilter(
        label="Activiteit", field_name="event", queryset=registration_events, empty_label="Alle activiteiten"
    )
    status = django_filters.ChoiceFilter(label="Status", choices=Registration.Status.choices, empty_label="Alle")

    class Meta:
        model = Registration
        fields = []


def yes_no(value):
    return "ja" if value else "nee"


def local_text(value):
    return (
        timezone.localtime(value).strftime("%d-%m-%Y %H:%M")
        if timezone.is_aware(value)
        else value.strftime("%d-%m-%Y %H:%M")
    )


def local_naive(value):
    return timezone.make_naive(value) if timezone.is_aware(value) else value


def csv_safe(value):
    """What a visitor typed never runs as a formula when the CSV is opened in a spreadsheet."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


class RegistrationIndexView(IndexView):
    any_permission_required = SEE
    page_title = "Inschrijvingen"
    results_template_name = "kalender/admin/registrations/index_results.html"
    # Spreadsheet cells as an editor in Leuven reads them: local time, ja/nee; in a CSV, what a
    # visitor typed is kept from being read as a formula (the XLSX writer does that itself).
    custom_value_preprocess = {
        bool: {IndexView.FORMAT_CSV: yes_no, IndexView.FORMAT_XLSX: yes_no},
        datetime.datetime: {IndexView.FORMAT_CSV: local_text, IndexView.FORMAT_XLSX: local_naive},
        str: {IndexView.FORMAT_CSV: csv_safe},
    }

    @cached_property
    def event(self):
        """The event the listing is filtered on, if one."""
        if self.filters is not None and self.filters.is_valid():
            return self.filters.form.cleaned_data.get(EVENT_PARAMETER)
        return None

    def get_base_queryset(self):
        # The event, date and niveau columns read them with the rows, not a query per row.
        occurrence = EventOccurrence.objects.filter(event=OuterRef("event"), key=OuterRef("occurrence_key"))
        return (
            Registration.objects.select_related("event", "niveau")
            .defer("event__body")
            .annotate(occurrence_start=Subquery(occurrence.values("start")[:1]))
        )

    def get_ordering(self):
        if self.event is not None and not self.is_explicitly_ordered:
            return None  # the queue order below; no column shows as sorted
        return super().get_ordering()

    def order_queryset(self, queryset):
        if self.event is not None and not self.is_explicitly_ordered:
            # One event's list reads as its queue: confirmed, waiting (first come first), cancelled.
            rank = Case(
                When(status=Registration.Status.CONFIRMED, then=Value(0)),
                When(status=Registration.Status.WAITING, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
            return queryset.order_by(rank, "created_at", "pk")
        return super().order_queryset(queryset)

    def search_queryset(self, queryset):
        # Every word must match the name, e-mail address or organisation: "jan peeters" finds Jan Peeters.
        for word in self.search_query.split():
            match = Q()
            for field in self.search_fields or []:
                match |= Q(**{f"{field}__icontains": word})
            queryset = queryset.filter(match)
        return queryset

    @cached_property
    def columns(self):
        def name(registration):
            return "(gegevens gewist)" if registration.anonymised_at else registration.full_name

        def url(registration):
            if registration.anonymised_at:
                return None
            return self.get_edit_url(registration) or self.get_inspect_url(registration)

        title_column = self._get_title_column_class(TitleColumn)
        columns = [
            title_column("name", label="Naam", accessor=name, get_url=url, sort_key="family_name"),
            Column(
                "email", label="E-mailadres", accessor=lambda r: "" if r.anonymised_at else r.email, sort_key="email"
            ),
            Column("organisation", label="School of organisatie", sort_key="organisation"),
            Column("status", label="Status", accessor="get_status_display", sort_key="status"),
            Column(
                "created_at", label="Ingeschreven op", accessor=lambda r: moment(r.created_at), sort_key="created_at"
            ),
        ]
        if self.event is None or self.event.repeat:  # a series: which of its dates
            columns.insert(
                3,
                Column(
                    "event_date",
                    label="Datum",
                    accessor=lambda r: dates.long_date(r.event_date) if r.event_date else "",
                ),
            )
        if self.event is None:  # the list of one event has its title above it
            columns.insert(
                3, Column("event", label="Activiteit", accessor=lambda r: r.event.title, sort_key="event__start")
            )
        return columns

    def get_page_subtitle(self):
        return self.event.title if self.event is not None else ""

    def get_add_url(self):
        url = super().get_add_url()
        if url and self.event is not None:
            url += f"?{EVENT_PARAMETER}={self.event.pk}"
        return url

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.is_active and self.user_has_permission("change"):
            buttons.append(
                MenuItem(
                    "Annuleer",
                    url=reverse("inschrijvingen:cancel", args=[quote(instance.pk)]),
                    icon_name="cross",
                    priority=25,
                )
            )
        return buttons

    def get_filename(self):
        return f"{self.export_filename}-{self.event.slug}" if self.event is not None else self.export_filename

    def answer_labels(self, queryset):
        """The questions of the exported events, in their order, then any answer whose question
        was renamed or removed since: two queries, however many rows."""
        labels = list(
            RegistrationQuestion.objects.filter(event__in=queryset.values("event"))
            .order_by("event__start", "event_id", "sort_order", "pk")
            .values_list("label", flat=True)
        )
        for answers in queryset.values_list("answers", flat=True):
            labels += list(answers or {})
        return list(dict.fromkeys(labels))

    def as_spreadsheet(self, queryset, spreadsheet_format):
        labels = self.answer_labels(queryset)
        self.list_export = [*self.list_export, *(ANSWER + label for label in labels)]
        self.export_headings = {**self.export_headings, **{ANSWER + label: label for label in labels}}
        return super().as_spreadsheet(queryset, spreadsheet_format)

    def to_row_dict(self, item):
        row = {}
        for field in self.list_export:
            if field.startswith(ANSWER):
                row[field] = (item.answers or {}).get(field.removeprefix(ANSWER), "")
            elif field == "event":
                row[field] = item.event.title
            elif field == "niveau":
                row[field] = item.niveau.name if item.niveau else ""
            else:
                value = getattr(item, field)
                row[field] = value() if callable(value) else value
        return row

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        if self.event is not None:
            context["event"] = self.event
            context["counts_line"], context["places_line"] = counts_line(self.event, status_counts(self.event))
        return context


class StaffRegistrationForm(RegistrationForm):
    """The visitors' form, as an editor fills it in for someone (a phone call): the same fields
    and the event's own questions; the person's consent is the editor's to confirm."""

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, event=event, **kwargs)
        del self.fields[HONEYPOT]
        self.fields[
            "email"
        ].help_text = (
            "Hierheen gaan de bevestiging en de persoonlijke link om de inschrijving te bekijken of te annuleren."
        )
        self.fields["role"].choices = [("", "Kies een rol"), *Registration.Role.choices]
        consent = self.fields["consent"]
        consent.label = "Deze persoon gaat akkoord dat SOM de gegevens bewaart om deze activiteit te organiseren."
        consent.help_text = "Vraag het na; hoe lang en waarvoor staat in de privacyverklaring."
        consent.error_messages["required"] = "Zonder akkoord van de persoon kan de inschrijving niet bewaard worden."


STAFF_DOUBLE_REGISTRATION = (
    "Met dit e-mailadres is al iemand ingeschreven voor deze activiteit (bevestigd of op de wachtlijst)."
)


class RegistrationCreateView(CreateView):
    """Add someone by hand: first choose the event (its questions belong in the form), then the
    form. `places.register(by_staff=True)` decides, as for a visitor: a place, the waiting list,
    or a refusal shown on the form (full without a waiting list, over, cancelled …)."""

    template_name = "kalender/admin/registrations/create.html"
    choose_template_name = "kalender/admin/registrations/choose_event.html"
    page_title = "Inschrijving toevoegen"
    submit_button_label = "Inschrijven"
    submit_button_active_label = "Bezig met inschrijven…"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.event = self.chosen_event(request.GET.get(EVENT_PARAMETER, ""))

    @staticmethod
    def chosen_event(value):
        if not value.isascii() or not value.isdigit():
            return None
        return EventPage.objects.filter(pk=int(value), registration_on_site=True).defer_streamfields().first()

    def get(self, request, *args, **kwargs):
        if self.event is None:
            self.object = None
            return self.render_to_response(self.choose_context())
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.event is None:
            return redirect(self.get_add_url())
        return super().post(request, *args, **kwargs)

    def choose_context(self):
        now = timezone.now()
        events = places.with_counts(
            EventPage.objects.upcoming(now).filter(registration_on_site=True).defer_streamfields()
        )
        choices = [
            {
                "event": event,
                "url": f"{self.get_add_url()}?{EVENT_PARAMETER}={event.pk}",
                "when": dates.date_range(event.start, event.end, event.all_day),
                "taken": taken(event, event.confirmed_count),
                "offer": places.availability(event, now, event.confirmed_count, by_staff=True),
            }
            for event in events
        ]
        self.template_name = self.choose_template_name
        return super(CreateView, self).get_context_data(choices=choices, form=None)

    def get_add_url(self):
        return reverse(self.add_url_name)

    @cached_property
    def add_url(self):
        url = self.get_add_url()
        return f"{url}?{EVENT_PARAMETER}={self.event.pk}" if self.event is not None else url

    def get_page_subtitle(self):
        return self.event.title if self.event is not None else "kies de activiteit"

    def get_form_class(self):
        return StaffRegistrationForm

    def get_form_kwargs(self):
        return {"data": self.request.POST if self.request.method == "POST" else None, "event": self.event}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["event"] = self.event
        context["when"] = dates.date_range(self.event.start, self.event.end, self.event.all_day)
        context["offer"] = places.availability(self.event, by_staff=True)
        return context

    def form_valid(self, form):
        self.form = form
        data = {
            key: form.cleaned_data[key]
            for key in ("first_name", "family_name", "email", "organisation", "role", "niveau")
        }
        try:
            registration = places.register(
                self.event.pk, **data, answers=form.answers(), by_staff=True, request=self.request
            )
        except places.RegistrationRefused as refusal:
            if refusal.code == "dubbel":
                form.add_error("email", STAFF_DOUBLE_REGISTRATION)
            else:
                form.add_error(None, refusal.message)
            self.produced_error_message = "De inschrijving is niet bewaard."
            return self.form_invalid(form)
        self.object = registration
        where = (
            "is ingeschreven voor"
            if registration.status == Registration.Status.CONFIRMED
            else "staat op de wachtlijst voor"
        )
        messages.success(
            self.request,
            f"{registration.full_name} {where} ‘{self.event.title}’. De e-mail met de persoonlijke link gaat naar {registration.email}.",
        )
        return redirect(listing_url(self.event))


class RegistrationContactForm(forms.ModelForm):
    """Contact details only: the status changes through places.py alone."""

    class Meta:
        model = Registration
        fields = ["first_name", "family_name", "email", "organisation", "role", "niveau"]

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        registration = self.instance
        if (
            registration.is_active
            and Registration.objects.filter(event_id=registration.event_id, email__iexact=email)
            .exclude(pk=registration.pk)
            .exclude(status=Registration.Status.CANCELLED)
            .exists()
        ):
            raise forms.ValidationError(STAFF_DOUBLE_REGISTRATION)
        return email


class RegistrationEditView(EditView):
    template_name = "kalender/admin/registrations/edit.html"

    def get_queryset(self):
        # Erased personal data cannot be edited back in.
        return Registration.objects.filter(anonymised_at__isnull=True).select_related("event", "niveau")

    def save_instance(self):
        # Saved without Wagtail's audit log: its entries would keep the name after the purge.
        return self.form.save()

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except IntegrityError:  # the same address, registered at this very moment
            form.add_error("email", STAFF_DOUBLE_REGISTRATION)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)

    def get_success_url(self):
        return listing_url(self.object.event)

    def get_success_buttons(self):
        return []

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.object.is_active and self.user_has_permission("change"):
            buttons.append(
                Button(
                    "Annuleer",
                    url=reverse("inschrijvingen:cancel", args=[quote(self.object.pk)]),
                    icon_name="cross",
                    priority=15,
                )
            )
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["details"] = details(self.object)
        return context


def details(registration):
    """What the edit and inspect views show besides the contact details, as (label, value)."""
    rows = [
        ("Activiteit", registration.event.title),
        ("Status", registration.get_status_display()),
        ("Ingeschreven op", moment(registration.created_at) + (" (door de redactie)" if registration.by_staff else "")),
    ]
    if registration.confirmed_at:
        rows.append(("Bevestigd op", moment(registration.confirmed_at)))
    if registration.cancelled_at:
        rows.append(("Geannuleerd op", moment(registration.cancelled_at)))
    rows += [(label, answer or "—") for label, answer in (registration.answers or {}).items()]
    return rows


class RegistrationInspectView(InspectView):
    any_permission_required = SEE

    def get_object(self, queryset=None):
        return get_object_or_404(Registration.objects.select_related("event", "niveau"), pk=self.pk)

    def get_field_display_value(self, field_name, field):
        raw = getattr(self.object, field_name, None)
        if raw is None or raw == "":
            return "—"
        if isinstance(raw, datetime.datetime):
            return moment(raw)  # local time, as everywhere else
        return super().get_field_display_value(field_name, field)

    def get_answers_display_value(self):
        answers = self.object.answers or {}
        if not answers:
            return "—"
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}: {}</li>", answers.items()))

    def get_by_staff_display_value(self):
        return yes_no(self.object.by_staff)


class RegistrationCancelView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Cancel a registration (asked first): `places.cancel(by_staff=True)`, so the person gets
    the e-mail and a freed place goes to the first on the waiting list, who gets one too."""

    model = Registration
    permission_required = "change"
    template_name = "kalender/admin/registrations/confirm_cancel.html"
    page_title = "Inschrijving annuleren"
    header_icon = "cross"
    index_url_name = None

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(
            Registration.objects.select_related("event"), pk=kwargs["pk"], anonymised_at__isnull=True
        )

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": listing_url(self.object.event), "label": "Inschrijvingen"},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["registration"] = self.object
        context["details"] = details(self.object)
        context["back_url"] = listing_url(self.object.event)
        return context

    def post(self, request, *args, **kwargs):
        registration = self.object
        if not registration.is_active:
            messages.warning(request, f"De inschrijving van {registration} was al geannuleerd.")
            return redirect(listing_url(registration.event))
        cancelled = places.cancel(registration.pk, by_staff=True, request=request)
        promoted = Registration.objects.filter(
            event_id=registration.event_id,
            status=Registration.Status.CONFIRMED,
            confirmed_at__gte=cancelled.cancelled_at,
        ).order_by("confirmed_at", "pk")
        text = f"De inschrijving van {registration} is geannuleerd; de bevestiging van de annulering gaat naar {registration.email}."
        moved_up = ", ".join(str(r) for r in promoted)
        if moved_up:
            text += f" Van de wachtlijst schuift door: {moved_up} (met een e-mail)."
        messages.success(request, text)
        return redirect(listing_url(registration.event))


class RegistrationViewSet(ModelViewSet):
    model = Registration
    name = "inschrijvingen"
    icon = "clipboard-list"
    menu_label = "Inschrijvingen"
    menu_order = 125
    add_to_admin_menu = True
    # Names stay out of the reference index (an event's "Gebruik" tab) and out of copies.
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "event",
        "event_date",
        "status",
        "first_name",
        "family_name",
        "email",
        "organisation",
        "role",
        "niveau",
        "answers",
        "created_at",
        "confirmed_at",
        "cancelled_at",
        "by_staff",
        "anonymised_at",
    ]
    index_view_class = RegistrationIndexView
    add_view_class = RegistrationCreateView
    edit_view_class = RegistrationEditView
    inspect_view_class = RegistrationInspectView
    filterset_class = RegistrationFilterSet
    ordering = "-created_at"
    search_fields = ["first_name", "family_name", "email", "organisation"]
    search_backend_name = None
    list_per_page = 50
    list_export = [
        "event",
        "event_date",
        "get_status_display",
        "first_name",
        "family_name",
        "email",
        "organisation",
        "get_role_display",
        "niveau",
        "created_at",
        "confirmed_at",
        "cancelled_at",
        "by_staff",
    ]
    export_headings = {
        "event": "Activiteit",
        "event_date": "Datum",
        "get_status_display": "Status",
        "first_name": "Voornaam",
        "family_name": "Familienaam",
        "email": "E-mailadres",
        "organisation": "School of organisatie",
        "get_role_display": "Rol",
        "niveau": "Onderwijsniveau",
        "created_at": "Ingeschreven op",
        "confirmed_at": "Bevestigd op",
        "cancelled_at": "Geannuleerd op",
        "by_staff": "Door de redactie ingevoerd",
    }
    export_filename = "inschrijvingen"

    def get_form_class(self, for_update=False):
        return RegistrationContactForm

    def get_common_view_kwargs(self, **kwargs):
        # No delete (personal data goes by the purge or by the person), no history or usage.
        return super().get_common_view_kwargs(
            **{"delete_url_name": None, "history_url_name": None, "usage_url_name": None, **kwargs}
        )

    @property
    def cancel_view(self):
        return self.construct_view(RegistrationCancelView)

    def get_urlpatterns(self):
        kept = [
            pattern
            for pattern in super().get_urlpatterns()
            if pattern.name not in {"delete", "history", "history_results", "usage"}
        ]
        return [*kept, path("annuleren/<int:pk>/", self.cancel_view, name="cancel")]

    def get_permissions_to_register(self):
        return super().get_permissions_to_register().exclude(codename="delete_registration")
