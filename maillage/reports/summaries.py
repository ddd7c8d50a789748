"""Monthly summaries of the dashboard's counts, and rebuilding them.

At a province's scale the counts cannot be taken from the discussions on every page view (the
pairs of risk factors alone are some thirty rows per discussion). ``refresh`` rebuilds, for
each calendar month, one ``MonthlyCount`` row per table, discussion type, figure and key; the
dashboard (``figures.Counts``) then adds up those rows for whole months and counts the rest of
the period live. Run by ``maillage refresh_report_summaries`` (scheduled, and after bulk loads).
"""

from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from maillage.organizations.models import Organization
from maillage.situations.models import Situation

from .models import MonthlyCount, SummaryMonth
from .queries import CONCLUSION, MOBILIZE, Duration

# Situations of one month that are no longer drafts, with their local month.
BASE = (
    "SELECT s.*, date_trunc('month', s.presented_at AT TIME ZONE %(zone)s)::date AS month "
    "FROM {situation} s WHERE s.status <> 'draft' "
    "AND s.presented_at >= %(since)s AND s.presented_at < %(until)s"
)


def _histogram(duration: Duration) -> tuple[str, str, str, str]:
    """A response time's histogram: the bucket of each duration (``queries.Duration``)."""
    hours = f"EXTRACT(EPOCH FROM (s.{duration.end} - s.{duration.start})) / 3600.0"
    bucket = f"CEIL({hours})"
    if duration.bucket_hours != 1:
        bucket = f"CEIL({bucket} / {duration.bucket_hours:d})"
    measured = f"s.{duration.start} IS NOT NULL AND s.{duration.end} IS NOT NULL"
    if duration.status:
        measured += f" AND s.status = '{duration.status}'"
    return (f"{bucket}::bigint", "NULL::bigint", "", f"COUNT(*) FILTER (WHERE {measured})")


# figure: (first key, second key, FROM clause after the month's situations "s", count)
FIGURES = {
    "volume": ("NULL::bigint", "NULL::bigint", "", "COUNT(*)"),
    "decision": (
        "CASE WHEN s.aer_met THEN 1 WHEN NOT s.aer_met THEN 0 END",
        "NULL::bigint",
        "",
        "COUNT(*)",
    ),
    "age_gender": ("s.age_group_id", "s.gender_id", "", "COUNT(*)"),
    "repeat": ("(s.repeat_of_id IS NOT NULL)::int", "NULL::bigint", "", "COUNT(*)"),
    "originating": (
        "o.sector_id",
        "NULL::bigint",
        "JOIN {organization} o ON o.id = s.originating_organization_id",
        "COUNT(*)",
    ),
    "lead": (
        "o.sector_id",
        "NULL::bigint",
        "JOIN {organization} o ON o.id = s.lead_organization_id",
        "COUNT(*)",
    ),
    "conclusion": (
        "s.conclusion_category_id",
        "NULL::bigint",
        "",
        "COUNT(*) FILTER (WHERE s.status = 'concluded')",
    ),
    "risk_category": (
        "r.riskcategory_id",
        "NULL::bigint",
        "JOIN {risk_categories} r ON r.situation_id = s.id",
        "COUNT(*)",
    ),
    "risk_factor": (
        "r.riskfactor_id",
        "NULL::bigint",
        "JOIN {risk_factors} r ON r.situation_id = s.id",
        "COUNT(*)",
    ),
    "protective": (
        "r.protectivefactor_id",
        "NULL::bigint",
        "JOIN {protective_factors} r ON r.situation_id = s.id",
        "COUNT(*)",
    ),
    "assisting": (
        "o.sector_id",
        "NULL::bigint",
        "JOIN {assisting} a ON a.situation_id = s.id "
        "JOIN {organization} o ON o.id = a.organization_id",
        "COUNT(DISTINCT s.id)",
    ),
    "factor_pair": (
        "a.riskfactor_id",
        "b.riskfactor_id",
        "JOIN {risk_factors} a ON a.situation_id = s.id JOIN {risk_factors} b "
        "ON b.situation_id = s.id AND a.riskfactor_id < b.riskfactor_id",
        "COUNT(*)",
    ),
    "sector_pair": (
        "a.sector_id",
        "b.sector_id",
        "JOIN involved a ON a.sid = s.id JOIN involved b "
        "ON b.sid = s.id AND a.sector_id < b.sector_id",
        "COUNT(*)",
    ),
    "mobilize_hours": _histogram(MOBILIZE),
    "conclusion_days": _histogram(CONCLUSION),
}
# Sectors named on a discussion of the month, lead or assisting, once each (for sector pairs).
INVOLVED = (
    "WITH involved AS (SELECT s.id AS sid, o.sector_id FROM {situation} s "
    "JOIN {organization} o ON o.id = s.lead_organization_id "
    "WHERE s.presented_at >= %(since)s AND s.presented_at < %(until)s "
    "UNION SELECT a.situation_id, o.sector_id FROM {assisting} a "
    "JOIN {situation} s ON s.id = a.situation_id "
    "JOIN {organization} o ON o.id = a.organization_id "
    "WHERE s.presented_at >= %(since)s AND s.presented_at < %(until)s) "
)
# Figures whose keys are many (some four thousand pairs of risk factors per table and month,
# a bucket per hour of the time to mobilize) also get rows for every table together: a
# dashboard over most tables subtracts the few others from those instead of adding up all
# of its own.
ROLLED_UP = ("factor_pair", "mobilize_hours", "conclusion_days")
# Changes later than this before a refresh are looked at again by the next one: a discussion
# saved just before a refresh may commit after the refresh has read its month.
OVERLAP = timedelta(minutes=5)


