"""The registration form: the fixed questions, the event's own (Wagtail's form builder), the
consent to the privacy statement, and a field only robots fill in."""

from django import forms
from wagtail.contrib.forms.forms import FormBuilder

from som.models import Onderwijsniveau

from .models import Registration

HONEYPOT = "website"


class RegistrationForm(forms.Form):
    first_name = forms.CharField(
        label="Voornaam", max_length=100, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    family_name = forms.CharField(
        label="Familienaam", max_length=150, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )
    email = forms.EmailField(
        label="E-mailadres",
        help_text="Hierheen sturen we de bevestiging en je persoonlijke link.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    organisation = forms.CharField(
        label="School of organisatie",
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    role = forms.ChoiceField(
        label="Rol", choices=[("", "Kies je rol")] + list(Registration.Role.choices), required=False
    )
    niveau = forms.ModelChoiceField(
        label="Onderwijsniveau", queryset=Onderwijsniveau.objects.all(), required=False, empty_label="Kies een niveau"
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        # The event's own questions, as editors built them (dietary needs, which workshop …).
        self.questions = FormBuilder(list(event.registration_questions.all())).formfields
        self.fields.update(self.questions)
        self.fields["consent"] = forms.BooleanField(
            label="Ik ga akkoord dat SOM mijn gegevens bewaart om deze activiteit te organiseren.",
            help_text="Hoe lang en waarvoor staat in de privacyverklaring.",
            error_messages={"required": "Zonder je akkoord kunnen we je inschrijving niet bewaren."},
        )
        # People leave this empty (they never see it); form-filling robots do not.
        self.fields[HONEYPOT] = forms.CharField(label="Laat dit veld leeg", required=False)

    @property
    def is_robot(self):
        return bool(self.data.get(HONEYPOT))

    def visible_questions(self):
        return [field for field in self if field.name != HONEYPOT]

    def answers(self):
        """The answers to the event's own questions, by their label (as staff read them)."""
        answers = {}
        for name, field in self.questions.items():
            value = self.cleaned_data.get(name)
            if isinstance(value, list):
                value = ", ".join(value)
            elif isinstance(value, bool):
                value = "ja" if value else "nee"
            answers[str(field.label)] = "" if value is None else str(value)
        return answers
