"""The five werkingen and the projects they hold."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from organisaties.models import OrganisationPage
from som.blocks import BodyStreamBlock
from som.models import LeadImageMixin, SectionIndexPage, SomPage, editor_tabs
from som.plugins import page_sections


class WerkingKind(models.TextChoices):
    """Which of the five werkingen a page is. The slug of each werking is fixed by the URL
    contract; what differs between them is written here, once."""

    LABORATORIUM = "laboratorium", "Laboratorium"
    STUDIO = "studio", "Studio"
    COMMUNITY = "community", "Community"
    SOM_RAAD = "som-raad", "SOM-raad"
    SOM_PLUS = "som-plus", "SOM-plus"


# What a werking calls its projects, and how it names the people who belong to it.
WERKING_TRAITS = {
    WerkingKind.LABORATORIUM: {"project_singular": "labo", "project_plural": "labo's", "members_title": "Betrokkenen"},
    WerkingKind.STUDIO: {"project_singular": "project", "project_plural": "projecten", "members_title": "Betrokkenen"},
    WerkingKind.COMMUNITY: {"project_singular": "project", "project_plural": "projecten", "members_title": "Kerngroep"},
    WerkingKind.SOM_RAAD: {
        "project_singular": "project",
        "project_plural": "projecten",
        "members_title": "Leden van de SOM-raad",
    },
    WerkingKind.SOM_PLUS: {
        "project_singular": "project",
        "project_plural": "projecten",
        "members_title": "Leden van SOM-plus",
    },
}


class WerkingIndexPage(SectionIndexPage):
    """/werking/: the five werkingen and the overview of all projects."""

    def get_context(self, request, *args, **kwargs):
        from .filters import cards, project_listing  # .filters imports this module

        context = super().get_context(request, *args, **kwargs)
        listing = project_listing(request.GET)
        context.update(
            werkingen=listing.werkingen,
            listing=listing,
            facet_options=listing.facet_options,
            page_obj=listing.page,
            projects=cards(listing),
        )
        return context

    subpage_types = ["werkingen.WerkingPage"]

    class Meta:
        verbose_name = "overzicht werking"


class WerkingPage(LeadImageMixin, SomPage):
    kind = models.CharField(
        "werking",
        max_length=20,
        choices=WerkingKind.choices,
        unique=True,
        help_text="Elke werking bestaat één keer.",
    )
    body = StreamField(BodyStreamBlock(), verbose_name="inhoud", blank=True)
    speerpunten = ParentalManyToManyField(
        "som.Speerpunt", verbose_name="speerpunten", blank=True, related_name="werkingen"
    )

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
        FieldPanel("speerpunten", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = SomPage.search_fields + [index.SearchField("body")]

    parent_page_types = ["werkingen.WerkingIndexPage"]
    # Below a werking: every page type that names it as its parent (its projects, the forms of
    # contact/); like the home page, the werking names none of them.

    class Meta:
        verbose_name = "werking"
        verbose_name_plural = "werkingen"

    @property
    def traits(self):
        return WERKING_TRAITS[WerkingKind(self.kind)]

    def get_context(self, request, *args, **kwargs):
        from .filters import cards, project_listing  # .filters imports this module

        context = super().get_context(request, *args, **kwargs)
        listing = project_listing(request.GET, werking=self, werkingen=[self])
        projects = cards(listing)
        # A werking without projects shows no listing, nor counts for its filters.
        show_listing = bool(projects) or listing.is_filtered
        context.update(
            listing=listing,
            show_listing=show_listing,
            facet_options=listing.facet_options if show_listing else [],
            page_obj=listing.page,
            projects=projects,
            speerpunten=list(self.speerpunten.all()),
            # What other apps show on a werking page (its members …): som.plugins.PageSection.
            sections=page_sections(self, request),
        )
        return context


def phase_history_errors(phases, project_date=None):
    """What is wrong with a phase history, given as (fase, start date) pairs in order: it may
    not go back in time, nor back to an earlier fase, nor start before the project."""
    errors = []
    for (earlier_fase, earlier_date), (later_fase, later_date) in zip(phases, phases[1:]):
        if later_date < earlier_date:
            errors.append(
                f"De fasegeschiedenis gaat terug in de tijd: '{later_fase}' begint op "
                f"{later_date:%d-%m-%Y}, vóór '{earlier_fase}' ({earlier_date:%d-%m-%Y})."
            )
        elif later_fase.sort_order < earlier_fase.sort_order:
            errors.append(f"De fasegeschiedenis gaat terug: '{later_fase}' kan niet volgen op '{earlier_fase}'.")
    if phases and project_date and phases[0][1] < project_date:
        errors.append("De eerste fase kan niet beginnen vóór de startdatum van het project.")
    return errors


class ProjectForm(WagtailAdminPageForm):
    """Checks the phase history as the editor entered it, so a wrong history is refused with
    a message on the form (the model only sees its phases once they are saved)."""

    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("phase_history")
        if formset is None or not formset.is_valid():
            return cleaned_data
        # In the order the editor arranged them; deleted rows are left out.
        forms = formset.ordered_forms if formset.can_order else formset.forms
        rows = [form.cleaned_data for form in forms]
        phases = [
            (row["fase"], row["start_date"])
            for row in rows
            if row and not row.get("DELETE") and row.get("fase") and row.get("start_date")
        ]
        for error in phase_history_errors(phases, cleaned_data.get("date")):
            self.add_error(None, error)
        if phases and not self.errors:
            cleaned_data["fase"] = phases[-1][0]
        return cleaned_data


class ProjectTag(TaggedItemBase):
    content_object = ParentalKey("werkingen.ProjectPage", related_name="tagged_items", on_delete=models.CASCADE)


class ProjectQuerySet(PageQuerySet):
    def newest_first(self):
        """By start date, the newest first (and in a stable order on the same day)."""
        return self.order_by("-date", "-pk")

    def visible(self, werking=None):
        """Live, public projects (of one werking), in their lightest form for cards."""
        queryset = self.live().public()
        if werking is not None:
            queryset = queryset.child_of(werking)
        return queryset.defer_streamfields().select_related("fase")


class ProjectPage(LeadImageMixin, SomPage):
    """A labo in the Laboratorium, a project in the Studio, or a project of another werking.
    Its werking is its parent page."""

    question = models.CharField(
        "onderzoeksvraag",
        max_length=255,
        blank=True,
        help_text="De vraag die het project stuurt, bv. 'Hoe kunnen we …?'",
    )
    date = models.DateField(
        "datum", default=timezone.localdate, help_text="Startdatum van het project, zoals getoond op de kaart."
    )
    fase = models.ForeignKey(
        "som.Fase",
        verbose_name="huidige fase",
        on_delete=models.PROTECT,
        related_name="projects",
        help_text="Wordt automatisch gelijkgezet met de laatste fase in de fasegeschiedenis.",
    )
    speerpunten = ParentalManyToManyField(
        "som.Speerpunt", verbose_name="speerpunten", blank=True, related_name="projects"
    )
    niveaus = ParentalManyToManyField(
        "som.Onderwijsniveau", verbose_name="onderwijsniveaus", blank=True, related_name="projects"
    )
    tags = ClusterTaggableManager("trefwoorden", through=ProjectTag, blank=True)
    body = StreamField(
        BodyStreamBlock(),
        verbose_name="inhoud",
        blank=True,
        help_text="Gebruik tussentitels zoals 'Wat als …?' en 'Hoe pakken we dat aan?'.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("question"),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    details_panels = [
        FieldPanel("date"),
        MultiFieldPanel(
            [FieldPanel("fase"), InlinePanel("phase_history", label="fase", heading="Fasegeschiedenis")],
            heading="Fase",
        ),
        FieldPanel("speerpunten", widget=forms.CheckboxSelectMultiple),
        FieldPanel("niveaus", widget=forms.CheckboxSelectMultiple),
        FieldPanel("tags"),
        InlinePanel("partners", label="partner", heading="Partners"),
        InlinePanel("related_links", label="gerelateerde pagina", heading="Gerelateerde pagina's"),
    ]
    edit_handler = editor_tabs(content_panels, details_panels)

    search_fields = SomPage.search_fields + [
        index.SearchField("question"),
        index.SearchField("body"),
        index.FilterField("date"),
        index.FilterField("fase"),
    ]

    objects = PageManager.from_queryset(ProjectQuerySet)()

    parent_page_types = ["werkingen.WerkingPage"]
    subpage_types = []
    card_template = "werkingen/components/project_card.html"

    class Meta:
        verbose_name = "project"
        verbose_name_plural = "projecten"
        # Overviews and the home page list the newest first: read in this order, not sorted.
        indexes = [models.Index(fields=["date", "page_ptr"], name="project_date_idx")]

    base_form_class = ProjectForm

    def clean(self):
        super().clean()
        phases = [(p.fase, p.start_date) for p in self.phase_history.all() if p.fase_id and p.start_date]
        errors = phase_history_errors(phases, self.date)
        if errors:
            raise ValidationError(errors)
        if phases:
            # The current phase is the last one in the history: one source of truth.
            self.fase = phases[-1][0]

    def get_context(self, request, *args, **kwargs):
        from .seo import project_json_ld

        context = super().get_context(request, *args, **kwargs)
        werking, fase, partners = self.werking, self.fase, self.visible_partners(request)
        speerpunten, tags = list(self.speerpunten.all()), list(self.tags.all())
        context.update(
            werking=werking,
            fase=fase,
            phases=list(self.phase_history.select_related("fase")),
            partners=partners,
            speerpunten=speerpunten,
            niveaus=list(self.niveaus.all()),
            tags=tags,
            related_pages=self.visible_related_pages(),
            # What other apps show on a project page (its people, activities, news).
            sections=page_sections(self, request),
            json_ld=project_json_ld(
                self,
                request,
                werking=werking,
                fase=fase,
                partners=partners,
                tags=tags,
                speerpunten=speerpunten,
                image_url=context["share_image_url"],
            ),
        )
        return context

    def visible_partners(self, request):
        """[{name, page_url, url}, …]: a partner from the list of organisations links to its page
        while visitors may see that page; otherwise its free-text name and website are shown (a
        hidden organisation without a name of its own is left out: its title is not public)."""
        rows = list(self.partners.all())
        linked = [row.organisation_page_id for row in rows if row.organisation_page_id]
        pages = {}
        if linked:
            visible = OrganisationPage.objects.live().public().filter(pk__in=linked).defer_streamfields()
            pages = {page.pk: page for page in visible.only("id", "title", "url_path", "path", "depth", "website")}
        partners = []
        for row in rows:
            page = pages.get(row.organisation_page_id)
            if page is not None:
                partners.append({"name": page.title, "page_url": page.get_url(request=request), "url": page.website})
            elif row.name:
                partners.append({"name": row.name, "page_url": "", "url": row.url})
        return partners

    @property
    def werking(self):
        """The werking the project belongs to: its parent, from the cached live werkingen."""
        from .filters import live_werkingen  # .filters imports this module

        return attach_werkingen([self], live_werkingen())[0].werking_page or self.get_parent().specific

    def visible_related_pages(self):
        linked = [link.page_id for link in self.related_links.all()]
        if not linked:
            return []
        pages = {page.pk: page for page in Page.objects.live().public().filter(pk__in=linked)}
        return [pages[pk] for pk in linked if pk in pages]

    def card_preview_context(self):
        attach_werkingen([self])
        return super().card_preview_context()


class ProjectPhase(Orderable):
    """One step of a project's phase history: from this date on, the project was in this fase."""

    project = ParentalKey(ProjectPage, related_name="phase_history", on_delete=models.CASCADE)
    fase = models.ForeignKey("som.Fase", verbose_name="fase", on_delete=models.PROTECT, related_name="+")
    start_date = models.DateField("vanaf")

    panels = [FieldPanel("fase"), FieldPanel("start_date")]

    class Meta(Orderable.Meta):
        verbose_name = "fase in de geschiedenis"


