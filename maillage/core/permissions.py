"""The one place that answers "may this user do this action on this table?".

Rules are declared as data (action → roles) so they can be read, reviewed and tested as a
matrix. Views never test roles themselves: they load objects through the ``get_*_for_user``
helpers, which give 404 to people outside the table and 403 to members without the right.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from maillage.tables.models import Role, Seat, Table

EVERY_ROLE = frozenset(Role.values)
MANAGERS = frozenset({Role.CHAIR, Role.COORDINATOR})

TABLE_RULES: dict[str, frozenset[str]] = {
    "table.view": EVERY_ROLE,
    "table.view_members": EVERY_ROLE,
    "table.edit": MANAGERS,
    "table.manage_members": MANAGERS,
    "table.view_audit": MANAGERS,
}
# Actions a privacy officer may take on any table, seat or not: auditing is their job.
PRIVACY_OFFICER_ACTIONS = frozenset({"table.view", "table.view_audit"})


def is_signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def role_at(user, table: Table) -> str | None:
    if not is_signed_in(user):
        return None
    cache = user.__dict__.setdefault("_maillage_roles", {})
    if table.pk not in cache:
        cache[table.pk] = (
            Seat.objects.filter(table=table, user=user).values_list("role", flat=True).first()
        )
    return cache[table.pk]


def can(user, action: str, table: Table) -> bool:
    if action not in TABLE_RULES:
        raise ValueError(f"Unknown action {action!r}")
    if not is_signed_in(user):
        return False
    if user.is_privacy_officer and action in PRIVACY_OFFICER_ACTIONS:
        return True
    return role_at(user, table) in TABLE_RULES[action]


def may_see(user, table: Table) -> bool:
    return role_at(user, table) is not None or (is_signed_in(user) and user.is_privacy_officer)


def get_table_for_user(user, pk: int, action: str = "table.view") -> Table:
    """The table, if ``user`` may take ``action`` on it: 404 to outsiders, 403 to members."""
    table = Table.objects.select_related("territory").filter(pk=pk).first()
    if table is None or not may_see(user, table):
        raise Http404
    if not can(user, action, table):
        raise PermissionDenied
    return table


def can_audit_everything(user) -> bool:
    return is_signed_in(user) and (user.is_privacy_officer or user.is_superuser)
