"""Load demo situations at province scale through PostgreSQL ``COPY``.

``generator.seed_situations`` inserts through the ORM (``factory.write``), which is right for
tens of thousands; a million situations with eight risk factors each is some fifteen million
rows, which only ``COPY`` loads within minutes. The shape of the data follows ``generator``.
"""

import random
from datetime import timedelta

from django.db import DatabaseError, connection, transaction
from django.db.models import Max
from django.utils import timezone

from maillage.reports.summaries import refresh
from maillage.situations.models import (
    AgeGroup,
    ConclusionCategory,
    DiscussionType,
    Gender,
    ProtectiveFactor,
    RiskFactor,
    Service,
    Situation,
    Status,
)
from maillage.tables.models import TableOrganization

from .generator import CATEGORY_WEIGHT, CONCLUSION_WEIGHTS, DISCUSSION_WEIGHTS, STATES

CHUNK = 50_000
COLUMNS = [
    "id", "table_id", "number", "status", "originating_organization_id",
    "lead_organization_id", "discussion_type", "age_group_id", "gender_id", "description",
    "why_table", "presented_at", "decided_at", "aer_met", "decision_method", "recommendation",
    "agencies_named_at", "first_contact_at", "concluded_at", "conclusion_category_id",
    "reopened_count", "version", "created_at", "updated_at",
]  # fmt: skip
M2M = {
    "risk_factors": ("situation_id", "riskfactor_id"),
    "risk_categories": ("situation_id", "riskcategory_id"),
    "protective_factors": ("situation_id", "protectivefactor_id"),
    "assisting_organizations": ("situation_id", "organization_id"),
    "services": ("situation_id", "service_id"),
}


BULK_FROM = 20_000


def bulk_copy_fits(count: int) -> bool:
    """Large loads on PostgreSQL go through ``COPY``; small ones keep the ORM path."""
    return count >= BULK_FROM and connection.vendor == "postgresql"


def _lists(tables) -> dict:
    factors = list(RiskFactor.objects.filter(table__isnull=True).values_list("pk", "category_id"))
    weights = dict(
        RiskFactor.objects.filter(table__isnull=True).values_list("pk", "category__code")
    )
    orgs: dict = {}
    for table_id, org in TableOrganization.objects.filter(table__in=tables).values_list(
        "table_id", "organization_id"
    ):
        orgs.setdefault(table_id, []).append(org)
    return {
        "factors": factors,
        "weights": [CATEGORY_WEIGHT.get(weights[pk], 1) for pk, _c in factors],
        "ages": list(AgeGroup.objects.filter(table__isnull=True).values_list("pk", flat=True)),
        "genders": list(Gender.objects.filter(table__isnull=True).values_list("pk", flat=True)),
        "conclusions": list(
            ConclusionCategory.objects.filter(table__isnull=True).values_list("pk", flat=True)
        ),
        "services": list(Service.objects.filter(table__isnull=True).values_list("pk", flat=True)),
        "protective": list(
            ProtectiveFactor.objects.filter(table__isnull=True).values_list("pk", flat=True)
        ),
        "orgs": {t: o for t, o in orgs.items() if len(o) >= 3},
    }


def copy_situations(*, tables, count: int, rng: random.Random, stdout) -> int:
    """Insert ``count`` situations and their lists with ``COPY``; return how many."""
    lists = _lists([t for t in tables if t.kind != "concertation"])
    table_ids = sorted(lists["orgs"])
    if not table_ids or count <= 0:
        return 0
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {Situation._meta.db_table}")  # noqa: S608
        next_id = cursor.fetchone()[0] + 1
    numbers = dict.fromkeys(table_ids, 0)
    for table_id, last in (
        Situation.objects.filter(table_id__in=table_ids)
        .values_list("table_id")
        .annotate(last=Max("number"))
    ):
        numbers[table_id] = last or 0
    made = 0
    while made < count:
        size = min(CHUNK, count - made)
        with transaction.atomic():
            _skip_key_checks()
            _copy_chunk(next_id + made, size, table_ids, numbers, rng, lists)
        made += size
        stdout.write(f"{made}/{count} situations\n")
        stdout.flush()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)",
            [Situation._meta.db_table, next_id + made - 1],
        )
    # The dashboards read monthly summaries: bring them up to date with what was loaded.
    stdout.write("Refreshing the report summaries\n")
    refresh(jobs=1 if connection.in_atomic_block else 2, stdout=stdout)
    return made


