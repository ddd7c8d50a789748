"""Who may do what on a situation, and when.

*Who* comes from the person's seat at the situation's table: their role and the agency they sit
for, measured against the agencies involved. *When* is the situation's state, defined once in
``states.STEPS`` and shared with the verbs on the model, which refuse a step at the wrong time.

Visibility depends on the state, because that is what the four filters are about: a draft stays
inside its agency; observers follow the table's decisions, so they never see a discussion still
awaiting its decision, and never the vault (see ``vault.access``).
"""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from maillage.core.access import Who, rules
from maillage.tables.access import EVERY_ROLE, MANAGERS, PARTICIPANTS, one, seat_at, seated
from maillage.tables.models import Role, TableKind

from .models import Situation
from .states import STEPS, Status

SeatRule = Callable[[str, int, Situation], bool]


def hidden_statuses(role: str) -> tuple[str, ...]:
    """The statuses in which a seat of ``role`` sees only its own agency's situations."""
    if role == Role.OBSERVER:
        return (Status.DRAFT, Status.PRESENTED)
    return (Status.DRAFT,)


def _may_view(role: str, org: int, situation: Situation) -> bool:
    own = org == situation.originating_organization_id
    return own or situation.status not in hidden_statuses(role)


def situation_visibility(user, table) -> Q:
    """A ``Q`` restricting situations of ``table`` to those this person may view."""
    seat = seat_at(user, table)
    if seat is None:
        return Q(pk__in=[])
    role, org = seat
    return ~Q(status__in=hidden_statuses(role)) | Q(originating_organization_id=org)


def involved(org: int, situation: Situation) -> bool:
    return org in situation.involved_organization_ids()


def seat_rule(rule: SeatRule) -> Who:
    """A *who* on a situation: a seat at its table that sees it, and ``rule`` of that seat."""

    def who(user, situation: Situation) -> bool:
        seat = seat_at(user, situation.table)
        if seat is None:
            return False
        role, org = seat
        return _may_view(role, org, situation) and rule(role, org, situation)

    return who


def _originating(org: int, situation: Situation) -> bool:
    return org == situation.originating_organization_id


def _lead(org: int, situation: Situation) -> bool:
    return org == situation.lead_organization_id


def _may_edit(role: str, org: int, situation: Situation) -> bool:
    return role in PARTICIPANTS and (
        role in MANAGERS or _originating(org, situation) or _lead(org, situation)
    )


def _with_the_agencies(role: str, org: int, situation: Situation) -> bool:
    return role in PARTICIPANTS and involved(org, situation)


rules.register("situation.view", who=seat_rule(lambda role, org, s: True))
rules.register("situation.edit", who=seat_rule(_may_edit), when=STEPS["edit"].allows)
rules.register(
    "situation.present",
    who=seat_rule(lambda role, org, s: role in PARTICIPANTS and _originating(org, s)),
    when=STEPS["present"].allows,
)
rules.register(
    "situation.decide",
    who=seat_rule(lambda role, org, s: role in MANAGERS),
    when=STEPS["decide"].allows,
)
rules.register(
    "situation.name_agencies",
    who=seat_rule(lambda role, org, s: role in MANAGERS),
    when=STEPS["name_agencies"].allows,
)
rules.register(
    "situation.manage_plan",
    who=seat_rule(_with_the_agencies),
    when=STEPS["manage_plan"].allows,
)
rules.register(
    "situation.record_contact",
    who=seat_rule(_with_the_agencies),
    when=STEPS["record_contact"].allows,
)
rules.register(
    "situation.assess_risk",
    who=seat_rule(
        lambda role, org, s: role in PARTICIPANTS and (role in MANAGERS or involved(org, s))
    ),
    when=STEPS["assess_risk"].allows,
)
rules.register(
    "situation.conclude",
    who=seat_rule(
        lambda role, org, s: role in MANAGERS or (role in PARTICIPANTS and _lead(org, s))
    ),
    when=STEPS["conclude"].allows,
)
rules.register(
    "situation.reopen",
    who=seat_rule(lambda role, org, s: role in MANAGERS),
    when=STEPS["reopen"].allows,
)
rules.register_scope("situation", situation_visibility)


def _has_situations(table) -> bool:
    """Concertation tables discuss no situations."""
    return table.kind != TableKind.CONCERTATION


# Table-level: what a seat may do with the table's situations before any one is chosen.
rules.register("table.view_situations", who=seated(EVERY_ROLE), when=_has_situations)
rules.register("table.create_situation", who=seated(PARTICIPANTS), when=_has_situations)
rules.register("table.configure_situations", who=seated(MANAGERS))


def get_situation_for_user(
    user, pk: int, action: str = "situation.view", table_pk: int | None = None
) -> Situation:
    """The situation, if ``user`` may take ``action``: 404 if they may not see it, else 403.

    Only *who* is checked here: a verb at the wrong time is refused by the situation itself.
    """
    found = Situation.objects.for_lists().filter(pk=pk)
    if table_pk is not None:
        found = found.filter(table_id=table_pk)
    situation = one(found)
    if situation is None or not rules.permits(user, "situation.view", situation):
        raise Http404
    if not rules.permits(user, action, situation):
        raise PermissionDenied
    return situation
