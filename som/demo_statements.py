"""Demo content: what a public site owes its visitors. The privacy statement and the
accessibility statement as editable standard pages, the contact details in the site settings,
and the settings pointing at the statements (the footer links them on every page).

Idempotent like the rest of the demo (som/demo.py): a page is made when its slug is missing and
a setting is filled only while it is empty, so what editors changed stays as they left it.

The contact details are not in SOM's content brief: the demo fills in clearly marked examples
(a "voorbeeld" address, an .example e-mail domain, a zero phone number) for editors to replace.
The retention periods in the privacy statement are read from the settings when the page is
made; docs/redactie/verklaringen.md says to update the text when an operator changes them.
"""

from django.conf import settings
from django.utils.html import escape

from .models import SiteSettings, StandardPage

# Clearly marked examples: the real ones are not in the content brief (CONTENT.md).
EXAMPLE_CONTACT = {
    "address": "Samen Onderwijs Maken\nVoorbeeldstraat 1 (voorbeeldadres)\n3000 Leuven",
    "email": "info@samenonderwijsmaken.example",
    "phone": "+32 16 00 00 00",
    "facebook_url": "https://www.facebook.com/voorbeeld-samenonderwijsmaken",
    "instagram_url": "https://www.instagram.com/voorbeeld.samenonderwijsmaken",
    "linkedin_url": "https://www.linkedin.com/company/voorbeeld-samenonderwijsmaken",
}

# When the texts below were written: the accessibility statement's "opgesteld op".
PREPARED_ON = "27 november 2026"


def retention_terms():
    """The retention periods the privacy statement names, from the settings of the apps that
    keep personal data (read with their defaults: the statement is made before those apps are
    configured on a fresh machine, and the apps may be left out of a site)."""
    return {
        "registration_months": settings.REGISTRATION_RETENTION_MONTHS,
        "mail_days": settings.MAIL_RETENTION_DAYS,
        "form_days": getattr(settings, "FORM_SUBMISSION_RETENTION_DAYS", 365),
        "unsubscribed_days": getattr(settings, "SUBSCRIBE_UNSUBSCRIBED_RETENTION_DAYS", 30),
        "unconfirmed_days": getattr(settings, "SUBSCRIBE_CONFIRM_DAYS", 7),
    }


def _months(n):
    return "één maand" if n == 1 else f"{n} maanden"


def _days(n):
    """A period in days as a reader says it: "een jaar", "2 jaar", "30 dagen"."""
    if n % 365 == 0:
        return "een jaar" if n == 365 else f"{n // 365} jaar"
    return "één dag" if n == 1 else f"{n} dagen"