def _tables() -> dict:
    names = {
        "situation": Situation._meta.db_table,
        "organization": Organization._meta.db_table,
        "risk_factors": Situation.risk_factors.through._meta.db_table,
        "risk_categories": Situation.risk_categories.through._meta.db_table,
        "protective_factors": Situation.protective_factors.through._meta.db_table,
        "assisting": Situation.assisting_organizations.through._meta.db_table,
    }
    return names


def zone():
    """Months are calendar months of the site's time zone, in the summaries and when read."""
    return timezone.get_default_timezone()


def month_bounds(month: date) -> tuple[datetime, datetime]:
    following = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
    return (
        datetime.combine(month, datetime.min.time(), tzinfo=zone()),
        datetime.combine(following, datetime.min.time(), tzinfo=zone()),
    )


def month_of(moment: datetime) -> date:
    return timezone.localtime(moment, zone()).date().replace(day=1)


def refresh_month(month: date) -> None:
    """Rebuild one month's counts for every table, from one consistent view of the data."""
    if connection.vendor != "postgresql":
        return  # development databases are small enough to count live
    since, until = month_bounds(month)
    names = _tables()
    base = BASE.format(**names)
    params: dict[str, Any] = {"zone": str(zone()), "since": since, "until": until}
    counts = MonthlyCount._meta.db_table
    # One snapshot for every figure of the month, when not already inside a transaction.
    isolated = not connection.in_atomic_block
    with transaction.atomic(), connection.cursor() as cursor:
        if isolated:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        # The pairs of one month are millions of rows to group: in memory, not on disk.
        cursor.execute("SET LOCAL work_mem = '256MB'")
        cursor.execute(
            "SELECT clock_timestamp(), MAX(presented_at) FROM (" + base + ") m",  # noqa: S608
            params,
        )
        refreshed_at, latest = cursor.fetchone()
        cursor.execute(f"DELETE FROM {counts} WHERE month = %s", [month])  # noqa: S608
        for figure, (first, second, joins, count) in FIGURES.items():
            cte = INVOLVED.format(**names) if figure == "sector_pair" else ""
            cursor.execute(
                f"{cte}INSERT INTO {counts} "  # noqa: S608
                "(figure, table_id, month, discussion_type, first, second, n) "
                f"SELECT %(figure)s, s.table_id, s.month, s.discussion_type, {first}, {second}, "
                f"{count} FROM ({base}) s {joins.format(**names)} GROUP BY 2, 3, 4, 5, 6 "
                f"HAVING {count} > 0",
                {**params, "figure": figure},
            )
        for figure in ROLLED_UP:
            cursor.execute(
                f"INSERT INTO {counts} "  # noqa: S608
                "(figure, table_id, month, discussion_type, first, second, n) "
                "SELECT figure, NULL, month, discussion_type, first, second, SUM(n) "
                f"FROM {counts} WHERE figure = %s AND month = %s AND table_id IS NOT NULL "
                "GROUP BY figure, month, discussion_type, first, second",
                [figure, month],
            )
        SummaryMonth.objects.update_or_create(
            month=month, defaults={"refreshed_at": refreshed_at, "latest_presented": latest}
        )


