"""The dashboard's figures, each computed by the database in one query.

Every function takes the base queryset of discussions in scope (``discussions(scope)``) and
returns plain counts keyed by ids; suppression and labels are applied later (``panels``).
Nothing here loops over situations in Python, except the SQLite fallback for percentiles,
which exists for development only.
"""

import statistics
from datetime import datetime, time, timedelta
from typing import NamedTuple

from django.contrib.postgres.fields import ArrayField
from django.db import connection
from django.db.models import Aggregate, Count, F, FloatField, Func, Q, QuerySet, Value
from django.db.models.functions import Cast, Ceil, Trunc
from django.utils import timezone

from maillage.situations.models import Situation, Status

PERIODS = ("week", "month", "quarter", "year")
WITHIN_HOURS = 48
PERCENTILES = (0.5, 0.9)  # the median and the 90th percentile of response times


def discussions(table_ids, start, end, discussion_type: str = "") -> QuerySet:
    """Discussions brought to the tables (drafts never leave their agency) in the period."""
    zone = timezone.get_current_timezone()
    since = datetime.combine(start, time.min, tzinfo=zone)
    until = datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone)
    found = Situation.objects.filter(
        table_id__in=list(table_ids), presented_at__gte=since, presented_at__lt=until
    ).exclude(status=Status.DRAFT)
    if discussion_type:
        found = found.filter(discussion_type=discussion_type)
    return found


def _rows(qs, *keys) -> dict:
    return {tuple(row[k] for k in keys): row["n"] for row in qs}


def by_period(qs: QuerySet, period: str) -> dict:
    if period not in PERIODS:
        raise ValueError(period)
    grouped = (
        qs.annotate(p=Trunc("presented_at", period))
        .values("p")
        .annotate(n=Count("id"))
        .order_by("p")
    )
    return {timezone.localtime(row["p"]).date(): row["n"] for row in grouped}


def decisions_by_type(qs: QuerySet) -> dict:
    rows = qs.values("discussion_type", "aer_met").annotate(n=Count("id")).order_by()
    return _rows(rows, "discussion_type", "aer_met")


def _through_counts(through, qs: QuerySet, key: str) -> dict:
    rows = (
        through.objects.filter(situation_id__in=qs.values("id"))
        .values(key)
        .annotate(n=Count("situation_id"))
        .order_by()
    )
    return {row[key]: row["n"] for row in rows}


def risk_categories(qs: QuerySet) -> dict:
    return _through_counts(Situation.risk_categories.through, qs, "riskcategory_id")


def risk_factors(qs: QuerySet) -> dict:
    return _through_counts(Situation.risk_factors.through, qs, "riskfactor_id")


def protective_factors(qs: QuerySet) -> dict:
    return _through_counts(Situation.protective_factors.through, qs, "protectivefactor_id")


def category_trend(qs: QuerySet, period: str) -> dict:
    through = Situation.risk_categories.through
    rows = (
        through.objects.filter(situation_id__in=qs.values("id"))
        .values("riskcategory_id", p=Trunc("situation__presented_at", period))
        .annotate(n=Count("situation_id"))
        .order_by()
    )
    return {(row["riskcategory_id"], timezone.localtime(row["p"]).date()): row["n"] for row in rows}


def _limited(sql: str, params: list, limit: int | None) -> list[tuple[int, int, int]]:
    """The pairs with their counts, most frequent first; every pair when ``limit`` is None."""
    if limit is not None:
        sql, params = sql + " LIMIT %s", [*params, limit]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(a, b, n) for a, b, n in cursor.fetchall()]


def factor_pairs(qs: QuerySet, limit: int | None = 10) -> list[tuple[int, int, int]]:
    """The risk factors most often recorded together on one discussion."""
    through = Situation.risk_factors.through._meta.db_table
    sub, params = qs.values("id").query.sql_with_params()
    sql = (
        f"SELECT a.riskfactor_id, b.riskfactor_id, COUNT(*) AS n FROM {through} a "  # noqa: S608
        f"JOIN {through} b ON a.situation_id = b.situation_id "
        "AND a.riskfactor_id < b.riskfactor_id "
        f"WHERE a.situation_id IN ({sub}) GROUP BY 1, 2 ORDER BY n DESC, 1, 2"
    )
    return _limited(sql, list(params), limit)


