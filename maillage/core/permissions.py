"""The names the meetings app still imports from here; it is to ask their own modules instead.

Each app declares its rules in ``<app>/access.py``: seats and tables in ``tables.access``,
situations in ``situations.access``, the vault, reports, privacy and meetings in theirs.
"""

from maillage.core.access import rules
from maillage.situations.access import (
    get_situation_for_user,
    hidden_statuses,
    situation_visibility,
)
from maillage.tables.access import MANAGERS, can, get_table_for_user, role_at, seat_at
from maillage.tables.access import one as _one

__all__ = [
    "MANAGERS",
    "_one",
    "can",
    "can_situation",
    "get_situation_for_user",
    "get_table_for_user",
    "hidden_statuses",
    "role_at",
    "seat_at",
    "situation_visibility",
]


def can_situation(user, action: str, situation) -> bool:
    """The right alone (*who*), as the meetings' bridge to the situations' rules asks it."""
    return rules.permits(user, action, situation)
