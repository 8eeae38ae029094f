"""Demo content: the organisations named in CONTENT.md and the seeds, with facts and places we
are sure of (an address or coordinates we are not sure of are left empty), and a few example
schools whose title ends in "(voorbeeld)" and whose intro says so. Idempotent: what exists (by
slug) is left as editors left it. Other apps find these by slug (werkingen' partners)."""

from som.demo import ensure_page, ensure_terms
from som.models import Onderwijsnet, Onderwijsniveau

from .models import OrganisatiesIndexPage, OrganisatieSoort, OrganisationPage

SOORTEN = [
    ("school", "School"),
    ("clb", "CLB"),
    ("academie", "Academie"),
    ("hoger-onderwijs", "Hoger onderwijs"),
    ("volwassenenonderwijs", "Volwassenenonderwijs"),
    ("stad", "Stad"),
    ("cultuur", "Cultuur"),
    ("partner", "Partner"),
]
SCHOOL_LEVELS = ["kleuteronderwijs", "lager-onderwijs", "secundair-onderwijs", "buitengewoon-onderwijs"]

# slug: fields. Coordinates only where we know the place, roughly (the stadskantoor by the station,
# the university's Oude Markt, STUK on the Naamsestraat); the rest is on the list without a marker.
ORGANISATIONS = {
    "stad-leuven": {
        "title": "Stad Leuven",
        "soort": "stad",
        "intro": "Met de steun van stad Leuven is SOM het onderwijsnetwerk van alle Leuvense onderwijspartners.",
        "other_names": "Dienst onderwijs stad Leuven\nStad Leuven dienst onderwijs",
        # The stadskantoor by the station, where the city's services (onderwijs too) are.
        "street_address": "Professor Van Overstraetenplein 1",
        "postal_code": "3000",
        "latitude": "50.880000",
        "longitude": "4.715000",
        "website": "https://leuven.be",
    },
    "ku-leuven": {
        "title": "KU Leuven",
        "soort": "hoger-onderwijs",
        "niveaus": ["hoger-onderwijs"],
        "other_names": "KULeuven\nKatholieke Universiteit Leuven",
        "street_address": "Oude Markt 13",
        "postal_code": "3000",
        "latitude": "50.877800",
        "longitude": "4.700000",
        "website": "https://www.kuleuven.be",
    },
    "ucll": {
        "title": "UCLL",
        "soort": "hoger-onderwijs",
        "niveaus": ["hoger-onderwijs"],
        "other_names": "UC Leuven-Limburg\nHogeschool UC Leuven-Limburg",
        "street_address": "Geldenaaksebaan 335",
        "postal_code": "3001",
        "website": "https://www.ucll.be",
    },
    "stuk": {
        "title": "STUK",
        "soort": "cultuur",
        "intro": "Kunstencentrum in Leuven. In 2021 ondertekenden de Leuvense onderwijspartners hier het SOM-charter.",
        "other_names": "STUK Kunstencentrum\nSTUK Leuven",
        "street_address": "Naamsestraat 96",
        "postal_code": "3000",
        "latitude": "50.873800",
        "longitude": "4.700600",
        "website": "https://www.stuk.be",
    },
    "vti-leuven": {
        "title": "VTI Leuven",
        "soort": "school",
        "net": "vrij-gesubsidieerd",
        "niveaus": ["secundair-onderwijs"],
        "intro": "Vrij Technisch Instituut. Hier vond SOM start 2023 plaats.",
        "other_names": "Vrij Technisch Instituut Leuven",
    },
    "high-tech-lab": {
        "title": "High Tech Lab",
        "soort": "partner",
        "other_names": "High Tech Lab Leuven",
    },
    "go-clb-leuven": {
        "title": "GO! CLB Leuven",
        "soort": "clb",
        "net": "go",
        "niveaus": SCHOOL_LEVELS,
        "intro": "Centrum voor leerlingenbegeleiding van het GO! onderwijs van de Vlaamse Gemeenschap.",
        "other_names": "GO! CLB Leuven-Tienen-Landen\nCLB GO! Leuven",
    },
    "vclb-leuven": {
        "title": "VCLB Leuven",
        "soort": "clb",
        "net": "vrij-gesubsidieerd",
        "niveaus": SCHOOL_LEVELS,
        "intro": "Vrij centrum voor leerlingenbegeleiding.",
        "other_names": "Vrij CLB Leuven",
    },
    "de-met-leuven": {"title": "De MET Leuven", "soort": "school", "other_names": "De MET"},
    "bednet": {
        "title": "Bednet",
        "soort": "partner",
        "intro": "Bednet zorgt ervoor dat langdurig zieke kinderen en jongeren van thuis uit de lessen in hun klas volgen.",
        "website": "https://www.bednet.be",
    },
}

