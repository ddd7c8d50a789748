"""The one place that answers "may this user do this action on this table?".

Rules are declared as data (action → roles) so they can be read, reviewed and tested as a
matrix. Views never test roles themselves: they load objects through the ``get_*_for_user``
helpers, which give 404 to people outside the table and 403 to members without the right.
"""

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Q
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


def _one(queryset):
    """The row a loader asks for by key, or None: unlike ``first()``, no sort to plan."""
    return next(iter(queryset.order_by()[:1]), None)


def role_at(user, table: Table) -> str | None:
    seat = seat_at(user, table)
    return seat[0] if seat else None


# A person's seat at a table is asked for many times in one request (the loader, every rule,
# the lists): it is looked up once and kept on the user object, which lives for one request.
SEATS = "_maillage_seats"


def seat_at(user, table) -> tuple[str, int] | None:
    """(role, organisation id) of this person's seat at ``table``, or None."""
    if not is_signed_in(user):
        return None
    cache = user.__dict__.setdefault(SEATS, {})
    if table.pk not in cache:
        cache[table.pk] = _seat(table.pk, user.pk)
    return cache[table.pk]


# Asked on every page of a table: one plain statement costs a fraction of building the query.
SEAT = "SELECT role, organization_id FROM {} WHERE table_id = %s AND user_id = %s"


def _seat(table_pk: int, user_pk: int) -> tuple[str, int] | None:
    with connection.cursor() as cursor:
        cursor.execute(SEAT.format(Seat._meta.db_table), [table_pk, user_pk])
        return cursor.fetchone()


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
    table = _one(Table.objects.select_related("territory").filter(pk=pk))
    if table is None or not may_see(user, table):
        raise Http404
    if not can(user, action, table):
        raise PermissionDenied
    return table


def can_audit_everything(user) -> bool:
    return is_signed_in(user) and (user.is_privacy_officer or user.is_superuser)


def can_manage_privacy(user) -> bool:
    """Retention, the incident register and access reports: the privacy officer's work only."""
    return is_signed_in(user) and user.is_privacy_officer


def require_privacy_officer(user) -> None:
    if not can_manage_privacy(user):
        raise PermissionDenied


# --- Situations -------------------------------------------------------------------------------
# Who may do what on one situation. The rules say *who*; the situation's own methods say *when*
# (an illegal transition is refused there with a message, not here with a 403). Visibility and
# the identity vault depend on the state, because that is what the four filters are about.
# Observers follow the table's decisions: they see a discussion once the table has decided it,
# never a draft or a discussion still awaiting its decision, and never the vault.


def _involved(org: int, situation) -> bool:
    return org in situation.involved_organization_ids()


def hidden_statuses(role: str) -> tuple[str, ...]:
    """The statuses in which a seat of ``role`` sees only its own agency's situations."""
    from maillage.situations.models import Status

    if role == Role.OBSERVER:
        return (Status.DRAFT, Status.PRESENTED)
    return (Status.DRAFT,)


def _may_view(role: str, org: int, situation) -> bool:
    own = org == situation.originating_organization_id
    return own or situation.status not in hidden_statuses(role)


def _may_edit(role: str, org: int, situation) -> bool:
    from maillage.situations.models import Status

    if role == Role.OBSERVER or situation.status in (Status.REJECTED, Status.CONCLUDED):
        return False
    if situation.status == Status.DRAFT:
        return org == situation.originating_organization_id
    return (
        role in MANAGERS
        or org == situation.originating_organization_id
        or org == situation.lead_organization_id
    )


def _may_identify(role: str, org: int, situation) -> bool:
    """The vault: only seats held for an involved agency, only once identity is allowed."""
    return situation.identity_allowed() and role != Role.OBSERVER and _involved(org, situation)


