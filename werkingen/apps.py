from django.apps import AppConfig


class WerkingenConfig(AppConfig):
    name = "werkingen"
    verbose_name = "Werking"
