from django.apps import AppConfig


class ContactConfig(AppConfig):
    name = "contact"
    verbose_name = "Formulieren"

    def ready(self):
        # An upload leaves the disk with its submission (deleted by hand or by the purge).
        from . import signals

        signals.connect()
