"""Workflows of a meeting: scheduling, publishing the agenda, and what happens in meeting mode.

Decisions go through the situation's own lifecycle methods (which check the state, lock the row
and write the situation's audit entry); these functions add the record of *which meeting* it was
taken at, bump the meeting's version for the screens following it, and audit their own part.
"""

import calendar
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.core.audit import Action, log_action
from maillage.core.locking import refresh_for_update
from maillage.notifications.services import notify_agenda_published
from maillage.situations import services as situation_services
from maillage.tables.models import Cadence

from .agenda import refresh_agenda
from .audit import (
    MEETING_ACTION_ITEM,
    MEETING_ATTENDANCE,
    MEETING_CLOSE,
    MEETING_CREATE,
    MEETING_DECIDE,
    MEETING_FOLLOW_UP,
    MEETING_GUARD_OVERRIDE,
    MEETING_NAME_AGENCIES,
    MEETING_NEXT_STEP,
    MEETING_NOTES,
    MEETING_PUBLISH_AGENDA,
    MEETING_START,
    MEETING_SUMMARY,
)
from .models import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    Attendance,
    Decision,
    DecisionKind,
    Meeting,
    MeetingKind,
    MeetingStatus,
)

DEFAULT_TIME = time(9, 30)


def _audit(action: Action, meeting: Meeting, by, request, fields=(), data=None) -> None:
    log_action(
        action,
        user=by,
        obj=meeting,
        table=meeting.table,
        fields=list(fields),
        data=data,
        request=request,
    )


@transaction.atomic
def create_meeting(*, table, starts_at: datetime, kind: str, by, request=None) -> Meeting:
    """A meeting whose agenda is built at once from the table's situations."""
    meeting = Meeting.objects.create(table=table, starts_at=starts_at, kind=kind, created_by=by)
    refresh_agenda(meeting=meeting)
    _audit(MEETING_CREATE, meeting, by, request, ["starts_at", "kind"], {"kind": kind})
    return meeting


def _add_months(moment: datetime, months: int) -> datetime:
    month = moment.month - 1 + months
    year, month = moment.year + month // 12, month % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def next_dates(cadence: str, after: datetime, count: int) -> list[datetime]:
    """The next ``count`` meeting times after ``after``, following the table's cadence.

    Twice a week alternates three and four days (e.g. Tuesday and Friday).
    """
    steps: dict[str, list[timedelta]] = {
        Cadence.WEEKLY: [timedelta(days=7)],
        Cadence.BIWEEKLY: [timedelta(days=14)],
        Cadence.TWICE_WEEKLY: [timedelta(days=3), timedelta(days=4)],
    }
    months: dict[str, int] = {Cadence.MONTHLY: 1, Cadence.QUARTERLY: 3}
    dates, moment = [], after
    for index in range(count):
        if cadence in months:
            moment = _add_months(moment, months[cadence])
        else:
            pattern = steps[cadence]
            moment = moment + pattern[index % len(pattern)]
        dates.append(moment)
    return dates


@transaction.atomic
def schedule_next(*, table, count: int, by, request=None) -> list[Meeting]:
    """Schedule the next ``count`` meetings from the last one (or from tomorrow morning)."""
    if table.cadence == Cadence.AS_NEEDED:
        raise ValidationError(
            _("This table meets as needed: schedule each meeting with its date and time.")
        )
    last = Meeting.objects.of_table(table).filter(kind=MeetingKind.SCHEDULED).first()
    now = timezone.localtime()
    if last is not None and last.starts_at > now:
        dates = next_dates(table.cadence, timezone.localtime(last.starts_at), count)
    else:
        first = timezone.make_aware(datetime.combine(now.date() + timedelta(days=1), DEFAULT_TIME))
        dates = [first, *next_dates(table.cadence, first, count - 1)]
    return [
        create_meeting(
            table=table, starts_at=moment, kind=MeetingKind.SCHEDULED, by=by, request=request
        )
        for moment in dates
    ]


@transaction.atomic
def publish_agenda(*, meeting: Meeting, by, request=None) -> int:
    """Make the agenda official and tell every seat holder. Returns how many were notified."""
    if not meeting.agenda_publishable:
        raise ValidationError(_("The agenda of this meeting was already published."))
    count = meeting.items.listed().count()
    if count == 0:
        raise ValidationError(_("The agenda is empty: add at least one item first."))
    meeting.status = MeetingStatus.PUBLISHED
    meeting.agenda_published_at = timezone.now()
    meeting.save(update_fields=["status", "agenda_published_at"])
    meeting.touch()
    _audit(MEETING_PUBLISH_AGENDA, meeting, by, request, ["status"], {"items": count})
    return notify_agenda_published(meeting)


