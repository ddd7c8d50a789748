"""The table's situation dashboard, drafts and the de-identified record."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maillage.core.access import rules
from maillage.tables.access import get_table_for_user, seat_at
from maillage.tables.models import TableKind

from . import services
from .access import get_situation_for_user
from .forms import SituationForm, posted_version
from .models import Situation, StaleEdit, Status

RECENTLY_CLOSED = 20


def dashboard(request: HttpRequest, table_pk: int) -> HttpResponse:
    """New, on the agenda, mobilized, overdue and recently closed situations of one table."""
    table = get_table_for_user(request.user, table_pk, "table.view_situations")
    visible = Situation.objects.visible_to(request.user, table).for_lists()
    now = timezone.now()
    columns: dict[str, list[Situation]] = {
        "new": [],
        "agenda": [],
        "mobilized": [],
        "overdue": [],
    }
    for situation in visible.open().order_by("number"):
        if situation.status == Status.DRAFT:
            columns["new"].append(situation)
        elif situation.status in (Status.PRESENTED, Status.ACCEPTED):
            columns["agenda"].append(situation)
        elif situation.is_overdue(now):
            columns["overdue"].append(situation)
        else:
            columns["mobilized"].append(situation)
    closed = visible.filter(status__in=[Status.CONCLUDED, Status.REJECTED])
    context = {
        "table": table,
        "columns": columns,
        "closed": closed.order_by("-updated_at")[:RECENTLY_CLOSED],
        "closed_count": closed.count(),
        "may": rules.permissions(request.user, table, "table"),
    }
    return render(request, "situations/dashboard.html", context)


def create(request: HttpRequest, table_pk: int) -> HttpResponse:
    """Filter 1: a draft, visible only inside the originating agency."""
    table = get_table_for_user(request.user, table_pk, "table.create_situation")
    form = SituationForm(request.POST or None, table=table)
    if request.method == "POST" and form.is_valid():
        situation = _create(request, table, form)
        messages.success(request, _("The draft was saved. Only your agency can see it."))
        return redirect("situations:detail", table_pk=table.pk, pk=situation.pk)
    status = 422 if form.errors else 200
    return render(request, "situations/edit.html", {"table": table, "form": form}, status=status)


def _create(request: HttpRequest, table, form: SituationForm) -> Situation:
    seat = seat_at(request.user, table)
    assert seat is not None  # "table.create_situation" is only granted with a seat at the table
    _role, organization_id = seat
    data = dict(form.cleaned_data)
    return services.create_situation(
        table=table,
        organization=table.member_organizations.get(organization_id=organization_id).organization,
        by=request.user,
        request=request,
        guard_override=form.confirmed_labels,
        **data,
    )


def detail(request: HttpRequest, table_pk: int, pk: int) -> HttpResponse:
    situation = get_situation_for_user(request.user, pk, table_pk=table_pk)
    # Several permission checks and the page ask for the agencies involved: load them once.
    prefetch_related_objects([situation], "assisting_organizations")
    context = {
        "table": situation.table,
        "situation": situation,
        "may": rules.permissions(request.user, situation, "situation"),
        "factors": situation.risk_factors.select_related("category"),
        "categories": situation.risk_categories.all(),
        "protective_factors": list(situation.protective_factors.all()),
        "tasks": situation.tasks.select_related("owner_organization"),
        "assessment": situation.assessments.select_related("instrument").first()
        if situation.table.kind == TableKind.DOMESTIC_VIOLENCE
        else None,
    }
    return render(request, "situations/detail.html", context)


def edit(request: HttpRequest, table_pk: int, pk: int) -> HttpResponse:
    """Edit the de-identified fields; a save based on an outdated version is refused."""
    situation = get_situation_for_user(request.user, pk, "situation.edit", table_pk=table_pk)
    if not rules.may(request.user, "situation.edit", situation):
        raise PermissionDenied  # a closed record: nothing left to edit, nothing to offer
    form = SituationForm(request.POST or None, instance=situation, table=situation.table)
    version = posted_version(request.POST) if request.method == "POST" else situation.version
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            try:
                _update(request, situation, form, version)
            except StaleEdit as error:
                form.add_error(None, error.messages[0])
                status = 409
            except ValidationError as error:
                form.add_error(None, " ".join(error.messages))
            else:
                messages.success(request, _("The situation was saved."))
                return redirect("situations:detail", table_pk=table_pk, pk=pk)
    context = {"table": situation.table, "situation": situation, "form": form, "version": version}
    return render(request, "situations/edit.html", context, status=status)


def _update(request: HttpRequest, situation: Situation, form: SituationForm, version: int) -> None:
    services.update_situation(
        situation=situation,
        version=version,
        changes={name: form.cleaned_data[name] for name in form.changed_data},
        by=request.user,
        request=request,
        guard_override=form.confirmed_labels,
    )


@require_POST
def present(request: HttpRequest, table_pk: int, pk: int) -> HttpResponse:
    situation = get_situation_for_user(request.user, pk, "situation.present", table_pk=table_pk)
    try:
        situation.present(by=request.user, request=request, version=posted_version(request.POST))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The situation is now on the table's agenda."))
    return redirect("situations:detail", table_pk=table_pk, pk=pk)
