"""The dashboard's counts for one scope: whole months from the summaries, the rest live.

``Counts`` answers the same questions as ``queries`` (same names, same results) for tables,
a period and a discussion type. Months that lie inside the period and whose summaries are
fresh (``summaries.fresh_months``) are added up from ``MonthlyCount``; what is left of the
period (a month cut by the period, a month saved since its refresh, every week-grouped
dashboard) is counted live by ``queries`` and added. Medians cannot be added up: response
times add up histograms instead, then read the few values they need (``_durations``).
"""

import math
from collections import Counter
from datetime import date, datetime

from django.db.models import Q, QuerySet, Sum

from maillage.tables.models import Table

from . import queries
from .models import MonthlyCount
from .periods import day_bounds, month_bounds, period_start
from .queries import DECISION, ROLLED_UP
from .summaries import fresh_months


def _added(*parts: dict) -> dict:
    total: Counter = Counter()
    for part in parts:
        total.update(part)
    return dict(total)


def _locate(histogram: dict[int, int], rank: int) -> tuple[int, int]:
    """The bucket holding the ``rank``-th smallest duration (from 0), and how many come before."""
    before = 0
    for bucket in sorted(histogram):
        if rank < before + histogram[bucket]:
            return bucket, before
        before += histogram[bucket]
    raise ValueError(rank)


