"""The event's edit form: what an editor enters for a repeating event is checked here, with the
exceptions together (the model alone cannot see them before they are saved)."""

from django.utils import timezone
from wagtail.admin.forms import WagtailAdminPageForm

from som import dates

from . import recurrence

BOTH_ENDS = "Kies een einddatum of een aantal keer, niet allebei."
NO_END = "Kies tot wanneer het herhaalt: een einddatum of een aantal keer."
TOO_MANY = f"Een reeks heeft hoogstens {recurrence.MAX_OCCURRENCES} datums: kies een vroegere einddatum."


class EventPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Empty means every week or month (1), as for an event that does not repeat.
        self.fields["repeat_interval"].required = False

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("repeat_interval"):
            cleaned["repeat_interval"] = 1
        repeat = cleaned.get("repeat")
        start, end = cleaned.get("start"), cleaned.get("end")
        exceptions = self._exceptions()
        if not repeat:
            if exceptions:
                self.add_error(
                    "repeat", "Uitzonderingen horen bij een herhaling: kies hoe het herhaalt, of verwijder ze."
                )
            return cleaned
        until, count = cleaned.get("repeat_until"), cleaned.get("repeat_count")
        if until and count:
            self.add_error("repeat_count", BOTH_ENDS)
            return cleaned
        if not (until or count):
            self.add_error("repeat_until", NO_END)
            return cleaned
        if start is None or end is None:
            return cleaned  # the required begin and einde say so themselves
        if until and until < timezone.localtime(start).date():
            self.add_error("repeat_until", "De einddatum ligt vóór de eerste keer.")
            return cleaned
        rule = recurrence.Rule(repeat, cleaned.get("repeat_interval") or 1, until, count)
        starts = recurrence.local_starts(rule, start)
        if len(starts) > recurrence.MAX_OCCURRENCES:
            self.add_error("repeat_until", TOO_MANY)
            return cleaned
        series = {local.date() for local in starts}
        seen = set()
        for form, data in exceptions:
            day = data["date"]
            if day in seen:
                form.add_error("date", "Voor deze datum is er al een uitzondering.")
            seen.add(day)
            if day not in series:
                form.add_error(
                    "date", f"Op {dates.long_date(day)} valt geen keer van deze reeks: kies een datum uit de reeks."
                )
            new_start, new_end = data.get("new_start"), data.get("new_end")
            if data.get("skip"):
                if new_start or new_end or data.get("new_location"):
                    form.add_error("skip", "Een datum die niet doorgaat, heeft geen nieuw uur of nieuwe plaats.")
            elif bool(new_start) != bool(new_end):
                form.add_error("new_end" if new_start else "new_start", "Vul een nieuw begin én een nieuw einde in.")
            elif new_start and new_end < new_start:
                form.add_error("new_end", "Het nieuwe einde ligt vóór het nieuwe begin.")
            elif not (new_start or data.get("new_location")):
                form.add_error("skip", "Kies: gaat niet door, of een nieuw uur of een andere plaats.")
        return cleaned

    def _exceptions(self):
        """[(form, cleaned_data)] of the exceptions that stay (not deleted)."""
        formset = self.formsets.get("date_exceptions")
        if formset is None or not formset.is_valid():
            return []
        return [
            (form, form.cleaned_data)
            for form in formset.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.cleaned_data.get("date")
        ]
