"""Dashboard queries against hand-written SQL, and the full regional page, at province scale.

usage: DATABASE_URL=postgres://…/bench_db python bench/reports.py [--situations N] [--runs R]

Migrates the database given by DATABASE_URL (an empty one included), seeds it with the demo
data and N situations (through ``seed_demo``, which uses COPY for large counts) unless it
already holds that many, then, for
each dashboard query, times the application's query path (``maillage.reports.figures.Counts``) and a
hand-written SQL query over the same discussions (median of R runs, same run), checks that both
return the same numbers, and prints 'NAME app_ms=… sql_ms=… ratio=…'. Then the whole dashboard
over every table (all panels, cache cleared first): 'page_cold_ms=…' with no chart drawn yet
(stored drawings deleted first: the page links to each chart, drawn when the browser asks;
measured after one warm-up view, as a running server has its templates compiled and its chart
engine started),
then 'charts_drawn_ms=…', the time to fetch those links one after the other (each draws its
chart), and 'page_ms=…' with the charts already drawn for these figures, inline (as for every
view after the first since the figures last changed); a last line 'max_ratio=…'.

The period is the dashboard's default (the first of the month a year ago to today). Before
timing, the monthly summaries are refreshed (``summaries.refresh``, as the scheduled
``refresh_report_summaries`` does) and the tables vacuumed and analysed, as autovacuum would.
The application's path reads the summaries for whole months and counts the rest live (for the
response times: the summed histograms, then the few durations at the percentiles' ranks); the
hand-written SQL counts everything from the base tables, so the check that both agree is also
a check of the summaries.
"""

import argparse
import os
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maillage.settings")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from maillage.accounts.models import User  # noqa: E402
from maillage.accounts.testing import sign_in  # noqa: E402
from maillage.reports import summaries  # noqa: E402
from maillage.reports.figures import Counts  # noqa: E402
from maillage.reports.models import ChartDrawing  # noqa: E402
from maillage.reports.periods import (  # noqa: E402
    day_bounds,
    default_start,
    reporting_timezone,
    today,
)
from maillage.situations.models import Situation  # noqa: E402
from maillage.tables.models import Table  # noqa: E402