EXAMPLE = "Voorbeeld: deze organisatie is verzonnen en toont hoe een {kind} in de lijst en op de kaart staat."
EXAMPLES = {
    "basisschool-de-linde-voorbeeld": {
        "title": "Basisschool De Linde (voorbeeld)",
        "soort": "school",
        "net": "officieel-gesubsidieerd",
        "niveaus": ["kleuteronderwijs", "lager-onderwijs"],
        "intro": EXAMPLE.format(kind="basisschool"),
        "street_address": "Voorbeeldstraat 1",
        "postal_code": "3010",
        "city": "Kessel-Lo",
        "latitude": "50.889000",
        "longitude": "4.724000",
    },
    "sint-voorbeeldcollege-voorbeeld": {
        "title": "Sint-Voorbeeldcollege (voorbeeld)",
        "soort": "school",
        "net": "vrij-gesubsidieerd",
        "niveaus": ["secundair-onderwijs"],
        "intro": EXAMPLE.format(kind="secundaire school"),
        "street_address": "Voorbeeldstraat 2",
        "postal_code": "3000",
        "latitude": "50.882000",
        "longitude": "4.708000",
    },
    "go-atheneum-voorbeeld": {
        "title": "GO! Atheneum Voorbeeld (voorbeeld)",
        "soort": "school",
        "net": "go",
        "niveaus": ["secundair-onderwijs", "buitengewoon-onderwijs"],
        "intro": EXAMPLE.format(kind="school van het GO!"),
        "street_address": "Voorbeeldstraat 3",
        "postal_code": "3001",
        "city": "Heverlee",
        "latitude": "50.864000",
        "longitude": "4.696000",
    },
    "academie-voorbeeld": {
        "title": "Academie Voorbeeld (voorbeeld)",
        "soort": "academie",
        "net": "officieel-gesubsidieerd",
        "intro": EXAMPLE.format(kind="academie"),
        "street_address": "Voorbeeldstraat 4",
        "postal_code": "3012",
        "city": "Wilsele",
        "latitude": "50.896000",
        "longitude": "4.699000",
    },
    "cvo-voorbeeld": {
        "title": "CVO Voorbeeld (voorbeeld)",
        "soort": "volwassenenonderwijs",
        "net": "officieel-gesubsidieerd",
        "niveaus": ["volwassenenonderwijs"],
        "intro": EXAMPLE.format(kind="centrum voor volwassenenonderwijs"),
        "street_address": "Voorbeeldstraat 5",
        "postal_code": "3000",
    },
}


def load(home):
    soorten = ensure_terms(OrganisatieSoort, SOORTEN)
    netten = {net.slug: net for net in Onderwijsnet.objects.all()}
    niveaus = {niveau.slug: niveau for niveau in Onderwijsniveau.objects.all()}
    directory = ensure_page(
        home,
        OrganisatiesIndexPage,
        "organisaties",
        title="Organisaties",
        intro="De scholen, CLB's, academies en partners van het Leuvense onderwijsnetwerk, over netten en niveaus heen.",
        show_in_menus=True,
    )
    for slug, fields in {**ORGANISATIONS, **EXAMPLES}.items():
        fields = dict(fields)
        fields["soort"] = soorten[fields["soort"]]
        if "net" in fields:
            fields["net"] = netten.get(fields["net"])
        fields["niveaus"] = [niveaus[s] for s in fields.get("niveaus", []) if s in niveaus]
        ensure_page(directory, OrganisationPage, slug, **fields)
