"""Generated situations: a table's history over years, and discussions in every state.

Each generated discussion is a ``factory.Course``: where it ends and when each step happened.
The courses of the demo's open discussions are walked through the lifecycle (so their audit
trail and notices are real); a history of hundreds and volume loads of thousands are written
in bulk with the same end state (``factory.write``); a province's million goes through
``bulk.copy_situations``.
"""

import itertools
import random
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.utils import timezone

from maillage.organizations.models import Organization
from maillage.situations.models import (
    AgeGroup,
    ConclusionCategory,
    DecisionMethod,
    DiscussionType,
    Gender,
    ProtectiveFactor,
    RiskFactor,
    Service,
    SituationSettings,
    Status,
)
from maillage.tables.models import Seat, Table

from . import data
from .factory import Course, walk, write

BATCH = 1000
# Roughly the shape of a year at an Ontario table: most discussions accepted and concluded.
STATES = [
    (Status.DRAFT, 4),
    (Status.PRESENTED, 6),
    (Status.REJECTED, 4),
    (Status.ACCEPTED, 3),
    (Status.MOBILIZED, 18),
    (Status.CONCLUDED, 65),
]
# Categories reported most often in the Risk-driven Tracking Database weigh more.
CATEGORY_WEIGHT = {
    "mental_health": 9,
    "criminal_involvement": 7,
    "drugs": 6,
    "antisocial_behaviour": 6,
    "alcohol": 5,
    "housing": 5,
    "physical_violence": 4,
    "basic_needs": 4,
    "suicide": 3,
    "parenting": 3,
}
# Conclusion categories in the order of the reference list: most lower the risk.
CONCLUSION_WEIGHTS = [40, 25, 10, 10, 8, 5, 2]
DISCUSSION_WEIGHTS = [80, 12, 4, 4]  # person, family, group, location
DESCRIPTIONS = [
    "Personne isolée, consommation en hausse, refuse les services offerts jusqu'ici.",
    "Jeune en fugue répétée, fréquente des pairs plus âgés, décrochage scolaire.",
    "Aîné en perte d'autonomie, logement insalubre, signes d'exploitation financière.",
    "Famille menacée d'expulsion, conflit avec le voisinage, enfants peu supervisés.",
    "Menaces répétées envers l'entourage, crise de santé mentale non suivie.",
]


@dataclass
class Lists:
    """The shared reference lists a generated discussion draws from."""

    factors: list[RiskFactor]
    ages: list[AgeGroup]
    genders: list[Gender]
    conclusions: list[ConclusionCategory]
    services: list[Service]
    protective: list[ProtectiveFactor]
    cumulative: dict[tuple, list[float]] = field(default_factory=dict)  # weights by drift

    @classmethod
    def load(cls) -> "Lists":
        shared = {"table__isnull": True}
        return cls(
            factors=list(RiskFactor.objects.filter(**shared).select_related("category")),
            ages=list(AgeGroup.objects.filter(**shared)),
            genders=list(Gender.objects.filter(**shared)),
            conclusions=list(ConclusionCategory.objects.filter(**shared).order_by("pk")),
            services=list(Service.objects.filter(**shared)),
            protective=list(ProtectiveFactor.objects.filter(**shared)),
        )

    def risk_factors(self, rng: random.Random, low: int, high: int, drift=None) -> list:
        """``low`` to ``high`` draws, the categories weighed by ``CATEGORY_WEIGHT`` × ``drift``."""
        chosen = rng.choices(
            self.factors, cum_weights=self._weights(drift), k=rng.randint(low, high)
        )
        return list({f.pk: f for f in chosen}.values())

    def _weights(self, drift: dict | None) -> list[float]:
        key = tuple(sorted((drift or {}).items()))
        if key not in self.cumulative:
            codes = [f.category.code for f in self.factors]
            weights = [CATEGORY_WEIGHT.get(c, 1) * (drift or {}).get(c, 1) for c in codes]
            self.cumulative[key] = list(itertools.accumulate(weights))
        return self.cumulative[key]

    def conclusion(self, rng: random.Random) -> ConclusionCategory:
        weights = CONCLUSION_WEIGHTS[: len(self.conclusions)]
        weights += [1] * (len(self.conclusions) - len(weights))
        return rng.choices(self.conclusions, weights)[0]


