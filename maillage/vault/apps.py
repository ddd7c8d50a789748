from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VaultConfig(AppConfig):
    name = "maillage.vault"
    label = "vault"
    verbose_name = _("Identity vault")

    def ready(self) -> None:
        from maillage.situations.reference import register_list

        from . import (
            access,  # noqa: F401 - registers the access rules
            checks,  # noqa: F401 - registers the key check
        )
        from .models import LegalBasis

        register_list(LegalBasis)
