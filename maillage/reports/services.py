"""Workflows that write: the narrative, export requests and the exports themselves."""

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from maillage.core.audit import log_action

from . import exports, panels, provincial, queries
from .audit import EXPORT_FAIL, EXPORT_FINISH, EXPORT_REQUEST, NARRATIVE_SAVE
from .figures import Counts
from .models import Export, ExportKind, Narrative


def threshold() -> int:
    return settings.REPORTS_SUPPRESSION_THRESHOLD


def compute(scope, *, suppressed: bool = True) -> list[panels.Panel]:
    counts = Counts(
        scope.table_ids, scope.start, scope.end, scope.discussion_type, period=scope.period
    )
    return panels.build(counts, scope.period, panels.Options(threshold(), suppressed))


def notes(scope) -> list[str]:
    return [
        _("Discussions presented from %(start)s to %(end)s.")
        % {"start": scope.start.isoformat(), "end": scope.end.isoformat()},
        _(
            "Counts from 1 to %(last)d are suppressed (shown as x), with further counts hidden "
            "so that none can be worked out from totals."
        )
        % {"last": threshold() - 1},
    ]


@transaction.atomic
def save_narrative(*, table, start, end, text: str, by, request=None) -> Narrative:
    narrative, _created = Narrative.objects.get_or_create(table=table, start=start, end=end)
    narrative.text = text
    narrative.updated_by = by
    narrative.save()
    log_action(
        NARRATIVE_SAVE,
        user=by,
        obj=narrative,
        table=table,
        fields=["text"],
        request=request,
    )
    return narrative


@transaction.atomic
def request_export(*, kind: str, scope, by, request=None) -> Export:
    export = Export.objects.create(
        kind=kind,
        requested_by=by,
        table=scope.table,
        filters=scope.as_filters(),
        language=translation.get_language() or "fr-ca",
    )
    log_action(
        EXPORT_REQUEST,
        user=by,
        obj=export,
        table=scope.table,
        data={"kind": kind, **{k: v for k, v in scope.as_filters().items() if v}},
        request=request,
    )
    from .tasks import build_export

    transaction.on_commit(lambda: build_export.enqueue(export.pk))
    return export


def build(export: Export, scope) -> None:
    """Write the export's file and mark it done, or mark it failed and leave no file."""
    export.start()
    name = f"export-{export.pk}.{_extension(export.kind)}"
    try:
        with translation.override(export.language):
            exports.write_atomically(name, lambda path: _write(export, scope, path))
    except Exception as error:  # the person sees the failure; the file never appears
        export.fail(f"{type(error).__name__}")
        log_action(EXPORT_FAIL, obj=export, table=export.table)
        return
    export.finish(name)
    log_action(EXPORT_FINISH, obj=export, table=export.table)


def _extension(kind: str) -> str:
    return {"workbook": "xlsx", "provincial": "csv", "open_data": "zip", "pdf": "pdf"}[kind]


def _write(export: Export, scope, path) -> None:
    if export.kind == ExportKind.PROVINCIAL:
        qs = queries.discussions(scope.table_ids, scope.start, scope.end, scope.discussion_type)
        provincial.write(path, qs, export.advance)
        return
    figures = compute(scope)
    export.advance(50)
    if export.kind == ExportKind.WORKBOOK:
        exports.workbook(figures, notes(scope)).save(path)
    elif export.kind == ExportKind.OPEN_DATA:
        exports.open_data_zip(path, figures, notes(scope))
    else:
        from .pdf import write_pdf

        write_pdf(path, scope, figures)
