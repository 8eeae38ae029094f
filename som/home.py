"""The home page's sections. Each app contributes its own section through `<app>/home.py`
(a `home_context(request)` function); the home page only puts them in order."""

from importlib import import_module

from .models import Speerpunt

SECTION_APPS = ["werkingen", "kalender", "onderwijsmakers", "nieuws"]


def home_sections(request, home_page):
    context = {"speerpunten": list(Speerpunt.objects.all())}
    for app in SECTION_APPS:
        context.update(import_module(f"{app}.home").home_context(request))
    return context