SITUATION_RULES = {
    "situation.view": _may_view,
    "situation.edit": _may_edit,
    "situation.present": lambda role, org, s: (
        role != Role.OBSERVER and org == s.originating_organization_id
    ),
    "situation.decide": lambda role, org, s: role in MANAGERS,
    "situation.name_agencies": lambda role, org, s: role in MANAGERS,
    "situation.manage_plan": lambda role, org, s: role != Role.OBSERVER and _involved(org, s),
    "situation.record_contact": lambda role, org, s: role != Role.OBSERVER and _involved(org, s),
    "situation.assess_risk": lambda role, org, s: (
        role != Role.OBSERVER and (role in MANAGERS or _involved(org, s))
    ),
    "situation.conclude": lambda role, org, s: (
        role in MANAGERS or (role != Role.OBSERVER and org == s.lead_organization_id)
    ),
    "situation.reopen": lambda role, org, s: role in MANAGERS,
    "situation.read_vault": _may_identify,
    "situation.write_vault": _may_identify,
}
# Table-level situation actions (no situation yet).
TABLE_RULES["situation.create"] = frozenset({Role.CHAIR, Role.COORDINATOR, Role.MEMBER})
TABLE_RULES["situation.dashboard"] = EVERY_ROLE
TABLE_RULES["situation.configure"] = MANAGERS
# Possible repeats found in the vaults are reviewed by the table's managers only.
TABLE_RULES["table.review_repeats"] = MANAGERS


def can_situation(user, action: str, situation) -> bool:
    if action not in SITUATION_RULES:
        raise ValueError(f"Unknown action {action!r}")
    seat = seat_at(user, situation.table)
    if seat is None:
        return False
    role, org = seat
    if action != "situation.view" and not _may_view(role, org, situation):
        return False
    return SITUATION_RULES[action](role, org, situation)


def situation_visibility(user, table):
    """A ``Q`` restricting situations of ``table`` to those this person may view."""
    seat = seat_at(user, table)
    if seat is None:
        return Q(pk__in=[])
    role, org = seat
    return ~Q(status__in=hidden_statuses(role)) | Q(originating_organization_id=org)


def get_situation_for_user(
    user, pk: int, action: str = "situation.view", table_pk: int | None = None
):
    """The situation, if ``user`` may take ``action``: 404 if they may not see it, else 403."""
    from maillage.situations.models import Situation

    found = Situation.objects.for_lists().filter(pk=pk)
    if table_pk is not None:
        found = found.filter(table_id=table_pk)
    situation = _one(found)
    if situation is None or not can_situation(user, "situation.view", situation):
        raise Http404
    if not can_situation(user, action, situation):
        raise PermissionDenied
    return situation


# --- Reports ------------------------------------------------------------------------------------
# A table's own members read its figures with small counts (after a second factor, each look
# audited): they discussed those situations. Suppression applies to what leaves the table:
# other viewers, published figures, downloads and exports. The provincial export is one row
# per discussion: de-identified, but still the table's own records.
# A table may publish its suppressed figures to every signed-in person (regional decision
# makers): that widens ``report_tables_for_user`` only, never the rules below.
TABLE_RULES["reports.view"] = EVERY_ROLE
TABLE_RULES["reports.view_unsuppressed"] = EVERY_ROLE
TABLE_RULES["reports.write_narrative"] = MANAGERS
TABLE_RULES["reports.export_provincial"] = MANAGERS
PRIVACY_OFFICER_ACTIONS = PRIVACY_OFFICER_ACTIONS | {"reports.view"}


def report_tables_for_user(user, tables):
    """The tables among ``tables`` whose figures this person may see (suppressed).

    Their own tables, and the tables that chose to publish their suppressed figures to every
    signed-in person (``Table.publishes_figures``). Publishing opens only these figures:
    unsuppressed counts, the narrative and the provincial export keep their own rules above.
    """
    if not is_signed_in(user):
        return tables.none()
    if user.is_privacy_officer:
        return tables
    seated = Seat.objects.filter(user=user).values("table_id")
    return tables.filter(Q(pk__in=seated) | Q(publishes_figures=True))
