"""What a dashboard, report or export covers."""

from dataclasses import dataclass
from datetime import date

from django.http import Http404

from maillage.organizations.models import Territory
from maillage.tables.access import can
from maillage.tables.models import Table


@dataclass(frozen=True)
class Scope:
    """What a dashboard shows: which tables, which discussions, grouped by which period."""

    table_ids: tuple
    table: Table | None
    territory: Territory | None
    start: date
    end: date
    discussion_type: str
    period: str

    def as_filters(self) -> dict:
        return {
            "table": self.table.pk if self.table else None,
            "territory": self.territory.pk if self.territory else None,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "discussion_type": self.discussion_type,
            "period": self.period,
        }


def descendants(territory: Territory) -> set[int]:
    """The territory and every area inside it, from one query over the (small) territory list."""
    children: dict = {}
    for pk, parent in Territory.objects.values_list("pk", "parent_id"):
        children.setdefault(parent, []).append(pk)
    found, todo = set(), [territory.pk]
    while todo:
        pk = todo.pop()
        if pk not in found:
            found.add(pk)
            todo.extend(children.get(pk, []))
    return found


def scope_for_export(export) -> Scope:
    """The export's filters, checked again against what its requester may see now."""
    from .forms import FilterForm, scope_from
    from .models import ExportKind

    form = FilterForm(export.filters, user=export.requested_by)
    if not form.is_valid():
        raise Http404
    scope = scope_from(form)
    if export.kind == ExportKind.PROVINCIAL and not (
        scope.table and can(export.requested_by, "reports.export_provincial", scope.table)
    ):
        raise Http404
    return scope
