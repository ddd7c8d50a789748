"""Audit actions of tables: their agencies, seats and settings."""

from django.utils.translation import gettext_lazy as _

from maillage.core.audit import Action, actions

from .models import Role

CATEGORY = actions.category("tables", _("Tables and members"))


def _declare(code: str, label) -> Action:
    return actions.declare(code, label, category=CATEGORY, choices={"from": Role, "to": Role})


ORGANIZATION_ADD = _declare("tables.organization.add", _("Agency added to the table"))
ORGANIZATION_DESIGNATE = _declare(
    "tables.organization.designate", _("Representative or substitute designated")
)
ORGANIZATION_REMOVE = _declare("tables.organization.remove", _("Agency removed from the table"))
SEAT_ADD = actions.declare(
    "tables.seat.add", _("Member seated"), category=CATEGORY, choices={"role": Role}
)
SEAT_ROLE = _declare("tables.seat.role", _("Member's role changed"))
SEAT_REMOVE = _declare("tables.seat.remove", _("Member removed"))
TABLE_EDIT = _declare("tables.table.edit", _("Table settings edited"))
TABLE_CREATE = _declare("tables.table.create", _("Table created"))
