"""StreamField blocks shared by every page type. Templates live in templates/blocks/."""

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class FigureBlock(blocks.StructBlock):
    """An image with alt text (required unless decorative), a caption and a photo credit."""

    image = ImageBlock(label="Afbeelding")
    caption = blocks.CharBlock(label="Bijschrift", required=False, max_length=300)
    credit = blocks.CharBlock(
        label="Fotocredit",
        required=False,
        max_length=200,
        help_text="Laat leeg om de credit van de afbeelding zelf te gebruiken.",
    )

    class Meta:
        icon = "image"
        label = "Afbeelding"
        template = "blocks/figure.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label="Citaat")
    name = blocks.CharBlock(label="Naam", required=False, max_length=200)
    role = blocks.CharBlock(
        label="Functie",
        required=False,
        max_length=200,
        help_text="Bijvoorbeeld: schepen van onderwijs",
    )

    class Meta:
        icon = "openquote"
        label = "Citaat"
        template = "blocks/quote.html"


class LinkStructValue(blocks.StructValue):
    def url(self):
        page = self.get("page")
        return page.url if page else self.get("external_url")


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="Titel", max_length=120)
    text = blocks.TextBlock(label="Tekst", required=False)
    page = blocks.PageChooserBlock(label="Pagina", required=False)
    external_url = blocks.URLBlock(label="Of externe link", required=False)
    button_label = blocks.CharBlock(label="Tekst op de knop", max_length=60, default="Lees meer")

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("external_url"):
            raise blocks.StructBlockValidationError(
                block_errors={"page": blocks.ValidationError("Kies een pagina of vul een externe link in.")}
            )
        return value

    class Meta:
        icon = "pick"
        label = "Oproep tot actie"
        value_class = LinkStructValue
        template = "blocks/call_to_action.html"


class VideoBlock(blocks.StructBlock):
    embed = EmbedBlock(label="Link naar video of andere inhoud (YouTube, Vimeo …)")
    caption = blocks.CharBlock(label="Bijschrift", required=False, max_length=300)

    class Meta:
        icon = "media"
        label = "Video of embed"
        template = "blocks/embed.html"


class DocumentsBlock(blocks.StructBlock):
    """The documents a page shares (the charter, a report, a presentation), listed where they
    belong with their type and size."""

    heading = blocks.CharBlock(label="Titel", required=False, max_length=120, default="Documenten")
    documents = blocks.ListBlock(DocumentChooserBlock(label="Document"), label="Documenten", min_num=1)

    class Meta:
        icon = "doc-full"
        label = "Documenten"
        template = "blocks/documents.html"


class BodyStreamBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(label="Tekst", features=RICH_TEXT_FEATURES, template="blocks/paragraph.html")
    figure = FigureBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    embed = VideoBlock()
    documents = DocumentsBlock()

    class Meta:
        # Editors see the blocks in this order in the "+" menu.
        block_counts = {}
