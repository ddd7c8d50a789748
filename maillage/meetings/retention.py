"""What the retention schedule destroys of meetings: the free text of their minutes.

Minutes are written from what was recorded (docs/meetings.md). Past the period, the free text a
person typed goes: the general notes, each agenda item's discussion notes, each topic's decision
or summary and what each of its action items said. What stays names no
one and feeds the statistics: the meeting's date, kind and status, attendance by agency, and the
decisions taken there (``Decision``). Next steps are the situation's tasks; their titles go with
the situation's own free text (``purge_situations``).
"""

from datetime import datetime

from django.db.models import Q

from maillage.core.audit import log_action

from .audit import MINUTES_PURGE
from .models import ActionItem, AgendaItem, Meeting


def purge_minutes(*, older_than: datetime) -> int:
    """Blank the free text of meetings held before ``older_than``; return how many meetings.

    A meeting never closed counts from its start. Running it again destroys nothing more.
    """
    held = Q(ended_at__lt=older_than) | Q(ended_at__isnull=True, starts_at__lt=older_than)
    with_text = Q(minutes_notes__gt="") | Q(items__notes__gt="") | Q(items__summary__gt="")
    with_text |= Q(items__actions__what__gt="")
    due = Meeting.objects.filter(held).filter(with_text).distinct()
    ids = list(due.values_list("pk", flat=True))
    if not ids:
        return 0
    Meeting.objects.filter(pk__in=ids).update(minutes_notes="")
    AgendaItem.objects.filter(meeting_id__in=ids).update(notes="", summary="")
    ActionItem.objects.filter(item__meeting_id__in=ids).update(what="")
    log_action(
        MINUTES_PURGE,
        fields=["minutes_notes", "notes", "summary", "what"],
        data={"count": len(ids), "older_than": older_than.isoformat()},
    )
    return len(ids)
