"""Dashboards, the definitions page, downloads of one panel, the report and the narrative."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from maillage.accounts.decorators import mfa_required, recent_auth_required
from maillage.core.audit import log_action
from maillage.tables.access import can, get_table_for_user
from maillage.tables.models import Table

from . import charts, exports, panels, services
from .audit import FIGURES_DOWNLOAD, UNSUPPRESSED_VIEW
from .forms import DEFAULT_PERIOD, FilterForm, NarrativeForm, scope_from
from .models import Narrative


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
        "may_write_narrative": bool(
            scope and scope.table and can(request.user, "reports.write_narrative", scope.table)
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


def _own_table(user) -> Table | None:
    """The first of this person's tables whose figures they may read with small counts."""
    seated = Table.objects.filter(is_active=True, seats__user=user).order_by("name_fr")
    return next((t for t in seated.distinct() if can(user, "reports.view_unsuppressed", t)), None)


def dashboard(request: HttpRequest) -> HttpResponse:
    """Suppressed figures for the tables, territory and period chosen.

    A table's own members land on their table's figures with small counts: suppression is
    for what leaves the table. This page then shows what others see.
    """
    if not request.GET:
        own = _own_table(request.user)
        if own is not None:
            return redirect(f"{reverse('reports:unsuppressed')}?table={own.pk}")
    form, scope = _scope_or_errors(request)
    status = 200 if scope else 400
    return _page(
        request, form, scope, suppressed=True, template="reports/dashboard.html", status=status
    )


@mfa_required
@recent_auth_required
def unsuppressed(request: HttpRequest) -> HttpResponse:
    """The same figures with small counts shown: the table's own members only, audited."""
    form, scope = _scope_or_errors(request)
    if scope is None and "table" in form.errors:
        raise Http404  # a table this person may not see
    if scope is None:
        return _page(
            request,
            form,
            scope,
            suppressed=False,
            template="reports/dashboard.html",
            status=400,
        )
    if scope.table is None:
        if "table" not in request.GET or _own_table(request.user) is None:
            raise Http404  # small counts are of one table, for its own members
        # Several tables chosen in the form: what leaves each of them, suppressed.
        return redirect(f"{reverse('reports:dashboard')}?{request.GET.urlencode()}")
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


# The formats of one panel's download: the standard CSV, the CSV Excel opens in French
# locales, and the workbook of every panel.
CSV_FORMS = {"csv": exports.STANDARD_CSV, "fr.csv": exports.EXCEL_FRENCH_CSV}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download(request: HttpRequest, key: str, fmt: str) -> HttpResponse:
    """One dashboard panel (or all of them for XLSX), suppressed, as CSV or XLSX."""
    if fmt not in (*CSV_FORMS, "xlsx"):
        raise Http404
    form, scope = _scope_or_errors(request)
    if scope is None or not scope.table_ids:
        raise Http404
    figures = services.compute(scope)
    if key != "all":
        figures = [p for p in figures if p.key == key]
    if not figures or (fmt in CSV_FORMS and len(figures) != 1):
        raise Http404
    log_action(
        FIGURES_DOWNLOAD,
        user=request.user,
        table=scope.table,
        data={"panel": key, "format": fmt},
        request=request,
    )
    if fmt in CSV_FORMS:
        body = exports.panel_csv(figures[0], CSV_FORMS[fmt])
        response = HttpResponse(body, content_type="text/csv; charset=utf-8")
        name = f"maillage-{key}{'-excel-fr' if fmt == 'fr.csv' else ''}.csv"
    else:
        body = exports.xlsx_bytes(figures, services.notes(scope))
        response = HttpResponse(body, content_type=XLSX)
        name = f"maillage-{key}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
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


@transaction.non_atomic_requests
def chart(request: HttpRequest, token: str) -> HttpResponse:
    """A chart the page linked to before it was drawn: drawn now, for the person it was for.

    Outside the request's transaction: the drawing takes a tenth of a second or more, and on
    SQLite a transaction that read before drawing could not then write beside another one.
    """
    drawing = charts.drawing_for(token, request.user)
    if drawing is None:
        raise Http404
    # Not cached: every drawing passes the signed-in person's checks again (no-store, as every
    # signed-in page).
    return HttpResponse(drawing, content_type="image/svg+xml")
