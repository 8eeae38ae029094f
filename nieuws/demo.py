"""Demo content: the charter-signing news item, its text taken once from the seed, the two
quotes as quote blocks."""

import datetime
import re

from som.demo import NEWS_SEED, ensure_page, paragraph_html, seed_paragraphs
from som.models import Speerpunt

from .models import NewsPage, NieuwsIndexPage

TITLE = "Leuvense onderwijsinstellingen maken ook volgende vijf jaar samen onderwijs"
QUOTE_PARTS = re.compile(r"“([^”]+)”")


def charter_texts():
    """Intro, body paragraphs and quotes from the seed. The seed repeats its text; the copy
    after the date line is the complete one (it starts with the intro)."""
    paragraphs = seed_paragraphs(NEWS_SEED)
    start = paragraphs.index("30 sep. 2021") + 1
    intro, *rest = paragraphs[start:]
    rest = [p for p in rest if p not in {"Anker 1", "bottom of page"}]
    return intro, rest


def quote_block(paragraph, name, role):
    text = " ".join(" ".join(part.split()) for part in QUOTE_PARTS.findall(paragraph))
    return ("quote", {"quote": text, "name": name, "role": role})


def load(home):
    index = ensure_page(
        home,
        NieuwsIndexPage,
        "nieuws",
        title="Nieuws",
        intro="Nieuws uit het Leuvense onderwijsnetwerk.",
        show_in_menus=True,
    )
    if index.get_children().filter(slug="volgende-vijf-jaar-samen-onderwijs").exists():
        return
    intro, rest = charter_texts()
    body = [("paragraph", paragraph_html(rest[0]))]
    body.append(quote_block(rest[1], "Lalynn Wadera", "schepen van onderwijs"))
    body.append(quote_block(rest[2], "Jan Elen", "voorzitter van SOM"))
    body.append(("paragraph", paragraph_html(*rest[3:])))
    from onderwijsmakers.models import ProfilePage

    ensure_page(
        index,
        NewsPage,
        "volgende-vijf-jaar-samen-onderwijs",
        title=TITLE,
        date=datetime.date(2021, 9, 30),
        intro=intro,
        body=body,
        speerpunten=list(Speerpunt.objects.all()),
        people=list(ProfilePage.objects.filter(slug="jan-elen")),
    )
