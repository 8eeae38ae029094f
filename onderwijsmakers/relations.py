"""Who belongs where, for the pages on the other side of the relation (werking, project).

Memberships and project roles are edited on the profile only; the werking page and the
project page read them back through these helpers, which show live, public profiles only and
load each person's card (profile, photo and its rendition) in a fixed number of queries.

    {% for membership in members %}
      {% include "onderwijsmakers/components/profile_card.html" with profile=membership.profile role=membership.role %}
    {% endfor %}
"""

from django.db.models import Count, Prefetch, Window
from django.db.models.functions import Lower

from som.models import SomImage
from som.page_cache import cached

from .filters import AVATAR_SPEC
from .models import Membership, OnderwijsmakersIndexPage, ProfilePage, ProjectRole

PERSON_ORDER = (Lower("profile__family_name"), Lower("profile__first_name"), "pk")
# A werking page shows this many members; the rest are one click away in the directory,
# filtered on the werking (a werking of a large network has a hundred members or more).
MEMBERS_SHOWN = 12


def _visible(queryset):
    return (
        queryset.filter(profile__in=ProfilePage.objects.live().public().values("pk"))
        .select_related("profile")
        .defer("profile__interview")
        .prefetch_related(Prefetch("profile__photo", queryset=SomImage.objects.prefetch_renditions(AVATAR_SPEC)))
    )


def werking_members(werking, limit=MEMBERS_SHOWN):
    """The first `limit` memberships of a werking (`.profile`, `.role`), sorted by family name,
    and how many there are in all (one query: the total comes along as a window count)."""
    members = list(
        _visible(Membership.objects.filter(werking=werking))
        .annotate(total=Window(Count("pk")))
        .order_by(*PERSON_ORDER)[:limit]
    )
    return members, (members[0].total if members else 0)


def project_people(project):
    """The people of a project (`.profile`, `.get_kind_display()`): contacts first."""
    roles = _visible(ProjectRole.objects.filter(project=project)).order_by(*PERSON_ORDER)
    return sorted(roles, key=lambda role: role.kind != ProjectRole.Kind.CONTACT)


def werking_directory_url(werking, request=None):
    """The directory filtered on a werking: where "all members" leads (None without a directory)."""
    directory = cached(
        "onderwijsmakers-directory",
        lambda: OnderwijsmakersIndexPage.objects.live().public().defer_streamfields().first(),
    )
    if directory is None:
        return None
    return f"{directory.get_url(request)}?werking={werking.kind}"
