"""Who may open a situation's identity vault, and when.

Only seats held for an agency involved in the situation, never observers; and only once the
table has named the agencies (``Situation.identity_allowed``). Until then the vault is closed to
everyone, so its pages answer 403 rather than offering a form that would be refused.
"""

from django.core.exceptions import PermissionDenied

from maillage.core.access import rules
from maillage.situations.access import get_situation_for_user, involved, seat_rule
from maillage.situations.models import Situation
from maillage.tables.access import MANAGERS, PARTICIPANTS, seated


def _identity_allowed(situation: Situation) -> bool:
    return situation.identity_allowed()


def _with_the_agencies(role: str, org: int, situation: Situation) -> bool:
    return role in PARTICIPANTS and involved(org, situation)


for _action in ("situation.read_vault", "situation.write_vault"):
    rules.register(_action, who=seat_rule(_with_the_agencies), when=_identity_allowed)
# Possible repeats found in the vaults are reviewed by the table's managers only.
rules.register("table.review_repeats", who=seated(MANAGERS))


def get_vault_situation_for_user(user, pk: int, action: str) -> Situation:
    """The situation whose vault ``user`` may use for ``action`` now: 404, else 403."""
    situation = get_situation_for_user(user, pk, action)
    if not rules.may(user, action, situation):
        raise PermissionDenied
    return situation
