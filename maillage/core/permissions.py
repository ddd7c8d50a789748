"""The names the meetings app still imports from here, until it declares its own rules.

Each app now declares its rules in ``<app>/access.py``: seats and tables in ``tables.access``,
situations in ``situations.access``, the vault, reports and privacy in theirs. What remains
below is the meetings section, which moves to ``meetings/access.py``; this module goes with it.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from maillage.core.access import rules
from maillage.situations.access import (
    get_situation_for_user,
    hidden_statuses,
    situation_visibility,
)
from maillage.tables.access import (
    EVERY_ROLE,
    MANAGERS,
    can,
    get_table_for_user,
    role_at,
    seat_at,
    seated,
)
from maillage.tables.access import one as _one

__all__ = [
    "MANAGERS",
    "_one",
    "can",
    "get_meeting_for_user",
    "get_situation_for_user",
    "get_table_for_user",
    "hidden_statuses",
    "role_at",
    "seat_at",
    "situation_visibility",
]

# --- Meetings ---------------------------------------------------------------------------------
# Every seat holder follows a meeting (observers too, read-only); chairs and coordinators drive
# it. What each person sees of the situations on the agenda follows ``situation_visibility``.
rules.register("meeting.view", who=seated(EVERY_ROLE))
rules.register("meeting.manage", who=seated(MANAGERS))


def get_meeting_for_user(user, table_pk: int, pk: int, action: str = "meeting.view"):
    """The meeting, if ``user`` may take ``action`` at its table: 404 to outsiders, else 403."""
    from maillage.meetings.models import Meeting

    found = Meeting.objects.select_related("table__situation_settings")
    meeting = _one(found.filter(pk=pk, table_id=table_pk))
    if meeting is None or role_at(user, meeting.table) is None:
        raise Http404
    if not can(user, action, meeting.table):
        raise PermissionDenied
    return meeting
