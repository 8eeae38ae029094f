from django.db import migrations


def forwards(apps, schema_editor):
    from som import roles

    roles.setup(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("som", "0002_image_choose_permission"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
        ("wagtailadmin", "0006_formstate"),
        ("kalender", "0001_initial"),
        ("onderwijsmakers", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
