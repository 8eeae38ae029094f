"""What the organisaties contribute to the site (som/plugins.py)."""

from som.plugins import BulkContent, DemoContent, Plugin, SearchType

from . import bulk, demo, viewsets
from .models import OrganisationPage

PLUGIN = Plugin(
    sitemaps={"organisaties": OrganisationPage},
    search_types=[SearchType("organisatie", "Organisaties", "organisaties.organisationpage")],
    admin_viewsets=lambda: [viewsets.OrganisationListingViewSet()],
    taxonomy_viewsets=lambda: [viewsets.OrganisatieSoortViewSet],
    demo=DemoContent(load=demo.load),
    bulk_content=[BulkContent("organisations", "Zoveel gegenereerde organisaties.", bulk.generate)],
)
