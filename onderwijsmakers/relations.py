"""Who belongs where, for the pages on the other side of the relation (werking, project).

Memberships and project roles are edited on the profile only; the werking page and the
project page read them back through these helpers, which show live, public profiles only and
load each person's card (profile, photo and its rendition) in a fixed number of queries.

    {% for membership in members %}
      {% include "onderwijsmakers/components/profile_card.html" with profile=membership.profile role=membership.role %}
    {% endfor %}
"""

from django.db.models import Prefetch
from django.db.models.functions import Lower

from som.models import SomImage

from .filters import AVATAR_SPEC
from .models import Membership, ProfilePage, ProjectRole

PERSON_ORDER = (Lower("profile__family_name"), Lower("profile__first_name"), "pk")


def _visible(queryset):
    return (
        queryset.filter(profile__in=ProfilePage.objects.live().public().values("pk"))
        .select_related("profile")
        .defer("profile__interview")
        .prefetch_related(Prefetch("profile__photo", queryset=SomImage.objects.prefetch_renditions(AVATAR_SPEC)))
    )


def werking_members(werking):
    """The memberships of a werking (`.profile`, `.role`), sorted by family name."""
    return list(_visible(Membership.objects.filter(werking=werking)).order_by(*PERSON_ORDER))


def project_people(project):
    """The people of a project (`.profile`, `.get_kind_display()`): contacts first."""
    roles = _visible(ProjectRole.objects.filter(project=project)).order_by(*PERSON_ORDER)
    return sorted(roles, key=lambda role: role.kind != ProjectRole.Kind.CONTACT)
