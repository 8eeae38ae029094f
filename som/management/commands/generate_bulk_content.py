"""Generated content at the size of a large network, to measure the site:

    python manage.py generate_bulk_content --projects 2000 --events 5000 --people 1000 --news 2000
    python manage.py generate_bulk_content --delete

Everything it makes is marked: slugs start with "gen-", titles end in "(gegenereerd)", images
are titled "Gegenereerde afbeelding …". `--delete` removes exactly that. Pages are created live
without revisions (an editor's first save makes one) and the search index is rebuilt once at
the end instead of page by page, which keeps 10,000 pages well within a few minutes.
"""

import datetime
import io
import random
import sys
import time

from django.conf import settings
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from wagtail.models import Page

from kalender.models import EventPage, EventSoort, KalenderPage
from nieuws.models import NewsPage, NieuwsIndexPage
from onderwijsmakers.models import Membership, OnderwijsmakersIndexPage, ProfilePage, ProjectRole
from som.models import Fase, Onderwijsnet, Onderwijsniveau, SomImage, Speerpunt
from werkingen.models import ProjectPage, WerkingPage

PREFIX = "gen-"
MARK = " (gegenereerd)"
IMAGE_TITLE = "Gegenereerde afbeelding"
FIRST_NAMES = ["An", "Bram", "Charlotte", "Dries", "Elif", "Fatima", "Gert", "Hanne", "Ilse", "Jonas", "Karim", "Lotte",
               "Mohamed", "Nele", "Olivier", "Pieter", "Rania", "Sofie", "Tom", "Yasmine"]
FAMILY_NAMES = ["Peeters", "Janssens", "Maes", "Jacobs", "Willems", "Claes", "Goossens", "Wouters", "De Smet",
                "Vermeulen", "Van den Broeck", "Aerts", "El Amrani", "Yilmaz", "Dubois", "Hermans"]
ROLES = ["Leerkracht", "Directeur", "Zorgcoördinator", "CLB-medewerker", "Beleidsmedewerker", "Pedagogisch begeleider"]
SCHOOLS = ["Basisschool De Kleine Wereld", "Sint-Pieterscollege", "GO! Atheneum Leuven", "CLB Leuven", "UCLL", "CVO Leuven"]
TOPICS = ["leesplezier", "STEM", "welbevinden", "meertaligheid", "schooluitval", "ouderbetrokkenheid", "burgerschap",
          "digitale geletterdheid", "cultuureducatie", "inclusie", "buitenspelen", "taalbeleid"]