class Counts:
    """Every dashboard figure for these tables, period and discussion type."""

    def __init__(self, table_ids, start: date, end: date, discussion_type: str = "", *, period):
        since, until = day_bounds(start, end)
        self.table_ids = list(table_ids)
        self.discussion_type = discussion_type
        self.all = queries.discussions(self.table_ids, start, end, discussion_type)
        # Weeks straddle months: a week-grouped dashboard is counted live.
        self.months = [] if period == "week" else fresh_months(self.table_ids, since, until)
        self.rest: QuerySet | None = self.all
        if self.months:
            self.rest = self._outside_months(since, until)

    def _outside_months(self, since: datetime, until: datetime) -> QuerySet | None:
        gaps, cursor = [], since
        for month in self.months:
            start, end = month_bounds(month)
            if cursor < start:
                gaps.append((cursor, start))
            cursor = max(cursor, end)
        if cursor < until:
            gaps.append((cursor, until))
        if not gaps:
            return None
        covered = Q()
        for low, high in gaps:
            covered |= Q(presented_at__gte=low, presented_at__lt=high)
        return self.all.filter(covered)

    def _rows(self, figure: str, keys: tuple, **where) -> Counter:
        rows = MonthlyCount.objects.filter(figure=figure, month__in=self.months, **where)
        if self.discussion_type:
            rows = rows.filter(discussion_type=self.discussion_type)
        found = rows.values(*keys).annotate(total=Sum("n")).order_by()
        return Counter({tuple(row[k] for k in keys): row["total"] for row in found})

    def _summed(self, figure: str, *keys: str) -> dict:
        """The figure's counts over the fresh months, keyed by the tuple of ``keys``."""
        if not self.months:
            return {}
        if figure in ROLLED_UP:
            everyone = set(Table.objects.values_list("pk", flat=True))
            others = everyone - set(self.table_ids)
            if len(others) < len(self.table_ids):
                total = self._rows(figure, keys, table__isnull=True)
                total.subtract(self._rows(figure, keys, table_id__in=others))
                return {key: n for key, n in total.items() if n}
        return dict(self._rows(figure, keys, table_id__in=self.table_ids))

    def _live(self, function, *args):
        return function(self.rest, *args) if self.rest is not None else {}

    def _by_first(self, figure: str, function) -> dict:
        summed = {key[0]: n for key, n in self._summed(figure, "first").items()}
        return _added(summed, self._live(function))

    def by_period(self, period: str) -> dict:
        summed: Counter = Counter()
        for (month,), n in self._summed("volume", "month").items():
            summed[period_start(month, period)] += n
        return _added(summed, self._live(queries.by_period, period))

    def decisions_by_type(self) -> dict:
        summed = {
            (kind, DECISION[first]): n
            for (kind, first), n in self._summed("decision", "discussion_type", "first").items()
        }
        return _added(summed, self._live(queries.decisions_by_type))

    def risk_categories(self) -> dict:
        return self._by_first("risk_category", queries.risk_categories)

    def risk_factors(self) -> dict:
        return self._by_first("risk_factor", queries.risk_factors)

    def protective_factors(self) -> dict:
        return self._by_first("protective", queries.protective_factors)

    def category_trend(self, period: str) -> dict:
        summed: Counter = Counter()
        for (first, month), n in self._summed("risk_category", "first", "month").items():
            summed[(first, period_start(month, period))] += n
        return _added(summed, self._live(queries.category_trend, period))

    def _pairs(self, figure: str, function, limit: int) -> list[tuple[int, int, int]]:
        summed = self._summed(figure, "first", "second")
        live = {}
        if self.rest is not None:
            live = {(a, b): n for a, b, n in function(self.rest, limit=None)}
        return queries.top(_added(summed, live), limit)

    def factor_pairs(self, limit: int = 10) -> list[tuple[int, int, int]]:
        return self._pairs("factor_pair", queries.factor_pairs, limit)

    def age_gender(self) -> dict:
        summed = self._summed("age_gender", "first", "second")
        return _added(summed, self._live(queries.age_gender))

    def repeats(self) -> dict:
        summed = self._summed("repeat", "first")
        live = self._live(queries.repeats)
        return {
            "first": summed.get((0,), 0) + live.get("first", 0),
            "repeat": summed.get((1,), 0) + live.get("repeat", 0),
        }

    def originating_sectors(self) -> dict:
        return self._by_first("originating", queries.originating_sectors)

    def lead_sectors(self) -> dict:
        return self._by_first("lead", queries.lead_sectors)

    def assisting_sectors(self) -> dict:
        return self._by_first("assisting", queries.assisting_sectors)

    def sector_pairs(self, limit: int = 10) -> list[tuple[int, int, int]]:
        return self._pairs("sector_pair", queries.sector_pairs, limit)

    def conclusions(self) -> dict:
        return self._by_first("conclusion", queries.conclusions)

    def _durations(self, figure: str, duration: queries.Duration) -> dict:
        """The same numbers as ``queries.durations``, without sorting the whole period.

        The histogram of the durations (summed for the fresh months, counted live for the rest)
        gives how many were measured and how many within the limit; percentile_cont's two
        ranks for each percentile are found in it, and their values read from the discussions
        of those buckets only, then interpolated as percentile_cont does.
        """
        if not self.months:
            return queries.durations(self.all, duration)
        histogram = Counter({key[0]: n for key, n in self._summed(figure, "first").items()})
        if self.rest is not None:
            histogram.update(queries.histogram(self.rest, duration))
        n = sum(histogram.values())
        within = n
        if duration.within is not None:
            within = sum(
                c for b, c in histogram.items() if b * duration.bucket_hours <= duration.within
            )
        result: dict = {"n": n, "within": within, "median": None, "p90": None}
        for name, fraction in zip(("median", "p90"), queries.PERCENTILES, strict=True):
            if not n:
                break
            value = self._percentile(duration, histogram, fraction * (n - 1))
            if value is None:  # saved meanwhile: the histogram no longer matches
                return queries.durations(self.all, duration)
            result[name] = value
        return result

    def _percentile(self, duration: queries.Duration, histogram: dict, position: float):
        low, high = math.floor(position), math.ceil(position)
        first, before = _locate(histogram, low)
        last, _before = _locate(histogram, high)
        wanted = high - low + 1
        values = queries.sorted_durations(self.all, duration, (first, last), low - before, wanted)
        if len(values) < wanted:
            return None
        if low == high:
            return values[0]
        return values[0] + (position - low) * (values[1] - values[0])

    def time_to_mobilize(self) -> dict:
        return self._durations("mobilize_hours", queries.MOBILIZE)

    def time_to_conclusion(self) -> dict:
        return self._durations("conclusion_days", queries.CONCLUSION)
