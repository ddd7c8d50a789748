"""Pages of development projects: the team's list, one project, its stage and its answers."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from maillage.core.access import rules
from maillage.core.http import AuthenticatedHttpRequest

from . import project_services as services
from .access import get_project_for_user, get_team_for_user
from .indicators import curve, import_values, record_value
from .project_forms import (
    AnswersForm,
    FundingForm,
    IndicatorForm,
    LogicRowForm,
    PartnerForm,
    ProjectForm,
    StageForm,
    ValueForm,
    ValuesFileForm,
)
from .projects import GuidingQuestion, Indicator, LogicLevel, Project, Stage
from .views import submitted


def project_list(request: AuthenticatedHttpRequest, team_pk: int) -> HttpResponse:
    team = get_team_for_user(request.user, team_pk)
    projects = Project.objects.filter(team=team).prefetch_related("determinants", "territories")
    by_stage = [
        (label, [p for p in projects if p.stage == value]) for value, label in Stage.choices
    ]
    return render(request, "organizing/projects.html", {"team": team, "by_stage": by_stage})


def project_create(request: AuthenticatedHttpRequest, team_pk: int) -> HttpResponse:
    team = get_team_for_user(request.user, team_pk)
    form = ProjectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        project = services.create_project(
            team=team, data=dict(form.cleaned_data), by=request.user, request=request
        )
        messages.success(request, _("The project was created."))
        return redirect("organizing:project", pk=project.pk)
    status = 422 if form.errors else 200
    return render(
        request, "organizing/project_form.html", {"team": team, "form": form}, status=status
    )


def _questions(project: Project):
    return GuidingQuestion.objects.filter(stage=project.stage, is_active=True)


def _detail(request, project: Project, status: int = 200, **forms) -> HttpResponse:
    answers = dict(project.answers.values_list("question_id", "text"))
    context = {
        "project": project,
        "may": rules.permissions(request.user, project, "project"),
        "partners": project.partners.select_related("organization"),
        "fundings": project.fundings.all(),
        "changes": project.stage_changes.all(),
        "stage_form": forms.get("stage_form")
        or StageForm(initial={"stage": min(project.stage + 1, 4)}),
        "answers_form": forms.get("answers_form")
        or AnswersForm(questions=_questions(project), answers=answers),
        "partner_form": forms.get("partner_form") or PartnerForm(),
        "funding_form": forms.get("funding_form") or FundingForm(),
        "logic": (logic := _logic_columns(project)),
        "logic_height": 60 + 70 * max([len(c["boxes"]) for c in logic] + [1]),
        "logic_form": forms.get("logic_form") or LogicRowForm(),
        "indicators": [(i, curve(i)) for i in project.indicators.prefetch_related("values")],
        "indicator_form": forms.get("indicator_form") or IndicatorForm(),
    }
    return render(request, "organizing/project.html", context, status=status)


def _logic_columns(project: Project) -> list[dict]:
    """The logic model's six levels, left to right, each with its boxes and their geometry."""
    rows = list(project.logic_rows.all())
    columns = []
    for index, (level, label) in enumerate(LogicLevel.choices):
        boxes = [row for row in rows if row.level == level]
        columns.append(
            {
                "label": label,
                "x": 10 + index * 160,
                "boxes": [{"text": box.text, "y": 50 + n * 70} for n, box in enumerate(boxes)],
            }
        )
    return columns


def project_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _detail(request, get_project_for_user(request.user, pk))


def project_stage(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = get_project_for_user(request.user, pk, "project.change_stage")
    form = StageForm(request.POST)

    def act(data: dict) -> object:
        return services.change_stage(project=project, by=request.user, request=request, **data)

    if submitted(request, form, act, _("The project's stage was changed.")):
        return redirect("organizing:project", pk=pk)
    return _detail(request, project, 422, stage_form=form)


def project_answers(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = get_project_for_user(request.user, pk, "project.edit")
    form = AnswersForm(request.POST, questions=_questions(project), answers={})
    if form.is_valid():
        try:
            services.answer_questions(
                project=project, answers=form.answers(), by=request.user, request=request
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The answers were saved."))
            return redirect("organizing:project", pk=pk)
    return _detail(request, project, 422, answers_form=form)


def project_partner(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = get_project_for_user(request.user, pk, "project.edit")
    form = PartnerForm(request.POST)

    def act(data: dict) -> object:
        return services.add_partner(project=project, by=request.user, request=request, **data)

    if submitted(request, form, act, _("The partner was added.")):
        return redirect("organizing:project", pk=pk)
    return _detail(request, project, 422, partner_form=form)


def project_funding(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = get_project_for_user(request.user, pk, "project.edit")
    form = FundingForm(request.POST)

    def act(data: dict) -> object:
        return services.add_funding(project=project, data=data, by=request.user, request=request)

    if submitted(request, form, act, _("The funding was added.")):
        return redirect("organizing:project", pk=pk)
    return _detail(request, project, 422, funding_form=form)


def project_logic(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = get_project_for_user(request.user, pk, "project.edit")
    form = LogicRowForm(request.POST)

    def act(data: dict) -> object:
        return services.add_logic_row(project=project, by=request.user, request=request, **data)

    if submitted(request, form, act, _("The logic model was updated.")):
        return redirect("organizing:project", pk=pk)
    return _detail(request, project, 422, logic_form=form)


def project_indicator(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = get_project_for_user(request.user, pk, "project.edit")
    form = IndicatorForm(request.POST)
    if form.is_valid():
        try:
            indicator = services.add_indicator(
                project=project, data=form.cleaned_data, by=request.user, request=request
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The indicator was added."))
            return redirect("organizing:indicator", pk=indicator.pk)
    return _detail(request, project, 422, indicator_form=form)


def _indicator(request, pk: int, action: str = "project.view") -> Indicator:
    indicator = get_object_or_404(Indicator.objects.select_related("project"), pk=pk)
    get_project_for_user(request.user, indicator.project_id, action)
    return indicator


def _indicator_page(request, indicator: Indicator, status: int = 200, **forms) -> HttpResponse:
    context = {
        "indicator": indicator,
        "project": indicator.project,
        "may": rules.permissions(request.user, indicator.project, "project"),
        "values": indicator.values.all(),
        "curve": curve(indicator),
        "value_form": forms.get("value_form") or ValueForm(),
        "file_form": forms.get("file_form") or ValuesFileForm(),
        "rejected": forms.get("rejected", []),
    }
    return render(request, "organizing/indicator.html", context, status=status)


def indicator_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _indicator_page(request, _indicator(request, pk))


def indicator_value(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    indicator = _indicator(request, pk, "project.edit")
    form = ValueForm(request.POST)
    if form.is_valid():
        try:
            record_value(indicator=indicator, by=request.user, request=request, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("value", error)
        else:
            messages.success(request, _("The value was recorded."))
            return redirect("organizing:indicator", pk=pk)
    return _indicator_page(request, indicator, 422, value_form=form)


def indicator_import(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    indicator = _indicator(request, pk, "project.edit")
    form = ValuesFileForm(request.POST, request.FILES)
    if form.is_valid():
        report = import_values(
            indicator=indicator, text=form.cleaned_data["file"], by=request.user, request=request
        )
        if not report.rejected:
            messages.success(
                request, _("%(count)s values were imported.") % {"count": report.written}
            )
            return redirect("organizing:indicator", pk=pk)
        form.add_error("file", _("Nothing was imported: correct the lines below and try again."))
        return _indicator_page(request, indicator, 422, file_form=form, rejected=report.rejected)
    return _indicator_page(request, indicator, 422, file_form=form)
