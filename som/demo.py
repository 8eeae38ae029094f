"""Demo content: the site's own texts from SOM's seeds (som/demo_seeds/, copied from the
project's shared seeds) and the facts in CONTENT.md. Every function is idempotent: it finds
what exists by slug and only creates what is missing.

Each app adds its own content in `<app>/demo.py`; `load_demo_content` runs them in order.
"""

from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.html import escape
from fpdf import FPDF
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.documents import get_document_model
from wagtail.models import Collection, Locale, Page, Site

from . import demo_statements
from .models import Fase, HomeLink, HomePage, Onderwijsnet, Onderwijsniveau, SiteSettings, Speerpunt, StandardPage

SEEDS = Path(__file__).resolve().parent / "demo_seeds"
HOME_SEED = SEEDS / "000_544fd7f6c096c3cb.txt"
NEWS_SEED = SEEDS / "001_d16bda1f8e7e40e3.txt"


def seed_paragraphs(path):
    return [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]


def home_paragraphs():
    """The first seven paragraphs of the home seed: who SOM is and the five werkingen."""
    return seed_paragraphs(HOME_SEED)[:7]


SPEERPUNTEN = [
    ("iedereen-aan-boord", "Iedereen aan boord", "Van kleuter- tot hoger en volwassenenonderwijs."),
    ("diversiteit-als-kracht", "Diversiteit als kracht", ""),
    ("welbevinden-en-betrokkenheid", "Welbevinden en betrokkenheid", "Van alle onderwijsactoren."),
]
FASEN = [("opstartfase", "Opstartfase", False), ("ontwerpfase", "Ontwerpfase", False), ("afgerond", "Afgerond", True)]
NIVEAUS = [
    ("kleuteronderwijs", "Kleuteronderwijs"),
    ("lager-onderwijs", "Lager onderwijs"),
    ("secundair-onderwijs", "Secundair onderwijs"),
    ("buitengewoon-onderwijs", "Buitengewoon onderwijs"),
    ("hoger-onderwijs", "Hoger onderwijs"),
    ("volwassenenonderwijs", "Volwassenenonderwijs"),
]
NETTEN = [
    ("go", "GO! onderwijs van de Vlaamse Gemeenschap", ""),
    ("officieel-gesubsidieerd", "Officieel gesubsidieerd onderwijs", "OVSG, POV"),
    ("vrij-gesubsidieerd", "Vrij gesubsidieerd onderwijs", "Katholiek Onderwijs Vlaanderen, OKO"),
]


def ensure_terms(model, rows):
    """Create the terms that are missing, in order; leave existing ones as editors left them."""
    terms = {}
    for order, (slug, name, *extra) in enumerate(rows):
        defaults = {"name": name, "sort_order": order}
        if model is Speerpunt or model is Onderwijsnet:
            defaults["description"] = extra[0]
        if model is Fase:
            defaults["is_final"] = extra[0]
        terms[slug], _ = model.objects.get_or_create(slug=slug, defaults=defaults)
    return terms


