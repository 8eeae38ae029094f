from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SomConfig(AppConfig):
    name = "som"
    verbose_name = "Kern van de site"

    def ready(self):
        # These import models, which Django allows only once the apps are ready.
        from . import roles, signals, wagtail_patches

        signals.connect()
        wagtail_patches.apply()
        post_migrate.connect(roles.setup_after_migrate, sender=self, dispatch_uid="som-roles")