def privacy_body(email):
    terms = retention_terms()
    mail = f'<a href="mailto:{escape(email)}">{escape(email)}</a>' if email else "de contactgegevens hieronder"
    sections = [
        "<h2>Wie is verantwoordelijk?</h2>"
        "<p>Samen Onderwijs Maken (SOM), het onderwijsnetwerk van Leuven, is verantwoordelijk voor de "
        "persoonsgegevens die via deze website binnenkomen. Met vragen over je gegevens kun je terecht "
        f"bij {mail}; onderaan elke pagina vind je ook ons adres en telefoonnummer.</p>",
        "<h2>Wat we bewaren, waarom en hoe lang</h2>"
        "<h3>Inschrijvingen voor activiteiten</h3>"
        "<p>Wie zich voor een activiteit inschrijft, geeft een voornaam, familienaam, e-mailadres, "
        "school of organisatie, rol en onderwijsniveau, de antwoorden op de extra vragen van die "
        "activiteit en het akkoord met deze verklaring (met datum en uur).</p>"
        "<p><b>Waarom:</b> om de activiteit te organiseren: je plaats of je plaats op de wachtlijst "
        "bevestigen, je verwittigen als er een plaats vrijkomt of als de activiteit verandert, en je "
        "vooraf een herinnering sturen.</p>"
        f"<p><b>Hoe lang:</b> {_months(terms['registration_months'])} na het einde van de activiteit "
        "wist de website je naam, e-mailadres, school, rol, onderwijsniveau en antwoorden "
        "automatisch. Alleen een anonieme telling blijft over.</p>"
        "<h3>Formulieren</h3>"
        "<p>Via de formulieren op de website (SOM contacteren, een onderwijsuitdaging binnenbrengen, "
        "een project voorstellen) bewaren we wat je invult: meestal je naam, je e-mailadres, je school "
        "of organisatie en je vraag of voorstel, en een bestand als het formulier daarom vraagt.</p>"
        "<p><b>Waarom:</b> om je vraag of voorstel te behandelen en je te antwoorden. Vraag je een "
        "bevestiging, dan krijg je een kopie van wat je stuurde per e-mail.</p>"
        f"<p><b>Hoe lang:</b> na {_days(terms['form_days'])} wist de website wat je via een "
        "formulier stuurde automatisch, met de bestanden erbij.</p>"
        "<h3>Abonneren op nieuws per e-mail</h3>"
        "<p>Wie zich abonneert, geeft een e-mailadres en kiest werkingen, onderwijsniveaus, soorten "
        "inhoud (nieuws, activiteiten, projecten) en hoe vaak (wekelijks of maandelijks). We bewaren "
        "ook wanneer je je abonneerde en bevestigde, en welke berichten je al kreeg, zodat je niets "
        "twee keer krijgt.</p>"
        "<p><b>Waarom:</b> om je alleen te sturen waarvoor je koos. Er vertrekt niets voor je je "
        "abonnement bevestigt met de link in de eerste e-mail.</p>"
        "<p><b>Hoe lang:</b> zolang je geabonneerd bent. Schrijf je je uit, dan krijg je niets meer "
        f"en wist de website je gegevens na {_days(terms['unsubscribed_days'])}. Een abonnement dat je "
        f"niet binnen {_days(terms['unconfirmed_days'])} bevestigt, wist de website dan. Via je "
        "persoonlijke link kun je je gegevens ook meteen zelf wissen.</p>"
        "<h3>Verstuurde e-mails</h3>"
        "<p>Elke e-mail van de website (bevestigingen, herinneringen, nieuws per e-mail, meldingen van "
        "formulieren) staat even in een wachtrij, zodat hij opnieuw kan vertrekken als het versturen "
        f"mislukt. Na {_days(terms['mail_days'])} wissen we die kopie.</p>"
        "<h3>Bescherming tegen misbruik</h3>"
        "<p>Om de formulieren tegen spam en overbelasting te beschermen, telt de website hoe vaak er "
        "vanaf eenzelfde internetadres of voor eenzelfde e-mailadres iets verstuurd wordt. Die "
        "tellers staan onder een onherkenbaar gemaakte sleutel, niet onder het adres zelf, en "
        "verdwijnen na een uur.</p>",
        "<h2>Wie ziet je gegevens?</h2>"
        "<p>Alleen de Eindredactie van SOM en de beheerders van de website zien namen, "
        "e-mailadressen en wat je invulde. Andere redacteurs zien geen namen of e-mailadressen; bij "
        "een activiteit zien ze alleen hoeveel mensen ingeschreven zijn. Je gegevens staan nooit op "
        "de publieke website, in zoekresultaten of in feeds. We verkopen ze "
        "niet en geven ze aan niemand door; de dienst die onze e-mails verstuurt, doet dat alleen in "
        "onze opdracht.</p>",
        "<h2>Je gegevens inkijken, verbeteren of laten wissen</h2>"
        "<ul>"
        "<li><b>Inschrijving:</b> elke e-mail over je inschrijving bevat een persoonlijke link. Daar "
        "zie je wat we van je bewaren, annuleer je, download je je gegevens of wis je ze meteen.</li>"
        "<li><b>Abonnement:</b> elke e-mail bevat een link om je keuzes te wijzigen en je gegevens te "
        "bekijken of te wissen, en een link om je met één klik uit te schrijven.</li>"
        f"<li><b>Formulieren en al de rest:</b> mail naar {mail}. We antwoorden binnen een maand.</li>"
        "</ul>"
        "<p>Ben je niet tevreden met ons antwoord, dan kun je een klacht indienen bij de "
        '<a href="https://www.gegevensbeschermingsautoriteit.be">Gegevensbeschermingsautoriteit</a>.</p>',
        "<h2>Cookies</h2>"
        "<p>De publieke website plaatst geen cookies bij bezoekers: je leest, zoekt en filtert alle "
        "pagina's zonder dat er een cookie bewaard wordt. Er zijn geen cookies voor statistieken, "
        "reclame of om je te volgen.</p>"
        "<p>Eén uitzondering: op een pagina met een formulier dat je kunt versturen (inschrijven, een "
        "formulier invullen, je abonnement beheren) zet de website de cookie “csrftoken”. Die "
        "beschermt het formulier tegen vervalste verzendingen vanaf andere websites, bevat geen "
        "persoonsgegevens en vervalt na een jaar. Wie als medewerker aanmeldt in het beheer van de "
        "website, krijgt daarnaast een sessiecookie.</p>"
        "<p>Staat er op een pagina een video van YouTube of Vimeo, dan haalt je browser die bij die "
        "dienst op en gelden de cookieregels van die dienst.</p>",
        "<h2>Wijzigingen</h2>"
        "<p>Verandert wat de website bewaart of hoe lang, dan passen we deze verklaring aan. "
        f"Laatst bijgewerkt op {PREPARED_ON}.</p>",
    ]
    return [("paragraph", section) for section in sections]


