"""Demo content: the five werkingen (their seed sentences) and SOM's six projects."""

import datetime

from organisaties.models import OrganisationPage
from som.demo import ensure_home_link, ensure_page, home_paragraphs
from som.models import Fase, Speerpunt

from .models import ProjectPage, ProjectPartner, ProjectPhase, WerkingIndexPage, WerkingKind, WerkingPage

# In the order of the home seed; each werking's intro is its seed paragraph.
WERKINGEN = [
    (WerkingKind.SOM_PLUS, "SOM-plus", 2),
    (WerkingKind.SOM_RAAD, "SOM-raad", 3),
    (WerkingKind.COMMUNITY, "Community", 4),
    (WerkingKind.LABORATORIUM, "Laboratorium", 5),
    (WerkingKind.STUDIO, "Studio", 6),
]

PROJECTS = [
    # werking, slug, title, fase, date, question, intro, speerpunten
    (
        WerkingKind.LABORATORIUM,
        "labo-onderwijs-x-cultuur",
        "Labo onderwijs x cultuur",
        "opstartfase",
        datetime.date(2023, 6, 8),
        "Hoe kunnen we structureel bruggen slaan tussen onderwijs en cultuur?",
        "Bouw mee aan een toekomstlabo voor Europa. Ontdek de kracht van je verbeelding. Stel je voor!",
        [],
    ),
    (
        WerkingKind.STUDIO,
        "fti-by-and-x-som",
        "FTI by and& x SOM",
        "ontwerpfase",
        datetime.date(2023, 6, 13),
        "",
        "Flanders Technology & Innovation (FTI) is een initiatief van de Vlaamse overheid met als doel "
        "iedereen samen te brengen rond technologie en innovatie.",
        [],
    ),
    (
        WerkingKind.LABORATORIUM,
        "labo-zij-instromers",
        "Labo zij-instromers – Strijd mee tegen het lerarentekort",
        "opstartfase",
        datetime.date(2024, 2, 28),
        "",
        "",
        [],
    ),
    (
        WerkingKind.LABORATORIUM,
        "zerotolerantie-tegen-schooluitval",
        "Hoe kunnen we zerotolerantie tegen schooluitval waarmaken?",
        "afgerond",
        datetime.date(2020, 11, 3),
        "Hoe kunnen we zerotolerantie tegen schooluitval waarmaken?",
        "",
        ["iedereen-aan-boord"],
    ),
    (
        WerkingKind.LABORATORIUM,
        "kinderen-met-een-vluchtelingenachtergrond",
        "Hoe ondersteunen we kinderen met een vluchtelingenachtergrond?",
        "afgerond",
        datetime.date(2021, 10, 27),
        "Hoe ondersteunen we kinderen met een vluchtelingenachtergrond?",
        "Dit labo werd het permanente Steunteam Vluchtelingen.",
        [],
    ),
    (
        WerkingKind.STUDIO,
        "duurzame-onderwijskansen",
        "Duurzame onderwijskansen",
        "ontwerpfase",
        datetime.date(2023, 6, 1),
        "",
        "Dit project verhuisde van het Laboratorium naar de Studio.",
        [],
    ),
]

# Project → partners: an organisation from organisaties' demo (by slug) or a name in free text
# (the fallback a project page shows as text). Stad Leuven supports SOM and its labo's.
PARTNERS = {
    "labo-onderwijs-x-cultuur": ["stad-leuven", "stuk"],
    "labo-zij-instromers": ["stad-leuven", "ku-leuven", "ucll"],
    "fti-by-and-x-som": [("Flanders Technology & Innovation", "")],
}


def add_partners(project, partners):
    """Give a demo project its partners, once: a project that has partners is left as it is."""
    if project.partners.exists():
        return
    organisations = {
        page.slug: page
        for page in OrganisationPage.objects.filter(slug__in=[p for p in partners if isinstance(p, str)])
    }
    rows = []
    for partner in partners:
        if isinstance(partner, str):
            if partner in organisations:
                rows.append(ProjectPartner(organisation_page=organisations[partner]))
        else:
            rows.append(ProjectPartner(name=partner[0], url=partner[1]))
    if rows:
        project.partners = rows
        project.save_revision().publish()


def load(home):
    paragraphs = home_paragraphs()
    index = ensure_page(
        home,
        WerkingIndexPage,
        "werking",
        title="Werking",
        intro="SOM werkt via vijf werkingen. Ontdek ze hieronder, samen met alle labo's en projecten.",
        show_in_menus=True,
    )
    ensure_home_link(home, index, "Ontdek onze werking")
    werkingen = {}
    for kind, title, paragraph in WERKINGEN:
        werkingen[kind] = ensure_page(
            index,
            WerkingPage,
            kind.value,
            title=title,
            kind=kind.value,
            intro=paragraphs[paragraph],
            speerpunten=list(Speerpunt.objects.all()),
        )
    fasen = {fase.slug: fase for fase in Fase.objects.all()}
    speerpunten = {s.slug: s for s in Speerpunt.objects.all()}
    for kind, slug, title, fase, date, question, intro, speerpunt_slugs in PROJECTS:
        parent = werkingen[kind]
        if parent.get_children().filter(slug=slug).exists():
            continue
        project = ProjectPage(slug=slug, title=title, fase=fasen[fase], date=date, question=question, intro=intro)
        project.speerpunten.set([speerpunten[s] for s in speerpunt_slugs])
        if fase == "opstartfase":
            project.phase_history = [ProjectPhase(fase=fasen[fase], start_date=date)]
        parent.add_child(instance=project)
        project.save_revision().publish()
    for slug, partners in PARTNERS.items():
        project = ProjectPage.objects.filter(slug=slug).first()
        if project is not None:
            add_partners(project, partners)