def seat_holders(table: Table) -> dict[int, object]:
    """One person per seated agency of ``table``: who brings that agency's discussions."""
    found: dict[int, object] = {}
    for seat in Seat.objects.filter(table=table, user__is_active=True).select_related("user"):
        found.setdefault(seat.organization_id, seat.user)
    return found


def open_discussions(*, tables, count: int, rng: random.Random, stdout) -> int:
    """Discussions in every state over the last year, walked through the lifecycle.

    Only agencies with a seated person bring them, as in real use; tables where nobody could
    decide (no coordinator) get none.
    """
    lists, made = Lists.load(), 0
    usable = []
    for table in tables:
        people = seat_holders(table)
        try:
            chair = Seat.objects.get(table=table, role="coordinator", user__is_active=True).user
        except (Seat.DoesNotExist, Seat.MultipleObjectsReturned):
            continue
        members = list(table.member_organizations.values_list("organization", flat=True))
        if table.kind != "concertation" and people and len(members) >= 2:
            usable.append((table, people, chair, members))
    organizations = Organization.objects.in_bulk()
    for _ in range(count if usable else 0):
        table, people, chair, members = rng.choice(usable)
        originating = rng.choice(sorted(people))
        course = last_year(table, organizations, originating, members, rng, lists)
        walk(course, by=people[originating], chair=chair)
        made += 1
    stdout.write(f"{made} open discussions\n")
    return made


def last_year(
    table, organizations, originating: int, members, rng, lists: Lists, *, factors=(2, 6)
) -> Course:
    """One discussion of the last year, in a state drawn from ``STATES``.

    ``factors``: the fewest and most risk factors it draws (five to thirteen at province scale).
    """
    status = rng.choices([s for s, _ in STATES], weights=[w for _, w in STATES])[0]
    now = timezone.now()
    # Discussions waiting for the table are days old; the agencies work for weeks.
    days = {Status.MOBILIZED: 40, Status.CONCLUDED: 360, Status.REJECTED: 360}.get(status, 6)
    presented = now - timedelta(days=rng.randint(0, days), hours=rng.randint(1, 23))
    others = [o for o in members if o != originating]
    lead = rng.choice(others)
    assisting = rng.sample([o for o in others if o != lead], k=min(len(others) - 1, 2))
    contacted = status == Status.CONCLUDED or rng.random() < 0.8
    contact = presented + timedelta(hours=rng.randint(2, 60))
    return Course(
        table=table,
        originating=organizations[originating],
        to=status,
        lead=organizations[lead],
        assisting=[organizations[o] for o in assisting],
        discussion_type=rng.choices(DiscussionType.values, weights=DISCUSSION_WEIGHTS)[0],
        age_group=rng.choice(lists.ages),
        gender=rng.choice(lists.genders),
        description=rng.choice(DESCRIPTIONS),
        why_table="",
        risk_factors=lists.risk_factors(rng, *factors),
        protective_factors=rng.sample(lists.protective, k=rng.randint(0, 2)),
        conclusion=lists.conclusion(rng),
        services=rng.sample(lists.services, k=rng.randint(1, 3)),
        created_at=presented - timedelta(days=rng.randint(0, 3)),
        presented_at=presented,
        decided_at=presented,
        agencies_named_at=presented,
        first_contact_at=min(contact, now) if contacted else None,
        concluded_at=min(contact + timedelta(days=rng.randint(3, 30)), now),
    )


def seed_situations(*, tables, count: int, rng: random.Random, stdout) -> int:
    """``count`` discussions of the last year spread over ``tables``, written in bulk."""
    tables = [t for t in tables if t.kind != "concertation"]
    members = {
        t.pk: list(t.member_organizations.values_list("organization", flat=True)) for t in tables
    }
    tables = [t for t in tables if len(members[t.pk]) >= 3]
    if not tables or count <= 0:
        return 0
    lists, organizations = Lists.load(), Organization.objects.in_bulk()
    made = 0
    for offset in range(0, count, BATCH):
        courses = []
        for _ in range(min(BATCH, count - offset)):
            table = rng.choice(tables)
            originating = rng.choice(members[table.pk])
            courses.append(
                last_year(table, organizations, originating, members[table.pk], rng, lists)
            )
        made += len(write(courses, batch_size=BATCH))
        stdout.write(f"{made}/{count} situations\n")
    return made


