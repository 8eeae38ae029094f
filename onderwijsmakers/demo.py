"""Demo content: the onderwijsmakers named in CONTENT.md, with only the facts given there, and two
example profiles that show a complete profile.

- Real people carry their facts (role, organisation, werking), expertise derived from those facts,
  and a quote only where the seeds give one (Jan Elen's words at the charter signing). Their
  interview answers and "Waarvoor mag je mij contacteren?" are example texts of the editors:
  `example_texts` marks them, and the page says so at every answer ("Voorbeeldantwoord").
- The example people are not real: their title ends in "(voorbeeld)", as every example in the demo.

Idempotent, and existing installs get the new content too: a field is filled when it is empty or
still holds what an earlier demo put there (OLD_VALUES); what editors changed stays, and a profile
with a draft waiting is left alone.
"""

import re

from django.utils import timezone

from organisaties.models import OrganisatiesIndexPage, OrganisationPage
from som.demo import NEWS_SEED, ensure_page, seed_paragraphs
from som.models import Onderwijsnet, Onderwijsniveau
from werkingen.models import ProjectPage, WerkingPage

from .models import ExpertiseTag, Membership, OnderwijsmakersIndexPage, ProfilePage, ProjectRole, Spotlight

Q_MEANING = "Wat betekent Samen Onderwijs Maken voor jou?"
Q_CHANGE = "Wat kan er volgens jou anders in het onderwijs?"
Q_MORE = "Hoe kunnen we in Leuven nog meer Samen Onderwijs Maken?"


def jan_elen_quote():
    """Jan Elen's last sentence in the charter news (seed 001), as he said it."""
    for paragraph in seed_paragraphs(NEWS_SEED):
        if "Jan Elen" in paragraph:
            return " ".join(re.findall(r"“([^”]+)”", paragraph)[-1].split())
    return ""


