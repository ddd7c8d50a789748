from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo and volume data: the top floor of the project, imported by no other app."""

    name = "maillage.demo"
    label = "demo"
    verbose_name = _("Demo data")
