"""The site's core: the image model, the taxonomy every app filters on, site settings,
the home page and standard pages."""

from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.template.response import TemplateResponse
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.admin.userbar import Userbar
from wagtail.blocks import StreamValue
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.images.models import AbstractImage, AbstractRendition, Filter, Image
from wagtail.models import Orderable, Page
from wagtail.search import index

from .blocks import BodyStreamBlock
from .page_cache import cached

# What a link to a page needs (its title and address), for pages read only to be linked to.
LINK_FIELDS = ("id", "title", "path", "depth", "url_path", "locale_id", "content_type_id")

# ---------------------------------------------------------------------------
# Images: Wagtail's image plus a photo credit, shown under every figure.


class SomImage(AbstractImage):
    credit = models.CharField(
        "fotocredit",
        max_length=200,
        blank=True,
        help_text="Wie nam de foto of maakte de afbeelding? Wordt onder de afbeelding getoond.",
    )

    admin_form_fields = Image.admin_form_fields + ("credit",)

    class Meta(AbstractImage.Meta):
        verbose_name = "afbeelding"
        verbose_name_plural = "afbeeldingen"
        # Wagtail checks this permission to let editors pick images in choosers.
        permissions = [("choose_image", "Mag afbeeldingen kiezen")]

    def get_rendition(self, filter):
        # Wagtail's get_rendition writes the rendition to the cache on every call, even one that
        # came prefetched with the page: a Redis write per image on every listing. The plural
        # get_renditions skips renditions that came from the prefetch or the cache.
        return next(iter(self.get_renditions(filter).values()))


class SomRendition(AbstractRendition):
    image = models.ForeignKey(SomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


def prepare_renditions(images, specs):
    """Give each image the renditions `specs` (one query for all of them; one that does not
    exist yet is made now), so the template that shows them asks the database nothing."""
    images = [image for image in images if image is not None]
    renditions = SomRendition.objects.filter(filter_spec__in=specs)
    prefetch_related_objects(images, Prefetch("renditions", queryset=renditions, to_attr="prefetched_renditions"))
    for image in images:
        image.get_renditions(*specs)
    return images


# ---------------------------------------------------------------------------
# Taxonomy. Each term has a slug: it is the value of the query parameter that filters on it.


class TaxonomyTerm(index.Indexed, Orderable):
    """A term staff can add, rename and reorder (drag and drop in the snippet listing)."""

    name = models.CharField("naam", max_length=120, unique=True)
    slug = models.SlugField(
        "slug",
        max_length=120,
        unique=True,
        help_text="Gebruikt in de adresbalk van filters, bv. ?niveau=secundair-onderwijs. Kleine letters en koppeltekens.",
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(Orderable.Meta):
        abstract = True

    def __str__(self):
        return self.name


class Speerpunt(TaxonomyTerm):
    description = models.TextField("omschrijving", blank=True)

    panels = TaxonomyTerm.panels + [FieldPanel("description")]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = "speerpunt"
        verbose_name_plural = "speerpunten"


class Fase(TaxonomyTerm):
    """The phases a project goes through, in order (Opstartfase → … → Afgerond)."""

    is_final = models.BooleanField(
        "eindfase",
        default=False,
        help_text="Vink aan voor de fase waarin een project afgerond is.",
    )

    panels = TaxonomyTerm.panels + [FieldPanel("is_final")]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = "fase"
        verbose_name_plural = "fasen"


class Onderwijsniveau(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = "onderwijsniveau"
        verbose_name_plural = "onderwijsniveaus"


class Onderwijsnet(TaxonomyTerm):
    description = models.CharField("omschrijving", max_length=250, blank=True, help_text="Bijvoorbeeld: OVSG, POV")

    panels = TaxonomyTerm.panels + [FieldPanel("description")]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = "onderwijsnet"
        verbose_name_plural = "onderwijsnetten"


# ---------------------------------------------------------------------------
# Site settings: what the footer and the contact blocks show.


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting, ClusterableModel):
    organisation_name = models.CharField("naam organisatie", max_length=120, default="Samen Onderwijs Maken")
    tagline = models.CharField(
        "ondertitel",
        max_length=200,
        blank=True,
        default="Het onderwijsnetwerk van Leuven",
    )
    address = models.TextField("adres", blank=True)
    email = models.EmailField("e-mailadres", blank=True)
    phone = models.CharField("telefoon", max_length=40, blank=True)
    footer_text = models.TextField(
        "tekst in de voettekst",
        blank=True,
        help_text="Korte tekst onderaan elke pagina, bv. wie SOM ondersteunt.",
    )
    facebook_url = models.URLField("Facebook", blank=True)
    instagram_url = models.URLField("Instagram", blank=True)
    linkedin_url = models.URLField("LinkedIn", blank=True)
    youtube_url = models.URLField("YouTube", blank=True)
    # The pages a public site owes its visitors, linked from every page's footer (and the
    # contact page from the header and from every form); an empty one leaves its link out.
    contact_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="contactpagina",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="privacyverklaring",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="toegankelijkheidsverklaring",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("organisation_name"), FieldPanel("tagline"), FieldPanel("footer_text")],
            heading="Organisatie",
        ),
        MultiFieldPanel([FieldPanel("address"), FieldPanel("email"), FieldPanel("phone")], heading="Contact"),
        MultiFieldPanel(
            [
                FieldPanel("facebook_url"),
                FieldPanel("instagram_url"),
                FieldPanel("linkedin_url"),
                FieldPanel("youtube_url"),
            ],
            heading="Sociale media",
        ),
        MultiFieldPanel(
            [
                PageChooserPanel("contact_page"),
                PageChooserPanel("privacy_page"),
                PageChooserPanel("accessibility_page"),
            ],
            heading="Verklaringen en contact",
        ),
    ]

    # The linked pages come with the settings (one query): the header and footer link them on
    # every page, and templates never query.
    select_related = ["contact_page", "privacy_page", "accessibility_page"]

    class Meta:
        verbose_name = "website-instellingen"

    @property
    def social_links(self):
        links = [
            ("Facebook", self.facebook_url),
            ("Instagram", self.instagram_url),
            ("LinkedIn", self.linkedin_url),
            ("YouTube", self.youtube_url),
        ]
        return [(label, url) for label, url in links if url]

    @property
    def phone_uri(self):
        """The phone number as a tel: link (RFC 3966 has no spaces): "+32 16 00 00 00" →
        "tel:+3216000000"; empty when there is no number."""
        digits = "".join(char for char in self.phone if char in "0123456789")  # ASCII only
        if not digits:
            return ""
        return "tel:" + ("+" if self.phone.strip().startswith("+") else "") + digits


