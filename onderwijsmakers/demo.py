"""Demo content: the onderwijsmakers named in CONTENT.md, with only the facts given there."""

from django.utils import timezone

from som.demo import ensure_page
from som.models import Onderwijsnet
from werkingen.models import WerkingPage

from .models import Membership, OnderwijsmakersIndexPage, ProfilePage, Spotlight

# slug, first name, family name, role, organisation, net slug, (werking, role in it)
PEOPLE = [
    ("kobe-vaes", "Kobe", "Vaes", "Coördinator High Tech Lab", "", None, None),
    ("annelies-somers", "Annelies", "Somers", "Directeur", "De MET Leuven", None, None),
    ("kristien-lacluyse", "Kristien", "Lacluyse", "Beleidsmedewerker", "Bednet", None, None),
    ("aron-de-hondt", "Aron", "De Hondt", "Beleidsadviseur", "Dienst onderwijs stad Leuven", None, None),
    ("georges-baeten", "Georges", "Baeten", "Gepensioneerd directeur", "GO! CLB Leuven-Tienen-Landen", "go", None),
    (
        "saskia-dekocker",
        "Saskia",
        "Dekocker",
        "Coördinerend directeur officieel onderwijs (GO! en provincie)",
        "",
        None,
        ("som-raad", "lid"),
    ),
    ("filip-eelen", "Filip", "Eelen", "Directeur", "VCLB Leuven", None, None),
    ("jan-elen", "Jan", "Elen", "Voorzitter", "Samen Onderwijs Maken", None, ("som-raad", "voorzitter")),
]


def load(home):
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
    netten = {net.slug: net for net in Onderwijsnet.objects.all()}
    werkingen = {w.kind: w for w in WerkingPage.objects.all()}
    for slug, first, family, role, organisation, net, membership in PEOPLE:
        if directory.get_children().filter(slug=slug).exists():
            continue
        profile = ProfilePage(
            slug=slug,
            title=f"{first} {family}",
            first_name=first,
            family_name=family,
            role=role,
            organisation=organisation,
            net=netten.get(net),
        )
        if membership:
            profile.memberships = [Membership(werking=werkingen[membership[0]], role=membership[1])]
        directory.add_child(instance=profile)
        profile.save_revision().publish()

    kobe = ProfilePage.objects.get(slug="kobe-vaes")
    if not Spotlight.objects.exists():
        Spotlight.objects.create(profile=kobe, starts_on=timezone.localdate())
