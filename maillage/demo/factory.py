"""Situations made as people make them: a draft, then the lifecycle's verbs, one after the other.

Tests, the demo and the benches need situations in every state. ``walk`` creates the draft with
``services.create_situation`` and takes it through ``present``, ``decide``, ``name_agencies``,
``record_first_contact`` and ``conclude``, so every rule of the lifecycle holds and the audit
trail and notices are the ones real use leaves. A course may say when each step happened: each
verb runs, then its time is set back to the planned one (the audit entries keep the time they
were written). For volume, ``write`` inserts many courses at once with the end state the walk
gives, field for field (``tests/test_factory.py`` compares them); the audit trail then gets one
entry for the whole load.
"""

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from itertools import groupby
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from maillage.core.audit import log_action
from maillage.organizations.models import Organization
from maillage.situations import services
from maillage.situations.models import (
    ConclusionCategory,
    DecisionMethod,
    DiscussionType,
    Situation,
    SituationSettings,
    Status,
)
from maillage.tables.models import Role, Seat, Table

from .audit import LOADED

# The statuses of an accepted discussion in the order the lifecycle's verbs reach them.
ORDER: list[str] = [
    Status.DRAFT,
    Status.PRESENTED,
    Status.ACCEPTED,
    Status.MOBILIZED,
    Status.CONCLUDED,
]
# The many-to-many lists a situation's course fills in.
LISTS = (
    "risk_factors",
    "risk_categories",
    "protective_factors",
    "assisting_organizations",
    "services",
)
VOTES = (5, 1)  # for and against, when a course says the table voted


@dataclass
class Course:
    """Where one discussion ends (``to``) and what happened on its way there.

    People and times left out are found when walked: the originating agency's seat holder
    creates and presents, the table's coordinator decides, names and concludes, the lead
    agency's seat holder records the first contact; each step happens when walked.
    """

    table: Table
    originating: Organization
    to: str = Status.MOBILIZED
    lead: Organization | None = None
    assisting: Sequence[Organization] = ()
    discussion_type: str = DiscussionType.PERSON
    age_group: Any = None
    gender: Any = None
    description: str = "Personne isolée, menaces répétées envers un voisin."
    why_table: str = "Refuse nos services; besoin du logement et de la santé."
    risk_factors: Sequence[Any] = ()
    protective_factors: Sequence[Any] = ()
    method: str = DecisionMethod.CONSENSUS
    conclusion: ConclusionCategory | None = None
    services: Sequence[Any] = ()
    by: Any = None  # creates and presents
    chair: Any = None  # decides, names the agencies, concludes
    contact_by: Any = None  # records the first contact
    created_at: datetime | None = None
    presented_at: datetime | None = None
    decided_at: datetime | None = None
    agencies_named_at: datetime | None = None
    first_contact_at: datetime | None = None  # none: no first contact recorded
    concluded_at: datetime | None = None
    extra: dict = field(default_factory=dict)

    @classmethod
    def build(cls, **fields: Any) -> "Course":
        """A course from keyword arguments; those that are not its own go to the new draft."""
        own = {f.name for f in dataclasses.fields(cls)}
        extra = fields.pop("extra", {})
        extra.update({name: fields.pop(name) for name in list(fields) if name not in own})
        return cls(**fields, extra=extra)

    def reaches(self, status: str) -> bool:
        """Whether the walk goes through ``status`` (a rejected one stops at its decision)."""
        if self.to == Status.REJECTED:
            return status in (Status.PRESENTED, Status.REJECTED)
        return status != Status.REJECTED and ORDER.index(self.to) >= ORDER.index(status)


def seat_holder(table: Table, organization: Organization | None = None, role: str | None = None):
    """The first active person seated at ``table`` for ``organization`` or with ``role``."""
    seats = Seat.objects.filter(table=table, user__is_active=True).select_related("user")
    if organization is not None:
        seats = seats.filter(organization=organization)
    if role is not None:
        seats = seats.filter(role=role)
    seat = seats.order_by("pk").first()
    if seat is None:
        raise LookupError(f"Nobody sits at {table} for {organization or role}.")
    return seat.user