# ---------------------------------------------------------------------------
# Pages


def editor_tabs(content_panels, details_panels):
    """The editing screen as editors think about it: Inhoud, Details, Promotie, Instellingen."""
    from wagtail.admin.panels import ObjectList, TabbedInterface

    return TabbedInterface(
        [
            ObjectList(content_panels, heading="Inhoud"),
            ObjectList(details_panels, heading="Details"),
            ObjectList(Page.promote_panels, heading="Promotie"),
            ObjectList(Page.settings_panels, heading="Instellingen"),
        ]
    )


META_DESCRIPTION_LENGTH = 160  # what search engines show


class SomPage(Page):
    """What every page of the site shares: an intro that doubles as meta description and
    card text, and the image used when the page is shared."""

    intro = models.TextField(
        "inleiding",
        blank=True,
        help_text="Eén of twee zinnen bovenaan de pagina. Wordt ook gebruikt in overzichten en zoekresultaten.",
    )

    # expire_at: `.live()` filters on it (som/wagtail_patches.py), in searches too.
    search_fields = Page.search_fields + [index.SearchField("intro"), index.FilterField("expire_at")]

    class Meta:
        abstract = True

    #: The component that shows this page in listings; editors can preview it ("Kaart").
    card_template = None

    @property
    def preview_modes(self):
        modes = [("", "Pagina")]
        if self.card_template:
            modes.append(("kaart", "Kaart in overzichten"))
        return modes

    def serve_preview(self, request, mode_name):
        if mode_name == "kaart" and self.card_template:
            return TemplateResponse(
                request, "som/card_preview.html", {"page": self, "card": self.card_preview_context()}
            )
        return super().serve_preview(request, mode_name)

    def card_preview_context(self):
        """What the card component needs, besides the page itself."""
        return {"card_template": self.card_template}

    @property
    def meta_description(self):
        """At most 160 characters (what search engines show), cut between words, not in one."""
        text = " ".join((self.search_description or self.intro).split())
        if len(text) <= META_DESCRIPTION_LENGTH:
            return text
        return text[: META_DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0].rstrip(",;:–-") + "…"

    @property
    def share_image(self):
        """The image shown when the page is shared (Open Graph): a page with a lead image
        (LeadImageMixin) shares it, others none."""
        return None

    def get_context(self, request, *args, **kwargs):
        # What base.html shows of every page, read here: templates never query.
        context = super().get_context(request, *args, **kwargs)
        share_image = self.share_image
        share = share_image.get_rendition(SHARE_IMAGE_SPEC) if share_image else None
        # The body's blocks are made here, not while the template renders: a stream fetches
        # what its blocks name (the documents of a documents block …) in bulk when first read.
        body = getattr(self, "body", None)
        if isinstance(body, StreamValue):
            list(body)
        context.update(
            canonical_url=request.build_absolute_uri(self.get_url(request=request)),
            share_image=share,
            share_image_url=request.build_absolute_uri(share.url) if share else "",
            userbar=editors_userbar(request, self),
        )
        return context


