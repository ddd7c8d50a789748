"""What each dashboard figure counts, written once (``FIGURES``), and its live counts.

A ``Figure`` says which rows are counted for the discussions in scope (the discussions
themselves, or the rows of one of their lists), under which keys, and with which filter. From
that one definition come both the live count for any set of discussions (``Figure.counted``)
and the rows of the monthly summaries (``Figure.summary``, compiled by the ORM and inserted by
``summaries``), on PostgreSQL and SQLite alike. The one figure the ORM cannot express, pairs of
sectors (a union of the lead and the assisting agencies), is written in SQL in ``sql``.

The functions below the definitions keep the shapes the panels read (keys by id, pairs as
lists); suppression and labels come later (``panels``).
"""

import statistics
from dataclasses import dataclass
from typing import NamedTuple

from django.contrib.postgres.fields import ArrayField
from django.db import connection
from django.db.models import (
    Aggregate,
    BigIntegerField,
    Case,
    Count,
    Expression,
    F,
    FloatField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Cast, Ceil, Trunc
from django.utils import timezone

from maillage.situations.expressions import (
    CONCLUSION_HOURS,
    CONCLUSION_MEASURED,
    MOBILIZE_HOURS,
    MOBILIZE_MEASURED,
)
from maillage.situations.models import Situation, Status

from . import sql
from .periods import day_bounds, reporting_timezone

PERIODS = ("week", "month", "quarter", "year")
WITHIN_HOURS = 48
PERCENTILES = (0.5, 0.9)  # the median and the 90th percentile of response times
DECISION = {1: True, 0: False, None: None}  # the decision figure's key, as ``aer_met``


def discussions(table_ids, start, end, discussion_type: str = "") -> QuerySet:
    """Discussions brought to the tables (drafts never leave their agency) in the period."""
    since, until = day_bounds(start, end)
    found = Situation.objects.filter(
        table_id__in=list(table_ids), presented_at__gte=since, presented_at__lt=until
    ).exclude(status=Status.DRAFT)
    if discussion_type:
        found = found.filter(discussion_type=discussion_type)
    return found


Key = F | Expression


def _expression(key: str | Key) -> Key:
    return F(key) if isinstance(key, str) else key


class Duration(NamedTuple):
    """A response time in hours (``hours``), over the discussions ``measured``.

    ``bucket_hours`` is the width of the histogram kept in the monthly summaries: bucket ``b``
    holds the durations in (``bucket_hours`` × (b − 1), ``bucket_hours`` × b] hours, so that
    ``within`` (a multiple of it) is a sum of whole buckets. The expression and the filter are
    those of the partial indexes on ``Situation`` that serve the reads by rank.
    """

    hours: Expression
    measured: Q
    bucket_hours: int
    figure: str  # the summaries' figure holding its histogram
    within: float | None = None

    def timed(self, qs: QuerySet) -> QuerySet:
        """The discussions measured, each annotated with its duration ``h`` in hours."""
        return qs.filter(self.measured).annotate(h=self.hours)

    def bucket(self) -> Expression:
        """The histogram bucket of the duration: whole hours first, so the edges are exact."""
        whole = Ceil(self.hours)
        if self.bucket_hours != 1:
            whole = Ceil(whole / Value(self.bucket_hours))
        return Cast(whole, BigIntegerField())


MOBILIZE = Duration(MOBILIZE_HOURS, MOBILIZE_MEASURED, 1, "mobilize_hours", within=WITHIN_HOURS)
CONCLUSION = Duration(CONCLUSION_HOURS, CONCLUSION_MEASURED, 24, "conclusion_days")


@dataclass(frozen=True)
class Figure:
    """One dashboard figure: the rows counted for some discussions, and their keys.

    ``through`` names a list of ``Situation`` (``risk_factors``…) whose rows are counted
    instead of the discussions; ``first`` and ``second`` are the keys (paths from the counted
    row, or expressions); ``where`` keeps some rows only; ``distinct`` counts a discussion once
    per key even when several of its rows share it (two assisting agencies of one sector).
    """

    name: str
    first: str | Key | None = None
    second: str | Key | None = None
    through: str = ""
    where: Q | None = None
    distinct: bool = False

    @property
    def to_situation(self) -> str:
        """The path from a counted row to its discussion's fields."""
        return "situation__" if self.through else ""

    def rows(self, situations: QuerySet) -> QuerySet:
        if self.through:
            model = getattr(Situation, self.through).through
            found = model.objects.filter(situation_id__in=situations.values("id"))
        else:
            found = situations
        return found.filter(self.where) if self.where is not None else found

    def _keys(self) -> dict[str, Key]:
        keys = {"first": self.first, "second": self.second}
        return {name: _expression(key) for name, key in keys.items() if key is not None}

    def grouped(self, situations: QuerySet, **extra: Key) -> QuerySet:
        """The counts by key (and by any ``extra`` key), as rows of ``first``, ``second``, ``n``."""
        counted = "situation_id" if self.through else "id"
        return (
            self.rows(situations)
            .values(**extra, **self._keys())
            .annotate(n=Count(counted, distinct=self.distinct))
            .order_by()
        )

    def counted(self, situations: QuerySet, **extra: Key) -> dict[tuple, int]:
        """Live counts keyed by (``extra`` keys…, first, second) — the keys this figure has."""
        names = [*extra, *self._keys()]
        return {tuple(row[k] for k in names): row["n"] for row in self.grouped(situations, **extra)}

    def presented(self) -> str:
        return f"{self.to_situation}presented_at"

    def summary(self, situations: QuerySet) -> tuple[str, list]:
        """SQL selecting the summary rows (``t``, ``d``, ``first``, ``second``, ``n``)."""
        keys: dict[str, Key] = {
            "t": F(f"{self.to_situation}table_id"),
            "d": F(f"{self.to_situation}discussion_type"),
        }
        for name in ("first", "second"):
            key = getattr(self, name)
            keys[name] = _expression(key) if key is not None else _NO_KEY
        counted = "situation_id" if self.through else "id"
        found = (
            self.rows(situations)
            .values(**keys)
            .annotate(n=Count(counted, distinct=self.distinct))
            .order_by()
        )
        query, params = found.query.sql_with_params()
        return query, list(params)


_NO_KEY = Cast(Value(None), BigIntegerField())  # typed: an untyped NULL is text to PostgreSQL
_PAIR = Q(situation__risk_factors__gt=F("riskfactor_id"))
FIGURES = {
    figure.name: figure
    for figure in [
        Figure("volume"),
        Figure(
            "decision",
            first=Case(When(aer_met=True, then=Value(1)), When(aer_met=False, then=Value(0))),
        ),
        Figure("age_gender", first="age_group_id", second="gender_id"),
        Figure(
            "repeat",
            first=Case(When(repeat_of__isnull=True, then=Value(0)), default=Value(1)),
        ),
        Figure("originating", first="originating_organization__sector_id"),
        Figure(
            "lead",
            first="lead_organization__sector_id",
            where=Q(lead_organization__isnull=False),
        ),
        Figure(
            "conclusion",
            first="conclusion_category_id",
            where=Q(status=Status.CONCLUDED),
        ),
        Figure("risk_category", first="riskcategory_id", through="risk_categories"),
        Figure("risk_factor", first="riskfactor_id", through="risk_factors"),
        Figure("protective", first="protectivefactor_id", through="protective_factors"),
        Figure(
            "assisting",
            first="organization__sector_id",
            through="assisting_organizations",
            distinct=True,
        ),
        # Pairs of risk factors recorded on one discussion, the smaller id first.
        Figure(
            "factor_pair",
            first="riskfactor_id",
            second="situation__risk_factors",
            through="risk_factors",
            where=_PAIR,
        ),
        *(Figure(d.figure, first=d.bucket(), where=d.measured) for d in (MOBILIZE, CONCLUSION)),
    ]
}
# Written in SQL (see ``sql``): the ORM cannot count over a union of two lists.
SECTOR_PAIR = "sector_pair"
# Figures whose keys are many (some four thousand pairs of risk factors per table and month,
# a bucket per hour of the time to mobilize) also get rows for every table together: a
# dashboard over most tables subtracts the few others from those instead of adding up all
# of its own.
ROLLED_UP = ("factor_pair", "mobilize_hours", "conclusion_days")


def _by_first(name: str, qs: QuerySet) -> dict:
    return {key[0]: n for key, n in FIGURES[name].counted(qs).items()}


def _period(figure: Figure, period: str) -> Trunc:
    if period not in PERIODS:
        raise ValueError(period)
    return Trunc(figure.presented(), period, tzinfo=reporting_timezone())


def _day(moment) -> object:
    return timezone.localtime(moment, reporting_timezone()).date()


def by_period(qs: QuerySet, period: str) -> dict:
    figure = FIGURES["volume"]
    counts = figure.counted(qs, p=_period(figure, period))
    return {_day(p): n for (p,), n in counts.items()}


def decisions_by_type(qs: QuerySet) -> dict:
    counts = FIGURES["decision"].counted(qs, d=F("discussion_type"))
    return {(kind, DECISION[first]): n for (kind, first), n in counts.items()}


def risk_categories(qs: QuerySet) -> dict:
    return _by_first("risk_category", qs)


def risk_factors(qs: QuerySet) -> dict:
    return _by_first("risk_factor", qs)


def protective_factors(qs: QuerySet) -> dict:
    return _by_first("protective", qs)


def category_trend(qs: QuerySet, period: str) -> dict:
    figure = FIGURES["risk_category"]
    counts = figure.counted(qs, p=_period(figure, period))
    return {(first, _day(p)): n for (p, first), n in counts.items()}


def top(pairs: dict, limit: int | None) -> list[tuple[int, int, int]]:
    """The pairs with their counts, most frequent first; every pair when ``limit`` is None."""
    ranked = sorted(pairs.items(), key=lambda item: (-item[1], item[0]))
    return [(a, b, n) for (a, b), n in ranked[:limit]]


def factor_pairs(qs: QuerySet, limit: int | None = 10) -> list[tuple[int, int, int]]:
    """The risk factors most often recorded together on one discussion."""
    return top(FIGURES["factor_pair"].counted(qs), limit)


def age_gender(qs: QuerySet) -> dict:
    return FIGURES["age_gender"].counted(qs)


def repeats(qs: QuerySet) -> dict:
    counts = _by_first("repeat", qs)
    return {"first": counts.get(0, 0), "repeat": counts.get(1, 0)}


def originating_sectors(qs: QuerySet) -> dict:
    return _by_first("originating", qs)


def lead_sectors(qs: QuerySet) -> dict:
    return _by_first("lead", qs)


def assisting_sectors(qs: QuerySet) -> dict:
    return _by_first("assisting", qs)


def sector_pairs(qs: QuerySet, limit: int | None = 10) -> list[tuple[int, int, int]]:
    """Pairs of sectors named together (lead or assisting) on the most discussions."""
    return top(sql.sector_pairs(qs), limit)


def conclusions(qs: QuerySet) -> dict:
    return _by_first("conclusion", qs)


class Percentiles(Aggregate):
    """Several continuous percentiles from one sort of the values (PostgreSQL)."""

    function = "percentile_cont"
    template = "%(function)s(ARRAY[%(fractions)s]) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = ArrayField(FloatField())

    def __init__(self, expression, fractions: tuple[float, ...], **extra):
        listed = ", ".join(f"{float(f)!r}::float8" for f in fractions)
        super().__init__(expression, fractions=listed, **extra)


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
    return _by_first(duration.figure, qs)


def sorted_durations(
    qs: QuerySet, duration: Duration, buckets: tuple[int, int], offset: int, limit: int
) -> list[float]:
    """``limit`` durations in hours, from the ``offset``-th of those in buckets ``buckets``.

    Read through the partial index on the duration (``Situation.Meta.indexes``): only the
    rows of those buckets are looked at. Bounds are integers, compared with the exact duration.
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
    """SQLite has no percentile_cont; the same interpolation (``inclusive``) in Python."""
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
