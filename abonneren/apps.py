from django.apps import AppConfig


class AbonnerenConfig(AppConfig):
    name = "abonneren"
    verbose_name = "Abonneren"
