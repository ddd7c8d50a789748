"""Exports built in the background: request one, watch its progress, download it."""

from typing import cast

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from maillage.accounts.decorators import mfa_required, recent_auth_required
from maillage.core.audit import log_action
from maillage.tables.access import get_table_for_user

from . import services
from .audit import EXPORT_DOWNLOAD
from .forms import FilterForm, scope_from
from .models import Export, ExportKind

SUPPRESSED_KINDS = {ExportKind.WORKBOOK, ExportKind.OPEN_DATA, ExportKind.PDF}


def _scope(request: HttpRequest):
    form = FilterForm(request.POST, user=request.user)
    if not form.is_valid():
        raise Http404
    scope = scope_from(form)
    if not scope.table_ids:
        raise Http404
    return scope


def exports_page(request: HttpRequest) -> HttpResponse:
    mine = Export.objects.of_user(request.user).select_related("table")[:30]
    return render(request, "reports/exports.html", {"exports": mine})


@require_POST
def create(request: HttpRequest) -> HttpResponse:
    kind = request.POST.get("kind")
    if kind not in SUPPRESSED_KINDS:
        raise Http404
    services.request_export(kind=kind, scope=_scope(request), by=request.user, request=request)
    return redirect("reports:exports")


@require_POST
@mfa_required
@recent_auth_required
def create_provincial(request: HttpRequest) -> HttpResponse:
    """One row per discussion: the table's managers only, after a second factor."""
    scope = _scope(request)
    if scope.table is None:
        raise Http404
    get_table_for_user(request.user, scope.table.pk, "reports.export_provincial")
    services.request_export(
        kind=ExportKind.PROVINCIAL, scope=scope, by=request.user, request=request
    )
    return redirect("reports:exports")


def _export_for_user(request: HttpRequest, pk: int) -> Export:
    return get_object_or_404(Export.objects.of_user(request.user), pk=pk)


def status(request: HttpRequest, pk: int) -> HttpResponse:
    """The export's row, polled by htmx until it is finished."""
    export = _export_for_user(request, pk)
    return render(request, "reports/exports.html#row", {"export": export})


def download(request: HttpRequest, pk: int) -> HttpResponseBase:
    export = _export_for_user(request, pk)
    if export.kind == ExportKind.PROVINCIAL:
        return _download_provincial(request, export)
    return _send(request, export)


@mfa_required
@recent_auth_required
def _download_provincial(request: HttpRequest, export: Export) -> HttpResponse:
    if export.table_id is None:  # a provincial export is always of one table
        raise Http404
    get_table_for_user(request.user, export.table_id, "reports.export_provincial")
    # The decorators are typed for HttpResponse; a FileResponse is as good a view result.
    return cast(HttpResponse, _send(request, export))


def _send(request: HttpRequest, export: Export) -> HttpResponseBase:
    if not export.is_ready or export.path is None or not export.path.is_file():
        raise Http404
    log_action(
        EXPORT_DOWNLOAD,
        user=request.user,
        obj=export,
        table=export.table,
        request=request,
    )
    return FileResponse(
        export.path.open("rb"),
        as_attachment=True,
        filename=f"maillage-{export.kind}-{export.pk}.{export.path.suffix[1:]}",
    )
