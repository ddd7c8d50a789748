from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "maillage.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        # Each app declares its audit actions in ``<app>/audit.py``; the trail names them all.
        autodiscover_modules("audit")
