from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VaultConfig(AppConfig):
    name = "maillage.vault"
    label = "vault"
    verbose_name = _("Identity vault")

    def ready(self) -> None:
        from maillage.privacy.models import DataClass
        from maillage.privacy.retention import register_purger
        from maillage.situations.reference import register_list

        from . import (
            access,  # noqa: F401 - registers the access rules
            checks,  # noqa: F401 - registers the key check
        )
        from .models import LegalBasis, VaultKey, VaultPerson, WrappingKey
        from .services import destroy_expired_vaults

        register_list(LegalBasis)
        register_purger(
            DataClass.VAULT,
            destroy_expired_vaults,
            summary=_(
                "Vaults of situations concluded before the period are destroyed, with the "
                "wrapping keys they were under."
            ),
            models=[VaultKey, VaultPerson, WrappingKey],
        )
