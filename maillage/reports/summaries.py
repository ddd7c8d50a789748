"""Monthly summaries of the dashboard's counts, and rebuilding them.

At a province's scale the counts cannot be taken from the discussions on every page view (the
pairs of risk factors alone are some thirty rows per discussion). ``refresh`` rebuilds, for
each calendar month, one ``MonthlyCount`` row per table, discussion type, figure and key; the
dashboard (``figures.Counts``) then adds up those rows for whole months and counts the rest of
the period live. Each figure's rows are selected by the statement the ORM compiles from the
figure's one definition (``queries.FIGURES``), so the summaries count exactly what the live
counts do, on PostgreSQL and SQLite. Run by ``maillage refresh_report_summaries`` (scheduled,
and after bulk loads).
"""

from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta

from django.db import connection, transaction
from django.db.models import Max, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from maillage.situations.models import Situation, Status

from . import sql
from .models import MonthlyCount, SummaryMonth
from .periods import month_bounds, month_of, next_month, reporting_timezone
from .queries import FIGURES, ROLLED_UP, SECTOR_PAIR

# Changes later than this before a refresh are looked at again by the next one: a discussion
# saved just before a refresh may commit after the refresh has read its month.
OVERLAP = timedelta(minutes=5)
COLUMNS = "(figure, month, table_id, discussion_type, first, second, n)"


def _month_of_discussions(month: date) -> QuerySet:
    since, until = month_bounds(month)
    return Situation.objects.filter(presented_at__gte=since, presented_at__lt=until).exclude(
        status=Status.DRAFT
    )


def _insert(cursor, figure: str, month: date, select: tuple[str, list]) -> None:
    """Insert the rows a statement selects (``t``, ``d``, ``first``, ``second``, ``n``)."""
    statement, params = select
    cursor.execute(
        f"INSERT INTO {MonthlyCount._meta.db_table} {COLUMNS} "  # noqa: S608
        f"SELECT %s, %s, q.t, q.d, q.first, q.second, q.n FROM ({statement}) q",
        [figure, month, *params],
    )


def _statements(month: date):
    """(figure, statement) for every figure of the month, from its one definition."""
    discussions = _month_of_discussions(month)
    for name, figure in FIGURES.items():
        yield name, figure.summary(discussions)
    yield SECTOR_PAIR, sql.sector_pair_summary(discussions)


def _every_table(figure: str, month: date) -> tuple[str, list]:
    """The figure's rows of the month added up over the tables (``table`` left empty)."""
    rows = (
        MonthlyCount.objects.filter(figure=figure, month=month, table__isnull=False)
        .values("discussion_type", "first", "second")
        .annotate(total=Sum("n"))
        .order_by()
    )
    statement, params = rows.query.sql_with_params()
    return (
        "SELECT CAST(NULL AS bigint) AS t, s.discussion_type AS d, s.first, s.second, "  # noqa: S608
        f"s.total AS n FROM ({statement}) s",
        list(params),
    )


def refresh_month(month: date) -> None:
    """Rebuild one month's counts for every table, from one consistent view of the data."""
    postgresql = connection.vendor == "postgresql"
    # One snapshot for every figure of the month, when not already inside a transaction.
    isolated = postgresql and not connection.in_atomic_block
    with transaction.atomic(), connection.cursor() as cursor:
        if isolated:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        if postgresql:
            # The pairs of one month are millions of rows to group: in memory, not on disk.
            cursor.execute("SET LOCAL work_mem = '256MB'")
        refreshed_at = timezone.now()
        latest = _month_of_discussions(month).aggregate(latest=Max("presented_at"))["latest"]
        MonthlyCount.objects.filter(month=month).delete()
        for name, statement in _statements(month):
            _insert(cursor, name, month, statement)
        for name in ROLLED_UP:
            _insert(cursor, name, month, _every_table(name, month))
        SummaryMonth.objects.update_or_create(
            month=month, defaults={"refreshed_at": refreshed_at, "latest_presented": latest}
        )


def _last_change_by_month(discussions: QuerySet) -> dict[date, datetime]:
    """The latest ``updated_at`` of these discussions, by local month of ``presented_at``."""
    rows = (
        discussions.annotate(m=TruncMonth("presented_at", tzinfo=reporting_timezone()))
        .values("m")
        .annotate(last=Max("updated_at"))
        .order_by()
    )
    return {timezone.localtime(r["m"], reporting_timezone()).date(): r["last"] for r in rows}


def months_to_refresh(*, everything: bool = False) -> list[date]:
    """Months with discussions changed since their last refresh, or never summarised."""
    changed = _last_change_by_month(
        Situation.objects.exclude(status=Status.DRAFT).filter(presented_at__isnull=False)
    )
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
    SQLite writes one month at a time whatever ``jobs`` says.
    """
    chosen = sorted(months) if months is not None else months_to_refresh(everything=everything)
    jobs = jobs if connection.vendor == "postgresql" else 1

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
    wanted = {}
    month = month_of(since)
    while month_bounds(month)[0] < until:
        start, end = month_bounds(month)
        if start >= since:
            wanted[month] = end
        month = next_month(month)
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
    changed = _last_change_by_month(
        Situation.objects.filter(
            table_id__in=list(table_ids),
            updated_at__gt=oldest,
            presented_at__gte=month_bounds(min(usable))[0],
            presented_at__lt=month_bounds(max(usable))[1],
        )
    )
    stale = {m for m, last in changed.items() if m in usable and last > usable[m].refreshed_at}
    return sorted(set(usable) - stale)
