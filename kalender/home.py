from django.utils import timezone

from .models import EventPage


def home_context(request):
    now = timezone.now()
    events = (
        EventPage.objects.live()
        .public()
        .defer_streamfields()
        .filter(end__gte=now)
        .order_by("start", "pk")[:3]
    )
    return {
        "upcoming_events": list(events),
    }