# slug → the profile. organisation_page: a slug from organisaties' demo (linked when it exists),
# organisation: free text for an organisation not in that list.
PEOPLE = {
    "kobe-vaes": {
        "first_name": "Kobe",
        "family_name": "Vaes",
        "role": "Coördinator High Tech Lab",
        "organisation_page": "high-tech-lab",
        "expertise": ["STEM", "Technologie"],
        "contact_about": "Technologie en STEM in de klas, en wat High Tech Lab met scholen kan doen.",
        "interview": [
            (Q_MEANING, "Scholen, netten en niveaus die bij elkaar aankloppen in plaats van elk apart te zoeken."),
            (Q_CHANGE, "Meer ruimte om met technologie te experimenteren, ook als het eens mislukt."),
        ],
    },
    "annelies-somers": {
        "first_name": "Annelies",
        "family_name": "Somers",
        "role": "Directeur",
        "organisation": "De MET Leuven",
        "expertise": ["Schoolleiding"],
        "contact_about": "Schoolleiding en samenwerken met andere Leuvense scholen.",
        "interview": [
            (Q_MEANING, "Collega-directeurs die je kent en kunt bellen wanneer je school voor een vraag staat."),
            (Q_MORE, "Door wat in één school werkt sneller te delen met de andere."),
        ],
    },
    "kristien-lacluyse": {
        "first_name": "Kristien",
        "family_name": "Lacluyse",
        "role": "Beleidsmedewerker",
        "organisation": "Bednet",
        "expertise": ["Onderwijs op afstand"],
        "contact_about": "Onderwijs voor leerlingen die een tijd niet naar school kunnen komen.",
        "interview": [
            (Q_MEANING, "Een netwerk waarin ook leerlingen die niet in de klas zitten mee aan boord blijven."),
            (Q_CHANGE, "Dat elke school weet bij wie ze terechtkan wanneer een leerling lang afwezig is."),
        ],
    },
    "aron-de-hondt": {
        "first_name": "Aron",
        "family_name": "De Hondt",
        "role": "Beleidsadviseur dienst onderwijs",
        "organisation_page": "stad-leuven",
        "expertise": ["Lokaal onderwijsbeleid"],
        "contact_about": "Het Leuvense onderwijsbeleid en wat stad Leuven voor scholen doet.",
        "interview": [
            (Q_MEANING, "De plek waar de stad en de scholen samen bepalen waar de middelen het meest nodig zijn."),
            (Q_MORE, "Door de werkingen open te houden voor iedereen die in Leuven onderwijs maakt."),
        ],
    },
    "georges-baeten": {
        "first_name": "Georges",
        "family_name": "Baeten",
        "role": "Gepensioneerd directeur",
        "organisation_page": "go-clb-leuven",
        "net": "go",
        "expertise": ["Leerlingenbegeleiding", "Schoolleiding"],
        "contact_about": "Leerlingenbegeleiding en hoe een CLB en een school samenwerken.",
        "interview": [
            (Q_MEANING, "Leerlingenbegeleiding die niet ophoudt aan de grens van een net of een niveau."),
            (Q_CHANGE, "Minder drempels tussen school en CLB, zodat hulp sneller bij een leerling komt."),
        ],
    },
    "saskia-dekocker": {
        "first_name": "Saskia",
        "family_name": "Dekocker",
        "role": "Coördinerend directeur officieel onderwijs (GO! en provincie)",
        "memberships": [("som-raad", "lid")],
        "expertise": ["Schoolleiding", "Officieel onderwijs"],
        "contact_about": "Het officieel onderwijs in Leuven (GO! en provincie) en de SOM-raad.",
        "interview": [
            (Q_MEANING, "Over de netten heen samen beslissen welke uitdagingen Leuven eerst aanpakt."),
            (Q_MORE, "Door elke school een stem te geven in de SOM-raad en de werkingen."),
        ],
    },
    "filip-eelen": {
        "first_name": "Filip",
        "family_name": "Eelen",
        "role": "Directeur",
        "organisation": "VCLB Leuven",
        "expertise": ["Leerlingenbegeleiding", "Schoolleiding"],
        "contact_about": "Leerlingenbegeleiding en de samenwerking tussen CLB en school.",
        "interview": [
            (Q_MEANING, "Samen met scholen en andere CLB's zoeken naar wat werkt voor elke leerling."),
            (Q_CHANGE, "Welbevinden even zwaar laten wegen als resultaten."),
        ],
    },
    "jan-elen": {
        "first_name": "Jan",
        "family_name": "Elen",
        "role": "Voorzitter",
        "organisation": "Samen Onderwijs Maken",
        "memberships": [("som-raad", "voorzitter")],
        # The facts of the charter news (seed 001): chair since 2021, the charter at STUK.
        "intro": (
            "Jan Elen is voorzitter van Samen Onderwijs Maken. Bij de ondertekening van het nieuwe SOM-charter "
            "in STUK, op 29 september 2021, lichtte hij de drie speerpunten van het netwerk toe."
        ),
        "quote": jan_elen_quote,
        "expertise": ["Iedereen aan boord", "Diversiteit als kracht", "Welbevinden en betrokkenheid"],
        "contact_about": "De SOM-raad, het SOM-charter en de drie speerpunten van het netwerk.",
        "interview": [
            (Q_MEANING, "Een netwerk waarin alle Leuvense onderwijspartners samen experimenteren en ontwerpen."),
            (Q_MORE, "Door de speerpunten in elke werking terug te laten komen."),
        ],
    },
    # Examples: not real people.
    "lotte-janssens-voorbeeld": {
        "title": "Lotte Janssens (voorbeeld)",
        "first_name": "Lotte",
        "family_name": "Janssens",
        "role": "Lerarenopleider",
        "organisation_page": "ucll",
        "niveaus": ["hoger-onderwijs"],
        "memberships": [("community", "kerngroep")],
        "projects": [("labo-zij-instromers", ProjectRole.Kind.TEAM)],
        "intro": "Een voorbeeldprofiel: zo ziet een volledig interview met een onderwijsmaker eruit.",
        "quote": "Een zij-instromer brengt een heel leven mee de klas in. Laat ons dat gebruiken.",
        "expertise": ["Zij-instromers", "Lerarenopleiding", "Coaching"],
        "contact_about": (
            "Starten als zij-instromer: hoe je begint, wie je begeleidt en wat je school kan doen.\n"
            "Coaching van startende leraren."
        ),
        "interview": [
            (
                Q_MEANING,
                "Dat een student in de lerarenopleiding al tijdens de opleiding Leuvense scholen leert kennen, "
                "over de netten heen.",
            ),
            (
                Q_CHANGE,
                "Zij-instromers sneller op weg helpen: een vaste mentor in de school en collega's die hun "
                "ervaring van buiten het onderwijs een plaats geven.",
            ),
            (Q_MORE, "Door de labo's open te stellen voor studenten: zij kijken met frisse ogen naar de klas."),
        ],
        "show_contact": True,
        "email": "lotte.janssens@example.org",
        "phone": "+32 16 00 00 00",
    },
    "sofie-wouters-voorbeeld": {
        "title": "Sofie Wouters (voorbeeld)",
        "first_name": "Sofie",
        "family_name": "Wouters",
        "role": "Leerkracht elektromechanica",
        "organisation_page": "vti-leuven",
        "net": "vrij-gesubsidieerd",
        "niveaus": ["secundair-onderwijs"],
        "memberships": [("community", "lid")],
        "intro": "Een voorbeeldprofiel van iemand die haar contactgegevens niet deelt: de site toont ze dan nergens.",
        "quote": "Wie iets bouwt dat werkt, vergeet nooit meer hoe het werkt.",
        "expertise": ["STEM", "Techniekonderwijs", "Duaal leren"],
        "contact_about": "Techniek in het secundair en samenwerken met bedrijven voor duaal leren.",
        "interview": [
            (Q_MEANING, "Collega's van andere scholen die met dezelfde vragen over techniekonderwijs zitten."),
            (Q_CHANGE, "Meer tijd in de werkplaats en minder tijd achter het bord."),
        ],
        # She did not give her consent: the address is known but never shown.
        "show_contact": False,
        "email": "sofie.wouters@example.org",
    },
}

