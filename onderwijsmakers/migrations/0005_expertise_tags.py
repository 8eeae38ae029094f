"""Expertise becomes tags editors pick (ExpertiseTag, through ProfileExpertise); the free text
"Waarvoor mag je mij contacteren?" stays, as `contact_about`.

Existing data: the text keeps its place (renamed field, and the same key in every revision, so
drafts keep it too). Lines of it that name one topic ("STEM in de klas", the way the old help text
asked for "expertise en onderwerpen") also become tags, on the page and its latest revision;
sentences stay text only."""

import re

import django.db.models.deletion
import modelcluster.contrib.taggit
import modelcluster.fields
from django.db import migrations, models
from django.utils.text import slugify

# A line is a topic when it is short and not a sentence.
MAX_TOPIC_LENGTH = 50
MAX_TOPICS = 8


def topics(text):
    found = []
    for line in re.split(r"[\n;]+", text or ""):
        line = line.strip(" \t-•*·,")
        if not line or len(line) > MAX_TOPIC_LENGTH or line.endswith((".", "!", "?", ":")):
            continue
        topic = line[0].upper() + line[1:]
        if topic.lower() not in {t.lower() for t in found}:
            found.append(topic)
    return found[:MAX_TOPICS]


def unique_slug(ExpertiseTag, name):
    base = slugify(name, allow_unicode=True)[:90] or "expertise"
    slug, n = base, 1
    while ExpertiseTag.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def forwards(apps, schema_editor):
    ProfilePage = apps.get_model("onderwijsmakers", "ProfilePage")
    ExpertiseTag = apps.get_model("onderwijsmakers", "ExpertiseTag")
    ProfileExpertise = apps.get_model("onderwijsmakers", "ProfileExpertise")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")

    content_type = ContentType.objects.filter(app_label="onderwijsmakers", model="profilepage").first()
    revisions = Revision.objects.none()
    if content_type is not None:
        revisions = Revision.objects.filter(content_type=content_type)
    for revision in revisions.iterator():
        content = revision.content
        if "expertise" in content and not isinstance(content["expertise"], list):
            content["contact_about"] = content.pop("expertise") or ""
            revision.save(update_fields=["content"])

    for profile in ProfilePage.objects.exclude(contact_about=""):
        tags = []
        for name in topics(profile.contact_about):
            tag = ExpertiseTag.objects.filter(name__iexact=name).first()
            if tag is None:
                tag = ExpertiseTag.objects.create(name=name, slug=unique_slug(ExpertiseTag, name))
            tags.append(tag)
        if not tags:
            continue
        links = [ProfileExpertise.objects.get_or_create(content_object_id=profile.pk, tag=tag)[0] for tag in tags]
        ProfilePage.objects.filter(pk=profile.pk).update(expertise_names=", ".join(tag.name for tag in tags))
        latest = Revision.objects.filter(pk=profile.latest_revision_id).first()
        if latest is not None:
            latest.content["tagged_expertise"] = [
                {"pk": link.pk, "tag": link.tag_id, "content_object": profile.pk} for link in links
            ]
            latest.content["expertise_names"] = ", ".join(tag.name for tag in tags)
            latest.save(update_fields=["content"])


def backwards(apps, schema_editor):
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type = ContentType.objects.filter(app_label="onderwijsmakers", model="profilepage").first()
    if content_type is None:
        return
    for revision in Revision.objects.filter(content_type=content_type).iterator():
        content = revision.content
        if "contact_about" in content:
            content["expertise"] = content.pop("contact_about")
            content.pop("tagged_expertise", None)
            revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("onderwijsmakers", "0004_profilepage_organisation_page_and_more"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="ExpertiseTag",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=100, unique=True, verbose_name="name")),
                ("slug", models.SlugField(allow_unicode=True, max_length=100, unique=True, verbose_name="slug")),
            ],
            options={
                "verbose_name": "expertise",
                "verbose_name_plural": "expertise",
                "ordering": ["name"],
            },
        ),
        migrations.RenameField(model_name="profilepage", old_name="expertise", new_name="contact_about"),
        migrations.AlterField(
            model_name="profilepage",
            name="contact_about",
            field=models.TextField(
                blank=True,
                help_text="In eigen woorden: waarover collega's deze persoon mogen aanspreken.",
                verbose_name="Waarvoor mag je mij contacteren?",
            ),
        ),
        migrations.AddField(
            model_name="profilepage",
            name="example_texts",
            field=models.BooleanField(
                default=False,
                help_text="Aangevinkt: het interview en 'Waarvoor mag je mij contacteren?' zijn voorbeeldteksten van "
                "de redactie, geen woorden van deze persoon. Bezoekers zien bij elk antwoord 'Voorbeeldantwoord'. "
                "Vink uit zodra de echte antwoorden er staan.",
                verbose_name="voorbeeldteksten",
            ),
        ),
        migrations.AddField(
            model_name="profilepage",
            name="expertise_names",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.CreateModel(
            name="ProfileExpertise",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "content_object",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="tagged_expertise",
                        to="onderwijsmakers.profilepage",
                    ),
                ),
                (
                    "tag",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="tagged_profiles",
                        to="onderwijsmakers.expertisetag",
                    ),
                ),
            ],
            options={"abstract": False},
        ),
        migrations.AddField(
            model_name="profilepage",
            name="expertise",
            field=modelcluster.contrib.taggit.ClusterTaggableManager(
                blank=True,
                help_text="Kies bestaande expertise waar het kan (typ en kies uit de lijst): zo vinden bezoekers "
                "iedereen met dezelfde expertise in de gids.",
                through="onderwijsmakers.ProfileExpertise",
                to="onderwijsmakers.ExpertiseTag",
                verbose_name="expertise",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