def complete(course: Course) -> Course:
    """The course with the people and agencies it left out filled in."""
    filled: dict[str, Any] = {}
    if course.by is None:
        filled["by"] = seat_holder(course.table, course.originating)
    if course.chair is None and course.reaches(Status.PRESENTED) and course.to != Status.PRESENTED:
        filled["chair"] = seat_holder(course.table, role=Role.COORDINATOR)
    if course.reaches(Status.MOBILIZED):
        if course.lead is None:
            filled["lead"] = (
                Organization.objects.filter(table_seats__table=course.table)
                .exclude(pk=course.originating.pk)
                .order_by("pk")
                .first()
            )
        if course.first_contact_at is not None and course.contact_by is None:
            lead = filled.get("lead", course.lead)
            try:
                filled["contact_by"] = seat_holder(course.table, lead)
            except LookupError:  # the lead agency has no seat: the coordinator records it
                filled["contact_by"] = filled.get("chair", course.chair)
    if course.to == Status.CONCLUDED and course.conclusion is None:
        filled["conclusion"] = ConclusionCategory.objects.get(table=None, code="risk_lowered")
    return replace(course, **filled) if filled else course


@transaction.atomic
def walk(start: Course | Situation, **changes: Any) -> Situation:
    """Take a course's new situation, or an existing one, through the lifecycle's verbs.

    ``changes`` amend the course (for an existing situation: ``to``, the agencies, the people,
    the times of the steps still to come). Steps already taken are not taken again.
    """
    if isinstance(start, Situation):
        situation = start
        known = {"table": start.table, "originating": start.originating_organization}
        course = complete(Course.build(**{**known, "by": start.created_by, **changes}))
    else:
        course = complete(replace(start, **changes) if changes else start)
        situation = _create(course)
    if _before(situation, Status.PRESENTED) and course.reaches(Status.PRESENTED):
        situation.present(by=course.by)
        _set_back(situation, presented_at=course.presented_at)
    if situation.status == Status.PRESENTED and course.to not in (Status.DRAFT, Status.PRESENTED):
        aer_met = course.to != Status.REJECTED
        situation.decide(aer_met=aer_met, method=course.method, **_votes(course), by=course.chair)
        _set_back(situation, decided_at=course.decided_at)
    if situation.status == Status.ACCEPTED and course.reaches(Status.MOBILIZED):
        services.name_agencies(
            situation=situation, lead=course.lead, assisting=course.assisting, by=course.chair
        )
        _set_back(situation, agencies_named_at=course.agencies_named_at)
    contact = course.first_contact_at if situation.first_contact_at is None else None
    if situation.status == Status.MOBILIZED and contact is not None:
        situation.record_first_contact(at=contact, by=course.contact_by)
    if situation.status == Status.MOBILIZED and course.reaches(Status.CONCLUDED):
        situation.conclude(category=course.conclusion, services=course.services, by=course.chair)
        _set_back(situation, concluded_at=course.concluded_at)
    return situation


def _create(course: Course) -> Situation:
    situation = services.create_situation(
        table=course.table,
        organization=course.originating,
        by=course.by,
        risk_factors=course.risk_factors,
        protective_factors=course.protective_factors,
        discussion_type=course.discussion_type,
        age_group=course.age_group,
        gender=course.gender,
        description=course.description,
        why_table=course.why_table,
        **course.extra,
    )
    _set_back(situation, created_at=course.created_at)
    return situation


def _before(situation: Situation, status: str) -> bool:
    return situation.status in ORDER and ORDER.index(situation.status) < ORDER.index(status)


def _votes(course: Course) -> dict[str, Any]:
    if course.method != DecisionMethod.VOTE:
        return {}
    return {"votes_for": VOTES[0], "votes_against": VOTES[1]}


def _set_back(situation: Situation, **times: datetime | None) -> None:
    """The step just taken happened at the planned time, not now."""
    planned = {name: at for name, at in times.items() if at is not None}
    if planned:
        Situation.objects.filter(pk=situation.pk).update(**planned)
        for name, at in planned.items():
            setattr(situation, name, at)


@transaction.atomic
def write(courses: Iterable[Course], *, batch_size: int = 1000) -> list[Situation]:
    """Insert the end state of many courses at once: what ``walk`` gives, without the walk.

    People and agencies are taken as given (a load of thousands looks none up); numbers
    continue each table's sequence; one audit entry per table records the load.
    """
    courses = list(courses)
    numbers = _last_numbers({c.table.pk for c in courses})
    for table in {c.table.pk: c.table for c in courses}.values():
        SituationSettings.for_table(table)
    rows = []
    for course in courses:
        numbers[course.table.pk] += 1
        rows.append(end_state(course, numbers[course.table.pk]))
    created = Situation.objects.bulk_create(rows, batch_size=batch_size)
    # Inserting stamps ``created_at`` with the time of the insert: set the planned one back.
    planned = [s for s, c in zip(created, courses, strict=True) if c.created_at is not None]
    for situation, course in zip(created, courses, strict=True):
        if course.created_at is not None:
            situation.created_at = course.created_at
    Situation.objects.bulk_update(planned, ["created_at"], batch_size=batch_size)
    _write_lists(created, courses, batch_size)
    for table_id, same in groupby(sorted(created, key=lambda s: s.table_id), lambda s: s.table_id):
        log_action(LOADED, table=Table(pk=table_id), data={"count": len(list(same))})
    return created


