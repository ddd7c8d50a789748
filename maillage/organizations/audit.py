"""Audit actions of organisations: who works for which agency (the admin keeps this list)."""

from django.utils.translation import gettext_lazy as _

from maillage.core.audit import Action, actions

CATEGORY = actions.category("organizations", _("Agencies and their people"))


def _declare(code: str, label) -> Action:
    return actions.declare(code, label, category=CATEGORY)


MEMBERSHIP_ADD = _declare("organizations.membership.add", _("Person added to an agency"))
MEMBERSHIP_EDIT = _declare("organizations.membership.edit", _("Person's membership changed"))
MEMBERSHIP_REMOVE = _declare("organizations.membership.remove", _("Person removed from an agency"))
MEMBERSHIP_END = _declare(
    "organizations.membership.end", _("Person's membership ended, with their seats for the agency")
)
