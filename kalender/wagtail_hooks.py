from django.contrib import messages
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem

from .models import EventPage, KalenderPage
from .registrations import places
from .registrations.viewsets import button_label, can_see_registrations, listing_url


@hooks.register("after_copy_page")
def clear_dates_of_a_copied_event(request, page, new_page):
    """Copying an event is how editors make the next one of a recurring series: the copy keeps
    everything but its dates, which start empty so an old date is never published by mistake."""
    event = new_page.specific
    if not isinstance(event, EventPage):
        return
    event.start = event.end = event.registration_deadline = None
    event.live = False
    event.has_unpublished_changes = True
    event.save(clean=False, update_fields=["start", "end", "registration_deadline", "live", "has_unpublished_changes"])
    event.save_revision(user=request.user, clean=False)
    messages.info(request, f"De datums van ‘{event.title}’ zijn leeggemaakt: vul de nieuwe datums in en publiceer.")


def _takes_registrations(page, user):
    return isinstance(page, EventPage) and page.registration_on_site and can_see_registrations(user)


@hooks.register("register_page_header_buttons")
def registrations_of_the_event(page, user, view_name, next_url=None):
    """ "Inschrijvingen (12/30)" on an event's edit page, for who may see the names."""
    if _takes_registrations(page, user):
        confirmed, _waiting = places.counts(page)
        yield PageMenuItem(
            button_label(page, confirmed), url=listing_url(page), icon_name="clipboard-list", priority=12, page=page
        )


@hooks.register("register_page_listing_more_buttons")
def registrations_of_an_event_in_a_listing(page, user, next_url=None):
    """The same link in page listings; the count comes with the rows where the listing read it
    (the calendar's children, the events listing), never a query per row."""
    if _takes_registrations(page, user):
        label = button_label(page, getattr(page, "confirmed_count", None))
        yield PageMenuItem(label, url=listing_url(page), icon_name="clipboard-list", priority=3, page=page)


@hooks.register("construct_explorer_page_queryset")
def count_registrations_under_the_calendar(parent_page, pages, request):
    if parent_page.specific_class is KalenderPage and not request.GET.get("q"):
        return places.with_counts(pages)
    return pages