def months_to_refresh(*, everything: bool = False) -> list[date]:
    """Months with discussions changed since their last refresh, or never summarised."""
    if connection.vendor != "postgresql":
        return []
    presented = (
        Situation.objects.exclude(status="draft")
        .filter(presented_at__isnull=False)
        .values_list("presented_at", "updated_at")
    )
    with connection.cursor() as cursor:
        sql, params = presented.query.sql_with_params()
        cursor.execute(
            "SELECT date_trunc('month', t.presented_at AT TIME ZONE %s)::date, "  # noqa: S608
            f"MAX(t.updated_at) FROM ({sql}) t GROUP BY 1",
            [str(zone()), *params],
        )
        changed = dict(cursor.fetchall())
    done = dict(SummaryMonth.objects.values_list("month", "refreshed_at"))
    wanted = set(changed) | set(done)  # a month whose discussions are all gone is emptied
    if everything:
        return sorted(wanted)
    return sorted(
        m for m in wanted if m not in done or m not in changed or changed[m] > done[m] - OVERLAP
    )


def refresh(*, everything: bool = False, months=None, jobs: int = 1, stdout=None) -> list[date]:
    """Rebuild the months that need it (or the ones given); return them.

    ``jobs`` > 1 rebuilds that many months at once, each on its own connection: PostgreSQL
    runs an ``INSERT … SELECT`` on one core, and a full rebuild after a bulk load is long.
    """
    chosen = sorted(months) if months is not None else months_to_refresh(everything=everything)

    def one(month: date) -> None:
        try:
            refresh_month(month)
        finally:
            if jobs > 1:
                connection.close()  # this thread's own connection
        if stdout is not None:
            stdout.write(f"{month:%Y-%m} refreshed\n")

    if jobs > 1:
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            list(pool.map(one, chosen))
    else:
        for month in chosen:
            one(month)
    return chosen


def fresh_months(table_ids, since: datetime, until: datetime) -> list[date]:
    """Months inside [since, until) whose summaries equal the live counts for these tables.

    A month ending after ``until`` qualifies only if nothing in it was presented after
    ``until`` (e.g. the current month, up to today). A month with a discussion of one of the
    tables saved since its refresh is counted live until the next refresh.
    """
    if connection.vendor != "postgresql":
        return []
    wanted = {}
    month = month_of(since)
    while month_bounds(month)[0] < until:
        start, end = month_bounds(month)
        if start >= since:
            wanted[month] = end
        month = month_bounds(month)[1].date()
    usable = {
        row.month: row
        for row in SummaryMonth.objects.filter(month__in=list(wanted))
        if wanted[row.month] <= until
        or row.latest_presented is None
        or row.latest_presented < until
    }
    if not usable:
        return []
    oldest = min(row.refreshed_at for row in usable.values())
    changed = Situation.objects.filter(
        table_id__in=list(table_ids),
        updated_at__gt=oldest,
        presented_at__gte=month_bounds(min(usable))[0],
        presented_at__lt=month_bounds(max(usable))[1],
    ).values_list("presented_at", "updated_at")
    sql, params = changed.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT date_trunc('month', t.presented_at AT TIME ZONE %s)::date, "  # noqa: S608
            f"MAX(t.updated_at) FROM ({sql}) t GROUP BY 1",
            [str(zone()), *params],
        )
        stale = {
            m for m, last in cursor.fetchall() if m in usable and last > usable[m].refreshed_at
        }
    return sorted(set(usable) - stale)