def accessibility_body(email):
    mail = f'<a href="mailto:{escape(email)}">{escape(email)}</a>' if email else "de contactgegevens hieronder"
    sections = [
        "<p>Samen Onderwijs Maken streeft ernaar deze website toegankelijk te maken volgens de regels "
        "die voor Vlaamse overheidsinstanties gelden: het decreet van 7 december 2018 betreffende de "
        "toegankelijkheid van websites en mobiele applicaties van overheidsinstanties. Deze "
        "toegankelijkheidsverklaring is van toepassing op deze website van Samen Onderwijs Maken.</p>",
        "<h2>Nalevingsstatus</h2>"
        "<p>Deze website is <b>gedeeltelijk conform</b> met de Web Content Accessibility Guidelines "
        "(WCAG) 2.2, niveau AA, omwille van de niet-naleving en de uitzonderingen die hieronder "
        "staan.</p>",
        "<h2>Niet-toegankelijke inhoud</h2>"
        "<p>De onderstaande inhoud is om de volgende redenen niet toegankelijk.</p>"
        "<h3>Niet-naleving van de toegankelijkheidsvoorschriften</h3>"
        "<ul>"
        "<li>Documenten (pdf, Word …) die bij pagina's horen, zijn niet allemaal nagekeken op "
        "toegankelijkheid: koppen, leesvolgorde en tekstalternatieven voor afbeeldingen kunnen "
        "ontbreken (WCAG 1.1.1 en 1.3.1).</li>"
        "<li>Niet elke video heeft ondertitels of een uitgeschreven tekst (WCAG 1.2.2, 1.2.3 en "
        "1.2.5).</li>"
        "<li>De website is nog niet volledig met schermlezers getest. Automatische controles vinden "
        "maar een deel van de mogelijke problemen; zie hieronder hoe we evalueerden.</li>"
        "</ul>"
        "<h3>Onevenredige last</h3>"
        "<p>Niet van toepassing.</p>"
        "<h3>De inhoud valt buiten de werkingssfeer van de toepasselijke wetgeving</h3>"
        "<ul>"
        "<li>Kantoorbestanden (pdf, Word …) die vóór 23 september 2018 gepubliceerd werden, tenzij "
        "je ze nodig hebt voor een lopende aanvraag of inschrijving.</li>"
        "<li>Vooraf opgenomen video's die vóór 23 september 2020 gepubliceerd werden.</li>"
        "<li>Inhoud van derden die SOM niet financiert, ontwikkelt of controleert, zoals de spelers "
        "van YouTube en Vimeo waarin video's getoond worden.</li>"
        "</ul>",
        "<h2>Opstelling van deze toegankelijkheidsverklaring</h2>"
        f"<p>Deze verklaring werd opgesteld op {PREPARED_ON} en het laatst herzien op {PREPARED_ON}.</p>"
        "<p>Ze steunt op een zelfevaluatie door wie de website bouwt en onderhoudt:</p>"
        "<ul>"
        "<li>bij elke wijziging aan de website controleert een automatische test in de browser "
        "(axe-core) elk soort pagina op de criteria van WCAG 2.2 niveau A en AA: de homepagina, de "
        "werkingen en projecten, de onderwijsmakers, de kalender, het nieuws, het zoeken, de "
        "formulieren met hun foutmeldingen en deze verklaringen. Er mogen geen fouten gevonden "
        "worden;</li>"
        "<li>het menu, de filters, de formulieren en deze verklaringen zijn alleen met het toetsenbord "
        "getest: alles is bereikbaar en je ziet altijd waar de focus staat;</li>"
        "<li>de website werkt ook zonder JavaScript, heeft bovenaan een link “Naar de inhoud” en "
        "gebruikt koppen en herkenbare paginadelen (kop, navigatie, inhoud, voettekst).</li>"
        "</ul>",
        "<h2>Feedback en contactgegevens</h2>"
        "<p>Loop je op deze website ergens vast, of heb je inhoud nodig in een andere vorm (bijvoorbeeld "
        f"een toegankelijke versie van een document)? Laat het ons weten via {mail}, of gebruik de "
        "contactgegevens onderaan elke pagina. Zeg op welke pagina het was en wat er misliep. We "
        "bevestigen je melding binnen vijf werkdagen en laten je weten wat we ermee doen.</p>",
        "<h2>Handhavingsprocedure</h2>"
        "<p>Ben je niet tevreden met ons antwoord, dan kun je bij SOM een klacht indienen via hetzelfde "
        "adres; we behandelen ze volgens onze klachtenprocedure. Vind je daarna nog dat je klacht niet "
        "goed behandeld werd, dan kun je terecht bij de "
        '<a href="https://www.vlaamseombudsdienst.be">Vlaamse Ombudsdienst</a>.</p>',
    ]
    return [("paragraph", section) for section in sections]


