"""Pages of development projects: the team's list, one project, its stage and its answers."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from maillage.core.access import rules
from maillage.core.http import AuthenticatedHttpRequest

from . import project_services as services
from .access import get_project_for_user, get_team_for_user
from .project_forms import AnswersForm, FundingForm, PartnerForm, ProjectForm, StageForm
from .projects import GuidingQuestion, Project, Stage


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
    }
    return render(request, "organizing/project.html", context, status=status)


def project_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _detail(request, get_project_for_user(request.user, pk))


def project_stage(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = get_project_for_user(request.user, pk, "project.change_stage")
    form = StageForm(request.POST)
    if form.is_valid():
        try:
            services.change_stage(
                project=project, by=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The project's stage was changed."))
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
    if form.is_valid():
        try:
            services.add_partner(
                project=project, by=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The partner was added."))
            return redirect("organizing:project", pk=pk)
    return _detail(request, project, 422, partner_form=form)


def project_funding(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = get_project_for_user(request.user, pk, "project.edit")
    form = FundingForm(request.POST)
    if form.is_valid():
        try:
            services.add_funding(
                project=project, data=form.cleaned_data, by=request.user, request=request
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The funding was added."))
            return redirect("organizing:project", pk=pk)
    return _detail(request, project, 422, funding_form=form)
