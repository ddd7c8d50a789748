"""Indicators of a project: values typed or imported, and the turn-the-curve chart's geometry.

The turn-the-curve chart (Results-Based Accountability) shows the baseline, the actual values,
the forecast if nothing changes (the trend of the last two points carried to the target date)
and the target. Only numbers are computed here; the template draws the SVG.
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from maillage.core.audit import log_action

from . import audit
from .projects import Indicator, IndicatorValue

CSV_COLUMNS = ["date", "value"]
MAX_CSV_ROWS = 5000


@dataclass
class Rejected:
    line: int
    reason: str


@dataclass
class ImportReport:
    written: int = 0
    rejected: list[Rejected] = field(default_factory=list)


@transaction.atomic
def record_value(*, indicator: Indicator, on: date, value: Decimal, by, request=None):
    indicator.check_value(value)
    saved, _created = IndicatorValue.objects.update_or_create(
        indicator=indicator, on=on, defaults={"value": value}
    )
    log_action(
        audit.INDICATOR_VALUES, user=by, obj=indicator.project, data={"count": 1}, request=request
    )
    return saved


def _parse(indicator: Indicator, text: str) -> tuple[list[tuple[date, Decimal]], list[Rejected]]:
    reader = csv.reader(io.StringIO(text))
    header = [cell.strip().lower() for cell in next(reader, [])]
    if header != CSV_COLUMNS:
        return [], [Rejected(1, _("The first line must be the columns: date,value."))]
    rows, rejected = [], []
    for line, cells in enumerate(reader, start=2):
        if line > MAX_CSV_ROWS + 1:
            rejected.append(Rejected(line, _("Too many lines: at most 5,000 values at once.")))
            break
        if len(cells) != 2:
            rejected.append(Rejected(line, _("Each line needs a date and a value.")))
            continue
        try:
            on = date.fromisoformat(cells[0].strip())
        except ValueError:
            rejected.append(Rejected(line, _("The date must be written YYYY-MM-DD.")))
            continue
        try:
            value = Decimal(cells[1].strip().replace(",", "."))
            indicator.check_value(value)
        except InvalidOperation:
            rejected.append(Rejected(line, _("The value is not a number.")))
            continue
        except ValidationError as error:
            rejected.append(Rejected(line, " ".join(error.messages)))
            continue
        rows.append((on, value))
    return rows, rejected


def import_values(*, indicator: Indicator, text: str, by, request=None) -> ImportReport:
    """Check every line first; write all of them in one transaction, or none."""
    rows, rejected = _parse(indicator, text)
    if rejected or not rows:
        return ImportReport(0, rejected or [Rejected(2, _("The file holds no value."))])
    with transaction.atomic():
        for on, value in rows:
            IndicatorValue.objects.update_or_create(
                indicator=indicator, on=on, defaults={"value": value}
            )
        log_action(
            audit.INDICATOR_VALUES,
            user=by,
            obj=indicator.project,
            data={"count": len(rows)},
            request=request,
        )
    return ImportReport(len(rows))


# --- Turn-the-curve geometry ---------------------------------------------------------------
WIDTH, HEIGHT, PAD = 560, 240, 40


@dataclass
class Curve:
    actual: str  # SVG polyline points
    forecast: str
    baseline: tuple[float, float]
    target: tuple[float, float]
    low: float
    high: float
    first: date
    last: date
    has_values: bool


def curve(indicator: Indicator) -> Curve:
    values = [(v.on, float(v.value)) for v in indicator.values.all()]
    points = [(indicator.baseline_on, float(indicator.baseline)), *values]
    target = (indicator.target_on, float(indicator.target))
    forecast = []
    if len(points) >= 2:
        (d1, v1), (d2, v2) = points[-2], points[-1]
        slope = (v2 - v1) / max((d2 - d1).days, 1)
        if target[0] > d2:
            forecast = [(d2, v2), (target[0], v2 + slope * (target[0] - d2).days)]
    dates = [d for d, _ in points + [target] + forecast]
    numbers = [v for _, v in points + [target] + forecast]
    first, last = min(dates), max(dates)
    low, high = min(numbers), max(numbers)
    if high == low:
        high = low + 1

    def xy(point) -> tuple[float, float]:
        day, value = point
        x = PAD + (WIDTH - 2 * PAD) * ((day - first).days / max((last - first).days, 1))
        y = HEIGHT - PAD - (HEIGHT - 2 * PAD) * ((value - low) / (high - low))
        return round(x, 1), round(y, 1)

    def line(series) -> str:
        return " ".join(f"{x},{y}" for x, y in map(xy, series))

    return Curve(
        actual=line(points),
        forecast=line(forecast),
        baseline=xy(points[0]),
        target=xy(target),
        low=low,
        high=high,
        first=first,
        last=last,
        has_values=bool(values),
    )
