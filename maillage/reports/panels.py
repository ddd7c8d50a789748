"""Dashboard panels: the figures of ``queries`` with labels, suppression and a chart kind.

A panel is what every output shares (page, PDF, CSV, XLSX, open data): rows of a label and
values, where ``None`` is a suppressed count. Additive tables (each discussion counted once)
get primary and secondary suppression through ``suppression``; tables where one discussion
may count in several rows (risk factors, assisting agencies) have no total to subtract from
and get primary suppression only. See docs/reports.md.
"""

from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from maillage.organizations.models import Sector
from maillage.situations.models import (
    AgeGroup,
    ConclusionCategory,
    DiscussionType,
    Gender,
    ProtectiveFactor,
    RiskCategory,
    RiskFactor,
)

from .figures import Counts
from .suppression import TOTAL, is_small, suppress_counts, suppress_list

UNKNOWN = _("Not recorded")
TOTAL_LABEL = _("Total")


@dataclass
class Panel:
    key: str
    title: str | Promise
    label_header: str | Promise
    columns: list
    rows: list = field(default_factory=list)  # [(label, [value, …])]
    chart: str = "bar"  # bar, line, grouped or "" for none
    multi: bool = False  # one discussion may count in several rows
    unit: str = ""

    @property
    def has_suppressed(self) -> bool:
        return any(v is None for _label, values in self.rows for v in values)


@dataclass
class Options:
    threshold: int
    suppressed: bool = True


def _names(model, ids, label=lambda item: item.name) -> dict:
    return {item.pk: label(item) for item in model.objects.filter(pk__in=[i for i in ids if i])}


def _primary(value, options: Options):
    return None if options.suppressed and is_small(value, options.threshold) else value


def _listed(panel: Panel, keys: list, labels: dict, counts: dict, options: Options) -> Panel:
    """A one-way table with a total, suppressed as a whole."""
    threshold = options.threshold if options.suppressed else 1
    grid = suppress_list(keys, counts, threshold)
    panel.rows = [(labels.get(k, UNKNOWN), [grid.cell(k, TOTAL)]) for k in keys]
    panel.rows.append((TOTAL_LABEL, [grid.total]))
    return panel


def volume(source: Counts, period: str, options: Options) -> Panel:
    counts = source.by_period(period)
    panel = Panel("volume", _("Discussions per period"), _("Period"), [_("Discussions")])
    panel.chart = "line"
    labels = {day: day.isoformat() for day in counts}
    return _listed(panel, sorted(counts), labels, counts, options)


DECISIONS = [(True, _("AER met")), (False, _("Rejected")), (None, _("Awaiting decision"))]


def decisions(source: Counts, options: Options) -> Panel:
    counts = source.decisions_by_type()
    types = [t for t in DiscussionType.values if any(k[0] == t for k in counts)]
    cols = [d for d, _label in DECISIONS]
    threshold = options.threshold if options.suppressed else 1
    grid = suppress_counts(types, cols, counts, threshold)
    panel = Panel(
        "decisions",
        _("Discussions by type and decision"),
        _("Discussion type"),
        [label for _d, label in DECISIONS] + [TOTAL_LABEL],
        chart="grouped",
    )
    names = dict(DiscussionType.choices)
    for t in types:
        values = [grid.cell(t, d) for d in cols] + [grid.row_total(t)]
        panel.rows.append((names[t], values))
    panel.rows.append((TOTAL_LABEL, [grid.col_total(d) for d in cols] + [grid.total]))
    return panel


def _multi(key, title, header, counts: dict, labels: dict, options: Options) -> Panel:
    panel = Panel(key, title, header, [_("Discussions")], multi=True)
    order = sorted(counts, key=lambda k: (-counts[k], str(labels.get(k, ""))))
    panel.rows = [(labels.get(k, UNKNOWN), [_primary(counts[k], options)]) for k in order]
    return panel


