"""What an organisation page tells machines: schema.org JSON-LD (rendered by som_tags' jsonld)."""

# Schools, CLB's and academies carry an onderwijsnet or onderwijsniveaus: an educational
# organisation for schema.org; the city, cultural partners and the rest are an Organization.
EDUCATIONAL = "EducationalOrganization"


def organisation_json_ld(page, request, niveaus=(), logo=None):
    page_url = request.build_absolute_uri(page.get_url(request=request))
    data = {
        "@context": "https://schema.org",
        "@type": EDUCATIONAL if page.net_id or niveaus else "Organization",
        "name": page.title,
        "url": page.website or page_url,
        "mainEntityOfPage": page_url,
    }
    if page.meta_description:
        data["description"] = page.meta_description
    if page.other_name_list:
        data["alternateName"] = page.other_name_list
    if page.address_line:
        data["address"] = {
            "@type": "PostalAddress",
            "streetAddress": page.street_address,
            "postalCode": page.postal_code,
            "addressLocality": page.city,
            "addressCountry": "BE",
        }
    if page.has_location:
        data["geo"] = {"@type": "GeoCoordinates", "latitude": float(page.latitude), "longitude": float(page.longitude)}
    if page.email:
        data["email"] = page.email
    if page.phone:
        data["telephone"] = page.phone
    if logo is not None:
        data["logo"] = request.build_absolute_uri(logo.url)
    return data
