from django.apps import AppConfig


class TwoFactorConfig(AppConfig):
    name = "som.two_factor"
    label = "som_two_factor"
    verbose_name = "Tweestapsverificatie"