def risk_categories(source: Counts, options: Options) -> Panel:
    counts = source.risk_categories()
    labels = _names(RiskCategory, counts)
    return _multi(
        "risk_categories", _("Risk factors by category"), _("Category"), counts, labels, options
    )


def risk_factors(source: Counts, options: Options) -> Panel:
    counts = source.risk_factors()
    ids = list(counts)
    labels = {
        f.pk: f"{f.category.name} – {f.name}"
        for f in RiskFactor.objects.filter(pk__in=ids).select_related("category")
    }
    panel = _multi("risk_factors", _("Risk factors"), _("Risk factor"), counts, labels, options)
    panel.chart = ""
    return panel


def _pairs(key, title, header, rows, model, options: Options) -> Panel:
    labels = _names(model, {i for a, b, _n in rows for i in (a, b)})
    panel = Panel(key, title, header, [_("Discussions")], multi=True, chart="")
    for a, b, n in rows:
        if _primary(n, options) is not None:
            panel.rows.append((f"{labels.get(a, UNKNOWN)} + {labels.get(b, UNKNOWN)}", [n]))
    return panel


def factor_pairs(source: Counts, options: Options) -> Panel:
    return _pairs(
        "factor_pairs",
        _("Risk factors most often recorded together"),
        _("Pair of risk factors"),
        source.factor_pairs(),
        RiskFactor,
        options,
    )


def category_trend(source: Counts, period: str, options: Options) -> Panel:
    counts = source.category_trend(period)
    periods = sorted({p for _c, p in counts})
    categories = sorted(
        {c for c, _p in counts}, key=lambda c: -sum(n for (cc, _p), n in counts.items() if cc == c)
    )[:8]
    labels = _names(RiskCategory, categories)
    panel = Panel(
        "category_trend",
        _("Risk factor categories over time"),
        _("Category"),
        [p.isoformat() for p in periods],
        multi=True,
        chart="trend",
    )
    for c in categories:
        values = [_primary(counts.get((c, p), 0), options) for p in periods]
        panel.rows.append((labels.get(c, UNKNOWN), values))
    return panel


def protective(source: Counts, options: Options) -> Panel:
    counts = source.protective_factors()
    labels = _names(ProtectiveFactor, counts)
    return _multi(
        "protective_factors",
        _("Protective factors"),
        _("Protective factor"),
        counts,
        labels,
        options,
    )


def age_gender(source: Counts, options: Options) -> Panel:
    counts = source.age_gender()
    ages = sorted({a for a, _g in counts}, key=lambda a: (a is None, a or 0))
    genders = sorted({g for _a, g in counts}, key=lambda g: (g is None, g or 0))
    order = {a.pk: a.position for a in AgeGroup.objects.filter(pk__in=[a for a in ages if a])}
    ages.sort(key=lambda a: (a is None, order.get(a, 0)))
    age_names = _names(AgeGroup, ages)
    gender_names = _names(Gender, genders)
    threshold = options.threshold if options.suppressed else 1
    grid = suppress_counts(ages, genders, counts, threshold)
    panel = Panel(
        "age_gender",
        _("Age group and gender"),
        _("Age group"),
        [gender_names.get(g, UNKNOWN) for g in genders] + [TOTAL_LABEL],
        chart="grouped",
    )
    for a in ages:
        values = [grid.cell(a, g) for g in genders] + [grid.row_total(a)]
        panel.rows.append((age_names.get(a, UNKNOWN), values))
    panel.rows.append((TOTAL_LABEL, [grid.col_total(g) for g in genders] + [grid.total]))
    return panel


def repeats(source: Counts, options: Options) -> Panel:
    counts = source.repeats()
    panel = Panel("repeats", _("Repeat situations"), _("Discussion"), [_("Discussions")])
    labels = {"first": _("First time at the table"), "repeat": _("Repeat of an earlier one")}
    return _listed(panel, ["first", "repeat"], labels, counts, options)


