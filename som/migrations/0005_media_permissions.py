"""Images and documents for the editorial roles (issue 17, items 2 and 3), on existing databases.

Re-runs `som.roles.setup`: the groups get the wagtailimages.* image permissions Wagtail checks
(instead of som.*_somimage, which left the Redactie without images), the Redactie keeps "add" and
"choose" but loses "change" (it changes only its own unused uploads, som/media_permissions.py),
and the permissions that no longer apply are removed. A fresh database gets the same from 0003.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    from som import roles

    roles.setup(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("som", "0004_live_page_index"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
