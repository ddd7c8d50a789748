from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizingConfig(AppConfig):
    name = "maillage.organizing"
    label = "organizing"
    verbose_name = _("Community organising")

    def ready(self) -> None:
        from . import access  # noqa: F401 - registers the app's rules
