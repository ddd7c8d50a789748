"""Demo situations in every state, with the risk factors tables see most often, bulk-inserted."""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .models import (
    AgeGroup,
    ConclusionCategory,
    DecisionMethod,
    DiscussionType,
    Gender,
    RiskFactor,
    Service,
    Situation,
    SituationSettings,
    Status,
)

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
DESCRIPTIONS = [
    "Personne isolée, consommation en hausse, refuse les services offerts jusqu'ici.",
    "Jeune en fugue répétée, fréquente des pairs plus âgés, décrochage scolaire.",
    "Aîné en perte d'autonomie, logement insalubre, signes d'exploitation financière.",
    "Famille menacée d'expulsion, conflit avec le voisinage, enfants peu supervisés.",
    "Menaces répétées envers l'entourage, crise de santé mentale non suivie.",
]


def seed_situations(*, tables, count: int, rng: random.Random, stdout) -> int:
    """Create ``count`` situations spread over ``tables``; return how many were made."""
    tables = [t for t in tables if t.kind != "concertation"]
    if not tables or count <= 0:
        return 0
    lists = _lists()
    made = 0
    for offset in range(0, count, BATCH):
        size = min(BATCH, count - offset)
        with transaction.atomic():
            made += _batch(tables, size, rng, lists)
        stdout.write(f"{made}/{count} situations\n")
    return made


def _lists() -> dict:
    factors = list(RiskFactor.objects.filter(table__isnull=True).select_related("category"))
    return {
        "factors": factors,
        "weights": [CATEGORY_WEIGHT.get(f.category.code, 1) for f in factors],
        "ages": list(AgeGroup.objects.filter(table__isnull=True)),
        "genders": list(Gender.objects.filter(table__isnull=True)),
        "conclusions": list(ConclusionCategory.objects.filter(table__isnull=True)),
        "services": list(Service.objects.filter(table__isnull=True)),
    }


def _batch(tables, size: int, rng: random.Random, lists: dict) -> int:
    plan = [rng.choice(tables) for _ in range(size)]
    orgs = {
        t.pk: list(t.member_organizations.values_list("organization_id", flat=True)) for t in tables
    }
    numbers = {}
    for table in {t.pk: t for t in plan}.values():
        SituationSettings.for_table(table)
        last = Situation.objects.filter(table=table).order_by("-number").first()
        numbers[table.pk] = last.number if last else 0
    rows = []
    for table in plan:
        if len(orgs[table.pk]) < 2:
            continue
        numbers[table.pk] += 1
        rows.append(_situation(table, numbers[table.pk], orgs[table.pk], rng, lists))
    created = Situation.objects.bulk_create(rows)
    _link(created, orgs, rng, lists)
    return len(created)


def _situation(table, number: int, orgs: list[int], rng: random.Random, lists: dict) -> Situation:
    status = rng.choices([s for s, _ in STATES], weights=[w for _, w in STATES])[0]
    created = timezone.now() - timedelta(days=rng.randint(0, 360), hours=rng.randint(0, 23))
    s = Situation(
        table=table,
        number=number,
        status=status,
        originating_organization_id=rng.choice(orgs),
        discussion_type=rng.choices(DiscussionType.values, weights=[80, 12, 4, 4])[0],
        age_group=rng.choice(lists["ages"]),
        gender=rng.choice(lists["genders"]),
        description="" if status == Status.REJECTED else rng.choice(DESCRIPTIONS),
    )
    s.created_at = created
    # Each step follows the one before: a later status always went through the earlier ones.
    if status != Status.DRAFT:
        s.presented_at = presented = created + timedelta(days=rng.randint(0, 3))
    if status not in (Status.DRAFT, Status.PRESENTED):
        s.decided_at = presented
        s.aer_met = status != Status.REJECTED
        s.decision_method = DecisionMethod.CONSENSUS
    if status in (Status.MOBILIZED, Status.CONCLUDED):
        s.lead_organization_id = rng.choice([o for o in orgs if o != s.originating_organization_id])
        s.agencies_named_at = presented
        if status == Status.CONCLUDED or rng.random() < 0.8:
            s.first_contact_at = contact = presented + timedelta(hours=rng.randint(2, 60))
    if status == Status.CONCLUDED:
        s.concluded_at = contact + timedelta(days=rng.randint(3, 30))
        s.conclusion_category = rng.choices(
            lists["conclusions"], weights=[40, 25, 10, 10, 8, 5, 2]
        )[0]
    return s


def _link(created, orgs, rng: random.Random, lists: dict) -> None:
    factor_rows, category_rows, service_rows, assisting_rows = [], [], [], []
    Factors = Situation.risk_factors.through
    Categories = Situation.risk_categories.through
    Services = Situation.services.through
    Assisting = Situation.assisting_organizations.through
    for s in created:
        chosen = {
            f.pk: f for f in rng.choices(lists["factors"], lists["weights"], k=rng.randint(2, 6))
        }
        if s.status != Status.REJECTED:
            factor_rows += [Factors(situation_id=s.pk, riskfactor_id=pk) for pk in chosen]
        categories = {f.category_id for f in chosen.values()}
        category_rows += [Categories(situation_id=s.pk, riskcategory_id=pk) for pk in categories]
        if s.lead_organization_id:
            others = [o for o in orgs[s.table_id] if o != s.lead_organization_id]
            for org in rng.sample(others, k=min(len(others), rng.randint(1, 3))):
                assisting_rows.append(Assisting(situation_id=s.pk, organization_id=org))
        if s.status == Status.CONCLUDED:
            for service in rng.sample(lists["services"], k=rng.randint(1, 3)):
                service_rows.append(Services(situation_id=s.pk, service_id=service.pk))
    Factors.objects.bulk_create(factor_rows, batch_size=BATCH * 4)
    Categories.objects.bulk_create(category_rows, batch_size=BATCH * 4)
    Services.objects.bulk_create(service_rows, batch_size=BATCH * 4)
    Assisting.objects.bulk_create(assisting_rows, batch_size=BATCH * 4)
