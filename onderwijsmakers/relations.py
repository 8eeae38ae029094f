"""Who belongs where, for the pages on the other side of the relation (werking, project).

Memberships and project roles are edited on the profile only; the werking page and the
project page read them back through these helpers, which show live, public profiles only and
load each person's card (profile, photo and its rendition) in a fixed number of queries.

    {% for membership in members %}
      {% include "onderwijsmakers/components/profile_card.html" with profile=membership.profile role=membership.role %}
    {% endfor %}
"""

from urllib.parse import urlencode

from django.db.models import Prefetch
from django.db.models.functions import Lower

from som.models import SomImage
from som.page_cache import cached

from .filters import AVATAR_SPEC, ORDER, profiles_queryset
from .models import Membership, OnderwijsmakersIndexPage, ProfilePage, ProjectRole, prepare_organisations

PERSON_ORDER = (Lower("profile__family_name"), Lower("profile__first_name"), "pk")
# A werking page shows this many members; the rest are one click away in the directory,
# filtered on the werking (a werking of a large network has a hundred members or more).
MEMBERS_SHOWN = 12
# An organisation page shows this many of its people (a university has hundreds).
ORGANISATION_PEOPLE_SHOWN = 24


def _visible(queryset):
    return (
        queryset.filter(profile__in=ProfilePage.objects.live().public().values("pk"))
        .select_related("profile")
        .defer("profile__interview")
        .prefetch_related(Prefetch("profile__photo", queryset=SomImage.objects.prefetch_renditions(AVATAR_SPEC)))
    )


def werking_members(werking, limit=MEMBERS_SHOWN):
    """The first `limit` memberships of a werking (`.profile`, `.role`), sorted by family name,
    and how many there are in all (counted once per content version: a window count over a
    werking's thousands of members cost more than the page)."""
    memberships = _visible(Membership.objects.filter(werking=werking))
    members = list(memberships.order_by(*PERSON_ORDER)[:limit])
    prepare_organisations([membership.profile for membership in members])
    total = len(members) if len(members) < limit else cached(f"werking-members:{werking.pk}", memberships.count)
    return members, total


def project_people(project):
    """The people of a project (`.profile`, `.get_kind_display()`): contacts first."""
    roles = list(_visible(ProjectRole.objects.filter(project=project)).order_by(*PERSON_ORDER))
    prepare_organisations([role.profile for role in roles])
    return sorted(roles, key=lambda role: role.kind != ProjectRole.Kind.CONTACT)


def organisation_people(organisation, limit=ORGANISATION_PEOPLE_SHOWN):
    """The first `limit` live, public profiles linked to an organisation page, by family name, and
    how many there are in all (two queries for any number: the profiles with their photos'
    renditions; the total is counted once per content version when there are more)."""
    profiles = profiles_queryset().filter(organisation_page=organisation)
    people = list(profiles.order_by(*ORDER)[:limit])
    for person in people:
        person._shown_organisation = organisation  # the page being shown: no need to read it again
    total = len(people) if len(people) < limit else cached(f"organisation-people:{organisation.pk}", profiles.count)
    return people, total


def werking_directory_url(werking, request=None, q=None):
    """The directory filtered on a werking (or searching for `q`): where "all members" leads
    (None without a directory)."""
    directory = cached(
        "onderwijsmakers-directory",
        lambda: OnderwijsmakersIndexPage.objects.live().public().defer_streamfields().first(),
    )
    if directory is None:
        return None
    query = urlencode({"q": q} if werking is None else {"werking": werking.kind})
    return f"{directory.get_url(request)}?{query}"
