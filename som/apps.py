from django.apps import AppConfig


class SomConfig(AppConfig):
    name = "som"
    verbose_name = "Kern van de site"

    def ready(self):
        from . import signals

        signals.connect()
        _read_view_restrictions_once_per_change()


def _read_view_restrictions_once_per_change():
    """Every `.public()` in Wagtail and in this site asks the database for all view
    restrictions; on a page with several listings that is several identical queries. Read them
    from the content-versioned cache instead (som.page_cache): a new or removed restriction
    bumps the version, so the answer is never stale."""
    from django.db.models import Q
    from wagtail.query import PageQuerySet

    from .page_cache import restricted_paths

    def private_q(self):
        q = Q()
        for path in restricted_paths():
            q |= Q(path__startswith=path)
        return q if q else Q(pk__in=[])

    PageQuerySet.private_q = private_q