def load_statements(home, site):
    """The two statements under the home page, the example contact details, and the settings
    pointing at the statements; each only where nothing is there yet."""
    # Function-level import: som.demo imports this module for load_core.
    from .demo import ensure_page

    site_settings = SiteSettings.for_site(site)
    changed = False
    for field, value in EXAMPLE_CONTACT.items():
        if not getattr(site_settings, field):
            setattr(site_settings, field, value)
            changed = True

    privacy = ensure_page(
        home,
        StandardPage,
        "privacy",
        title="Privacyverklaring",
        intro=(
            "Welke persoonsgegevens deze website bewaart, waarom en hoe lang, wie ze ziet, hoe je ze "
            "opvraagt of laat wissen, en welke cookies er zijn."
        ),
        body=privacy_body(site_settings.email),
        show_in_menus=False,
    )
    accessibility = ensure_page(
        home,
        StandardPage,
        "toegankelijkheid",
        title="Toegankelijkheidsverklaring",
        intro=(
            "Hoe toegankelijk deze website is, wat nog niet lukt, hoe we dat nagingen en waar je "
            "terechtkunt als iets niet werkt."
        ),
        body=accessibility_body(site_settings.email),
        show_in_menus=False,
    )
    if site_settings.privacy_page_id is None:
        site_settings.privacy_page = privacy
        changed = True
    if site_settings.accessibility_page_id is None:
        site_settings.accessibility_page = accessibility
        changed = True
    if changed:
        site_settings.save()