class ProjectPartner(Orderable):
    project = ParentalKey(ProjectPage, related_name="partners", on_delete=models.CASCADE)
    organisation_page = models.ForeignKey(
        "organisaties.OrganisationPage",
        verbose_name="organisatie",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="project_partnerships",
        help_text="De partner uit de lijst van organisaties; anders een naam hieronder.",
    )
    name = models.CharField("naam (vrije tekst)", max_length=200, blank=True)
    url = models.URLField("website", blank=True)

    panels = [FieldPanel("organisation_page"), FieldPanel("name"), FieldPanel("url")]

    def clean(self):
        super().clean()
        if not self.organisation_page_id and not self.name:
            raise ValidationError({"name": "Kies een organisatie of vul een naam in."})

    class Meta(Orderable.Meta):
        verbose_name = "partner"
        verbose_name_plural = "partners"


class ProjectRelatedLink(Orderable):
    project = ParentalKey(ProjectPage, related_name="related_links", on_delete=models.CASCADE)
    page = models.ForeignKey("wagtailcore.Page", verbose_name="pagina", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("page")]

    class Meta(Orderable.Meta):
        verbose_name = "gerelateerde pagina"
        verbose_name_plural = "gerelateerde pagina's"


def attach_werkingen(projects, werkingen=None):
    """Give each project its werking (`project.werking_page`) without a query per card:
    a project's werking is the ancestor whose path is a prefix of the project's path."""
    projects = list(projects)
    if werkingen is None:
        werkingen = WerkingPage.objects.defer_streamfields().only("id", "title", "path", "url_path", "kind", "depth")
    by_path = {w.path: w for w in werkingen}
    for project in projects:
        project.werking_page = by_path.get(project.path[: -Page.steplen])
    return projects
