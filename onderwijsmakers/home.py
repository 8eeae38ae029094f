from django.utils import timezone

from .models import OnderwijsmakersIndexPage, Spotlight


def current_spotlight(today=None):
    """Who is in de kijker today. When nobody is chosen for today, the most recently
    featured (live, public) profile stays."""
    today = today or timezone.localdate()
    spotlights = Spotlight.objects.filter(
        starts_on__lte=today, profile__live=True, profile__view_restrictions__isnull=True
    ).select_related("profile", "profile__photo")
    current = spotlights.exclude(ends_on__lt=today).order_by("-starts_on", "-pk").first()
    return current or spotlights.order_by("-starts_on", "-pk").first()


def home_context(request):
    spotlight = current_spotlight()
    return {
        "spotlight_profile": spotlight.profile if spotlight else None,
        "directory_page": OnderwijsmakersIndexPage.objects.live().public().first(),
    }
