"""Dashboard panels: the figures of ``queries`` with labels, suppression and a chart kind.

A panel is what every output shares (page, PDF, CSV, XLSX, open data): rows of a label and
values, where ``None`` is a suppressed count. Every panel of one dashboard is suppressed
together (``suppression.Linked``): the panels share totals (the number of discussions, each
risk category's count, the discussions where risk was found), so a count hidden in one must
not follow from another. Tables where one discussion may count in several rows (risk
factors, assisting agencies) have no total to subtract from and get primary suppression
only, unless another panel adds them up (a risk category's row over time). See
docs/reports.md.
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils import formats
from django.utils.functional import Promise
from django.utils.translation import gettext, pgettext
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
from .suppression import TOTAL, Linked, is_small

UNKNOWN = _("Not recorded")
TOTAL_LABEL = _("Total")
DISCUSSIONS = ("discussions",)  # the number of discussions: shared by five panels
LEAD_PENDING = ("lead", "pending")  # risk found, agencies not named yet: not shown


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


def period_label(day: date, period: str) -> str:
    """A period as people write it, in the active language: "déc. 2025", "T4 2025"."""
    if period == "year":
        return str(day.year)
    if period == "quarter":
        quarter = (day.month - 1) // 3 + 1
        return pgettext("quarter of a year", "Q%(quarter)d %(year)d") % {
            "quarter": quarter,
            "year": day.year,
        }
    if period == "week":
        return gettext("Week of %(day)s") % {"day": formats.date_format(day, "j N Y")}
    return formats.date_format(day, "N Y")


def _names(model, ids, label=lambda item: item.name) -> dict:
    return {item.pk: label(item) for item in model.objects.filter(pk__in=[i for i in ids if i])}


def _by_count(counts: dict, labels: dict) -> list:
    return sorted(counts, key=lambda k: (-counts[k], str(labels.get(k, ""))))


@dataclass
class Figures:
    """Every count of one dashboard, read once, before anything is suppressed."""

    period: str
    volume: dict
    decisions: dict
    categories: dict
    trend: dict
    factors: dict
    pairs: list
    protective: dict
    age_gender: dict
    repeats: dict
    originating: dict
    lead: dict
    assisting: dict
    sector_pairs: list
    conclusions: dict
    mobilize: dict
    conclude: dict

    @classmethod
    def read(cls, source: Counts, period: str) -> "Figures":
        return cls(
            period=period,
            volume=source.by_period(period),
            decisions=source.decisions_by_type(),
            categories=source.risk_categories(),
            trend=source.category_trend(period),
            factors=source.risk_factors(),
            pairs=source.factor_pairs(),
            protective=source.protective_factors(),
            age_gender=source.age_gender(),
            repeats=source.repeats(),
            originating=source.originating_sectors(),
            lead=source.lead_sectors(),
            assisting=source.assisting_sectors(),
            sector_pairs=source.sector_pairs(),
            conclusions=source.conclusions(),
            mobilize=source.time_to_mobilize(),
            conclude=source.time_to_conclusion(),
        )

    @property
    def total(self) -> int:
        return sum(self.decisions.values())

    def types(self) -> list:
        return [t for t in DiscussionType.values if any(k[0] == t for k in self.decisions)]

    def trend_rows(self) -> list:
        """The eight categories most often recorded, shown over time."""
        return sorted(
            {c for c, _p in self.trend},
            key=lambda c: -sum(n for (cc, _p), n in self.trend.items() if cc == c),
        )[:8]

    def trend_periods(self) -> list:
        return sorted({p for _c, p in self.trend})


DECISIONS = [(True, _("AER met")), (False, _("Rejected")), (None, _("Awaiting decision"))]


def _list(linked: Linked, name: str, counts: dict, total) -> None:
    for key, n in counts.items():
        linked.add((name, key), n)
    linked.tie([(name, key) for key in counts], total)


def _grid(linked: Linked, name: str, rows: list, cols: list, counts: dict) -> None:
    """A two-way table whose grand total is the number of discussions."""
    for r in rows:
        for c in cols:
            linked.add((name, r, c), counts.get((r, c), 0))
        linked.add((name, r, TOTAL), sum(counts.get((r, c), 0) for c in cols))
        linked.tie([(name, r, c) for c in cols], (name, r, TOTAL))
    for c in cols:
        linked.add((name, TOTAL, c), sum(counts.get((r, c), 0) for r in rows))
        linked.tie([(name, r, c) for r in rows], (name, TOTAL, c))
    linked.tie([(name, r, TOTAL) for r in rows], DISCUSSIONS)
    linked.tie([(name, TOTAL, c) for c in cols], DISCUSSIONS)


def linked(figures: Figures) -> Linked:
    """Every count the dashboard publishes, and every sum a reader can form from them."""
    found = Linked()
    found.add(DISCUSSIONS, figures.total, fixed=True)
    _list(found, "volume", figures.volume, DISCUSSIONS)
    _grid(found, "decisions", figures.types(), [d for d, _l in DECISIONS], figures.decisions)
    for c, n in figures.categories.items():
        found.add(("category", c), n, fixed=True)
    periods = figures.trend_periods()
    for c in figures.trend_rows():
        for p in periods:
            found.add(("trend", c, p), figures.trend.get((c, p), 0))
        found.tie([("trend", c, p) for p in periods], ("category", c))
    for kind, counts in (("factor", figures.factors), ("protective", figures.protective)):
        for key, n in counts.items():
            found.add((kind, key), n)
    ages = {a for a, _g in figures.age_gender}
    genders = {g for _a, g in figures.age_gender}
    _grid(found, "age_gender", list(ages), list(genders), figures.age_gender)
    _list(found, "repeats", figures.repeats, DISCUSSIONS)
    _list(found, "originating", figures.originating, DISCUSSIONS)
    found.add(("lead", TOTAL), sum(figures.lead.values()))
    _list(found, "lead", figures.lead, ("lead", TOTAL))
    # The lead agencies are named for the discussions where risk was found: assume the
    # reader knows how many of those still await their agencies, and tie the two panels.
    accepted = found.values.get(("decisions", TOTAL, True), 0)
    found.add(LEAD_PENDING, accepted - found.values[("lead", TOTAL)], known=True)
    if ("decisions", TOTAL, True) in found.values:
        found.tie([("lead", TOTAL), LEAD_PENDING], ("decisions", TOTAL, True))
    for key, n in figures.assisting.items():
        found.add(("assisting", key), n)
    found.add(("conclusion", TOTAL), sum(figures.conclusions.values()), fixed=True)
    _list(found, "conclusion", figures.conclusions, ("conclusion", TOTAL))
    return found


def _age_gender_keys(figures: Figures) -> tuple[list, list]:
    counts = figures.age_gender
    ages = sorted({a for a, _g in counts}, key=lambda a: (a is None, a or 0))
    genders = sorted({g for _a, g in counts}, key=lambda g: (g is None, g or 0))
    order = {a.pk: a.position for a in AgeGroup.objects.filter(pk__in=[a for a in ages if a])}
    ages.sort(key=lambda a: (a is None, order.get(a, 0)))
    return ages, genders


class Shown:
    """What the dashboard publishes of each count: the count, or None where suppressed."""

    def __init__(self, figures: Figures, options: Options) -> None:
        self.links = linked(figures)
        if options.suppressed:
            self.links.suppress(options.threshold)
        self.options = options

    def __call__(self, *key):
        return self.links.shown(key)

    def small(self, value: int) -> bool:
        return self.options.suppressed and is_small(value, self.options.threshold)


def volume(figures: Figures, shown: Shown) -> Panel:
    panel = Panel("volume", _("Discussions per period"), _("Period"), [_("Discussions")])
    panel.chart = "line"
    for day in sorted(figures.volume):
        panel.rows.append((period_label(day, figures.period), [shown("volume", day)]))
    if panel.rows:
        panel.rows.append((TOTAL_LABEL, [shown(*DISCUSSIONS)]))
    return panel


def decisions(figures: Figures, shown: Shown) -> Panel:
    panel = Panel(
        "decisions",
        _("Discussions by type and decision"),
        _("Discussion type"),
        [label for _d, label in DECISIONS] + [TOTAL_LABEL],
        chart="grouped",
    )
    names = dict(DiscussionType.choices)
    cols = [d for d, _label in DECISIONS]
    for t in figures.types():
        values = [shown("decisions", t, d) for d in cols] + [shown("decisions", t, TOTAL)]
        panel.rows.append((names[t], values))
    totals = [shown("decisions", TOTAL, d) for d in cols]
    panel.rows.append((TOTAL_LABEL, [*totals, shown(*DISCUSSIONS)]))
    return panel


def _multi(key, title, header, kind: str, counts: dict, labels: dict, shown: Shown) -> Panel:
    panel = Panel(key, title, header, [_("Discussions")], multi=True)
    order = _by_count(counts, labels)
    panel.rows = [(labels.get(k, UNKNOWN), [shown(kind, k)]) for k in order]
    return panel


def risk_categories(figures: Figures, shown: Shown) -> Panel:
    counts = figures.categories
    labels = _names(RiskCategory, counts)
    return _multi(
        "risk_categories",
        _("Risk factors by category"),
        _("Category"),
        "category",
        counts,
        labels,
        shown,
    )


def risk_factors(figures: Figures, shown: Shown) -> Panel:
    counts = figures.factors
    labels = {
        f.pk: f"{f.category.name} – {f.name}"
        for f in RiskFactor.objects.filter(pk__in=list(counts)).select_related("category")
    }
    panel = _multi(
        "risk_factors", _("Risk factors"), _("Risk factor"), "factor", counts, labels, shown
    )
    panel.chart = ""
    return panel


def _pairs(key, title, header, rows, model, shown: Shown) -> Panel:
    labels = _names(model, {i for a, b, _n in rows for i in (a, b)})
    panel = Panel(key, title, header, [_("Discussions")], multi=True, chart="")
    for a, b, n in rows:
        if not shown.small(n):
            panel.rows.append((f"{labels.get(a, UNKNOWN)} + {labels.get(b, UNKNOWN)}", [n]))
    return panel


def factor_pairs(figures: Figures, shown: Shown) -> Panel:
    return _pairs(
        "factor_pairs",
        _("Risk factors most often recorded together"),
        _("Pair of risk factors"),
        figures.pairs,
        RiskFactor,
        shown,
    )


def category_trend(figures: Figures, shown: Shown) -> Panel:
    periods = figures.trend_periods()
    categories = figures.trend_rows()
    labels = _names(RiskCategory, categories)
    panel = Panel(
        "category_trend",
        _("Risk factor categories over time"),
        _("Category"),
        [period_label(p, figures.period) for p in periods],
        multi=True,
        chart="trend",
    )
    for c in categories:
        panel.rows.append((labels.get(c, UNKNOWN), [shown("trend", c, p) for p in periods]))
    return panel


def protective(figures: Figures, shown: Shown) -> Panel:
    counts = figures.protective
    return _multi(
        "protective_factors",
        _("Protective factors"),
        _("Protective factor"),
        "protective",
        counts,
        _names(ProtectiveFactor, counts),
        shown,
    )


def age_gender(figures: Figures, shown: Shown) -> Panel:
    ages, genders = _age_gender_keys(figures)
    age_names = _names(AgeGroup, ages)
    gender_names = _names(Gender, genders)
    panel = Panel(
        "age_gender",
        _("Age group and gender"),
        _("Age group"),
        [gender_names.get(g, UNKNOWN) for g in genders] + [TOTAL_LABEL],
        chart="grouped",
    )
    for a in ages:
        values = [shown("age_gender", a, g) for g in genders] + [shown("age_gender", a, TOTAL)]
        panel.rows.append((age_names.get(a, UNKNOWN), values))
    totals = [shown("age_gender", TOTAL, g) for g in genders]
    panel.rows.append((TOTAL_LABEL, [*totals, shown(*DISCUSSIONS)]))
    return panel


def repeats(figures: Figures, shown: Shown) -> Panel:
    panel = Panel("repeats", _("Repeat situations"), _("Discussion"), [_("Discussions")])
    labels = {"first": _("First time at the table"), "repeat": _("Repeat of an earlier one")}
    panel.rows = [(labels[k], [shown("repeats", k)]) for k in ("first", "repeat")]
    panel.rows.append((TOTAL_LABEL, [shown(*DISCUSSIONS)]))
    return panel


def agencies(figures: Figures, shown: Shown) -> Panel:
    originating, lead, assisting = figures.originating, figures.lead, figures.assisting
    sectors = sorted(set(originating) | set(lead) | set(assisting), key=lambda s: s or 0)
    names = _names(Sector, sectors)
    panel = Panel(
        "agencies",
        _("Agencies by sector"),
        _("Sector"),
        [_("Originating"), _("Lead"), _("Assisting")],
        chart="grouped",
    )
    for s in sectors:
        values = [
            shown("originating", s) if s in originating else 0,
            shown("lead", s) if s in lead else 0,
            shown("assisting", s) if s in assisting else 0,
        ]
        panel.rows.append((names.get(s, UNKNOWN), values))
    panel.rows.append((TOTAL_LABEL, [shown(*DISCUSSIONS), shown("lead", TOTAL), ""]))
    return panel


def sector_pairs(figures: Figures, shown: Shown) -> Panel:
    return _pairs(
        "sector_pairs",
        _("Sectors that work together most"),
        _("Pair of sectors"),
        figures.sector_pairs,
        Sector,
        shown,
    )


def conclusions(figures: Figures, shown: Shown) -> Panel:
    counts = figures.conclusions
    keys = sorted(counts, key=lambda k: (k is None, k or 0))
    labels = _names(ConclusionCategory, keys)
    panel = Panel("conclusions", _("Conclusions by category"), _("Conclusion"), [_("Discussions")])
    panel.rows = [(labels.get(k, UNKNOWN), [shown("conclusion", k)]) for k in keys]
    panel.rows.append((TOTAL_LABEL, [shown("conclusion", TOTAL)]))
    return panel


def _stats(stats: dict, shown: Shown, scale: float = 1.0) -> list:
    n = None if shown.small(stats["n"]) else stats["n"]
    if n is None or not n:
        return [n, None, None]
    return [n, round(stats["median"] / scale, 1), round(stats["p90"] / scale, 1)]


def response(figures: Figures, shown: Shown) -> Panel:
    mobilize = figures.mobilize
    n, median, p90 = _stats(mobilize, shown)
    within = mobilize["within"]
    share = None
    if n and not (shown.small(within) or shown.small(n - within)):
        share = round(100 * within / n, 1)
    done, days, days90 = _stats(figures.conclude, shown, scale=24.0)
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
    """Every panel of the dashboard, in the order they are shown, suppressed together."""
    figures = Figures.read(source, period)
    shown = Shown(figures, options)
    return [
        volume(figures, shown),
        decisions(figures, shown),
        risk_categories(figures, shown),
        category_trend(figures, shown),
        risk_factors(figures, shown),
        factor_pairs(figures, shown),
        protective(figures, shown),
        age_gender(figures, shown),
        repeats(figures, shown),
        agencies(figures, shown),
        sector_pairs(figures, shown),
        response(figures, shown),
        conclusions(figures, shown),
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
