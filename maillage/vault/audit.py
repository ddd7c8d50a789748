"""Audit actions of the identity vault: every view of an identity, disclosures and keys."""

from django.utils.translation import gettext_lazy as _

from maillage.core.audit import Action, actions

from .models import ReadReason

CATEGORY = actions.category("vault", _("Identity vault"))


def _declare(code: str, label, **choices) -> Action:
    return actions.declare(code, label, category=CATEGORY, choices=choices)


# Its code predates the vault app; entries already written carry it, so it stays.
VAULT_VIEW = _declare("situations.vault.view", _("Identity viewed"), reason=ReadReason)
PERSON_ADD = _declare("vault.person.add", _("Person added to the vault"))
PERSON_EDIT = _declare("vault.person.edit", _("Person's identity edited"))
KEY_DESTROY = _declare("vault.key.destroy", _("Vault destroyed"))
WRAPPING_KEY_DESTROY = _declare(
    "vault.wrapping_key.destroy", _("Wrapping key of a month destroyed")
)
KEY_ROTATE = _declare("vault.key.rotate", _("Master key rotated"))
DISCLOSURE_ADD = _declare("vault.disclosure.add", _("Disclosure recorded"))
DISCLOSURE_VIEW_REGISTER = _declare(
    "vault.disclosure.view_register", _("Disclosure register viewed")
)
DISCLOSURE_EXPORT = _declare("vault.disclosure.export", _("Disclosure register exported"))
REPEAT_FOUND = _declare("vault.repeat.found", _("Possible repeat found"))
REPEAT_CONFIRM = _declare("vault.repeat.confirm", _("Repeat confirmed"))
REPEAT_DISMISS = _declare("vault.repeat.dismiss", _("Possible repeat dismissed"))
