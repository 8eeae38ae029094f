"""Generated content at the size of a large network, to measure the site (the kernel's part of
`manage.py generate_bulk_content`; each app generates its own pages in `<app>/bulk.py` and
declares it as som.plugins.BulkContent).

Everything generated is marked: slugs start with "gen-", titles end in "(gegenereerd)", images
are titled "Gegenereerde afbeelding …". Pages are created live without revisions (an editor's
first save makes one) and the search index is rebuilt once at the end instead of page by page.

Ten times today's size is 100,000 pages. Wagtail's `add_child` costs about 20 queries a page
(the tree, full_clean, the audit log, the reference index): 6 pages a second on this machine,
hours for that size. `add_children` therefore writes a chunk of pages in two statements, as
`add_child` would leave them: the tree path after the parent's last child, depth, url_path,
locale, translation key, live and published dates. It uses only public APIs (bulk_create for the
page rows, the model's `_meta` fields and a cursor for its own table, which bulk_create refuses for
multi-table models); tests/test_bulk.py checks the tree with treebeard's find_problems() and that
every generated page answers at its address.
"""

import datetime
import io
import itertools
import time
import uuid

from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from PIL import Image, ImageDraw
from wagtail.models import Page

from .models import Fase, Onderwijsnet, Onderwijsniveau, SomImage, Speerpunt

PREFIX = "gen-"
MARK = " (gegenereerd)"
IMAGE_TITLE = "Gegenereerde afbeelding"
TOPICS = [
    "leesplezier",
    "STEM",
    "welbevinden",
    "meertaligheid",
    "schooluitval",
    "ouderbetrokkenheid",
    "burgerschap",
    "digitale geletterdheid",
    "cultuureducatie",
    "inclusie",
    "buitenspelen",
    "taalbeleid",
]
SCHOOLS = [
    "Basisschool De Kleine Wereld",
    "Sint-Pieterscollege",
    "GO! Atheneum Leuven",
    "CLB Leuven",
    "UCLL",
    "CVO Leuven",
]


class Progress:
    def __init__(self, label, total, out):
        self.label, self.total, self.out, self.done, self.started = label, max(total, 1), out, 0, time.monotonic()

    def step(self, n=1):
        self.done += n
        if self.done == self.total or self.done % max(self.total // 50, 1) == 0:
            filled = int(30 * self.done / self.total)
            self.out.write(
                f"\r{self.label:<16} [{'#' * filled}{'.' * (30 - filled)}] {self.done}/{self.total}"
                f"  {time.monotonic() - self.started:5.1f}s"
            )
            self.out.flush()
        if self.done == self.total:
            self.out.write("\n")


class BulkRun:
    """What the apps' generators share in one run: the random source, the taxonomy, images,
    and the ids of what earlier apps made (`made["projects"]` …), in the order of INSTALLED_APPS."""

    def __init__(self, rng, out, image_count):
        self.rng, self.out = rng, out
        self.fasen = list(Fase.objects.all())
        self.speerpunten = list(Speerpunt.objects.all())
        self.niveaus = list(Onderwijsniveau.objects.all())
        self.netten = list(Onderwijsnet.objects.all())
        self.image_count = image_count
        self._images = None
        self.made = {}

    @property
    def images(self):
        if self._images is None:
            self._images = make_images(self.image_count, self.rng)
        return self._images

    def pick(self, items, k_max=2):
        return self.rng.sample(items, self.rng.randint(0, min(k_max, len(items)))) if items else []

    def some_date(self, past_days=2000, future_days=400):
        return timezone.localdate() + datetime.timedelta(days=self.rng.randint(-past_days, future_days))

    def add_children(self, parent, pages, label, total, then=None):
        """Add the unsaved pages (of one page type) that the iterable `pages` yields live under
        `parent`, a chunk per transaction, holding one chunk at a time: `then(chunk)` runs on each
        saved chunk (the pages have their pk) for what links to them. Returns the new pages' ids,
        so that a run at any size keeps ints, not pages, in memory."""
        progress = Progress(label, total, self.out)
        parent = Page.objects.get(pk=parent.pk)
        next_position = _last_child_position(parent) + 1
        now = timezone.now()
        ids, pages = [], iter(pages)
        while chunk := list(itertools.islice(pages, BULK_CHUNK)):
            if not ids and Page.objects.child_of(parent).filter(slug=chunk[0].slug).exists():
                raise SystemExit(f"Er is al gegenereerde inhoud onder {parent.title}: eerst --delete.")
            for offset, page in enumerate(chunk):
                _place(page, parent, next_position + len(ids) + offset, now)
            with transaction.atomic():
                _insert_pages(chunk)
                Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(chunk))
                if then:
                    then(chunk)
            ids += [page.pk for page in chunk]
            progress.step(len(chunk))
        return ids

    def bulk_m2m(self, through, left, right, rows, choice_ids):
        """Link each of `rows` (saved, with a pk) to a few of `choice_ids` at random."""
        links = [through(**{left: row.pk, right: choice}) for row in rows for choice in self.pick(choice_ids)]
        through.objects.bulk_create(links, batch_size=2000, ignore_conflicts=True)