def ensure_page(parent, model, slug, **fields):
    """The child of `parent` with this slug, created and published when missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    m2m = {name: fields.pop(name) for name in list(fields) if model._meta.get_field(name).many_to_many}
    page = model(slug=slug, **fields)
    for name, values in m2m.items():
        getattr(page, name).set(values)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_home_link(home, page, label):
    """A button at the top of the home page to `page`, unless there is one already."""
    if not HomeLink.objects.filter(home=home, page=page).exists():
        HomeLink.objects.create(
            home=home, page=page, label=label, sort_order=HomeLink.objects.filter(home=home).count()
        )


def pdf_bytes(title, paragraphs):
    """A small PDF (a few KB) with a title and paragraphs: the demo's documents are made
    when it loads rather than kept in git."""
    pdf = FPDF()
    pdf.core_fonts_encoding = "windows-1252"  # Helvetica with “ ” ’ – — ë
    pdf.set_title(title)
    pdf.set_lang("nl-BE")
    pdf.set_creator("Samen Onderwijs Maken (demo)")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 18)
    pdf.multi_cell(0, 9, title, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Helvetica", size=11)
    for paragraph in paragraphs:
        pdf.multi_cell(0, 6, " ".join(paragraph.split()), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    return bytes(pdf.output())


def ensure_document(title, filename, paragraphs):
    """The document with this title, made as a PDF when missing (in the root collection:
    public, like every document an editor does not put in a private collection)."""
    model = get_document_model()
    document = model.objects.filter(title=title).first()
    if document is None:
        # Wagtail's migration makes the root collection; a flushed database (the browser tests'
        # live server) has lost it, and a document cannot be saved without one.
        if Collection.get_first_root_node() is None:
            Collection.add_root(name="Root")
        document = model(title=title, file=ContentFile(pdf_bytes(title, paragraphs), name=filename))
        document._set_document_file_metadata()  # size and hash, as an upload in the admin sets them
        document.save()
    return document


def ensure_documents_block(page, heading, documents):
    """A documents block at the end of the page's body, once: a page that has one (the
    demo's or an editor's) is left as it is."""
    if any(block.block_type == "documents" for block in page.body):
        return
    block = page.body.stream_block.child_blocks["documents"]
    page.body.append(("documents", block.to_python({"heading": heading, "documents": [d.pk for d in documents]})))
    page.save_revision().publish()


# The network's documents on the demo site: clearly marked examples with sentences from the seeds
# (the real charter is not among them).
CHARTER_DOCUMENT = "SOM-charter 2021 (voorbeeld)"
WERKING_DOCUMENT = "Zo werkt Samen Onderwijs Maken (voorbeeld)"


def charter_document():
    paragraphs = seed_paragraphs(NEWS_SEED)
    return ensure_document(
        CHARTER_DOCUMENT,
        "som-charter-2021-voorbeeld.pdf",
        [
            "Voorbeelddocument van de demosite: het charter dat de Leuvense onderwijspartners op "
            "29 september 2021 in STUK ondertekenden, samengevat met de woorden van SOM zelf.",
            next(p for p in paragraphs if p.startswith("Alle Leuvense scholen")),
            "Drie speerpunten: iedereen aan boord (van kleuter- tot hoger en volwassenenonderwijs), "
            "diversiteit als kracht, welbevinden en betrokkenheid (van alle onderwijsactoren).",
        ],
    )


def werking_document():
    return ensure_document(
        WERKING_DOCUMENT,
        "zo-werkt-som-voorbeeld.pdf",
        ["Voorbeelddocument van de demosite, met de tekst van SOM over zijn werking.", *home_paragraphs()],
    )


def paragraph_html(*paragraphs):

    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)


@transaction.atomic
def load_core(port=8000, hostname="localhost"):
    ensure_terms(Speerpunt, SPEERPUNTEN)
    ensure_terms(Fase, FASEN)
    ensure_terms(Onderwijsniveau, NIVEAUS)
    ensure_terms(Onderwijsnet, NETTEN)

    paragraphs = home_paragraphs()
    # A flushed database (transactional tests) has lost what Wagtail's migrations created.
    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
    home = HomePage.objects.first()
    if home is None:
        # Wagtail's installer leaves a "Welcome" page at the top; the SOM home page replaces it.
        for page in root.get_children().filter(slug="home"):
            if not isinstance(page.specific, HomePage):
                page.delete()
        root.refresh_from_db()
        home = HomePage(
            title="Samen Onderwijs Maken",
            slug="home",
            hero_title="Samen Onderwijs Maken",
            intro=paragraphs[0],
            about_title="Wie we zijn",
            about=paragraph_html(paragraphs[1]),
            seo_title="Samen Onderwijs Maken — het onderwijsnetwerk van Leuven",
            search_description=paragraphs[0],
        )
        root.add_child(instance=home)
        home.save_revision().publish()

    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname, site.port, site.root_page, site.site_name = hostname, port, home, "Samen Onderwijs Maken"
    site.save()

    site_settings = SiteSettings.for_site(site)
    if not site_settings.footer_text:
        site_settings.footer_text = (
            "Samen Onderwijs Maken verbindt stad Leuven en onderwijsmakers over netten en niveaus heen."
        )
        site_settings.save()

    about = ensure_page(
        home,
        StandardPage,
        "over-som",
        title="Over SOM",
        intro=paragraphs[0],
        body=[
            ("paragraph", paragraph_html(paragraphs[1])),
            ("paragraph", "<h2>Onze werking</h2>" + paragraph_html(*paragraphs[2:7])),
        ],
        show_in_menus=False,
    )
    ensure_documents_block(about, "Documenten", [charter_document(), werking_document()])
    # The privacy and accessibility statements, the contact details and the settings' links.
    demo_statements.load_statements(home, site)
    return home