WHERE = (
    "s.table_id = ANY(%(tables)s) AND s.presented_at >= %(since)s "
    "AND s.presented_at < %(until)s AND s.status <> 'draft'"
)
HOURS = "EXTRACT(EPOCH FROM ({end} - {start})) / 3600.0"
SQL = {
    "by_period": f"SELECT date_trunc('month', s.presented_at AT TIME ZONE %(zone)s), COUNT(*) "
    f"FROM situations_situation s WHERE {WHERE} GROUP BY 1",
    "decisions_by_type": f"SELECT s.discussion_type, s.aer_met, COUNT(*) "
    f"FROM situations_situation s WHERE {WHERE} GROUP BY 1, 2",
    "risk_categories": "SELECT r.riskcategory_id, COUNT(*) "
    "FROM situations_situation_risk_categories r "
    f"JOIN situations_situation s ON s.id = r.situation_id WHERE {WHERE} GROUP BY 1",
    "risk_factors": "SELECT r.riskfactor_id, COUNT(*) FROM situations_situation_risk_factors r "
    f"JOIN situations_situation s ON s.id = r.situation_id WHERE {WHERE} GROUP BY 1",
    "protective_factors": "SELECT r.protectivefactor_id, COUNT(*) "
    "FROM situations_situation_protective_factors r "
    f"JOIN situations_situation s ON s.id = r.situation_id WHERE {WHERE} GROUP BY 1",
    "category_trend": "SELECT r.riskcategory_id, date_trunc('month', s.presented_at AT TIME ZONE "
    "%(zone)s), COUNT(*) FROM situations_situation_risk_categories r "
    f"JOIN situations_situation s ON s.id = r.situation_id WHERE {WHERE} GROUP BY 1, 2",
    "factor_pairs": "SELECT a.riskfactor_id, b.riskfactor_id, COUNT(*) AS n "
    "FROM situations_situation s JOIN situations_situation_risk_factors a ON a.situation_id = s.id "
    "JOIN situations_situation_risk_factors b ON b.situation_id = s.id "
    f"AND a.riskfactor_id < b.riskfactor_id WHERE {WHERE} GROUP BY 1, 2 "
    "ORDER BY n DESC, 1, 2 LIMIT 10",
    "age_gender": f"SELECT s.age_group_id, s.gender_id, COUNT(*) FROM situations_situation s "
    f"WHERE {WHERE} GROUP BY 1, 2",
    "repeats": "SELECT COUNT(*) FILTER (WHERE s.repeat_of_id IS NULL), "
    f"COUNT(*) FILTER (WHERE s.repeat_of_id IS NOT NULL) FROM situations_situation s WHERE {WHERE}",
    "originating_sectors": "SELECT o.sector_id, COUNT(*) FROM situations_situation s "
    f"JOIN organizations_organization o ON o.id = s.originating_organization_id WHERE {WHERE} "
    "GROUP BY 1",
    "lead_sectors": "SELECT o.sector_id, COUNT(*) FROM situations_situation s "
    f"JOIN organizations_organization o ON o.id = s.lead_organization_id WHERE {WHERE} GROUP BY 1",
    "assisting_sectors": "SELECT o.sector_id, COUNT(DISTINCT a.situation_id) "
    "FROM situations_situation_assisting_organizations a "
    "JOIN situations_situation s ON s.id = a.situation_id "
    f"JOIN organizations_organization o ON o.id = a.organization_id WHERE {WHERE} GROUP BY 1",
    "sector_pairs": "WITH involved AS (SELECT s.id AS sid, o.sector_id FROM situations_situation s "
    f"JOIN organizations_organization o ON o.id = s.lead_organization_id WHERE {WHERE} "
    "UNION SELECT a.situation_id, o.sector_id FROM situations_situation_assisting_organizations a "
    "JOIN situations_situation s ON s.id = a.situation_id "
    f"JOIN organizations_organization o ON o.id = a.organization_id WHERE {WHERE}) "
    "SELECT a.sector_id, b.sector_id, COUNT(*) AS n FROM involved a JOIN involved b "
    "ON a.sid = b.sid AND a.sector_id < b.sector_id GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT 10",
    "conclusions": "SELECT s.conclusion_category_id, COUNT(*) FROM situations_situation s "
    f"WHERE {WHERE} AND s.status = 'concluded' GROUP BY 1",
    "time_to_mobilize": "SELECT COUNT(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY h), "
    "percentile_cont(0.9) WITHIN GROUP (ORDER BY h), COUNT(*) FILTER (WHERE h <= 48) FROM ("
    f"SELECT {HOURS.format(end='s.first_contact_at', start='s.agencies_named_at')} AS h "
    f"FROM situations_situation s WHERE {WHERE} AND s.first_contact_at IS NOT NULL "
    "AND s.agencies_named_at IS NOT NULL) t",
    "time_to_conclusion": "SELECT COUNT(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY h), "
    "percentile_cont(0.9) WITHIN GROUP (ORDER BY h), COUNT(*) FROM ("
    f"SELECT {HOURS.format(end='s.concluded_at', start='s.decided_at')} AS h "
    f"FROM situations_situation s WHERE {WHERE} AND s.status = 'concluded' "
    "AND s.concluded_at IS NOT NULL AND s.decided_at IS NOT NULL) t",
}


DURATIONS = ("time_to_mobilize", "time_to_conclusion")


def normalise(name: str, value):
    """Both sides as comparable Python values."""
    if name in DURATIONS:
        row = (
            (value["n"], value["median"], value["p90"], value["within"])
            if isinstance(value, dict)
            else value[0]
        )
        return tuple(
            round(float(v), 6) if v is not None and not isinstance(v, int) else v for v in row
        )
    if name == "repeats":
        return (value["first"], value["repeat"]) if isinstance(value, dict) else tuple(value[0])
    if name in ("factor_pairs", "sector_pairs"):
        return [tuple(r) for r in value]
    if isinstance(value, dict):
        return {(k if isinstance(k, tuple) else (k,)): n for k, n in value.items()}
    return {tuple(row[:-1]): row[-1] for row in value}


def app_call(name: str, scope: tuple):
    """The application's path, freshness check of the summaries included."""
    function = getattr(Counts(*scope, period="month"), name)
    if name in ("by_period", "category_trend"):
        return function("month")
    return function()


def sql_call(name: str, params: dict):
    with connection.cursor() as cursor:
        cursor.execute(SQL[name], params)
        return cursor.fetchall()


