from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "maillage.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from . import access  # noqa: F401 - registers the access rules