def _skip_key_checks() -> None:
    """Rows are generated from existing keys: skip the per-row foreign-key triggers if allowed.

    Needs a superuser (as on a development or benchmark database); elsewhere the checks run.
    """
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")
    except DatabaseError:
        pass


def _copy_chunk(first_id: int, size: int, table_ids, numbers, rng, lists) -> None:
    rows: list[tuple] = []
    links: dict[str, list[tuple[int, int]]] = {name: [] for name in M2M}
    now = timezone.now()
    for offset in range(size):
        table_id = rng.choice(table_ids)
        numbers[table_id] += 1
        row, linked = _situation(first_id + offset, table_id, numbers[table_id], now, rng, lists)
        rows.append(row)
        for name, pairs in linked.items():
            links[name].extend(pairs)
    with connection.cursor() as cursor:
        raw = cursor.cursor
        with raw.copy(f"COPY {Situation._meta.db_table} ({', '.join(COLUMNS)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        for name, (left, right) in M2M.items():
            through = getattr(Situation, name).through._meta.db_table
            with raw.copy(f"COPY {through} ({left}, {right}) FROM STDIN") as copy:
                for pair in links[name]:
                    copy.write_row(pair)


def _situation(pk: int, table_id: int, number: int, now, rng: random.Random, lists: dict):
    status = rng.choices([s for s, _w in STATES], weights=[w for _s, w in STATES])[0]
    orgs = lists["orgs"][table_id]
    created = now - timedelta(days=rng.randint(0, 360), hours=rng.randint(0, 23))
    presented = decided = named = contact = concluded = None
    aer = lead = conclusion = None
    if status != Status.DRAFT:
        presented = min(now, created + timedelta(days=rng.randint(0, 3)))
    if status not in (Status.DRAFT, Status.PRESENTED):
        decided, aer = presented, status != Status.REJECTED
    originating = rng.choice(orgs)
    if status in (Status.MOBILIZED, Status.CONCLUDED):
        lead = rng.choice([o for o in orgs if o != originating])
        named = decided
        if status == Status.CONCLUDED or rng.random() < 0.8:
            assert named is not None  # mobilized: decided, so presented
            contact = named + timedelta(hours=rng.randint(2, 60))
    if status == Status.CONCLUDED:
        assert contact is not None  # concluded discussions always had a first contact
        concluded = contact + timedelta(days=rng.randint(3, 30))
        conclusion = rng.choices(lists["conclusions"], weights=CONCLUSION_WEIGHTS)[0]
    discussion = rng.choices(DiscussionType.values, weights=DISCUSSION_WEIGHTS)[0]
    row = (
        pk, table_id, number, status, originating, lead, discussion,
        rng.choice(lists["ages"]), rng.choice(lists["genders"]), "", "", presented, decided, aer,
        "consensus" if decided else "", "", named, contact, concluded, conclusion, 0, 1,
        created, created,
    )  # fmt: skip
    return row, _links(pk, status, orgs, lead, rng, lists)


def _links(pk: int, status: str, orgs, lead, rng: random.Random, lists: dict) -> dict:
    chosen = dict(rng.choices(lists["factors"], lists["weights"], k=rng.randint(5, 13)))
    linked = {
        "risk_factors": [] if status == Status.REJECTED else [(pk, f) for f in chosen],
        "risk_categories": [(pk, c) for c in set(chosen.values())],
        "protective_factors": [],
        "assisting_organizations": [],
        "services": [],
    }
    if status != Status.REJECTED:
        picked = rng.sample(lists["protective"], k=min(len(lists["protective"]), rng.randint(0, 2)))
        linked["protective_factors"] = [(pk, p) for p in picked]
    if lead is not None:
        others = [o for o in orgs if o != lead]
        picked = rng.sample(others, k=min(len(others), rng.randint(1, 3)))
        linked["assisting_organizations"] = [(pk, o) for o in picked]
    if status == Status.CONCLUDED:
        picked = rng.sample(lists["services"], k=min(len(lists["services"]), rng.randint(1, 3)))
        linked["services"] = [(pk, s) for s in picked]
    return linked
