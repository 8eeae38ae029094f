from django.apps import AppConfig


class OnderwijsmakersConfig(AppConfig):
    name = "onderwijsmakers"
    verbose_name = "Onderwijsmakers"
