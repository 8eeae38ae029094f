"""What the directory adds to other apps' pages (som.plugins.PageSection): a werking's members
and a project's people."""

from .relations import project_people, werking_directory_url, werking_members


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