def comparable_sql(name: str, rows):
    if name == "by_period":
        return {(r[0].date(),): r[1] for r in rows}
    if name == "category_trend":
        return {(r[0], r[1].date()): r[2] for r in rows}
    return normalise(name, rows)


def timed(function, runs: int) -> tuple[float, object]:
    result = function()  # warm-up
    samples = []
    for _ in range(runs):
        began = time.perf_counter()
        result = function()
        samples.append((time.perf_counter() - began) * 1000)
    return statistics.median(samples), result


def ensure_schema() -> None:
    """An empty database (or one behind the code) gets the application's tables first."""
    call_command("migrate", interactive=False, verbosity=0)


def ensure_data(count: int) -> None:
    have = Situation.objects.count()
    if have >= count:
        return
    began = time.perf_counter()
    call_command("seed_demo", situations=count - have, tables=40 if have == 0 else 0)
    print(f"seeded {count - have} situations in {time.perf_counter() - began:.0f} s", flush=True)


def ensure_summaries() -> None:
    """Summaries up to date, as the scheduled refresh keeps them, and fresh planner statistics."""
    began = time.perf_counter()
    months = summaries.refresh()
    with connection.cursor() as cursor:
        for table in ("situations_situation", "reports_monthlycount"):
            cursor.execute(f"VACUUM ANALYZE {table}")
    took = time.perf_counter() - began
    print(f"refreshed {len(months)} month(s) of summaries in {took:.0f} s", flush=True)


def page_ms(*, drawings: bool) -> tuple[float, Client, str]:
    """The full regional page after clearing the cache; ``drawings``: keep the drawn charts."""
    officer = User.objects.filter(is_privacy_officer=True).first()
    client = Client()
    sign_in(client, officer, mfa=False)
    cache.clear()
    if not drawings:
        ChartDrawing.objects.all().delete()
    began = time.perf_counter()
    response = client.get("/reports/")
    elapsed = (time.perf_counter() - began) * 1000
    assert response.status_code == 200, response.status_code
    return elapsed, client, response.content.decode()


def charts_ms(client: Client, page: str, limit: int | None = None) -> tuple[float, int]:
    """Fetch, one after the other, the charts a page linked to because they were not drawn."""
    links = re.findall(r'class="report-chart" src="(/reports/charts/[^"]+)"', page)[:limit]
    began = time.perf_counter()
    for link in links:
        assert client.get(link).status_code == 200, link
    return (time.perf_counter() - began) * 1000, len(links)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--situations", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("bench/reports.py needs PostgreSQL: set DATABASE_URL.")
    ensure_schema()
    ensure_data(args.situations)
    ensure_summaries()
    tables = list(Table.objects.filter(is_active=True).values_list("pk", flat=True))
    # The dashboard's default period: from the first of the month a year ago to today.
    start, end = default_start(), today()
    scope = (tables, start, end)
    print(
        "# app: the dashboard's path (monthly summaries for whole, fresh months, the rest live);"
        " sql: hand-written aggregate over the base tables",
        flush=True,
    )
    since, until = day_bounds(start, end)
    params = {"tables": tables, "since": since, "until": until, "zone": str(reporting_timezone())}
    worst = 0.0
    for name in SQL:
        app_ms, app_result = timed(lambda n=name: app_call(n, scope), args.runs)
        sql_ms, sql_result = timed(lambda n=name: sql_call(n, params), args.runs)
        mine, theirs = normalise(name, app_result), comparable_sql(name, sql_result)
        assert mine == theirs, (name, mine, theirs)
        ratio = app_ms / sql_ms if sql_ms else 1.0
        worst = max(worst, ratio)
        print(f"{name} app_ms={app_ms:.1f} sql_ms={sql_ms:.1f} ratio={ratio:.2f}", flush=True)
    setup_test_environment()
    # First with every chart drawn again, then as after any earlier view of the same figures.
    # A running server has its templates compiled and the chart engine started: warm both up
    # (one view, one chart drawn) so the cold page measures the figures and drawings, not that.
    _, client, page = page_ms(drawings=False)
    charts_ms(client, page, limit=1)
    cold, client, page = page_ms(drawings=False)
    drawing, count = charts_ms(client, page)
    print(f"page_cold_ms={cold:.0f} charts_drawn_ms={drawing:.0f} charts_drawn={count}")
    print(f"page_ms={page_ms(drawings=True)[0]:.0f}")
    print(f"max_ratio={worst:.2f}")


if __name__ == "__main__":
    main()
