from django.apps import AppConfig


class NieuwsConfig(AppConfig):
    name = "nieuws"
    verbose_name = "Nieuws"