def agencies(source: Counts, options: Options) -> Panel:
    originating = source.originating_sectors()
    lead = source.lead_sectors()
    assisting = source.assisting_sectors()
    sectors = sorted(set(originating) | set(lead) | set(assisting), key=lambda s: s or 0)
    names = _names(Sector, sectors)
    threshold = options.threshold if options.suppressed else 1
    grids = [suppress_list(sectors, counts, threshold) for counts in (originating, lead)]
    panel = Panel(
        "agencies",
        _("Agencies by sector"),
        _("Sector"),
        [_("Originating"), _("Lead"), _("Assisting")],
        chart="grouped",
    )
    for s in sectors:
        values = [g.cell(s, TOTAL) for g in grids] + [_primary(assisting.get(s, 0), options)]
        panel.rows.append((names.get(s, UNKNOWN), values))
    panel.rows.append((TOTAL_LABEL, [g.total for g in grids] + [""]))
    return panel


def sector_pairs(source: Counts, options: Options) -> Panel:
    return _pairs(
        "sector_pairs",
        _("Sectors that work together most"),
        _("Pair of sectors"),
        source.sector_pairs(),
        Sector,
        options,
    )


def conclusions(source: Counts, options: Options) -> Panel:
    counts = source.conclusions()
    keys = sorted(counts, key=lambda k: (k is None, k or 0))
    panel = Panel("conclusions", _("Conclusions by category"), _("Conclusion"), [_("Discussions")])
    return _listed(panel, keys, _names(ConclusionCategory, keys), counts, options)


def _stats(stats: dict, options: Options, scale: float = 1.0) -> list:
    n = _primary(stats["n"], options)
    if n is None or not n:
        return [n, None, None]
    return [n, round(stats["median"] / scale, 1), round(stats["p90"] / scale, 1)]


def response(source: Counts, options: Options) -> Panel:
    mobilize = source.time_to_mobilize()
    conclude = source.time_to_conclusion()
    n, median, p90 = _stats(mobilize, options)
    within = mobilize["within"]
    share = None
    if n and not (
        options.suppressed
        and (is_small(within, options.threshold) or is_small(n - within, options.threshold))
    ):
        share = round(100 * within / n, 1)
    done, days, days90 = _stats(conclude, options, scale=24.0)
    panel = Panel("response", _("Response"), _("Measure"), [_("Value")], chart="")
    panel.rows = [
        (_("Discussions with agencies named and a first contact"), [n]),
        (_("Median time to mobilize (hours)"), [median]),
        (_("90th percentile of the time to mobilize (hours)"), [p90]),
        (_("Share mobilized within 48 hours (%)"), [share]),
        (_("Concluded discussions"), [done]),
        (_("Median time to conclusion (days)"), [days]),
        (_("90th percentile of the time to conclusion (days)"), [days90]),
    ]
    return panel


def build(source: Counts, period: str, options: Options) -> list[Panel]:
    """Every panel of the dashboard, in the order they are shown."""
    return [
        volume(source, period, options),
        decisions(source, options),
        risk_categories(source, options),
        category_trend(source, period, options),
        risk_factors(source, options),
        factor_pairs(source, options),
        protective(source, options),
        age_gender(source, options),
        repeats(source, options),
        agencies(source, options),
        sector_pairs(source, options),
        response(source, options),
        conclusions(source, options),
    ]


def key_figures(panels: list[Panel]) -> dict:
    """Headline numbers, read from the already suppressed decisions panel."""
    decisions_panel = next(p for p in panels if p.key == "decisions")
    accepted, rejected, _pending, total = decisions_panel.rows[-1][1]
    decided = (accepted or 0) + (rejected or 0)
    share = None
    if accepted is not None and rejected is not None and decided:
        share = round(100 * accepted / decided, 1)
    return {"total": total, "accepted": accepted, "rejected": rejected, "share_met": share}