class Progress:
    def __init__(self, label, total, out):
        self.label, self.total, self.out, self.done, self.started = label, max(total, 1), out, 0, time.monotonic()

    def step(self, n=1):
        self.done += n
        if self.done == self.total or self.done % max(self.total // 50, 1) == 0:
            filled = int(30 * self.done / self.total)
            self.out.write(f"\r{self.label:<16} [{'#' * filled}{'.' * (30 - filled)}] {self.done}/{self.total}"
                           f"  {time.monotonic() - self.started:5.1f}s")
            self.out.flush()
        if self.done == self.total:
            self.out.write("\n")


class Command(BaseCommand):
    help = "Maakt gegenereerde inhoud om de site op schaal te meten (of verwijdert ze met --delete)."

    def add_arguments(self, parser):
        parser.add_argument("--projects", type=int, default=0)
        parser.add_argument("--events", type=int, default=0)
        parser.add_argument("--people", type=int, default=0)
        parser.add_argument("--news", type=int, default=0)
        parser.add_argument("--images", type=int, default=12)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--delete", action="store_true", help="Verwijder alle gegenereerde inhoud.")

    def handle(self, *args, **options):
        if options["delete"]:
            self.delete()
            return
        self.rng = random.Random(options["seed"])
        self.out = sys.stdout if options.get("verbosity", 1) else open("/dev/null", "w")  # noqa: SIM115
        started = time.monotonic()
        backends = {name: {**conf, "AUTO_UPDATE": False} for name, conf in settings.WAGTAILSEARCH_BACKENDS.items()}
        with override_settings(WAGTAILSEARCH_BACKENDS=backends):
            self.load_taxonomy()
            images = self.make_images(options["images"]) if any(options[k] for k in ("projects", "people", "news")) else []
            projects = self.make_projects(options["projects"], images)
            self.make_events(options["events"], projects)
            self.make_people(options["people"], projects, images)
            self.make_news(options["news"], projects, images)
        if any(options[k] for k in ("projects", "events", "people", "news")):
            self.out.write("Zoekindex bijwerken …\n")
            call_command("update_index", verbosity=0)
        self.stdout.write(self.style.SUCCESS(f"Klaar in {time.monotonic() - started:.0f} s."))

    # -- helpers ---------------------------------------------------------------------------

    def load_taxonomy(self):
        self.werkingen = list(WerkingPage.objects.order_by("path"))
        self.fasen = list(Fase.objects.all())
        self.speerpunten = list(Speerpunt.objects.all())
        self.niveaus = list(Onderwijsniveau.objects.all())
        self.netten = list(Onderwijsnet.objects.all())
        self.soorten = list(EventSoort.objects.all())
        if not (self.werkingen and self.fasen):
            raise SystemExit("Laad eerst de demo-inhoud: python manage.py load_demo_content")

    def pick(self, items, k_max=2):
        return self.rng.sample(items, self.rng.randint(0, min(k_max, len(items)))) if items else []

    def some_date(self, past_days=2000, future_days=400):
        return timezone.localdate() + datetime.timedelta(days=self.rng.randint(-past_days, future_days))

    def add_children(self, parent, pages, label, after_each=None):
        """Add live pages under parent; Wagtail computes paths and URLs."""
        progress = Progress(label, len(pages), self.out)
        now = timezone.now()
        created = []
        for chunk_start in range(0, len(pages), 200):
            with transaction.atomic():
                parent = Page.objects.get(pk=parent.pk)  # fresh numchild for treebeard
                for page in pages[chunk_start:chunk_start + 200]:
                    page.live, page.first_published_at, page.last_published_at = True, now, now
                    parent.add_child(instance=page)
                    if after_each:
                        after_each(page)
                    created.append(page)
                    progress.step()
        return created

    def make_images(self, count):
        from PIL import Image, ImageDraw

        existing = list(SomImage.objects.filter(title__startswith=IMAGE_TITLE))
        palette = ["#0b5c6b", "#e8a33d", "#c4513a", "#4e7d3a", "#073f4a", "#6b4306"]
        for i in range(len(existing), count):
            picture = Image.new("RGB", (1600, 900), palette[i % len(palette)])
            draw = ImageDraw.Draw(picture)
            for j in range(6):
                x, y, r = self.rng.randint(0, 1600), self.rng.randint(0, 900), self.rng.randint(60, 320)
                draw.ellipse((x - r, y - r, x + r, y + r), fill=palette[(i + j + 1) % len(palette)])
            buffer = io.BytesIO()
            picture.save(buffer, "PNG")
            image = SomImage(title=f"{IMAGE_TITLE} {i + 1}", description="Gegenereerde afbeelding met gekleurde cirkels",
                             credit="Gegenereerd")
            image.file = ImageFile(buffer, name=f"gegenereerd-{i + 1}.png")
            image.save()
            existing.append(image)
        return existing

    def make_projects(self, count, images):
        if not count:
            return list(ProjectPage.objects.filter(slug__startswith=PREFIX))
        created = []
        per_werking = {w.pk: [] for w in self.werkingen}
        for i in range(count):
            topic = self.rng.choice(TOPICS)
            werking = self.werkingen[i % len(self.werkingen)]
            per_werking[werking.pk].append(ProjectPage(
                title=f"Labo {topic} {i + 1}{MARK}", slug=f"{PREFIX}project-{i + 1}",
                question=f"Hoe kunnen we {topic} in Leuven samen versterken?",
                intro=f"Een gegenereerd project over {topic}.", date=self.some_date(future_days=60),
                fase=self.rng.choice(self.fasen), image=self.rng.choice(images) if images and i % 3 == 0 else None,
            ))
        for werking in self.werkingen:
            created += self.add_children(werking, per_werking[werking.pk], f"Projecten {werking.title}")
        self.bulk_m2m(ProjectPage.speerpunten.through, "projectpage_id", "speerpunt_id", created, self.speerpunten)
        self.bulk_m2m(ProjectPage.niveaus.through, "projectpage_id", "onderwijsniveau_id", created, self.niveaus)
        return created

    def bulk_m2m(self, through, left, right, pages, choices):
        rows = [through(**{left: page.pk, right: choice.pk}) for page in pages for choice in self.pick(choices)]
        through.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)

    def make_events(self, count, projects):
        if not count:
            return
        calendar = KalenderPage.objects.get()
        pages = []
        for i in range(count):
            day = self.some_date(past_days=900, future_days=365)
            start = datetime.datetime.combine(day, datetime.time(self.rng.choice([9, 13, 16, 19])), tzinfo=timezone.get_current_timezone())
            multi_day = i % 40 == 0
            project = self.rng.choice(projects) if projects and i % 4 == 0 else None
            pages.append(EventPage(
                title=f"{self.rng.choice(['Netwerkmoment', 'Workshop', 'Infosessie', 'Labo-sessie'])} {self.rng.choice(TOPICS)} {i + 1}{MARK}",
                slug=f"{PREFIX}activiteit-{i + 1}", start=start,
                end=start + (datetime.timedelta(days=2) if multi_day else datetime.timedelta(hours=2)), all_day=multi_day,
                location_name=self.rng.choice(SCHOOLS), audience="Leuvense onderwijsmakers",
                werking=self.rng.choice(self.werkingen), project=project,
                soort=self.rng.choice(self.soorten) if self.soorten else None,
                status=self.rng.choices(["gepland", "volzet", "geannuleerd"], [90, 6, 4])[0],
                intro="Een gegenereerde activiteit.",
            ))
        created = self.add_children(calendar, pages, "Activiteiten")
        self.bulk_m2m(EventPage.niveaus.through, "eventpage_id", "onderwijsniveau_id", created, self.niveaus)
        self.bulk_m2m(EventPage.speerpunten.through, "eventpage_id", "speerpunt_id", created, self.speerpunten)

    def make_people(self, count, projects, images):
        if not count:
            return
        directory = OnderwijsmakersIndexPage.objects.get()
        pages = []
        for i in range(count):
            first, family = self.rng.choice(FIRST_NAMES), self.rng.choice(FAMILY_NAMES)
            pages.append(ProfilePage(
                title=f"{first} {family} {i + 1}{MARK}", slug=f"{PREFIX}onderwijsmaker-{i + 1}", first_name=first,
                family_name=f"{family} {i + 1}", role=self.rng.choice(ROLES), organisation=self.rng.choice(SCHOOLS),
                expertise=f"{self.rng.choice(TOPICS).capitalize()} en {self.rng.choice(TOPICS)}",
                net=self.rng.choice(self.netten) if self.netten else None,
                photo=self.rng.choice(images) if images and i % 4 == 0 else None,
            ))
        created = self.add_children(directory, pages, "Onderwijsmakers")
        self.bulk_m2m(ProfilePage.niveaus.through, "profilepage_id", "onderwijsniveau_id", created, self.niveaus)
        Membership.objects.bulk_create(
            [Membership(profile_id=p.pk, werking=self.rng.choice(self.werkingen), role=self.rng.choice(["lid", "kerngroep"]))
             for p in created if self.rng.random() < 0.5], batch_size=2000)
        if projects:
            ProjectRole.objects.bulk_create(
                [ProjectRole(profile_id=p.pk, project=self.rng.choice(projects), kind=self.rng.choice(["contact", "team"]))
                 for p in created if self.rng.random() < 0.4], batch_size=2000)

    def make_news(self, count, projects, images):
        if not count:
            return
        index = NieuwsIndexPage.objects.get()
        pages = [
            NewsPage(title=f"Nieuws over {self.rng.choice(TOPICS)} {i + 1}{MARK}", slug=f"{PREFIX}nieuws-{i + 1}",
                     date=self.some_date(past_days=1800, future_days=0), intro="Een gegenereerd nieuwsbericht.",
                     image=self.rng.choice(images) if images and i % 2 == 0 else None)
            for i in range(count)
        ]
        created = self.add_children(index, pages, "Nieuws")
        self.bulk_m2m(NewsPage.werkingen.through, "newspage_id", "werkingpage_id", created, self.werkingen)
        if projects:
            self.bulk_m2m(NewsPage.projects.through, "newspage_id", "projectpage_id", created, projects[:200])

    def delete(self):
        pages = Page.objects.filter(slug__startswith=PREFIX, depth__gt=2)
        count = pages.count()
        # Delete deepest first, in batches, through Wagtail (keeps the tree and the index right).
        for page in pages.order_by("-depth", "path").iterator(chunk_size=500):
            Page.objects.filter(pk=page.pk).first() and page.delete()
        images = SomImage.objects.filter(title__startswith=IMAGE_TITLE)
        image_count = images.count()
        for image in images:
            image.delete()
        self.stdout.write(self.style.SUCCESS(f"{count} gegenereerde pagina's en {image_count} afbeeldingen verwijderd."))