def age_gender(qs: QuerySet) -> dict:
    rows = qs.values("age_group_id", "gender_id").annotate(n=Count("id")).order_by()
    return _rows(rows, "age_group_id", "gender_id")


def repeats(qs: QuerySet) -> dict:
    return qs.aggregate(
        first=Count("id", filter=Q(repeat_of__isnull=True)),
        repeat=Count("id", filter=Q(repeat_of__isnull=False)),
    )


def originating_sectors(qs: QuerySet) -> dict:
    rows = qs.values("originating_organization__sector_id").annotate(n=Count("id")).order_by()
    return {row["originating_organization__sector_id"]: row["n"] for row in rows}


def lead_sectors(qs: QuerySet) -> dict:
    rows = (
        qs.filter(lead_organization__isnull=False)
        .values("lead_organization__sector_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {row["lead_organization__sector_id"]: row["n"] for row in rows}


def assisting_sectors(qs: QuerySet) -> dict:
    through = Situation.assisting_organizations.through
    rows = (
        through.objects.filter(situation_id__in=qs.values("id"))
        .values("organization__sector_id")
        .annotate(n=Count("situation_id", distinct=True))
        .order_by()
    )
    return {row["organization__sector_id"]: row["n"] for row in rows}


def sector_pairs(qs: QuerySet, limit: int | None = 10) -> list[tuple[int, int, int]]:
    """Pairs of sectors named together (lead or assisting) on the most discussions."""
    situation = Situation._meta.db_table
    assisting = Situation.assisting_organizations.through._meta.db_table
    organization = Situation._meta.get_field("lead_organization").related_model._meta.db_table
    sub, params = qs.values("id").query.sql_with_params()
    sql = (
        "WITH involved AS ("  # noqa: S608
        f"SELECT s.id AS sid, o.sector_id FROM {situation} s "
        f"JOIN {organization} o ON o.id = s.lead_organization_id WHERE s.id IN ({sub}) "
        f"UNION SELECT a.situation_id, o.sector_id FROM {assisting} a "
        f"JOIN {organization} o ON o.id = a.organization_id WHERE a.situation_id IN ({sub})) "
        "SELECT a.sector_id, b.sector_id, COUNT(*) AS n FROM involved a "
        "JOIN involved b ON a.sid = b.sid AND a.sector_id < b.sector_id "
        "GROUP BY 1, 2 ORDER BY n DESC, 1, 2"
    )
    return _limited(sql, [*params, *params], limit)


def conclusions(qs: QuerySet) -> dict:
    rows = (
        qs.filter(status=Status.CONCLUDED)
        .values("conclusion_category_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {row["conclusion_category_id"]: row["n"] for row in rows}


class Hours(Func):
    """Hours between two timestamps, as a number."""

    output_field = FloatField()

    def as_postgresql(self, compiler, conn, **extra):
        return self.as_sql(
            compiler, conn, template="EXTRACT(EPOCH FROM (%(expressions)s)) / 3600.0", **extra
        )

    def as_sqlite(self, compiler, conn, **extra):
        return self.as_sql(
            compiler,
            conn,
            template="(julianday(%(expressions)s)) * 24.0",
            arg_joiner=") - julianday(",
            **extra,
        )

    def as_sql(self, compiler, conn, **extra):
        extra.setdefault("arg_joiner", " - ")
        return super().as_sql(compiler, conn, **extra)


class Percentiles(Aggregate):
    """Several continuous percentiles from one sort of the values (PostgreSQL)."""

    function = "percentile_cont"
    template = "%(function)s(ARRAY[%(fractions)s]) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = ArrayField(FloatField())

    def __init__(self, expression, fractions: tuple[float, ...], **extra):
        listed = ", ".join(f"{float(f)!r}::float8" for f in fractions)
        super().__init__(expression, fractions=listed, **extra)


class Duration(NamedTuple):
    """A response time: from ``start`` to ``end``, over the discussions that have both.

    ``bucket_hours`` is the width of the histogram kept in the monthly summaries: bucket ``b``
    holds the durations in (``bucket_hours`` × (b − 1), ``bucket_hours`` × b] hours, so that
    ``within`` (a multiple of it) is a sum of whole buckets.
    """

    start: str
    end: str
    bucket_hours: int
    within: float | None = None
    status: str = ""  # only discussions with this status, when given

    def timed(self, qs: QuerySet) -> QuerySet:
        """The discussions measured, each annotated with its duration ``h`` in hours."""
        if self.status:
            qs = qs.filter(status=self.status)
        return qs.filter(**{f"{self.start}__isnull": False, f"{self.end}__isnull": False}).annotate(
            h=Hours(F(self.end), F(self.start))
        )

    def bucket(self) -> Func:
        """The histogram bucket of ``h``: whole hours first, so the edges are exact."""
        hours = Ceil("h")
        return hours if self.bucket_hours == 1 else Ceil(hours / Value(self.bucket_hours))


MOBILIZE = Duration("agencies_named_at", "first_contact_at", 1, within=WITHIN_HOURS)
CONCLUSION = Duration("decided_at", "concluded_at", 24, status=Status.CONCLUDED)


def durations(qs: QuerySet, duration: Duration) -> dict:
    """How many were measured, the median and 90th percentile, how many within the limit."""
    timed = duration.timed(qs)
    within = duration.within
    if connection.vendor != "postgresql":
        return _durations_in_python(list(timed.values_list("h", flat=True)), within)
    result = timed.aggregate(
        n=Count("id"),
        percentiles=Percentiles("h", PERCENTILES),
        within=Count("id", filter=Q(h__lte=within)) if within is not None else Count("id"),
    )
    median, p90 = result.pop("percentiles") or (None, None)
    return {**result, "median": median, "p90": p90}


def histogram(qs: QuerySet, duration: Duration) -> dict[int, int]:
    """How many durations fall in each bucket (see ``Duration``)."""
    rows = (
        duration.timed(qs).annotate(b=duration.bucket()).values("b").annotate(n=Count("id"))
    ).order_by()
    return {int(row["b"]): row["n"] for row in rows}


def sorted_durations(
    qs: QuerySet, duration: Duration, buckets: tuple[int, int], offset: int, limit: int
) -> list[float]:
    """``limit`` durations in hours, from the ``offset``-th of those in buckets ``buckets``.

    Read through the partial index on the duration (migration 0006): only the rows of those
    buckets are looked at. Bounds are integers, compared with the exact (numeric) duration.
    """
    width = duration.bucket_hours
    low, high = width * (buckets[0] - 1), width * buckets[1]
    found = (
        duration.timed(qs)
        .filter(h__gt=Value(low), h__lte=Value(high))
        .order_by("h")
        .values_list(Cast("h", FloatField()), flat=True)
    )
    return list(found[offset : offset + limit])


def _durations_in_python(hours: list[float], within: float | None) -> dict:
    """SQLite has no percentile_cont; development databases are small."""
    if not hours:
        return {"n": 0, "median": None, "p90": None, "within": 0}
    ordered = sorted(hours)
    p90 = statistics.quantiles(ordered, n=10, method="inclusive")[-1] if len(ordered) > 1 else None
    return {
        "n": len(ordered),
        "median": statistics.median(ordered),
        "p90": p90 if p90 is not None else ordered[0],
        "within": sum(h <= within for h in ordered) if within is not None else len(ordered),
    }


def time_to_mobilize(qs: QuerySet) -> dict:
    """From agencies named to first contact with the person: the "door knock"."""
    return durations(qs, MOBILIZE)


def time_to_conclusion(qs: QuerySet) -> dict:
    """From the table's decision to the conclusion, in hours (shown in days)."""
    return durations(qs, CONCLUSION)
