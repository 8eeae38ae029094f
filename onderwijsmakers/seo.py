"""What a profile tells machines: schema.org Person JSON-LD (templates/onderwijsmakers/profile_page.html
writes it with the {% jsonld %} tag, escaped like json_script)."""

from som.models import SiteSettings


def absolute(request, url):
    return request.build_absolute_uri(url) if url else ""


def person_json_ld(profile, request):
    """A schema.org Person: name, job title, where the person works (with the organisation's
    address on the site when it has a page), the werkingen of SOM the person is part of, what they
    know about (the expertise tags) and the photo. A telephone number only with the person's
    consent (show_contact); never the e-mail address, which the page shows only in pieces a
    scraper does not recognise (ProfilePage.public_contact)."""
    from .filters import AVATAR_SPEC  # .filters imports .models

    site_name = SiteSettings.for_request(request).organisation_name
    data = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": profile.title,
        "givenName": profile.first_name,
        "familyName": profile.family_name,
        "url": absolute(request, profile.get_url(request=request)),
    }
    if profile.meta_description:
        data["description"] = profile.meta_description
    if profile.role:
        data["jobTitle"] = profile.role
    organisation = profile.shown_organisation
    if organisation is not None:
        data["worksFor"] = {
            "@type": "Organization",
            "name": organisation.title,
            "url": absolute(request, organisation.get_url(request=request)),
        }
    elif profile.organisation:
        data["worksFor"] = {"@type": "Organization", "name": profile.organisation}
    if profile.visible_memberships:
        network = {"@type": "Organization", "name": site_name, "url": absolute(request, "/")}
        data["memberOf"] = [
            {
                "@type": "Organization",
                "name": membership.werking.title,
                "url": absolute(request, membership.werking.get_url(request=request)),
                "parentOrganization": network,
            }
            for membership in profile.visible_memberships
        ]
    if profile.expertise_tags:
        data["knowsAbout"] = [tag.name for tag in profile.expertise_tags]
    if profile.photo_id:
        data["image"] = absolute(request, profile.photo.get_rendition(AVATAR_SPEC).url)
    contact = profile.public_contact
    if contact and contact["phone"]:
        data["telephone"] = contact["phone"]
    return data
