"""The subscription form (/abonneren/) and the form to change one's choices (their own page)."""

from django import forms

from som.models import Onderwijsniveau
from werkingen.models import WerkingPage

from .models import Kind, Rhythm

HONEYPOT = "website"


class ChoicesForm(forms.Form):
    """What a subscriber chooses. Werkingen and niveaus by their slug, as in the site's filters
    (`?werking=laboratorium&niveau=secundair-onderwijs`), so a page can prefill them."""

    werkingen = forms.ModelMultipleChoiceField(
        label="Werkingen",
        queryset=WerkingPage.objects.none(),
        to_field_name="kind",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Kies niets om over alle werkingen te horen.",
        error_messages={
            "invalid_choice": "Kies een werking uit de lijst.",
            "invalid_pk_value": "Kies een werking uit de lijst.",
        },
    )
    niveaus = forms.ModelMultipleChoiceField(
        label="Onderwijsniveaus",
        queryset=Onderwijsniveau.objects.all(),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Kies niets om over alle niveaus te horen.",
        error_messages={
            "invalid_choice": "Kies een onderwijsniveau uit de lijst.",
            "invalid_pk_value": "Kies een onderwijsniveau uit de lijst.",
        },
    )
    kinds = forms.MultipleChoiceField(
        label="Wat wil je ontvangen?",
        choices=Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Kies minstens één soort: nieuws, activiteiten of projecten.",
            "invalid_choice": "Kies nieuws, activiteiten of projecten.",
        },
    )
    rhythm = forms.ChoiceField(
        label="Hoe vaak?",
        choices=Rhythm.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Kies hoe vaak je de nieuwsbrief wilt.",
            "invalid_choice": "Kies wekelijks of maandelijks.",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only werkingen a visitor can see (a draft werking is no choice).
        self.fields["werkingen"].queryset = WerkingPage.objects.live().public().order_by("path")


class SubscribeForm(ChoicesForm):
    email = forms.EmailField(
        label="E-mailadres",
        max_length=254,
        help_text="Hierheen sturen we eerst een link om je inschrijving te bevestigen.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": "Vul je e-mailadres in.",
            "invalid": "Vul een geldig e-mailadres in, bv. naam@school.be.",
        },
    )
    consent = forms.BooleanField(
        label="Ik ga akkoord dat SOM mijn e-mailadres en keuzes bewaart om me deze nieuwsbrief te sturen.",
        # Shown by the template with a link; set here so the checkbox is described by it.
        help_text="Wat we bewaren en hoe lang staat in de privacyverklaring.",
        error_messages={"required": "Zonder je akkoord kunnen we je geen nieuwsbrief sturen."},
    )
    # People leave this empty (they never see it); form-filling robots do not.
    website = forms.CharField(label="Laat dit veld leeg", required=False)

    field_order = ["email", "werkingen", "niveaus", "kinds", "rhythm", "consent"]

    @property
    def is_robot(self):
        return bool(self.data.get(HONEYPOT))

    def visible_fields_in_order(self):
        return [self[name] for name in self.field_order]


def initial_from_query(params):
    """The form's starting values from a link (`?werking=…&niveau=…&inhoud=…&ritme=…`); values
    that match nothing are simply not ticked."""
    kinds = [kind for kind in params.getlist("inhoud") if kind in Kind.values] or list(Kind.values)
    rhythm = params.get("ritme")
    return {
        "werkingen": params.getlist("werking")[:10],
        "niveaus": params.getlist("niveau")[:10],
        "kinds": kinds,
        "rhythm": rhythm if rhythm in Rhythm.values else Rhythm.WEEKLY,
    }
