"""Load demo situations at province scale through PostgreSQL ``COPY``.

``generator.seed_situations`` inserts through the ORM (``factory.write``), which is right for
tens of thousands; a million situations with eight risk factors each is some fifteen million
rows, which only ``COPY`` loads within minutes. The rows are the end state of the same courses
(``factory.end_state`` and ``factory.end_lists``), so a situation loaded here is the one the
lifecycle would leave; ``tests/test_bulk.py`` compares them.
"""

import random
from datetime import datetime

from django.db import DatabaseError, connection, transaction
from django.db.models import Max
from django.utils import timezone

from maillage.organizations.models import Organization
from maillage.reports.summaries import refresh
from maillage.situations.models import Situation, SituationSettings
from maillage.tables.models import TableOrganization

from .factory import LISTS, Course, end_lists, end_state, list_columns
from .generator import Lists, last_year

CHUNK = 50_000
BULK_FROM = 20_000
PROVINCE_FACTORS = (5, 13)  # risk factors per discussion: the pairs weigh on the dashboards


def bulk_copy_fits(count: int) -> bool:
    """Large loads on PostgreSQL go through ``COPY``; small ones keep the ORM path."""
    return count >= BULK_FROM and connection.vendor == "postgresql"


def copy_situations(*, tables, count: int, rng: random.Random, stdout) -> int:
    """Insert ``count`` situations and their lists with ``COPY``; return how many."""
    members: dict[int, list[int]] = {}
    wanted = [t for t in tables if t.kind != "concertation"]
    for table_id, org in TableOrganization.objects.filter(table__in=wanted).values_list(
        "table_id", "organization_id"
    ):
        members.setdefault(table_id, []).append(org)
    usable = [t for t in wanted if len(members.get(t.pk, [])) >= 3]
    if not usable or count <= 0:
        return 0
    lists, organizations = Lists.load(), Organization.objects.in_bulk()
    made = 0
    while made < count:
        courses = []
        for _ in range(min(CHUNK, count - made)):
            table = rng.choice(usable)
            originating = rng.choice(members[table.pk])
            courses.append(
                last_year(
                    table,
                    organizations,
                    originating,
                    members[table.pk],
                    rng,
                    lists,
                    factors=PROVINCE_FACTORS,
                )
            )
        made += copy_courses(courses)
        stdout.write(f"{made}/{count} situations\n")
        stdout.flush()
    # The dashboards read monthly summaries: bring them up to date with what was loaded.
    stdout.write("Refreshing the report summaries\n")
    refresh(jobs=1 if connection.in_atomic_block else 2, stdout=stdout)
    return made


@transaction.atomic
def copy_courses(courses: list[Course]) -> int:
    """Write the end state of ``courses`` with ``COPY``, numbers continuing each table's."""
    for table in {c.table.pk: c.table for c in courses}.values():
        SituationSettings.for_table(table)
    _skip_key_checks()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {Situation._meta.db_table}")  # noqa: S608
        first_id = cursor.fetchone()[0] + 1
    numbers = dict.fromkeys({c.table.pk for c in courses}, 0)
    last = Situation.objects.filter(table_id__in=list(numbers)).values("table_id")
    numbers.update(last.annotate(n=Max("number")).values_list("table_id", "n"))
    columns = [f.attname for f in Situation._meta.concrete_fields]
    links: dict[str, list[tuple[int, int]]] = {name: [] for name in LISTS}
    rows = []
    now = timezone.now()
    for pk, course in enumerate(courses, start=first_id):
        numbers[course.table.pk] += 1
        rows.append(_row(pk, course, numbers[course.table.pk], columns, now))
        for name, keys in end_lists(course).items():
            links[name] += [(pk, key) for key in keys]
    _copy(Situation._meta.db_table, columns, rows)
    for name, pairs in links.items():
        _copy(getattr(Situation, name).through._meta.db_table, list_columns(name), pairs)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)",
            [Situation._meta.db_table, first_id + len(courses) - 1],
        )
    return len(courses)


def _row(pk: int, course: Course, number: int, columns: list[str], now: datetime) -> tuple:
    situation = end_state(course, number, now)
    situation.pk = pk
    situation.created_at = course.created_at or now
    situation.updated_at = now
    return tuple(getattr(situation, column) for column in columns)


def _copy(table: str, columns, rows) -> None:
    statement = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


def _skip_key_checks() -> None:
    """Rows are generated from existing keys: skip the per-row foreign-key triggers if allowed.

    Needs a superuser (as on a development or benchmark database); elsewhere the checks run.
    """
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")
    except DatabaseError:
        pass
