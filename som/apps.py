from django.apps import AppConfig


class SomConfig(AppConfig):
    name = "som"
    verbose_name = "Kern van de site"

    def ready(self):
        # Both import models, which Django allows only once the apps are ready.
        from . import signals, wagtail_patches

        signals.connect()
        wagtail_patches.apply()