def editors_userbar(request, page):
    """Wagtail's user bar for editors ("" for visitors), rendered with the page's context: it
    asks the database for the user, their rights and preferences."""
    user = getattr(request, "user", None)
    if user is None or not user.has_perm("wagtailadmin.access_admin"):
        return ""
    return Userbar(object=page, position="bottom-right").render_html({"request": request})


# The lead image: on top of the page (templates/components/lead_image.html, whose {% picture %}
# asks for LEAD_IMAGE_SPECS) and shared with the page (Open Graph, JSON-LD, the news feeds).
LEAD_IMAGE_SPECS = tuple(Filter.expand_spec(["format-{webp,jpeg}", "width-{640,960,1280}"]))
SHARE_IMAGE_SPEC = "fill-1200x630|format-jpeg"


class LeadImageMixin(models.Model):
    """A page with a lead image: a werking, a project, an event, a news item."""

    image = models.ForeignKey(
        "som.SomImage",
        verbose_name="afbeelding",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Bovenaan de pagina, met de fotocredit eronder. Ook de afbeelding wanneer iemand de pagina deelt.",
    )

    class Meta:
        abstract = True

    @property
    def share_image(self):
        return self.image

    def get_context(self, request, *args, **kwargs):
        # The image with every rendition the page shows of it, before SomPage reads the share image.
        if self.image_id:
            prepare_renditions([self.image], (*LEAD_IMAGE_SPECS, SHARE_IMAGE_SPEC))
        context = super().get_context(request, *args, **kwargs)
        context["lead_image"] = self.image
        return context


class HomePage(SomPage):
    hero_title = models.CharField("titel bovenaan", max_length=120, default="Samen Onderwijs Maken")
    about_title = models.CharField("titel 'over SOM'", max_length=120, default="Wie we zijn")
    about = RichTextField("over SOM", blank=True, features=["bold", "italic", "link"])
    body = StreamField(BodyStreamBlock(), verbose_name="extra inhoud", blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("hero_title"),
        FieldPanel("intro"),
        InlinePanel("hero_links", label="knop", heading="Knoppen bovenaan", max_num=3),
        FieldPanel("about_title"),
        FieldPanel("about"),
        FieldPanel("body"),
    ]
    search_fields = SomPage.search_fields + [index.SearchField("about")]

    # Below the home page: every page type that names it as its parent (the apps' overview
    # pages, standard pages); the home page itself names none of them.
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = "startpagina"

    def get_context(self, request, *args, **kwargs):
        # The home page is the site layer: it gathers what the apps contribute.
        from . import home  # som.home imports this module

        context = super().get_context(request, *args, **kwargs)
        context.update(home.home_context(request, self))
        return context


class HomeLink(Orderable):
    """A button at the top of the home page, to a page the editors choose."""

    home = ParentalKey(HomePage, related_name="hero_links", on_delete=models.CASCADE)
    page = models.ForeignKey("wagtailcore.Page", verbose_name="pagina", on_delete=models.CASCADE, related_name="+")
    label = models.CharField("tekst op de knop", max_length=60, help_text="Bijvoorbeeld: Ontdek onze werking")

    panels = [FieldPanel("page"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = "knop"
        verbose_name_plural = "knoppen"


class SectionIndexPage(SomPage):
    """An overview right under the home page, one per site (/werking/, /kalender/,
    /onderwijsmakers/, /nieuws/): its own intro above a listing of its children."""

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["som.HomePage"]
    max_count = 1

    class Meta:
        abstract = True

    @classmethod
    def for_site(cls, site):
        """The live, public overview of this type on `site`, or None. Its title and address are
        what other pages need (a "see all" link), read once per content change."""
        if site is None:
            return None
        return cached(
            f"section-index:{cls._meta.label_lower}:{site.pk}",
            lambda: cls.objects.live().public().descendant_of(site.root_page).only(*LINK_FIELDS).first(),
        )


class StandardPage(SomPage):
    """Over SOM, contact, privacy and the like."""

    body = StreamField(BodyStreamBlock(), verbose_name="inhoud", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = SomPage.search_fields + [index.SearchField("body")]

    parent_page_types = ["som.HomePage", "som.StandardPage"]
    subpage_types = ["som.StandardPage"]

    class Meta:
        verbose_name = "standaardpagina"
        verbose_name_plural = "standaardpagina's"


# The outbox lives with the code that fills and empties it (som/mail.py).
from .mail import OutgoingMail  # noqa: E402, F401
