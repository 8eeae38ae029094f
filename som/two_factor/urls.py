from django.urls import path

from . import views

urlpatterns = [
    path("", views.overview, name="two_factor_overview"),
    path("verifieren/", views.verify, name="two_factor_verify"),
    path("instellen/", views.setup, name="two_factor_setup"),
    path("herstelcodes/", views.new_codes, name="two_factor_new_codes"),
    path("uitzetten/", views.turn_off, name="two_factor_turn_off"),
    path("wissen/<int:user_id>/", views.reset, name="two_factor_reset"),
]
