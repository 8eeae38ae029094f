from wagtail.images.forms import BaseImageForm


class SomImageForm(BaseImageForm):
    """The image form in the admin: alternative text is required (WCAG 1.1.1)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "description" in self.fields:
            field = self.fields["description"]
            field.required = True
            field.label = "Alternatieve tekst"
            field.help_text = (
                "Beschrijf kort wat er op de afbeelding te zien is, voor wie ze niet kan zien. "
                "Bijvoorbeeld: 'Leerkrachten ondertekenen het SOM-charter in STUK'."
            )
