from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SituationsConfig(AppConfig):
    name = "maillage.situations"
    label = "situations"
    verbose_name = _("Situations")

    def ready(self) -> None:
        from . import access  # noqa: F401 - registers the access rules