def _last_numbers(table_ids: set[int]) -> dict[int, int]:
    numbers = dict.fromkeys(table_ids, 0)
    last = Situation.objects.filter(table_id__in=table_ids).values("table_id")
    numbers.update(last.annotate(n=Max("number")).values_list("table_id", "n"))
    return numbers


def end_state(course: Course, number: int, now: datetime | None = None) -> Situation:
    """The situation row ``walk`` leaves at the end of ``course`` (not saved)."""
    now = now or timezone.now()
    rejected = course.to == Status.REJECTED
    vote = course.method == DecisionMethod.VOTE
    contacted = course.reaches(Status.MOBILIZED) and course.first_contact_at is not None
    steps = sum(course.reaches(s) for s in ORDER[1:]) + contacted
    # Keys rather than objects: a province's load builds a million of these.
    situation = Situation(
        table_id=course.table.pk,
        number=number,
        status=course.to,
        originating_organization_id=course.originating.pk,
        created_by_id=_pk(course.by),
        discussion_type=course.discussion_type,
        age_group_id=_pk(course.age_group),
        gender_id=_pk(course.gender),
        description="" if rejected else course.description,
        why_table="" if rejected else course.why_table,
        version=1 + steps + rejected,
        **course.extra,
    )
    if course.reaches(Status.PRESENTED):
        situation.presented_at = course.presented_at or now
    if course.to not in (Status.DRAFT, Status.PRESENTED):
        situation.decided_at = course.decided_at or now
        situation.aer_met = not rejected
        situation.decision_method = course.method
        situation.votes_for, situation.votes_against = VOTES if vote else (None, None)
    if course.reaches(Status.MOBILIZED):
        situation.lead_organization_id = _pk(course.lead)
        situation.agencies_named_at = course.agencies_named_at or now
        situation.first_contact_at = course.first_contact_at
    if course.reaches(Status.CONCLUDED):
        situation.concluded_at = course.concluded_at or now
        situation.conclusion_category_id = _pk(course.conclusion)
    return situation


def _pk(found: Any) -> Any:
    return None if found is None else found.pk


def end_lists(course: Course) -> dict[str, list[int]]:
    """The keys in each many-to-many list of the situation ``walk`` leaves (``LISTS``)."""
    lists: dict[str, list[int]] = {name: [] for name in LISTS}
    lists["risk_categories"] = list(dict.fromkeys(f.category_id for f in course.risk_factors))
    if course.to != Status.REJECTED:
        lists["risk_factors"] = list(dict.fromkeys(f.pk for f in course.risk_factors))
        lists["protective_factors"] = list(dict.fromkeys(p.pk for p in course.protective_factors))
    if course.reaches(Status.MOBILIZED):
        lead = course.lead.pk if course.lead else None
        assisting = (o.pk for o in course.assisting if o.pk != lead)
        lists["assisting_organizations"] = list(dict.fromkeys(assisting))
    if course.reaches(Status.CONCLUDED):
        lists["services"] = list(dict.fromkeys(s.pk for s in course.services))
    return lists


def list_columns(name: str) -> tuple[str, str]:
    """The two columns of a situation's automatic many-to-many table, situation first."""
    through = getattr(Situation, name).through
    keys = [f.attname for f in through._meta.concrete_fields if f.is_relation]
    return (keys[0], keys[1]) if keys[0] == "situation_id" else (keys[1], keys[0])


def _write_lists(created: list[Situation], courses: list[Course], batch_size: int) -> None:
    pairs: dict[str, list[tuple[int, int]]] = {name: [] for name in LISTS}
    for situation, course in zip(created, courses, strict=True):
        for name, keys in end_lists(course).items():
            pairs[name] += [(situation.pk, key) for key in keys]
    for name, found in pairs.items():
        through = getattr(Situation, name).through
        source, target = list_columns(name)
        rows = [through(**{source: s, target: t}) for s, t in found]
        through.objects.bulk_create(rows, batch_size=batch_size * 4)
