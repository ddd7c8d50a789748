from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "maillage.privacy"
    label = "privacy"
    verbose_name = _("Privacy")

    def ready(self) -> None:
        from django.contrib.auth import get_user_model

        from . import (
            access,  # noqa: F401 - registers the access rules
            checks,  # noqa: F401 - registers the purger check
        )
        from .models import DataClass, Incident
        from .retention import register_purger
        from .services import anonymise_deactivated_accounts, purge_incidents

        register_purger(
            DataClass.ACCOUNTS,
            anonymise_deactivated_accounts,
            summary=_("Accounts deactivated before the period are anonymised."),
            models=[get_user_model()],
        )
        register_purger(
            DataClass.INCIDENTS,
            purge_incidents,
            summary=_("Incidents recorded before the period are deleted."),
            models=[Incident],
        )