@transaction.atomic
def start_meeting(*, meeting: Meeting, by, request=None) -> None:
    """Open meeting mode; every member agency gets an attendance line to fill in."""
    if not meeting.startable:
        raise ValidationError(_("This meeting has already started or was held."))
    meeting.status = MeetingStatus.IN_PROGRESS
    meeting.started_at = timezone.now()
    meeting.save(update_fields=["status", "started_at"])
    seated = meeting.table.member_organizations.values_list("organization_id", flat=True)
    Attendance.objects.bulk_create(
        [Attendance(meeting=meeting, organization_id=org) for org in seated],
        ignore_conflicts=True,
    )
    meeting.touch()
    _audit(MEETING_START, meeting, by, request, ["status"])


@transaction.atomic
def close_meeting(*, meeting: Meeting, notes: str, by, request=None) -> None:
    if not meeting.in_progress:
        raise ValidationError(_("Only a meeting in progress can be closed."))
    meeting.status = MeetingStatus.CLOSED
    meeting.ended_at = timezone.now()
    meeting.minutes_notes = notes.strip()
    meeting.save(update_fields=["status", "ended_at", "minutes_notes"])
    meeting.touch()
    _audit(MEETING_CLOSE, meeting, by, request, ["status", "minutes_notes"])


def _check_live(meeting: Meeting) -> None:
    refresh_for_update(meeting)  # the stored status, held until the change is written
    if not meeting.in_progress:
        raise ValidationError(_("Start the meeting before recording what the table decides."))


@transaction.atomic
def set_attendance(*, meeting: Meeting, organization_id: int, status: str, by, request=None):
    _check_live(meeting)
    line = meeting.attendance.select_for_update().get(organization_id=organization_id)
    line.status = status
    line.save(update_fields=["status"])
    meeting.touch()
    _audit(
        MEETING_ATTENDANCE, meeting, by, request, ["attendance"], {"organization": organization_id}
    )


def _listed(meeting: Meeting, situation) -> AgendaItem:
    item = meeting.items.listed().filter(situation=situation).first()
    if item is None:
        raise ValidationError(_("This situation is not on the agenda of this meeting."))
    return item


@transaction.atomic
def record_decision(*, meeting: Meeting, situation, decision: dict, version: int, by, request=None):
    """Filter 2 at this meeting: ``decision`` holds aer_met, method, votes and recommendation."""
    _check_live(meeting)
    _listed(meeting, situation)
    situation.decide(**decision, by=by, request=request, version=version)
    Decision.objects.create(
        meeting=meeting,
        situation=situation,
        kind=DecisionKind.AER,
        aer_met=situation.aer_met,
        decision_method=situation.decision_method,
        votes_for=situation.votes_for,
        votes_against=situation.votes_against,
        by=by,
    )
    meeting.touch()
    _audit(MEETING_DECIDE, meeting, by, request, ["decisions"], {"situation": situation.pk})


@transaction.atomic
def record_agencies(
    *, meeting: Meeting, situation, lead, assisting, version: int, by, request=None
):
    """Filter 3 at this meeting: one lead agency and the assisting agencies needed."""
    _check_live(meeting)
    _listed(meeting, situation)
    situation_services.name_agencies(
        situation=situation,
        lead=lead,
        assisting=assisting,
        by=by,
        request=request,
        version=version,
    )
    decision = Decision.objects.create(
        meeting=meeting,
        situation=situation,
        kind=DecisionKind.AGENCIES,
        lead_organization=lead,
        by=by,
    )
    decision.assisting_organizations.set(situation.assisting_organizations.all())
    meeting.touch()
    _audit(MEETING_NAME_AGENCIES, meeting, by, request, ["decisions"], {"situation": situation.pk})


