"""Workflows of development projects: each validates, writes and audits in one transaction."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from maillage.core.audit import log_action

from . import audit
from .projects import (
    Funding,
    GuidingQuestion,
    Indicator,
    LogicRow,
    Project,
    ProjectPartner,
    StageAnswer,
    StageChange,
)


@transaction.atomic
def create_project(*, team, data: dict, by, request=None) -> Project:
    many = {k: data.pop(k) for k in ("territories", "determinants", "tables") if k in data}
    project = Project(team=team, **data)
    project.full_clean()
    project.save()
    for name, values in many.items():
        getattr(project, name).set(values)
    StageChange.objects.create(project=project, from_stage=None, to_stage=project.stage, by=by)
    log_action(
        audit.PROJECT_CREATE, user=by, obj=project, organization=team.organization, request=request
    )
    return project


@transaction.atomic
def change_stage(*, project: Project, stage: int, reason: str, by, request=None) -> Project:
    project = Project.objects.select_for_update().get(pk=project.pk)
    before = project.stage
    project.move_to(stage, reason=reason)
    project.save(update_fields=["stage"])
    StageChange.objects.create(
        project=project, from_stage=before, to_stage=stage, reason=reason, by=by
    )
    log_action(
        audit.PROJECT_STAGE,
        user=by,
        obj=project,
        fields=["stage"],
        data={"from": before, "to": stage},
        request=request,
    )
    return project


@transaction.atomic
def answer_questions(*, project: Project, answers: dict[int, str], by, request=None) -> int:
    """Save the answers given (blank ones are removed); returns how many changed."""
    questions = {q.pk: q for q in GuidingQuestion.objects.filter(pk__in=answers)}
    if set(answers) - set(questions):
        raise ValidationError(_("One of the questions no longer exists. Reload the page."))
    changed = 0
    for pk, text in answers.items():
        text = text.strip()
        existing = StageAnswer.objects.filter(project=project, question_id=pk).first()
        if not text:
            if existing is not None:
                existing.delete()
                changed += 1
            continue
        if existing is None or existing.text != text:
            StageAnswer.objects.update_or_create(
                project=project, question_id=pk, defaults={"text": text}
            )
            changed += 1
    if changed:
        log_action(
            audit.PROJECT_ANSWER, user=by, obj=project, data={"count": changed}, request=request
        )
    return changed


@transaction.atomic
def add_partner(*, project: Project, organization, role: str, by, request=None) -> ProjectPartner:
    if ProjectPartner.objects.filter(project=project, organization=organization).exists():
        raise ValidationError(_("This organisation is already a partner of the project."))
    partner = ProjectPartner(project=project, organization=organization, role=role)
    partner.full_clean()
    partner.save()
    log_action(
        audit.PROJECT_PARTNER,
        user=by,
        obj=project,
        organization=organization,
        data={"role": role},
        request=request,
    )
    return partner


@transaction.atomic
def add_funding(*, project: Project, data: dict, by, request=None) -> Funding:
    funding = Funding(project=project, **data)
    if funding.ends_on and funding.starts_on and funding.ends_on < funding.starts_on:
        raise ValidationError(_("The funding ends before it starts."))
    funding.full_clean()
    funding.save()
    log_action(audit.PROJECT_FUNDING, user=by, obj=project, request=request)
    return funding


@transaction.atomic
def add_logic_row(*, project: Project, level: str, text: str, by, request=None):
    position = project.logic_rows.filter(level=level).count()
    row = LogicRow(project=project, level=level, text=text.strip(), position=position)
    row.full_clean()
    row.save()
    log_action(audit.PROJECT_LOGIC, user=by, obj=project, data={"level": level}, request=request)
    return row


@transaction.atomic
def add_indicator(*, project: Project, data: dict, by, request=None):
    indicator = Indicator(project=project, **data)
    indicator.full_clean()
    indicator.check_value(indicator.baseline)
    indicator.check_value(indicator.target)
    indicator.save()
    log_action(
        audit.INDICATOR_ADD, user=by, obj=project, data={"group": indicator.group}, request=request
    )
    return indicator
