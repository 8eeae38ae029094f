"""What the directory adds to other apps' pages (som.plugins.PageSection): a werking's members,
a project's people and the people of an organisation."""

from .relations import organisation_people, project_people, werking_directory_url, werking_members


def members_section(werking, request):
    members, total = werking_members(werking)
    if not members:
        return None
    return {
        "title": werking.traits["members_title"],
        "members": members,
        "total": total,
        "werking_title": werking.title,
        "all_url": werking_directory_url(werking, request) if total > len(members) else None,
    }


def people_section(project, request):
    people = project_people(project)
    return {"people": people} if people else None


def organisation_section(organisation, request):
    """ "Mensen van deze organisatie" on an organisation page; left out when nobody visible
    works there."""
    people, total = organisation_people(organisation)
    if not people:
        return None
    return {
        "people": people,
        "total": total,
        "organisation_title": organisation.title,
        "all_url": werking_directory_url(None, request, q=organisation.title) if total > len(people) else None,
    }
