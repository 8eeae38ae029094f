"""One list of the public addresses of the demo site, for the suites that cut across the site
(fuzzing, leaks, query budgets, the page cache). A new page type or feed is added here once."""

# Every kind of page, in the demo content, without a query string.
PAGES = [
    "/",
    "/over-som/",
    "/werking/",
    "/werking/laboratorium/",
    "/werking/som-raad/",
    "/werking/laboratorium/labo-zij-instromers/",
    "/werking/laboratorium/labo-onderwijs-x-cultuur/",
    "/onderwijsmakers/",
    "/onderwijsmakers/jan-elen/",
    "/onderwijsmakers/kobe-vaes/",
    "/onderwijsmakers/lotte-janssens-voorbeeld/",  # a full profile: interview, expertise, contact
    "/kalender/",
    "/kalender/kick-off-labo-zij-instromers/",
    "/kalender/maandelijks-netwerkmoment-voorbeeld/",  # a repeating event (its next date)
    "/nieuws/",
    "/nieuws/volgende-vijf-jaar-samen-onderwijs/",
    "/organisaties/",
    "/organisaties/ku-leuven/",
    "/organisaties/vti-leuven/",
    "/zoeken/",
]

# Everything the site publishes for programs rather than people.
FEEDS = [
    "/nieuws/feed/",
    "/nieuws/feed/atom/",
    "/kalender/agenda.ics",
    "/kalender/kick-off-labo-zij-instromers/agenda.ics",
    "/kalender/maandelijks-netwerkmoment-voorbeeld/agenda.ics",
    "/sitemap.xml",
    "/sitemap-projecten.xml",
    "/sitemap-activiteiten.xml",
    "/sitemap-onderwijsmakers.xml",
    "/sitemap-nieuws.xml",
    "/sitemap-organisaties.xml",
    "/sitemap-paginas.xml",
    "/robots.txt",
    "/.well-known/security.txt",
]

PUBLIC_URLS = PAGES + FEEDS

# Pages with a form for visitors: per visitor (a CSRF token), never in the shared cache, so the
# suites about cached pages leave them out; fuzzing and the security headers take them too.
FORMS = [
    "/contact/",
    "/werking/laboratorium/onderwijsuitdaging/",
    "/kalender/netwerkmoment-community-voorbeeld/inschrijven/",
    "/abonneren/",
]

# The query parameters the public pages read (docs: the URL contract in README/architecture).
PARAMS = [
    "q",
    "pagina",
    "werking",
    "fase",
    "speerpunt",
    "niveau",
    "net",
    "jaar",
    "soort",
    "periode",
    "weergave",
    "maand",
    "dag",
    "datum",  # a date of a series: its page, its form, its agenda.ics
    "tag",
    "trefwoord",
    "expertise",
    "type",
    "p",
    # /abonneren/ is prefilled from links: ?werking=…&niveau=…&inhoud=…&ritme=…
    "inhoud",
    "ritme",
]
