"""Audit actions of accounts: signing in and out, second factors, profiles."""

from django.utils.translation import gettext_lazy as _

from maillage.core.audit import Action, actions

CATEGORY = actions.category("accounts", _("Sign-in and accounts"))


def _declare(code: str, label) -> Action:
    return actions.declare(code, label, category=CATEGORY)


LOGIN = _declare("accounts.login", _("Signed in"))
LOGIN_FAILED = _declare("accounts.login.failed", _("Sign-in failed"))
LOGIN_LOCKED = _declare("accounts.login.locked", _("Sign-in locked after repeated failures"))
LOGOUT = _declare("accounts.logout", _("Signed out"))
MFA_ADD = _declare("accounts.mfa.add", _("Second factor added"))
MFA_REMOVE = _declare("accounts.mfa.remove", _("Second factor removed"))
MFA_RESET = _declare("accounts.mfa.reset", _("Recovery codes renewed"))
MFA_FAILED = _declare("accounts.mfa.failed", _("Second factor refused"))
USER_EDIT = _declare("accounts.user.edit", _("Profile edited"))
USER_LANGUAGE = _declare("accounts.user.language", _("Language changed"))
USER_DEACTIVATE = _declare("accounts.user.deactivate", _("Account deactivated"))
USER_ANONYMISE = _declare("accounts.user.anonymise", _("Account anonymised"))
USER_CREATE = _declare("accounts.user.create", _("Account created"))
USER_REACTIVATE = _declare("accounts.user.reactivate", _("Account reactivated"))
USER_PRIVACY_OFFICER = _declare(
    "accounts.user.privacy_officer", _("Privacy officer role given or withdrawn")
)
USER_PASSWORD = _declare("accounts.user.password", _("Password set by an administrator"))
