"""What base.html needs on every page: the main navigation and the feeds to advertise."""

from wagtail.models import Site


def site_chrome(request):
    site = Site.find_for_request(request) if request else None
    if site is None:
        return {"main_menu": []}
    root = site.root_page
    # Editors decide what is in the menu with "Toon in menu's" on each page.
    menu = list(root.get_children().live().public().in_menu().only("id", "title", "url_path", "depth", "path"))
    return {"site_root": root, "main_menu": menu}
