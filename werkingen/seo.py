"""What a project page tells machines: schema.org JSON-LD (rendered by som_tags' jsonld).

A project is a CreativeWork: a core schema.org type every validator and search engine reads, with
the properties a project has (its start as dateCreated, its fase as creativeWorkStatus, its werking
as isPartOf, SOM as publisher, keywords). schema.org's `Project` is still in the pending area and
is a kind of Organization, which a labo is not. The partners are `contributor`s: they work on the
project; the site does not record who funds or sponsors it (funder/sponsor would claim that)."""

from som.models import SiteSettings


def partner_json_ld(partner, request):
    data = {"@type": "Organization", "name": partner["name"]}
    url = request.build_absolute_uri(partner["page_url"]) if partner["page_url"] else partner["url"]
    if url:
        data["url"] = url
    return data


def project_json_ld(project, request, *, werking, fase, partners, tags, speerpunten, image_url=""):
    page_url = request.build_absolute_uri(project.get_url(request=request))
    site_settings = SiteSettings.for_request(request)
    data = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "name": project.title,
        "url": page_url,
        "mainEntityOfPage": page_url,
        "inLanguage": "nl-BE",
        "dateCreated": project.date.isoformat(),
        "publisher": {
            "@type": "Organization",
            "name": site_settings.organisation_name,
            "url": request.build_absolute_uri("/"),
        },
    }
    if project.meta_description:
        data["description"] = project.meta_description
    if project.question:
        data["abstract"] = project.question
    if project.last_published_at:
        data["dateModified"] = project.last_published_at.isoformat()
    if fase is not None:
        data["creativeWorkStatus"] = fase.name
    if werking is not None:
        data["isPartOf"] = {
            "@type": "CreativeWork",
            "name": werking.title,
            "url": request.build_absolute_uri(werking.get_url(request=request)),
        }
    if image_url:
        data["image"] = image_url
    if partners:
        data["contributor"] = [partner_json_ld(partner, request) for partner in partners]
    keywords = [term.name for term in speerpunten] + [tag.name for tag in tags]
    if keywords:
        data["keywords"] = keywords
    return data
