"""Generated content at the size of a large network, to measure the site (the kernel's part of
`manage.py generate_bulk_content`; each app generates its own pages in `<app>/bulk.py` and
declares it as som.plugins.BulkContent).

Everything generated is marked: slugs start with "gen-", titles end in "(gegenereerd)", images
are titled "Gegenereerde afbeelding …". Pages are created live without revisions (an editor's
first save makes one) and the search index is rebuilt once at the end instead of page by page.
"""

import datetime
import io
import time

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw
from wagtail.models import Page

from .models import Fase, Onderwijsnet, Onderwijsniveau, SomImage, Speerpunt

PREFIX = "gen-"
MARK = " (gegenereerd)"
IMAGE_TITLE = "Gegenereerde afbeelding"
CHUNK = 200  # pages per transaction
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
    and what earlier apps made (`made["projects"]` …), in the order of INSTALLED_APPS."""

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

    def add_children(self, parent, pages, label, after_each=None):
        """Add live pages under `parent` in chunks; Wagtail computes paths and URLs."""
        progress = Progress(label, len(pages), self.out)
        now = timezone.now()
        created = []
        for chunk_start in range(0, len(pages), CHUNK):
            with transaction.atomic():
                parent = Page.objects.get(pk=parent.pk)  # fresh numchild for treebeard
                for page in pages[chunk_start : chunk_start + CHUNK]:
                    page.live, page.first_published_at, page.last_published_at = True, now, now
                    parent.add_child(instance=page)
                    if after_each:
                        after_each(page)
                    created.append(page)
                    progress.step()
        return created

    def bulk_m2m(self, through, left, right, pages, choices):
        rows = [through(**{left: page.pk, right: choice.pk}) for page in pages for choice in self.pick(choices)]
        through.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)


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
    # Deepest first, through Wagtail (keeps the tree and the search index right).
    for page in pages.order_by("-depth", "path").iterator(chunk_size=500):
        if Page.objects.filter(pk=page.pk).exists():
            page.delete()
    images = SomImage.objects.filter(title__startswith=IMAGE_TITLE)
    image_count = images.count()
    for image in images:
        image.delete()
    return count, image_count
