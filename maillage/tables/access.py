"""Who sits at which table, and what each seat may do there.

Every right at a table comes from a seat: a person's role there, held on behalf of one of the
table's organisations. ``seat_at`` is the one lookup of it. A seat gives rights only while it is
in force (``Seat.objects.in_force``): the person still works for that organisation and the
organisation is active.

The table's own rules are registered here; other apps register theirs (situations, reports,
meetings) in their own ``access.py``, often on top of the roles below.
"""

from collections.abc import Collection
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from maillage.core.access import Who, is_signed_in, rules

from .models import Role, Seat, Table

EVERY_ROLE = frozenset(Role.values)
MANAGERS = frozenset({Role.CHAIR, Role.COORDINATOR})
# Everyone who takes part in the work; observers follow the table's decisions only.
PARTICIPANTS = EVERY_ROLE - {Role.OBSERVER}


def one(queryset: QuerySet) -> Any:
    """The row a loader asks for by key, or None: unlike ``first()``, no sort to plan."""
    return next(iter(queryset.order_by()[:1]), None)


# A person's seat at a table is asked for many times in one request (the loader, every rule,
# the lists): it is looked up once and kept on the user object, which lives for one request.
SEATS = "_maillage_seats"


def seat_at(user, table) -> tuple[str, int] | None:
    """(role, organisation id) of this person's seat in force at ``table``, or None."""
    if not is_signed_in(user):
        return None
    cache = user.__dict__.setdefault(SEATS, {})
    if table.pk not in cache:
        seat = Seat.objects.in_force().filter(table_id=table.pk, user_id=user.pk)
        cache[table.pk] = one(seat.values_list("role", "organization_id"))
    return cache[table.pk]


def forget_seats(user) -> None:
    """Drop what ``seat_at`` remembered for this person, after their seats changed."""
    user.__dict__.pop(SEATS, None)


def role_at(user, table) -> str | None:
    seat = seat_at(user, table)
    return seat[0] if seat else None


def seated(roles: Collection[str], *, privacy_officer: bool = False) -> Who:
    """A *who* for a table: a seat of one of ``roles`` (or, if said, the privacy officer)."""

    def who(user, table) -> bool:
        if privacy_officer and is_signed_in(user) and user.is_privacy_officer:
            return True
        return role_at(user, table) in roles

    return who


def can(user, action: str, table: Table) -> bool:
    """Whether ``user`` may take a table-level ``action`` (one registered on tables) now."""
    return rules.may(user, action, table)


def may_see(user, table: Table) -> bool:
    return role_at(user, table) is not None or (is_signed_in(user) and user.is_privacy_officer)


def get_table_for_user(user, pk: int, action: str = "table.view") -> Table:
    """The table, if ``user`` may take ``action`` on it: 404 to outsiders, 403 to members."""
    table = one(Table.objects.select_related("territory").filter(pk=pk))
    if table is None or not may_see(user, table):
        raise Http404
    if not rules.permits(user, action, table):
        raise PermissionDenied
    return table


rules.register("table.view", who=seated(EVERY_ROLE, privacy_officer=True))
rules.register("table.view_members", who=seated(EVERY_ROLE))
rules.register("table.edit", who=seated(MANAGERS))
rules.register("table.manage_members", who=seated(MANAGERS))
# The privacy officer audits every table, seat or not: it is their job.
rules.register("table.view_audit", who=seated(MANAGERS, privacy_officer=True))
