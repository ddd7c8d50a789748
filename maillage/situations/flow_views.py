"""Pages that move a situation through Filters 2–4: decide, name agencies, plan, contact, close."""

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maillage.core.http import HtmxHttpRequest
from maillage.tables.models import TableKind

from . import services
from .access import get_situation_for_user
from .forms import (
    AgenciesForm,
    AssessmentForm,
    ConcludeForm,
    DecideForm,
    FirstContactForm,
    TaskForm,
    TaskStatusForm,
    posted_version,
)
from .models import Situation, StaleEdit, Task


def _step(
    request: HttpRequest,
    situation: Situation,
    form,
    *,
    template: str,
    run: Callable[[dict, int], None],
    done: str,
) -> HttpResponse:
    """Run one lifecycle step from a posted form; on refusal re-show the person's input."""
    version = posted_version(request.POST) if request.method == "POST" else situation.version
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            try:
                run(form.cleaned_data, version)
            except StaleEdit as error:
                form.add_error(None, error.messages[0])
                status = 409
            except ValidationError as error:
                form.add_error(None, " ".join(error.messages))
            else:
                messages.success(request, done)
                return redirect("situations:detail", table_pk=situation.table_id, pk=situation.pk)
    context = {"table": situation.table, "situation": situation, "form": form, "version": version}
    return render(request, template, context, status=status)


def decide(request: HttpRequest, table_pk: int, pk: int) -> HttpResponse:
    """Filter 2: the table says whether acutely elevated risk is met, and how it decided."""
    situation = get_situation_for_user(request.user, pk, "situation.decide", table_pk=table_pk)
    form = DecideForm(request.POST or None)

    return _step(
        request,
        situation,
        form,
        template="situations/decide.html",
        run=lambda data, version: services.decide(
            situation=situation,
            aer_met=data["aer_met"],
            method=data["method"],
            votes_for=data["votes_for"],
            votes_against=data["votes_against"],
            recommendation=data["recommendation"],
            by=request.user,
            request=request,
            version=version,
            guard_override=form.confirmed_labels,
        ),
        done=_("The table's decision was recorded."),
    )


def name_agencies(request: HttpRequest, table_pk: int, pk: int) -> HttpResponse:
    """Filter 3: one lead agency and the assisting agencies needed, no more."""
    situation = get_situation_for_user(
        request.user, pk, "situation.name_agencies", table_pk=table_pk
    )
    form = AgenciesForm(request.POST or None, table=situation.table)
    return _step(
        request,
        situation,
        form,
        template="situations/agencies.html",
        run=lambda data, version: services.name_agencies(
            situation=situation,
            lead=data["lead"],
            assisting=list(data["assisting"]),
            by=request.user,
            request=request,
            version=version,
        ),
        done=_("The agencies were named. Only they may now open the identity vault."),
    )


def first_contact(request: HttpRequest, table_pk: int, pk: int) -> HttpResponse:
    situation = get_situation_for_user(
        request.user, pk, "situation.record_contact", table_pk=table_pk
    )
    form = FirstContactForm(request.POST or None)
    return _step(
        request,
        situation,
        form,
        template="situations/first_contact.html",
        run=lambda data, version: situation.record_first_contact(
            at=data["at"], by=request.user, request=request, version=version
        ),
        done=_("First contact was recorded."),
    )


def conclude(request: HttpRequest, table_pk: int, pk: int) -> HttpResponse:
    situation = get_situation_for_user(request.user, pk, "situation.conclude", table_pk=table_pk)
    form = ConcludeForm(request.POST or None, table=situation.table)
    return _step(
        request,
        situation,
        form,
        template="situations/conclude.html",
        run=lambda data, version: situation.conclude(
            category=data["category"],
            services=list(data["services"]),
            by=request.user,
            request=request,
            version=version,
        ),
        done=_("The situation was concluded."),
    )


def reopen(request: HttpRequest, table_pk: int, pk: int) -> HttpResponse:
    situation = get_situation_for_user(request.user, pk, "situation.reopen", table_pk=table_pk)
    return _step(
        request,
        situation,
        forms.Form(request.POST or None),
        template="situations/reopen.html",
        run=lambda data, version: situation.reopen(
            by=request.user, request=request, version=version
        ),
        done=_("The situation was reopened."),
    )


def plan(request: HtmxHttpRequest, table_pk: int, pk: int) -> HttpResponse:
    """Filter 4: the action plan, one task per step with its owner agency and due date."""
    situation = get_situation_for_user(request.user, pk, "situation.manage_plan", table_pk=table_pk)
    form = TaskForm(request.POST or None, situation=situation)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            try:
                services.add_task(
                    situation=situation,
                    title=form.cleaned_data["title"],
                    owner=form.cleaned_data["owner_organization"],
                    due_on=form.cleaned_data["due_on"],
                    guard_labels=form.confirmed_labels,
                    by=request.user,
                    request=request,
                )
            except ValidationError as error:
                form.add_error(None, " ".join(error.messages))
            else:
                messages.success(request, _("The task was added to the action plan."))
                form, status = TaskForm(situation=situation), 200
                if not request.htmx:
                    return redirect("situations:plan", table_pk=table_pk, pk=pk)
    return _plan_response(request, situation, form, status)


def _plan_response(
    request: HtmxHttpRequest, situation: Situation, form, status: int
) -> HttpResponse:
    context = {
        "table": situation.table,
        "situation": situation,
        "form": form,
        "tasks": situation.tasks.select_related("owner_organization"),
        "status_form": TaskStatusForm(),
    }
    template = "situations/plan.html#panel" if request.htmx else "situations/plan.html"
    return render(request, template, context, status=status)


@require_POST
def task_status(request: HtmxHttpRequest, table_pk: int, pk: int, task_pk: int) -> HttpResponse:
    situation = get_situation_for_user(request.user, pk, "situation.manage_plan", table_pk=table_pk)
    task = get_object_or_404(Task, pk=task_pk, situation=situation)
    form = TaskStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a status from the list."))
    else:
        try:
            services.set_task_status(
                task=task, status=form.cleaned_data["status"], by=request.user, request=request
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The task status was changed."))
    if request.htmx:
        return _plan_response(request, situation, TaskForm(situation=situation), 200)
    return redirect("situations:plan", table_pk=table_pk, pk=pk)


def assess(request: HttpRequest, table_pk: int, pk: int) -> HttpResponse:
    """Domestic violence cells: fill in the structured risk instrument for this situation."""
    situation = get_situation_for_user(request.user, pk, "situation.assess_risk", table_pk=table_pk)
    instrument = services.current_instrument(situation.table)
    if situation.table.kind != TableKind.DOMESTIC_VIOLENCE or instrument is None:
        raise Http404
    form = AssessmentForm(request.POST or None, instrument=instrument)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            try:
                assessment = services.assess_risk(
                    situation=situation,
                    instrument=instrument,
                    answers=form.answers(),
                    professional_judgement=form.cleaned_data["professional_judgement"],
                    escalation=form.cleaned_data["escalation"],
                    by=request.user,
                    request=request,
                )
            except ValidationError as error:
                form.add_error(None, " ".join(error.messages))
            else:
                messages.success(
                    request,
                    _("Assessment saved: score %(score)s, %(level)s.")
                    % {"score": assessment.score, "level": assessment.get_level_display()},
                )
                return redirect("situations:detail", table_pk=table_pk, pk=pk)
    context = {
        "table": situation.table,
        "situation": situation,
        "form": form,
        "instrument": instrument,
    }
    return render(request, "situations/assess.html", context, status=status)
