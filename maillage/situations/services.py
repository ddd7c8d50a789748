"""Workflows on situations that span several rows. Each runs in one transaction and is audited."""

from collections.abc import Sequence
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.core.audit import log_action
from maillage.core.locking import refresh_for_update
from maillage.notifications.services import notify_agencies_named

from .audit import (
    SITUATION_ASSESS,
    SITUATION_CREATE,
    SITUATION_EDIT,
    SITUATION_GUARD_OVERRIDE,
    SITUATION_PURGE,
    TASK_ADD,
    TASK_STATUS,
)
from .instrument import RiskAssessment, RiskInstrument, RiskLevel
from .models import Situation, SituationSettings, StaleEdit, Status, Task, TaskStatus
from .states import STEPS

M2M_FIELDS = ("risk_factors", "protective_factors", "study_flags")


def _set_m2m(situation: Situation, m2m: dict) -> None:
    for name, items in m2m.items():
        getattr(situation, name).set(items)
    if "risk_factors" in m2m:
        situation.risk_categories.set({f.category_id for f in m2m["risk_factors"]})


@transaction.atomic
def create_situation(
    *,
    table,
    organization,
    by,
    request=None,
    risk_factors=(),
    protective_factors=(),
    study_flags=(),
    guard_override: Sequence[str] = (),
    **fields,
) -> Situation:
    """Filter 1: a draft inside the originating agency, numbered in the table's sequence.

    ``guard_override`` names what the person confirmed was not an identifier, if anything.
    """
    SituationSettings.for_table(table)
    settings = SituationSettings.objects.select_for_update().get(table=table)
    last = Situation.objects.filter(table=table).order_by("-number").values("number").first()
    situation = Situation.objects.create(
        table=table,
        number=(last["number"] if last else 0) + 1,
        originating_organization=organization,
        created_by=by,
        **fields,
    )
    situation.table.situation_settings = settings
    _set_m2m(
        situation,
        {
            "risk_factors": list(risk_factors),
            "protective_factors": list(protective_factors),
            "study_flags": list(study_flags),
        },
    )
    log_action(
        SITUATION_CREATE,
        user=by,
        obj=situation,
        table=table,
        organization=organization,
        fields=[*fields, *M2M_FIELDS],
        request=request,
    )
    record_guard_override(
        situation=situation, table=table, labels=guard_override, by=by, request=request
    )
    return situation


@transaction.atomic
def update_situation(
    *,
    situation: Situation,
    version: int,
    changes: dict,
    by,
    request=None,
    guard_override: Sequence[str] = (),
) -> Situation:
    """Save de-identified fields, refusing a save based on an outdated version."""
    refresh_for_update(situation, version, conflict=StaleEdit)
    STEPS["edit"].check(situation)
    m2m = {k: v for k, v in changes.items() if k in M2M_FIELDS}
    plain = {k: v for k, v in changes.items() if k not in M2M_FIELDS}
    for name, value in plain.items():
        setattr(situation, name, value)
    situation.version += 1
    situation.save(update_fields=[*plain, "version", "updated_at"])
    _set_m2m(situation, m2m)
    log_action(
        SITUATION_EDIT,
        user=by,
        obj=situation,
        table=situation.table,
        fields=list(changes),
        request=request,
    )
    record_guard_override(
        situation=situation, table=situation.table, labels=guard_override, by=by, request=request
    )
    return situation


def record_guard_override(
    *, situation: Situation | None, table, labels: Sequence[str], by, request=None
) -> None:
    """The person confirmed that what the detector found is not an identifier.

    Written by the service that saves the text, in its transaction: the confirmation is in the
    audit trail exactly when the text is saved. Only the labels go there, never the text found.
    """
    if not labels:
        return
    log_action(
        SITUATION_GUARD_OVERRIDE,
        user=by,
        obj=situation,
        table=table,
        data={"labels": sorted(set(labels))},
        request=request,
    )


@transaction.atomic
def decide(
    *,
    situation: Situation,
    aer_met: bool,
    method: str,
    votes_for: int | None = None,
    votes_against: int | None = None,
    recommendation: str = "",
    by,
    request=None,
    version: int | None = None,
    guard_override: Sequence[str] = (),
) -> None:
    """Filter 2: the table's decision, with the guard's confirmation for its recommendation."""
    situation.decide(
        aer_met=aer_met,
        method=method,
        votes_for=votes_for,
        votes_against=votes_against,
        recommendation=recommendation,
        by=by,
        request=request,
        version=version,
    )
    record_guard_override(
        situation=situation, table=situation.table, labels=guard_override, by=by, request=request
    )


