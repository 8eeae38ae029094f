"""Generated profiles for `generate_bulk_content --people N` (som/bulk.py)."""

from som.bulk import MARK, PREFIX, SCHOOLS, TOPICS, ids

from .models import ExpertiseTag, Membership, OnderwijsmakersIndexPage, ProfileExpertise, ProfilePage, ProjectRole

FIRST_NAMES = [
    "An",
    "Bram",
    "Charlotte",
    "Dries",
    "Elif",
    "Fatima",
    "Gert",
    "Hanne",
    "Ilse",
    "Jonas",
    "Karim",
    "Lotte",
    "Mohamed",
    "Nele",
    "Olivier",
    "Pieter",
    "Rania",
    "Sofie",
    "Tom",
    "Yasmine",
]
FAMILY_NAMES = [
    "Peeters",
    "Janssens",
    "Maes",
    "Jacobs",
    "Willems",
    "Claes",
    "Goossens",
    "Wouters",
    "De Smet",
    "Vermeulen",
    "Van den Broeck",
    "Aerts",
    "El Amrani",
    "Yilmaz",
    "Dubois",
    "Hermans",
]
ROLES = ["Leerkracht", "Directeur", "Zorgcoördinator", "CLB-medewerker", "Beleidsmedewerker", "Pedagogisch begeleider"]


def generate(run, count):
    if not count:
        return
    directory = OnderwijsmakersIndexPage.objects.get()
    werkingen, project_ids = run.made.get("werkingen", []), run.made.get("projects", [])
    niveaus = ids(run.niveaus)
    # One or two of the topics as expertise, so the directory's facet has something to count.
    tags = {topic: ExpertiseTag.objects.get_or_create(name=topic.capitalize())[0] for topic in TOPICS}

    def profiles():
        for i in range(count):
            first, family = run.rng.choice(FIRST_NAMES), run.rng.choice(FAMILY_NAMES)
            chosen = run.rng.sample(TOPICS, k=run.rng.choice([1, 2]))
            profile = ProfilePage(
                title=f"{first} {family} {i + 1}{MARK}",
                slug=f"{PREFIX}onderwijsmaker-{i + 1}",
                first_name=first,
                family_name=f"{family} {i + 1}",
                role=run.rng.choice(ROLES),
                organisation=run.rng.choice(SCHOOLS),
                contact_about=f"{run.rng.choice(TOPICS).capitalize()} en {run.rng.choice(TOPICS)}",
                net=run.rng.choice(run.netten) if run.netten else None,
                photo=run.rng.choice(run.images) if i % 4 == 0 else None,
                expertise_names=", ".join(sorted((tags[topic].name for topic in chosen), key=str.lower)),
            )
            profile.chosen_tags = [tags[topic] for topic in chosen]
            yield profile

    def link(chunk):
        run.bulk_m2m(ProfilePage.niveaus.through, "profilepage_id", "onderwijsniveau_id", chunk, niveaus)
        ProfileExpertise.objects.bulk_create(
            [
                ProfileExpertise(content_object_id=profile.pk, tag=tag)
                for profile in chunk
                for tag in profile.chosen_tags
            ]
        )
        if werkingen:
            Membership.objects.bulk_create(
                [
                    Membership(
                        profile_id=p.pk, werking=run.rng.choice(werkingen), role=run.rng.choice(["lid", "kerngroep"])
                    )
                    for p in chunk
                    if run.rng.random() < 0.5
                ]
            )
        if project_ids:
            ProjectRole.objects.bulk_create(
                [
                    ProjectRole(
                        profile_id=p.pk,
                        project_id=run.rng.choice(project_ids),
                        kind=run.rng.choice(["contact", "team"]),
                    )
                    for p in chunk
                    if run.rng.random() < 0.4
                ]
            )

    run.add_children(directory, profiles(), "Onderwijsmakers", count, link)
