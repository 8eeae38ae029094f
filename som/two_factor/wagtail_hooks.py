from django.urls import reverse
from wagtail import hooks
from wagtail.admin.widgets.button import Button


class AccountMenuItem:
    label = "Tweestapsverificatie"
    help_text = "Een code uit een app op je telefoon bij het aanmelden, en je herstelcodes."

    @property
    def url(self):
        return reverse("two_factor_overview")


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return AccountMenuItem()


@hooks.register("register_user_listing_buttons")
def two_factor_reset_button(user, request_user):
    if request_user.is_superuser and user.pk != request_user.pk:
        yield Button("Tweestapsverificatie wissen", url=reverse("two_factor_reset", args=[user.pk]), priority=90)
