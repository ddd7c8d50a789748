"""The agenda builds itself from the table's situations; the coordinator then adjusts it.

New situations (presented, awaiting the decision), situations whose agencies are still to be
named, returning ones (mobilized, for follow-up) and overdue ones (no first contact within the
table's allowed time) are proposed. Refreshing adds what became due and drops what the table no
longer needs to discuss; what the coordinator added or removed by hand stays as they left it.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.core.audit import Action, log_action
from maillage.situations.models import Situation, Status

from .audit import AGENDA_ADD, AGENDA_REFRESH, AGENDA_REMOVE, AGENDA_REORDER
from .models import REASON_ORDER, AgendaItem, AgendaReason, Meeting

BY_STATUS = {
    Status.PRESENTED: AgendaReason.NEW,
    Status.ACCEPTED: AgendaReason.AGENCIES,
    Status.MOBILIZED: AgendaReason.RETURNING,
}
ON_AGENDA = tuple(BY_STATUS)


def proposed(table, now=None) -> list[tuple[Situation, str]]:
    """(situation, reason) for every situation the table should discuss, most urgent first."""
    now = now or timezone.now()
    candidates = Situation.objects.of_table(table).filter(status__in=ON_AGENDA)
    late = set(candidates.overdue(now).values_list("pk", flat=True))
    found: list[tuple[Situation, str]] = [
        (s, AgendaReason.OVERDUE if s.pk in late else BY_STATUS[Status(s.status)])
        for s in candidates.select_related("table__situation_settings").order_by("number")
    ]
    found.sort(key=lambda pair: (REASON_ORDER.index(pair[1]), pair[0].number))
    return found


def _check_editable(meeting: Meeting) -> None:
    if not meeting.agenda_editable:
        raise ValidationError(_("The meeting was held: its agenda can no longer change."))


@transaction.atomic
def refresh_agenda(*, meeting: Meeting, by=None, request=None) -> int:
    """Bring the agenda up to date with the situations; returns how many items were added."""
    _check_editable(meeting)
    existing = {item.situation_id: item for item in meeting.items.all()}
    wanted = proposed(meeting.table)
    wanted_ids = {s.pk for s, _reason in wanted}
    decided_here = set(meeting.decisions.values_list("situation_id", flat=True))
    stale = [
        item.pk
        for item in existing.values()
        if item.situation_id not in wanted_ids
        and item.reason != AgendaReason.ADDED
        and item.situation_id not in decided_here
    ]
    AgendaItem.objects.filter(pk__in=stale).delete()
    position = (meeting.items.aggregate(top=Max("position"))["top"] or 0) + 1
    added = 0
    for situation, reason in wanted:
        item = existing.get(situation.pk)
        if item is None:
            AgendaItem.objects.create(
                meeting=meeting, situation=situation, reason=reason, position=position
            )
            position, added = position + 1, added + 1
        elif item.reason != reason and item.reason != AgendaReason.ADDED:
            item.reason = reason
            item.save(update_fields=["reason"])
    _changed(meeting, AGENDA_REFRESH, by, request, {"added": added, "dropped": len(stale)})
    return added


def _changed(meeting: Meeting, action: Action, by, request, data=None) -> None:
    meeting.touch()
    if by is not None:
        log_action(
            action,
            user=by,
            obj=meeting,
            table=meeting.table,
            fields=["items"],
            data=data,
            request=request,
        )


@transaction.atomic
def add_item(*, meeting: Meeting, situation: Situation, by, request=None) -> AgendaItem:
    """Put one more situation on the agenda (or bring back one that was removed)."""
    _check_editable(meeting)
    if situation.table_id != meeting.table_id or situation.status not in ON_AGENDA:
        raise ValidationError(_("Only open situations presented to this table can be added."))
    position = (meeting.items.aggregate(top=Max("position"))["top"] or 0) + 1
    item, created = AgendaItem.objects.get_or_create(
        meeting=meeting,
        situation=situation,
        defaults={"reason": AgendaReason.ADDED, "position": position},
    )
    if not created:
        item.removed_at, item.position = None, position
        item.save(update_fields=["removed_at", "position"])
    _changed(meeting, AGENDA_ADD, by, request, {"situation": situation.pk})
    return item


@transaction.atomic
def remove_item(*, item: AgendaItem, by, request=None) -> None:
    _check_editable(item.meeting)
    if item.meeting.decisions.filter(situation_id=item.situation_id).exists():
        raise ValidationError(_("The table decided on this situation at this meeting."))
    item.removed_at = timezone.now()
    item.save(update_fields=["removed_at"])
    _changed(item.meeting, AGENDA_REMOVE, by, request, {"situation": item.situation_id})


@transaction.atomic
def move_item(*, item: AgendaItem, offset: int, by, request=None) -> None:
    """Move an item up (-1) or down (+1) among the listed items."""
    _check_editable(item.meeting)
    items = list(item.meeting.items.listed().order_by("position", "pk"))
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index + offset
    if not 0 <= target < len(items):
        return
    items[index], items[target] = items[target], items[index]
    for position, other in enumerate(items, start=1):
        if other.position != position:
            other.position = position
            other.save(update_fields=["position"])
    _changed(item.meeting, AGENDA_REORDER, by, request, {"situation": item.situation_id})


def addable(meeting: Meeting):
    """Open situations of the table that are not listed on this agenda."""
    listed = meeting.items.listed().values("situation_id")
    return (
        Situation.objects.of_table(meeting.table)
        .filter(status__in=ON_AGENDA)
        .exclude(pk__in=listed)
        .select_related("table__situation_settings")
        .order_by("number")
    )