@transaction.atomic
def add_next_step(
    *, meeting: Meeting, situation, title: str, owner, due_on, by, request=None
) -> Decision:
    """A task of the action plan, agreed at this meeting."""
    _check_live(meeting)
    _listed(meeting, situation)
    task = situation_services.add_task(
        situation=situation, title=title, owner=owner, due_on=due_on, by=by, request=request
    )
    decision = Decision.objects.create(
        meeting=meeting, situation=situation, kind=DecisionKind.TASK, task=task, by=by
    )
    meeting.touch()
    _audit(MEETING_NEXT_STEP, meeting, by, request, ["decisions"], {"situation": situation.pk})
    return decision


@transaction.atomic
def save_notes(*, item: AgendaItem, notes: str, by, request=None) -> None:
    _check_live(item.meeting)
    item.notes = notes.strip()
    item.save(update_fields=["notes"])
    item.meeting.touch()
    _audit(MEETING_NOTES, item.meeting, by, request, ["notes"], {"situation": item.situation_id})


def _topic(item: AgendaItem) -> None:
    if not item.is_topic or item.removed_at is not None:
        raise ValidationError(_("This topic is not on the agenda of this meeting."))


@transaction.atomic
def save_summary(*, item: AgendaItem, summary: str, by, request=None) -> None:
    """The decision or summary the table reached on a topic (checked for identifiers by the
    form that takes it, and again before the minutes are published)."""
    _check_live(item.meeting)
    _topic(item)
    item.summary = summary.strip()
    item.save(update_fields=["summary"])
    item.meeting.touch()
    _audit(MEETING_SUMMARY, item.meeting, by, request, ["summary"], {"topic": item.pk})


def _check_action(meeting: Meeting, what: str, owner, due_on) -> str:
    what = what.strip()
    if not what:
        raise ValidationError(_("Say what is to be done."))
    if owner is None or not meeting.table.member_organizations.filter(organization=owner).exists():
        raise ValidationError(_("The organisation responsible must sit at this table."))
    if due_on is None:
        raise ValidationError(_("Give the date the action is due."))
    if due_on < meeting.local_date:
        raise ValidationError(_("The due date cannot come before the meeting."))
    return what


@transaction.atomic
def add_action_item(
    *, item: AgendaItem, what: str, owner, due_on: date, by, request=None
) -> ActionItem:
    """An action agreed on a topic: what, by which organisation seated at the table, by when."""
    meeting = item.meeting
    _check_live(meeting)
    _topic(item)
    what = _check_action(meeting, what, owner, due_on)
    action = ActionItem.objects.create(
        item=item, what=what, owner_organization=owner, due_on=due_on, created_by=by
    )
    meeting.touch()
    _audit(
        MEETING_ACTION_ITEM,
        meeting,
        by,
        request,
        ["actions"],
        {"topic": item.pk, "action": action.pk},
    )
    return action


@transaction.atomic
def follow_up_action(
    *, meeting: Meeting, action: ActionItem, status: str, by, request=None
) -> None:
    """At a later meeting: an action item is done, dropped, or open again."""
    _check_live(meeting)
    if status not in ActionStatus.values:
        raise ValidationError(_("Choose open, done or dropped."))
    locked = (
        ActionItem.objects.select_for_update().select_related("item__meeting").get(pk=action.pk)
    )
    if locked.item.meeting.table_id != meeting.table_id:
        raise ValidationError(_("This action item belongs to another table."))
    if locked.item.meeting.starts_at >= meeting.starts_at:
        raise ValidationError(_("Action items are followed up at the table's later meetings."))
    locked.status = status
    locked.followed_up_at = meeting
    locked.save(update_fields=["status", "followed_up_at"])
    action.status, action.followed_up_at = status, meeting
    meeting.touch()
    _audit(
        MEETING_FOLLOW_UP,
        meeting,
        by,
        request,
        ["actions"],
        {"action": action.pk, "status": status},
    )


def record_guard_override_at_close(*, meeting: Meeting, labels: list[str], by, request=None):
    """A false alarm confirmed in the general notes: only the labels go to the audit trail."""
    if labels:
        _audit(MEETING_GUARD_OVERRIDE, meeting, by, request, data={"labels": sorted(set(labels))})


def record_topic_guard_override(*, item: AgendaItem, labels: list[str], by, request=None):
    """The person confirmed that what the detector found in a topic's text is not an
    identifier. Only the labels go to the audit trail, never the text."""
    _audit(
        MEETING_GUARD_OVERRIDE,
        item.meeting,
        by,
        request,
        data={"topic": item.pk, "labels": sorted(set(labels))},
    )