def ids(objects):
    return [obj.pk for obj in objects]


BULK_CHUNK = 1000  # pages per transaction


def _last_child_position(parent):
    """The step number of `parent`'s last child in the materialised path (0 without children)."""
    last = Page.objects.child_of(parent).order_by("-path").values_list("path", flat=True).first()
    return int(last[-Page.steplen :], len(Page.alphabet)) if last else 0


def _step(position):
    """Treebeard's path step for a position: base 36 in Page.alphabet, Page.steplen wide."""
    digits = ""
    while position:
        position, digit = divmod(position, len(Page.alphabet))
        digits = Page.alphabet[digit] + digits
    if len(digits) > Page.steplen:
        raise SystemExit("Te veel pagina's onder één ouder voor het pad van de boom.")
    return digits.rjust(Page.steplen, Page.alphabet[0])


def _place(page, parent, position, now):
    """What add_child and a first publication would set on a new live child of `parent`."""
    page.path = parent.path + _step(position)
    page.depth = parent.depth + 1
    page.numchild = 0
    page.url_path = f"{parent.url_path}{page.slug}/"
    page.locale_id = parent.locale_id
    page.translation_key = uuid.uuid4()
    page.draft_title = page.title
    page.content_type = ContentType.objects.get_for_model(page)
    page.live, page.has_unpublished_changes = True, False
    page.first_published_at = page.last_published_at = now


def _insert_pages(pages):
    """Insert pages of one specific type: their wagtailcore_page rows with bulk_create (which
    gives the ids), then the rows of the page type's own table with those ids."""
    model = type(pages[0])
    base_fields = [field.attname for field in Page._meta.concrete_fields if not field.primary_key]
    rows = Page.objects.bulk_create([Page(**{name: getattr(page, name) for name in base_fields}) for page in pages])
    for page, row in zip(pages, rows):
        page.pk = page.id = row.pk
        page.page_ptr_id = row.pk
    fields = model._meta.local_concrete_fields
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(field.column) for field in fields),
        ", ".join(["%s"] * len(fields)),
    )
    values = [[field.get_db_prep_save(field.pre_save(page, True), connection) for field in fields] for page in pages]
    with connection.cursor() as cursor:
        cursor.executemany(sql, values)
    for page in pages:
        page._state.adding = False


def make_images(count, rng):

    existing = list(SomImage.objects.filter(title__startswith=IMAGE_TITLE))
    palette = ["#0b5c6b", "#e8a33d", "#c4513a", "#4e7d3a", "#073f4a", "#6b4306"]
    for i in range(len(existing), count):
        picture = Image.new("RGB", (1600, 900), palette[i % len(palette)])
        draw = ImageDraw.Draw(picture)
        for j in range(6):
            x, y, r = rng.randint(0, 1600), rng.randint(0, 900), rng.randint(60, 320)
            draw.ellipse((x - r, y - r, x + r, y + r), fill=palette[(i + j + 1) % len(palette)])
        buffer = io.BytesIO()
        picture.save(buffer, "PNG")
        image = SomImage(
            title=f"{IMAGE_TITLE} {i + 1}",
            description="Gegenereerde afbeelding met gekleurde cirkels",
            credit="Gegenereerd",
        )
        image.file = ImageFile(buffer, name=f"gegenereerd-{i + 1}.png")
        image.save()
        existing.append(image)
    return existing


def delete_generated(out):
    """Remove every generated page and image; returns (pages, images) removed."""
    pages = Page.objects.filter(slug__startswith=PREFIX, depth__gt=2)
    count = pages.count()
    # In batches through treebeard's queryset delete (which keeps the parents' numchild right)
    # and Django's collector (the pages' own tables, their inlines and links); generated pages
    # have no children of their own.
    progress = Progress("Verwijderen", count, out)
    while batch := list(pages.order_by("-depth", "path").values_list("pk", flat=True)[:BULK_CHUNK]):
        with transaction.atomic():
            Page.objects.filter(pk__in=batch).delete()
        progress.step(len(batch))
    images = SomImage.objects.filter(title__startswith=IMAGE_TITLE)
    image_count = images.count()
    for image in images:
        image.delete()
    return count, image_count
