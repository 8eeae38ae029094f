from django.contrib import messages
from wagtail import hooks

from .models import EventPage


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
