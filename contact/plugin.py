"""What the forms contribute to the site (som/plugins.py)."""

from som.plugins import DemoContent, PageSection, Plugin

from . import demo, sections
from .models import purge_expired

PLUGIN = Plugin(
    page_sections=[
        PageSection(
            ("werkingen.werkingpage",), "contact/sections/werking_forms.html", sections.werking_forms_section, order=800
        ),
    ],
    # What visitors sent: the Eindredactie (and admins) read, export and delete it; the Redactie
    # builds forms but reads no submission (contact/wagtail_hooks.py).
    editor_permissions={"Eindredactie": [("contact.submission", ["view", "delete"])]},
    demo=DemoContent(load=demo.load),
    personal_data_purges=[purge_expired],
)
