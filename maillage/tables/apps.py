from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TablesConfig(AppConfig):
    name = "maillage.tables"
    label = "tables"
    verbose_name = _("Tables")

    def ready(self) -> None:
        from . import access  # noqa: F401 - registers the access rules
