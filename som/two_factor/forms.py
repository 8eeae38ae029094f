from django import forms


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=16,
        help_text="De zes cijfers uit je authenticator-app, of een van je herstelcodes.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True, "inputmode": "text"}),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split())


class AppCodeForm(CodeForm):
    code = forms.CharField(
        label="Code uit de app",
        max_length=8,
        help_text="De zes cijfers die de app nu toont.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True, "inputmode": "numeric"}),
    )
