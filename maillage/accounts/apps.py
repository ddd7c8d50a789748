from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    default = True
    name = "maillage.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from . import audit_receivers  # noqa: F401 - connects the MFA audit receivers


class MaillageAdminConfig(admin_apps.AdminConfig):
    """The Django admin, reserved to superusers who signed in with a second factor."""

    default = False
    default_site = "maillage.accounts.admin_site.MaillageAdminSite"
