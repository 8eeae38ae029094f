"""What the forms add to other apps' pages (som.plugins): a werking page links the forms below it
("Breng een onderwijsuitdaging binnen" on the Laboratorium)."""

from .models import FormPage


def werking_forms_section(werking, request):
    forms = list(
        FormPage.objects.child_of(werking)
        .live()
        .public()
        .only("id", "title", "intro", "url_path", "path", "depth", "locale_id")
        .order_by("path")
    )
    if not forms:
        return None
    return {"forms": forms, "werking_title": werking.title}
