"""Who may do what with a table's meetings, and when.

Every seat holder follows a meeting (observers too, read-only); chairs and coordinators prepare
and drive it. *When* is the meeting's state, as the model words it (``Meeting.startable``…):
the services refuse a verb at the wrong time with a message, the pages simply do not offer it.
What each person sees of the situations on an agenda follows the situations' own visibility
rule (``AgendaItemQuery.visible_to``); what meeting mode offers for a situation asks the
situations' rules.

Table-level rules (``meeting.view``, ``meeting.create``) take the table; the others the meeting.
Templates receive ``may`` for the meeting and ask ``may.start``, ``may.drive``…
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from maillage.core.access import Permissions, rules
from maillage.tables.access import get_table_for_user, seat_at
from maillage.tables.models import Role, Table

from .models import Meeting

MANAGERS = frozenset({Role.CHAIR, Role.COORDINATOR})


def _table(obj: Any) -> Table:
    return obj.table if isinstance(obj, Meeting) else obj


def _seated(user: Any, obj: Any) -> bool:
    return seat_at(user, _table(obj)) is not None


def _manages(user: Any, obj: Any) -> bool:
    seat = seat_at(user, _table(obj))
    return seat is not None and seat[0] in MANAGERS


def register() -> None:
    """Declare the meetings' rules (called once, from ``MeetingsConfig.ready``)."""
    rules.register("meeting.view", who=_seated, label=_("Follow the table's meetings"))
    rules.register("meeting.manage", who=_manages, label=_("Prepare and hold meetings"))
    rules.register("meeting.create", who=_manages, label=_("Schedule or create a meeting"))
    rules.register(
        "meeting.edit_agenda",
        who=_manages,
        when=lambda m: m.agenda_editable,
        label=_("Change the agenda"),
    )
    rules.register(
        "meeting.publish_agenda",
        who=_manages,
        when=lambda m: m.agenda_publishable,
        label=_("Publish the agenda"),
    )
    rules.register(
        "meeting.start", who=_manages, when=lambda m: m.startable, label=_("Start the meeting")
    )
    rules.register(
        "meeting.drive",
        who=_manages,
        when=lambda m: m.in_progress,
        label=_("Record attendance, decisions and action items"),
    )
    rules.register(
        "meeting.follow",
        who=_seated,
        when=lambda m: m.in_progress,
        label=_("Follow the meeting as it happens"),
    )
    rules.register(
        "meeting.close", who=_manages, when=lambda m: m.in_progress, label=_("Close the meeting")
    )
    rules.register(
        "meeting.review_minutes",
        who=_manages,
        when=lambda m: m.held,
        label=_("Read the draft minutes"),
    )
    rules.register(
        "meeting.read_minutes",
        who=_seated,
        when=lambda m: m.minutes_published,
        label=_("Read the published minutes"),
    )
    rules.register(
        "meeting.publish_minutes",
        who=_manages,
        when=lambda m: m.minutes_publishable,
        label=_("Publish the minutes"),
    )


def permissions(user: Any, meeting: Meeting) -> Permissions:
    """``may`` for a meeting's templates."""
    return rules.permissions(user, meeting, "meeting")


def may_read_minutes(user: Any, meeting: Meeting) -> bool:
    """Managers read the draft once the meeting is held; every member once it is published."""
    return rules.may(user, "meeting.review_minutes", meeting) or rules.may(
        user, "meeting.read_minutes", meeting
    )


def get_meetings_table_for_user(user: Any, table_pk: int, action: str = "meeting.view") -> Table:
    """The table whose meetings are asked for: 404 to outsiders, 403 without the right."""
    table = get_table_for_user(user, table_pk, "table.view")
    if not rules.permits(user, action, table):
        raise PermissionDenied
    return table


def get_meeting_for_user(user: Any, table_pk: int, pk: int, action: str = "meeting.view"):
    """The meeting, if ``user`` may take ``action`` at its table: 404 to outsiders, else 403."""
    found = Meeting.objects.select_related("table__situation_settings")
    meeting = next(iter(found.filter(pk=pk, table_id=table_pk).order_by()[:1]), None)
    if meeting is None or not _seated(user, meeting):
        raise Http404
    if not rules.permits(user, action, meeting):
        raise PermissionDenied
    return meeting


def situation_steps(user: Any, meeting: Meeting, situation: Any) -> dict[str, bool]:
    """Which of the table's decisions meeting mode offers for one situation now.

    Each asks the situation's own rules: deciding and naming the agencies are the situation's
    ``decide`` and ``name_agencies``; a next step is the table's decision, so the coordinator
    driving the meeting may add one whenever the situation's action plan can change.
    """
    if not rules.may(user, "meeting.drive", meeting):
        return {"decide": False, "name_agencies": False, "next_step": False}
    return {
        "decide": rules.may(user, "situation.decide", situation),
        "name_agencies": rules.may(user, "situation.name_agencies", situation),
        "next_step": rules.rule("situation.manage_plan").when(situation),
    }
