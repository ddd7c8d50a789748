"""The agenda builds itself from the table's situations; the coordinator then adjusts it and
adds topics.

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
from maillage.tables.models import TableKind

from .audit import AGENDA_ADD, AGENDA_ADD_TOPIC, AGENDA_REFRESH, AGENDA_REMOVE, AGENDA_REORDER
from .models import REASON_ORDER, AgendaItem, AgendaReason, ItemKind, Meeting

MAX_MINUTES = 480

BY_STATUS = {
    Status.PRESENTED: AgendaReason.NEW,
    Status.ACCEPTED: AgendaReason.AGENCIES,
    Status.MOBILIZED: AgendaReason.RETURNING,
}
ON_AGENDA = tuple(BY_STATUS)
# Concertation tables discuss topics only; the others situations, and topics when they wish.
TAKES_SITUATIONS = (TableKind.SITUATION, TableKind.DOMESTIC_VIOLENCE)


def takes_situations(table) -> bool:
    return table.kind in TAKES_SITUATIONS


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
    existing = {item.situation_id: item for item in meeting.items.situations()}
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
    position = _next_position(meeting)
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
    position = _next_position(meeting)
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
    if item.is_topic and item.actions.exists():
        raise ValidationError(_("Action items were agreed on this topic at this meeting."))
    if (
        item.situation is not None
        and item.meeting.decisions.filter(situation=item.situation).exists()
    ):
        raise ValidationError(_("The table decided on this situation at this meeting."))
    item.removed_at = timezone.now()
    item.save(update_fields=["removed_at"])
    _changed(item.meeting, AGENDA_REMOVE, by, request, _subject(item))


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
    _changed(item.meeting, AGENDA_REORDER, by, request, _subject(item))


def _subject(item: AgendaItem) -> dict:
    """The audit trail's reference to an item: its situation, or the topic's item."""
    return {"topic": item.pk} if item.is_topic else {"situation": item.situation_id}


def _next_position(meeting: Meeting) -> int:
    return (meeting.items.aggregate(top=Max("position"))["top"] or 0) + 1


@transaction.atomic
def add_topic(
    *,
    meeting: Meeting,
    title: str,
    presenter=None,
    documents: list[str] = (),  # type: ignore[assignment]
    minutes_allotted: int | None = None,
    by,
    request=None,
) -> AgendaItem:
    """A topic on the agenda: its title, the organisation presenting it, links to its documents
    and the time allotted. Nothing is written unless all of it is valid."""
    _check_editable(meeting)
    title = title.strip()
    if not title:
        raise ValidationError(_("Give the topic a title."))
    if (
        presenter is not None
        and not meeting.table.member_organizations.filter(organization=presenter).exists()
    ):
        raise ValidationError(_("The presenting organisation must sit at this table."))
    if minutes_allotted is not None and not 1 <= minutes_allotted <= MAX_MINUTES:
        raise ValidationError(_("Allot between 1 and %(most)s minutes.") % {"most": MAX_MINUTES})
    item = AgendaItem(
        meeting=meeting,
        kind=ItemKind.TOPIC,
        title=title,
        presenter_organization=presenter,
        documents=[link.strip() for link in documents if link.strip()],
        minutes_allotted=minutes_allotted,
        position=_next_position(meeting),
    )
    item.full_clean(exclude=["meeting", "situation", "presenter_organization"])
    item.save()
    _changed(meeting, AGENDA_ADD_TOPIC, by, request, {"topic": item.pk})
    return item


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