# What earlier versions of this demo put in a field: still that value means nobody changed it.
OLD_VALUES = {
    "aron-de-hondt": {"role": "Beleidsadviseur", "organisation": "Dienst onderwijs stad Leuven"},
    "georges-baeten": {"organisation": "GO! CLB Leuven-Tienen-Landen"},
}
PLAIN_FIELDS = ("first_name", "family_name", "role", "intro", "quote", "contact_about", "email", "phone")


def interview_value(answers):
    return [("answer", {"question": question, "answer": f"<p>{answer}</p>"}) for question, answer in answers]


def expertise_tag(name):
    tag = ExpertiseTag.objects.filter(name__iexact=name).first()
    return tag or ExpertiseTag.objects.create(name=name)


def fill(profile, slug, person, organisations, werkingen, netten, niveaus, projects):
    """Fill what is empty (or an earlier demo's value) with the person's content; True when
    something changed."""
    old = OLD_VALUES.get(slug, {})
    changed = False

    def replaceable(name):
        value = getattr(profile, name)
        return not value or value == old.get(name)

    for name in PLAIN_FIELDS:
        value = person.get(name)
        value = value() if callable(value) else value
        if value and getattr(profile, name) != value and replaceable(name):
            setattr(profile, name, value)
            changed = True
    organisation_page = organisations.get(person.get("organisation_page"))
    if organisation_page is not None and profile.organisation_page_id is None:
        profile.organisation_page = organisation_page
        if profile.organisation == old.get("organisation"):
            profile.organisation = ""  # the free text is for organisations not in the list
        changed = True
    elif organisation_page is None and person.get("organisation") and replaceable("organisation"):
        if profile.organisation != person["organisation"]:
            profile.organisation = person["organisation"]
            changed = True
    if person.get("net") and profile.net_id is None and person["net"] in netten:
        profile.net = netten[person["net"]]
        changed = True
    if person.get("niveaus") and not profile.niveaus.exists():
        profile.niveaus = [niveaus[s] for s in person["niveaus"] if s in niveaus]
        changed = True
    if person.get("memberships") and not profile.memberships.exists():
        profile.memberships = [
            Membership(werking=werkingen[kind], role=role) for kind, role in person["memberships"] if kind in werkingen
        ]
        changed = True
    if person.get("projects") and not profile.project_roles.exists():
        profile.project_roles = [
            ProjectRole(project=projects[s], kind=kind) for s, kind in person["projects"] if s in projects
        ]
        changed = True
    if person.get("expertise") and not profile.expertise.exists():
        profile.expertise.set([expertise_tag(name) for name in person["expertise"]])
        changed = True
    if person.get("interview") and not profile.interview:
        profile.interview = interview_value(person["interview"])
        profile.example_texts = True  # the answers are the editors' examples, and say so
        changed = True
    return changed


def load(home):
    new_site = not home.get_children().filter(slug="onderwijsmakers").exists()
    directory = ensure_page(
        home,
        OnderwijsmakersIndexPage,
        "onderwijsmakers",
        title="Onderwijsmakers",
        intro=(
            "Leer de Leuvense onderwijsmakers kennen: wie ze zijn, waar ze werken en waarvoor je hen mag contacteren."
        ),
        show_in_menus=True,
    )
    if new_site:
        # The organisations' directory loads first (people link to it); in the menu it belongs
        # beside the people. Only on a new site: an editor's own order stays.
        organisations_index = OrganisatiesIndexPage.objects.child_of(home).first()
        if organisations_index is not None:
            organisations_index.move(directory, pos="right")
    organisations = {o.slug: o for o in OrganisationPage.objects.all()}
    netten = {net.slug: net for net in Onderwijsnet.objects.all()}
    niveaus = {niveau.slug: niveau for niveau in Onderwijsniveau.objects.all()}
    werkingen = {w.kind: w for w in WerkingPage.objects.all()}
    projects = {p.slug: p for p in ProjectPage.objects.all()}
    for slug, person in PEOPLE.items():
        existing = directory.get_children().filter(slug=slug).first()
        if existing is None:
            profile = ProfilePage(
                slug=slug,
                title=person.get("title", f"{person['first_name']} {person['family_name']}"),
                show_contact=person.get("show_contact", False),
            )
        else:
            profile = existing.specific
            if profile.has_unpublished_changes:
                continue  # an editor's draft waits: leave it to them
        changed = fill(profile, slug, person, organisations, werkingen, netten, niveaus, projects)
        if existing is None:
            directory.add_child(instance=profile)
            profile.save_revision().publish()
        elif changed:
            profile.save_revision().publish()

    kobe = ProfilePage.objects.get(slug="kobe-vaes")
    if not Spotlight.objects.exists():
        Spotlight.objects.create(profile=kobe, starts_on=timezone.localdate())
