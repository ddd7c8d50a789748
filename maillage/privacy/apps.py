from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "maillage.privacy"
    label = "privacy"
    verbose_name = _("Privacy")

    def ready(self) -> None:
        from . import access  # noqa: F401 - registers the access rules
