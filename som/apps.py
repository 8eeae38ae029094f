from django.apps import AppConfig


class SomConfig(AppConfig):
    name = "som"
    verbose_name = "Kern van de site"

    def ready(self):
        from . import signals

        signals.connect()