@transaction.atomic
def name_agencies(
    *, situation: Situation, lead, assisting, by, request=None, version: int | None = None
) -> None:
    """Filter 3, then the people of the agencies named are told (once the change commits)."""
    situation.name_agencies(lead=lead, assisting=assisting, by=by, request=request, version=version)
    notify_agencies_named(situation)


@transaction.atomic
def add_task(
    *,
    situation: Situation,
    title: str,
    owner,
    due_on=None,
    guard_labels: Sequence[str] = (),
    by,
    request=None,
) -> Task:
    STEPS["manage_plan"].check(situation)
    if owner.pk not in situation.involved_organization_ids():
        raise ValidationError(_("A task belongs to one of the agencies named."))
    task = Task.objects.create(
        situation=situation, title=title, owner_organization=owner, due_on=due_on, created_by=by
    )
    log_action(
        TASK_ADD,
        user=by,
        obj=task,
        table=situation.table,
        fields=["title", "owner_organization", "due_on"],
        request=request,
    )
    record_guard_override(
        situation=situation, table=situation.table, labels=guard_labels, by=by, request=request
    )
    return task


@transaction.atomic
def set_task_status(*, task: Task, status: str, by, request=None) -> Task:
    if not STEPS["manage_plan"].allows(task.situation):
        raise ValidationError(_("The action plan of this situation is closed."))
    previous = task.status
    task.status = status
    task.completed_at = timezone.now() if status == TaskStatus.DONE else None
    task.save(update_fields=["status", "completed_at"])
    log_action(
        TASK_STATUS,
        user=by,
        obj=task,
        table=task.situation.table,
        fields=["status"],
        data={"from": previous, "to": status},
        request=request,
    )
    return task


@transaction.atomic
def assess_risk(
    *,
    situation: Situation,
    instrument: RiskInstrument,
    answers: dict[str, str],
    professional_judgement: bool,
    escalation: bool,
    by,
    request=None,
) -> RiskAssessment:
    """Store one filled-in instrument with its score and result."""
    STEPS["assess_risk"].check(situation)
    score = instrument.score(answers)
    high = score >= instrument.high_risk_threshold or professional_judgement or escalation
    assessment = RiskAssessment.objects.create(
        situation=situation,
        instrument=instrument,
        answers=answers,
        score=score,
        professional_judgement=professional_judgement,
        escalation=escalation,
        level=RiskLevel.HIGH if high else RiskLevel.STANDARD,
        assessed_by=by,
    )
    log_action(
        SITUATION_ASSESS,
        user=by,
        obj=situation,
        table=situation.table,
        fields=["assessments"],
        data={"instrument": instrument.code, "score": score, "level": assessment.level},
        request=request,
    )
    return assessment


@transaction.atomic
def purge_situations(*, older_than: datetime) -> int:
    """Remove the free text of situations closed before ``older_than``; keep the statistics.

    Closed means concluded, or rejected at Filter 2. Descriptions, reasons, recommendations and
    task titles go; states, dates, reference lists, agencies and conclusions stay.
    """
    closed = Q(status=Status.CONCLUDED, concluded_at__lt=older_than) | Q(
        status=Status.REJECTED, decided_at__lt=older_than
    )
    ids = list(
        Situation.objects.filter(closed, description_purged_at__isnull=True).values_list(
            "pk", flat=True
        )
    )
    if not ids:
        return 0
    Situation.objects.filter(pk__in=ids).update(
        description="", why_table="", recommendation="", description_purged_at=timezone.now()
    )
    Task.objects.filter(situation_id__in=ids).update(title="")
    log_action(
        SITUATION_PURGE,
        fields=["description", "why_table", "recommendation", "tasks"],
        data={"count": len(ids), "older_than": older_than.isoformat()},
    )
    return len(ids)


def current_instrument(table) -> RiskInstrument | None:
    """The table's own instrument if it has one, else the default one."""
    found = RiskInstrument.objects.filter(retired_at__isnull=True)
    return (
        found.filter(table=table).first() or found.filter(table__isnull=True).order_by("pk").first()
    )
