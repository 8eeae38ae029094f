"""Demo forms: "Contacteer SOM" under the home page (the site settings' contact page, linked from
the header and footer), "Breng een onderwijsuitdaging binnen" under the Laboratorium and "Stel
een project voor aan de Studio" under the Studio. The notification address is an example: the
content brief gives no address for SOM (editors set the real one)."""

from wagtail.models import Site

from som.demo import ensure_page, paragraph_html
from som.models import Onderwijsniveau, SiteSettings
from werkingen.models import WerkingKind, WerkingPage

from .models import FormField, FormPage

EXAMPLE_ADDRESS = "info@samenonderwijsmaken.example"  # an example (.example): not in the content brief


def field(label, field_type, *, required=True, choices="", help_text=""):
    return FormField(label=label, field_type=field_type, required=required, choices=choices, help_text=help_text)


def contact_fields():
    return [
        field("Naam", "singleline"),
        field("E-mailadres", "email", help_text="Hierop antwoorden we."),
        field("Onderwerp", "singleline"),
        field("Je vraag", "multiline"),
    ]


def challenge_fields():
    niveaus = "\n".join(Onderwijsniveau.objects.order_by("sort_order").values_list("name", flat=True))
    return [
        field("Naam", "singleline"),
        field("E-mailadres", "email"),
        field("School of organisatie", "singleline"),
        field("Onderwijsniveau", "dropdown", choices=niveaus or "Ander"),
        field(
            "De vraag of uitdaging",
            "multiline",
            help_text="Welke onderwijsbehoefte zie je? Wat heb je al geprobeerd?",
        ),
        field("Hoe dringend is het?", "radio", choices="Dit schooljaar nog\nVolgend schooljaar\nGeen haast"),
        field("Toelichting (bijlage)", "bestand", required=False, help_text="Een nota of verslag, als je dat hebt."),
        field("Mogen we je contacteren om de vraag samen uit te werken?", "checkbox", required=False),
    ]


def studio_fields():
    return [
        field("Naam", "singleline"),
        field("E-mailadres", "email"),
        field("Organisatie", "singleline"),
        field("Naam van het project", "singleline"),
        field("Wat is het project, en voor wie?", "multiline"),
        field("Aan welk speerpunt van SOM werkt het mee?", "multiline", required=False),
        field("Projectvoorstel (bijlage)", "bestand", required=False),
    ]


def load(home):
    contact = ensure_page(
        home,
        FormPage,
        "contact",
        title="Contacteer SOM",
        intro="Een vraag, een idee of zin om mee te doen? Laat het ons weten, we antwoorden zo snel we kunnen.",
        to_address=EXAMPLE_ADDRESS,
        subject="Nieuw bericht via de website",
        submit_label="Verstuur je bericht",
        thank_you_text=paragraph_html("Bedankt voor je bericht! We antwoorden binnen de vijf werkdagen."),
        form_fields=contact_fields(),
    )
    werkingen = {werking.kind: werking for werking in WerkingPage.objects.all()}
    if WerkingKind.LABORATORIUM in werkingen:
        ensure_page(
            werkingen[WerkingKind.LABORATORIUM],
            FormPage,
            "onderwijsuitdaging",
            title="Breng een onderwijsuitdaging binnen",
            intro="Experimenten in het Laboratorium vertrekken vanuit een actuele onderwijsbehoefte. "
            "Zie je er een op jouw school? Vertel het ons.",
            to_address=EXAMPLE_ADDRESS,
            subject="Nieuwe onderwijsuitdaging voor het Laboratorium",
            submit_label="Breng je uitdaging binnen",
            thank_you_text=paragraph_html(
                "Bedankt! Het Laboratorium bekijkt je uitdaging en neemt contact op als we er samen mee aan de slag kunnen."
            ),
            form_fields=challenge_fields(),
        )
    if WerkingKind.STUDIO in werkingen:
        ensure_page(
            werkingen[WerkingKind.STUDIO],
            FormPage,
            "project-voorstellen",
            title="Stel een project voor aan de Studio",
            intro="De Studio werkt mee aan projecten van partners die raken aan de speerpunten van SOM.",
            to_address=EXAMPLE_ADDRESS,
            subject="Nieuw projectvoorstel voor de Studio",
            submit_label="Stel je project voor",
            thank_you_text=paragraph_html(
                "Bedankt voor je voorstel! De Studio laat je weten wat we ermee kunnen doen."
            ),
            form_fields=studio_fields(),
        )
    # The contact page the header and the footer link (som.models.SiteSettings), unless an editor
    # chose one: loading the demo again keeps their choice.
    site = Site.objects.filter(root_page=home).first()
    if site is not None:
        site_settings = SiteSettings.for_site(site)
        if site_settings.contact_page_id is None:
            site_settings.contact_page = contact
            site_settings.save(update_fields=["contact_page"])
