from django.apps import AppConfig


class KalenderConfig(AppConfig):
    name = "kalender"
    verbose_name = "Kalender"

    def ready(self):
        # Publishing an event moves its waiting list up and tells registrants what changed.
        from .registrations import signals

        signals.connect()
