"""Who is "in de kijker" on the home page, and the home page's section for it."""

from django.db.models import F
from django.utils import timezone

from som.models import prepare_renditions
from som.routing import site_for_request

from .filters import AVATAR_SPEC
from .models import OnderwijsmakersIndexPage, ProfilePage, Spotlight, prepare_organisations


def current_spotlight(today=None):
    """Who is in de kijker today (a Spotlight, or None).

    - Among the windows that include today, the one that started last wins (a new choice
      overrides an open-ended older one).
    - When nobody is chosen for today, the most recently featured profile stays: the window
      that ended last.
    - Windows that start in the future and profiles that are not live or not public never count.
    """
    today = today or timezone.localdate()
    spotlights = Spotlight.objects.filter(
        starts_on__lte=today, profile__in=ProfilePage.objects.live().public().values("pk")
    ).select_related("profile", "profile__photo")
    current = spotlights.exclude(ends_on__lt=today).order_by("-starts_on", "-pk").first()
    if current is not None:
        return current
    return spotlights.order_by(F("ends_on").desc(nulls_last=True), "-starts_on", "-pk").first()


def spotlight_section(request):
    spotlight = current_spotlight()
    if spotlight is None:
        return None
    # The photo (read with the spotlight) with the rendition its avatar shows.
    prepare_renditions([spotlight.profile.photo], [AVATAR_SPEC])
    prepare_organisations([spotlight.profile])
    return {
        "profile": spotlight.profile,
        "directory_page": OnderwijsmakersIndexPage.for_site(site_for_request(request)),
    }
