"""The admin's map on an organisation's address panel: a click on it fills in the latitude and
longitude fields (static/js/kaart-admin.js). No geocoding service: the editor picks the place."""

from django.utils.html import format_html
from wagtail.admin.panels import HelpPanel

from .maps import map_settings


class LocationMapPanel(HelpPanel):
    def __init__(self, **kwargs):
        kwargs.setdefault("heading", "Plaats op de kaart")
        super().__init__(**kwargs)

    class BoundPanel(HelpPanel.BoundPanel):
        class Media:
            css = {"all": ["vendor/leaflet/leaflet.css", "css/kaart-admin.css"]}
            js = ["vendor/leaflet/leaflet.js", "js/kaart-admin.js"]

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            tiles = map_settings()
            if tiles is None:
                self.content = format_html(
                    "<p>{}</p>", "Geen kaart ingesteld (SOM_MAP_TILE_URL): vul de coördinaten in."
                )
                return
            self.content = format_html(
                '<p class="help">{}</p><div class="location-picker" data-location-picker '
                'data-tile-url="{}" data-attribution="{}" data-icon="{}" data-icon-retina="{}" data-shadow="{}"></div>',
                "Klik op de kaart om de breedte- en lengtegraad hierboven in te vullen; "
                "sleep de speld om ze bij te stellen.",
                tiles["tile_url"],
                tiles["attribution"],
                tiles["icon"],
                tiles["icon_retina"],
                tiles["shadow"],
            )
