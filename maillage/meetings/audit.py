"""Audit actions of meetings: scheduling, the agenda, meeting mode and the minutes."""

from django.utils.translation import gettext_lazy as _

from maillage.core.audit import Action, actions

from .models import ActionStatus, MeetingKind

CATEGORY = actions.category("meetings", _("Meetings"))


def _declare(code: str, label) -> Action:
    return actions.declare(code, label, category=CATEGORY, choices={"kind": MeetingKind})


MEETING_CREATE = _declare("meetings.meeting.create", _("Meeting scheduled"))
MEETING_PUBLISH_AGENDA = _declare("meetings.meeting.publish_agenda", _("Agenda published"))
MEETING_START = _declare("meetings.meeting.start", _("Meeting started"))
MEETING_CLOSE = _declare("meetings.meeting.close", _("Meeting closed"))
MEETING_ATTENDANCE = _declare("meetings.meeting.attendance", _("Attendance recorded"))
MEETING_DECIDE = _declare("meetings.meeting.decide", _("Decision taken in meeting"))
MEETING_NAME_AGENCIES = _declare("meetings.meeting.name_agencies", _("Agencies named in meeting"))
MEETING_NEXT_STEP = _declare("meetings.meeting.next_step", _("Next step recorded"))
MEETING_NOTES = _declare("meetings.meeting.notes", _("Meeting notes edited"))
AGENDA_REFRESH = _declare("meetings.agenda.refresh", _("Agenda refreshed"))
AGENDA_ADD = _declare("meetings.agenda.add", _("Situation added to the agenda"))
AGENDA_REMOVE = _declare("meetings.agenda.remove", _("Item removed from the agenda"))
AGENDA_ADD_TOPIC = _declare("meetings.agenda.add_topic", _("Topic added to the agenda"))
MEETING_SUMMARY = _declare("meetings.meeting.summary", _("Topic's decision or summary written"))
MEETING_ACTION_ITEM = _declare("meetings.meeting.action_item", _("Action item agreed"))
MEETING_FOLLOW_UP = actions.declare(
    "meetings.meeting.follow_up",
    _("Action item followed up"),
    category=CATEGORY,
    choices={"status": ActionStatus},
)
MEETING_GUARD_OVERRIDE = _declare(
    "meetings.meeting.guard_override",
    _("Possible identifier in a topic confirmed as a false alarm"),
)
AGENDA_REORDER = _declare("meetings.agenda.reorder", _("Agenda reordered"))
MINUTES_PUBLISH = _declare("meetings.minutes.publish", _("Minutes published"))
MINUTES_EXPORT = _declare("meetings.minutes.export", _("Minutes exported"))
MINUTES_PURGE = _declare("meetings.minutes.purge", _("Minutes of past meetings purged"))
