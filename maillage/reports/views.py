"""Dashboards, the definitions page, downloads of one panel, the report and the narrative."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from maillage.accounts.decorators import mfa_required, recent_auth_required
from maillage.core.audit import log_action
from maillage.tables.access import can, get_table_for_user

from . import charts, exports, panels, services
from .audit import FIGURES_DOWNLOAD, UNSUPPRESSED_VIEW
from .forms import DEFAULT_PERIOD, FilterForm, NarrativeForm, scope_from
from .models import Narrative

DOWNLOAD_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _scope_or_errors(request: HttpRequest):
    form = FilterForm(request.GET or None, user=request.user)
    if request.GET and not form.is_valid():
        return form, None
    if not request.GET:
        # The defaults, bound so the page shows what its figures use (months, not the first
        # choice of each list).
        form = FilterForm({"period": DEFAULT_PERIOD}, user=request.user)
        form.is_valid()
    return form, scope_from(form)


def _page(request, form, scope, *, suppressed: bool, template: str, status: int = 200, whole=False):
    """A page of figures; ``whole``: a document to keep (the report), its charts drawn inline
    rather than linked, so that a saved copy shows them."""
    figures = services.compute(scope, suppressed=suppressed) if scope and scope.table_ids else []
    drawn = charts.data_uris(figures) if whole else charts.sources(figures, request.user)
    context = {
        "form": form,
        "scope": scope,
        "panels": list(zip(figures, drawn, strict=True)),
        "key": panels.key_figures(figures) if figures else None,
        "suppressed": suppressed,
        "threshold": services.threshold(),
        "query": request.GET.urlencode(),
        "may_unsuppress": bool(
            scope and scope.table and can(request.user, "reports.view_unsuppressed", scope.table)
        ),
        "may_export_provincial": bool(
            scope and scope.table and can(request.user, "reports.export_provincial", scope.table)
        ),
        "narrative": _narrative(scope),
    }
    return render(request, template, context, status=status)


def _narrative(scope):
    if scope is None or scope.table is None:
        return None
    return Narrative.objects.filter(table=scope.table, start=scope.start, end=scope.end).first()


def dashboard(request: HttpRequest) -> HttpResponse:
    """Suppressed figures for the tables, territory and period chosen."""
    form, scope = _scope_or_errors(request)
    status = 200 if scope else 400
    return _page(
        request, form, scope, suppressed=True, template="reports/dashboard.html", status=status
    )


@mfa_required
@recent_auth_required
def unsuppressed(request: HttpRequest) -> HttpResponse:
    """The same figures with small counts shown: the table's managers only, audited."""
    form, scope = _scope_or_errors(request)
    if scope is None or scope.table is None:
        raise Http404
    table = get_table_for_user(request.user, scope.table.pk, "reports.view_unsuppressed")
    log_action(
        UNSUPPRESSED_VIEW,
        user=request.user,
        table=table,
        data={k: v for k, v in scope.as_filters().items() if v},
        request=request,
    )
    return _page(request, form, scope, suppressed=False, template="reports/dashboard.html")


def definitions(request: HttpRequest) -> HttpResponse:
    return render(request, "reports/definitions.html", {"threshold": services.threshold()})


def download(request: HttpRequest, key: str, fmt: str) -> HttpResponse:
    """One dashboard panel (or all of them for XLSX), suppressed, as CSV or XLSX."""
    if fmt not in DOWNLOAD_TYPES:
        raise Http404
    form, scope = _scope_or_errors(request)
    if scope is None or not scope.table_ids:
        raise Http404
    figures = services.compute(scope)
    if key != "all":
        figures = [p for p in figures if p.key == key]
    if not figures or (fmt == "csv" and len(figures) != 1):
        raise Http404
    log_action(
        FIGURES_DOWNLOAD,
        user=request.user,
        table=scope.table,
        data={"panel": key, "format": fmt},
        request=request,
    )
    if fmt == "csv":
        content = exports.panel_csv(figures[0]).encode()
    else:
        content = exports.xlsx_bytes(figures, services.notes(scope))
    response = HttpResponse(content, content_type=DOWNLOAD_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="maillage-{key}.{fmt}"'
    return response


def report(request: HttpRequest) -> HttpResponse:
    """The periodic report as a page: key figures, charts, narrative, method."""
    form, scope = _scope_or_errors(request)
    status = 200 if scope else 400
    return _page(
        request,
        form,
        scope,
        suppressed=True,
        template="reports/report.html",
        status=status,
        whole=True,
    )


def narrative(request: HttpRequest, table_pk: int) -> HttpResponse:
    table = get_table_for_user(request.user, table_pk, "reports.write_narrative")
    form, scope = _scope_or_errors(request)
    if scope is None:
        raise Http404
    found = Narrative.objects.filter(table=table, start=scope.start, end=scope.end).first()
    edit = NarrativeForm(request.POST or None, instance=found)
    if request.method == "POST" and edit.is_valid():
        services.save_narrative(
            table=table,
            start=scope.start,
            end=scope.end,
            text=edit.cleaned_data["text"],
            by=request.user,
            request=request,
        )
        messages.success(request, _("The narrative was saved."))
        return redirect(f"{request.path}?{request.GET.urlencode()}")
    status = 422 if edit.errors else 200
    context = {"table": table, "scope": scope, "form": edit, "query": request.GET.urlencode()}
    return render(request, "reports/narrative.html", context, status=status)


def chart(request: HttpRequest, token: str) -> HttpResponse:
    """A chart the page linked to before it was drawn: drawn now, for the person it was for."""
    drawing = charts.drawing_for(token, request.user)
    if drawing is None:
        raise Http404
    # Not cached: every drawing passes the signed-in person's checks again (no-store, as every
    # signed-in page).
    return HttpResponse(drawing, content_type="image/svg+xml")