def history(table: Table, *, rng: random.Random, stdout, now: datetime | None = None) -> int:
    """The table's past, as ``data.HISTORY`` describes it, written in bulk; return how many.

    Discussions come to the table's meetings (``data.HISTORY.meeting_days``), more each
    year; each is decided at the meeting, its agencies named there, the door knocked within
    hours or days and the discussion concluded weeks later. The ones whose next step is still
    to come are open today. Drug and housing risks weigh more each year, so the trend charts
    have a trend to show.
    """
    plan = data.HISTORY
    now = now or timezone.now()
    SituationSettings.for_table(table)
    organizations = {o.pk: o for o in Organization.objects.all()}
    by_key = _organizations_by_key(organizations)
    people = seat_holders(table)
    lists = Lists.load()
    courses: list[Course] = []
    years = plan.per_year
    for index, per_year in enumerate(years):
        start = now - timedelta(days=365 * (len(years) - index))
        drift = {"drugs": 1 + 0.35 * index, "housing": 1 + 0.15 * index}
        for _ in range(per_year):
            presented = _meeting_time(start + timedelta(days=rng.uniform(0, 365)), now)
            originating = _weighted(rng, by_key, plan.originating)
            courses.append(
                _past(table, presented, originating, by_key, people, rng, lists, drift, now)
            )
    made = write(sorted(courses, key=lambda c: c.presented_at or now), batch_size=BATCH)
    stdout.write(f"{len(made)} discussions in the history of {table}\n")
    return len(made)


def _organizations_by_key(organizations: dict) -> dict[str, Organization]:
    names = {name_fr: key for key, _sector, name_fr, *_rest in data.ORGANIZATIONS}
    return {names[o.name_fr]: o for o in organizations.values() if o.name_fr in names}


def _weighted(rng: random.Random, by_key: dict, weights: dict[str, int]) -> Organization:
    keys = [k for k in weights if k in by_key]
    return by_key[rng.choices(keys, [weights[k] for k in keys])[0]]


def _meeting_time(day: datetime, now: datetime) -> datetime:
    """The table's next meeting on or after ``day``, at the hour it sits."""
    local = timezone.localtime(day)
    while local.weekday() not in data.HISTORY.meeting_days:
        local += timedelta(days=1)
    at = datetime.combine(local.date(), time(*data.HISTORY.meeting_time), local.tzinfo)
    return min(at, now - timedelta(hours=1))


def _past(table, presented, originating, by_key, people, rng, lists, drift, now) -> Course:
    """One past discussion; its status is wherever its course had reached by ``now``."""
    plan = data.HISTORY
    rejected = rng.random() < plan.rejected
    leads = {k: w for k, w in plan.lead.items() if by_key.get(k) not in (None, originating)}
    lead = _weighted(rng, by_key, leads)
    pool = [o for k, o in by_key.items() if k in plan.lead and o not in (lead, originating)]
    assisting = rng.sample(pool, k=min(len(pool), rng.choice([1, 1, 2, 2, 3, 4])))
    named = presented + timedelta(minutes=rng.randint(5, 40))
    contact = named + timedelta(hours=min(rng.lognormvariate(3.0, 0.6), 24 * 6))
    concluded = contact + timedelta(days=min(rng.lognormvariate(2.4, 0.6), 90))
    if rejected:
        status = Status.REJECTED
    elif now - presented < timedelta(days=1) and rng.random() < 0.5:
        status = Status.PRESENTED
    elif concluded > now:
        status = Status.MOBILIZED
    else:
        status = Status.CONCLUDED
    return Course(
        table=table,
        originating=originating,
        to=status,
        lead=lead,
        assisting=assisting,
        discussion_type=rng.choices(DiscussionType.values, weights=DISCUSSION_WEIGHTS)[0],
        age_group=rng.choice(lists.ages),
        gender=rng.choice(lists.genders),
        description=rng.choice(DESCRIPTIONS),
        why_table="",
        risk_factors=lists.risk_factors(rng, 3, 8, drift),
        protective_factors=rng.sample(lists.protective, k=rng.randint(0, 2)),
        method=DecisionMethod.VOTE if rng.random() < 0.05 else DecisionMethod.CONSENSUS,
        conclusion=lists.conclusion(rng),
        services=rng.sample(lists.services, k=rng.randint(1, 3)),
        by=people.get(originating.pk),
        created_at=presented - timedelta(days=rng.randint(0, 4), hours=rng.randint(1, 8)),
        presented_at=presented,
        decided_at=presented,
        agencies_named_at=named,
        first_contact_at=contact if contact < now else None,
        concluded_at=concluded,
    )
