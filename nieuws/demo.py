"""Demo content: the charter-signing news item, its text taken once from the seed, the two
quotes as quote blocks, and the redirect from its address on SOM's old site (/storys/…).
A few clearly marked example items ("(voorbeeld)") show the filters and the home page."""

import datetime
import re

from django.utils.html import escape
from wagtail.contrib.redirects.models import Redirect

from kalender.models import EventPage
from onderwijsmakers.models import OnderwijsmakersIndexPage, ProfilePage
from som.demo import NEWS_SEED, charter_document, ensure_documents_block, ensure_page, paragraph_html, seed_paragraphs
from som.models import Speerpunt
from werkingen.models import ProjectPage, WerkingPage

from .models import NewsPage, NieuwsIndexPage

TITLE = "Leuvense onderwijsinstellingen maken ook volgende vijf jaar samen onderwijs"
SLUG = "volgende-vijf-jaar-samen-onderwijs"
OLD_PATH = "/storys/leuvense-onderwijsinstellingen-maken-ook-volgende-vijf-jaar-samen-onderwijs/"
# The charter signing in the calendar (kalender/demo.py), which the charter item is about.
CHARTER_EVENT = "som-start-door-ondertekening-som-charter"
# Stories of SOM's old site and their counterparts here: (old address, page type, slug). The
# "SOM start" stories announced the events; the interviews ("In gesprek met …") are the
# profiles, and no profile here is the Maakleerplek's, so that one goes to the directory.
STORY_REDIRECTS = [
    ("/storys/som-start-door/", EventPage, CHARTER_EVENT),
    ("/storys/som-start-2023/", EventPage, "som-start-2023"),
    ("/storys/in-gesprek-met-maakleerplek-leuven/", OnderwijsmakersIndexPage, "onderwijsmakers"),
]
QUOTE_PARTS = re.compile(r"“([^”]+)”")
URL = re.compile(r"(https://[^\s]+?)(\.?)$")
# Lines of the saved web page that are not part of the text.
PAGE_CHROME = {"top of page", "Anker 1", "bottom of page"}

# title, slug, date, intro, werking kinds, project slugs, tags
EXAMPLES = [
    (
        "Kick-off labo zij-instromers (voorbeeld)",
        "kick-off-labo-zij-instromers-voorbeeld",
        datetime.date(2024, 3, 20),
        "Op 16 april 2024 starten we het labo zij-instromers. Leuvense partners die mee willen "
        "experimenteren in het SOM-labo zijn welkom.",
        ["laboratorium"],
        ["labo-zij-instromers"],
        ["lerarentekort", "labo"],
    ),
    (
        "SOM start 2023 in VTI Leuven (voorbeeld)",
        "som-start-2023-voorbeeld",
        datetime.date(2023, 9, 1),
        "Op 29 september 2023 komen de Leuvense onderwijsmakers samen in VTI Leuven voor vier inspirerende talks.",
        [],
        [],
        ["SOM start"],
    ),
    (
        "Labo onderwijs x cultuur gaat van start (voorbeeld)",
        "labo-onderwijs-x-cultuur-voorbeeld",
        datetime.date(2023, 6, 8),
        "Hoe kunnen we structureel bruggen slaan tussen onderwijs en cultuur? Het Laboratorium zoekt het uit.",
        ["laboratorium"],
        ["labo-onderwijs-x-cultuur"],
        ["cultuur", "labo"],
    ),
]


def clean_lines(paragraph):
    return "\n".join(line for line in paragraph.splitlines() if line.strip() not in PAGE_CHROME).strip()


def charter_texts():
    """Intro, body paragraphs and quotes from the seed. The seed repeats its text; the copy
    after the date line is the complete one (it starts with the intro)."""
    paragraphs = [clean_lines(p) for p in seed_paragraphs(NEWS_SEED)]
    start = paragraphs.index("30 sep. 2021") + 1
    intro, *rest = [p for p in paragraphs[start:] if p]
    return intro, rest


def quote_text(paragraph):
    """The quoted words of a paragraph; when a speaker's words are split by "verduidelijkt …",
    the parts are joined as one quote with a full stop between sentences."""
    parts = [" ".join(part.split()) for part in QUOTE_PARTS.findall(paragraph)]
    text = ""
    for part in parts:
        if text and text[-1] not in ".!?":
            text += "."
        text = f"{text} {part}".strip()
    return text


def quote_block(paragraph, name, role):
    return ("quote", {"quote": quote_text(paragraph), "name": name, "role": role})


def linked_paragraph(paragraph):
    """A paragraph whose web address becomes a link."""
    match = URL.search(paragraph)
    if not match:
        return paragraph_html(paragraph)
    url, stop = match.groups()
    before = paragraph[: match.start()]
    return f'<p>{escape(before)}<a href="{escape(url)}">{escape(url)}</a>{escape(stop)}</p>'


def charter_body():
    intro, rest = charter_texts()
    body = [("paragraph", paragraph_html(rest[0]))]
    body.append(quote_block(rest[1], "Lalynn Wadera", "schepen van onderwijs"))
    body.append(quote_block(rest[2], "Jan Elen", "voorzitter van SOM"))
    body.append(("paragraph", paragraph_html(*rest[3:-1]) + linked_paragraph(rest[-1])))
    return intro, body


def ensure_redirect(old_path, page):
    """A permanent redirect from an old address to a page (it follows the page when it moves)."""
    path = Redirect.normalise_path(old_path)
    if not Redirect.objects.filter(old_path=path).exists():
        Redirect.objects.create(old_path=path, redirect_page=page, is_permanent=True)


def link_charter_event(charter):
    """The charter item names the charter signing (the event page lists it in return), once."""
    event = EventPage.objects.filter(slug=CHARTER_EVENT).first()
    if event is not None and event.pk not in {linked.pk for linked in charter.events.all()}:
        charter.events.add(event)
        charter.save_revision().publish()


def load(home):
    index = ensure_page(
        home,
        NieuwsIndexPage,
        "nieuws",
        title="Nieuws",
        intro="Nieuws uit het Leuvense onderwijsnetwerk.",
        show_in_menus=True,
    )
    intro, body = charter_body()
    charter = index.get_children().filter(slug=SLUG).first()
    if charter is None:
        charter = ensure_page(
            index,
            NewsPage,
            SLUG,
            title=TITLE,
            date=datetime.date(2021, 9, 30),
            intro=intro,
            body=body,
            speerpunten=list(Speerpunt.objects.all()),
            people=list(ProfilePage.objects.filter(slug="jan-elen")),
        )
        charter.tags.add("SOM-charter", "SOM start")
        charter.save_revision().publish()
    else:
        charter = charter.specific
        if "bottom of page" in str(charter.body.raw_data):
            # Repair a demo site built before the seed's page chrome was filtered out.
            charter.body = body
            charter.save_revision().publish()
    ensure_redirect(OLD_PATH, charter)
    ensure_documents_block(charter, "Documenten", [charter_document()])
    link_charter_event(charter)
    for old_path, model, slug in STORY_REDIRECTS:
        page = model.objects.filter(slug=slug).first()
        if page is not None:
            ensure_redirect(old_path, page)

    for title, slug, date, text, kinds, projects, tags in EXAMPLES:
        if index.get_children().filter(slug=slug).exists():
            continue
        item = ensure_page(
            index,
            NewsPage,
            slug,
            title=title,
            date=date,
            intro=text,
            werkingen=list(WerkingPage.objects.filter(kind__in=kinds)),
            projects=list(ProjectPage.objects.filter(slug__in=projects)),
        )
        item.tags.add(*tags)
        item.save_revision().publish()
