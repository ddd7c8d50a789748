"""Charts: one Vega-Lite specification per panel, drawn as SVG on the server.

Altair builds the specification; ``vl-convert`` (which bundles Vega and runs offline) draws it,
so the page and the PDF show the same picture. Suppressed counts are left out of the chart and
marked in the data table beside it. The SVG is embedded as an ``<img>`` data URI: no script, no
inline style, nothing the content security policy blocks.
"""

import base64
import hashlib
import json
import logging
from collections.abc import Callable
from datetime import timedelta

import altair as alt
import vl_convert
from django.core import signing
from django.db import DatabaseError, transaction
from django.urls import reverse
from django.utils import timezone

from .models import ChartDrawing
from .panels import TOTAL_LABEL, Panel

FONT = "DejaVu Sans"  # shipped by fonts-dejavu-core; vl-convert reads system fonts
WIDTH = 520
KEEP = timedelta(days=30)  # drawings not made again since are forgotten
SALT = "maillage.reports.chart"
LINK_AGE = timedelta(days=1)
logger = logging.getLogger(__name__)
COLOURS = ["#1f5f8b", "#d9822b", "#3c8d5a", "#8c4f9e", "#b23b3b", "#6b7a8f", "#c9a227", "#2a9d8f"]


def _points(panel: Panel) -> list[dict]:
    """One point per published, numeric count; totals are not charted."""
    columns = [str(c) for c in panel.columns]
    points = []
    for label, values in panel.rows:
        if str(label) == str(TOTAL_LABEL):
            continue
        for column, value in zip(columns, values, strict=False):
            if column == str(TOTAL_LABEL) or not isinstance(value, int | float):
                continue
            if isinstance(value, bool):
                continue
            points.append({"label": str(label), "series": column, "value": value})
    return points


def spec(panel: Panel) -> dict | None:
    """The panel's chart; none when every count is hidden or zero (empty axes say nothing)."""
    points = _points(panel)
    if not panel.chart or not any(point["value"] for point in points):
        return None
    data = alt.Data(values=points)
    value = alt.X("value:Q", title=str(panel.columns[0]) if len(panel.columns) == 1 else None)
    label = alt.Y("label:N", title=None, sort=None)
    colour = alt.Color("series:N", title=None, scale=alt.Scale(range=COLOURS))
    if panel.chart == "line":
        chart = (
            alt.Chart(data)
            .mark_line(point=True)
            .encode(
                x=alt.X("label:O", title=str(panel.label_header)),
                y=alt.Y("value:Q", title=str(panel.columns[0])),
            )
        )
    elif panel.chart == "trend":
        chart = (
            alt.Chart(data)
            .mark_line(point=True)
            .encode(
                x=alt.X("series:O", title=None),
                y=alt.Y("value:Q", title=None),
                color=alt.Color("label:N", title=None, scale=alt.Scale(range=COLOURS)),
            )
        )
    elif panel.chart == "grouped":
        chart = (
            alt.Chart(data)
            .mark_bar()
            .encode(x=alt.X("value:Q", title=None), y=label, color=colour, yOffset="series:N")
        )
    else:
        chart = alt.Chart(data).mark_bar(color=COLOURS[0]).encode(x=value, y=label)
    chart = chart.properties(width=WIDTH).configure(font=FONT).configure_view(stroke=None)
    return chart.to_dict(validate=False)  # built from fixed, tested code: skip the schema


def _key(specification: dict) -> str:
    text = json.dumps(specification, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def draw(specification: dict) -> str | None:
    """The chart as SVG, or None if it cannot be drawn: the data table beside it says the same."""
    try:
        return vl_convert.vegalite_to_svg(specification)
    except Exception:  # vl-convert raises its own errors; a chart is never worth a failed page
        logger.exception("A chart could not be drawn")
        return None


def quietly(write: Callable[[], object]) -> bool:
    """Keep a drawing if the database lets us now; a page never waits on it or fails for it.

    On SQLite another request may hold the write lock ("database is locked"); on either
    database a drawing may be stored meanwhile by someone else. The write runs in a savepoint
    so that the request's own transaction carries on as if it had not been tried.
    """
    try:
        with transaction.atomic():
            write()
    except DatabaseError:
        logger.warning("A chart drawing was not stored", exc_info=True)
        return False
    return True


def svgs(panels: list[Panel]) -> list[str | None]:
    """Each panel's chart as SVG (None without one), drawing those not drawn yet (reports, PDF)."""
    specs, keys = _specs(panels)
    drawn: dict[str, str | None] = dict(_drawn(keys))
    new = []
    for key, specification in zip(keys, specs, strict=True):
        if key is not None and specification is not None and key not in drawn:
            svg = drawn[key] = draw(specification)
            if svg is not None:
                new.append(ChartDrawing(key=key, spec=specification, svg=svg))
    if new:
        quietly(lambda: _store(new))
    return [drawn[k] if k else None for k in keys]


def _specs(panels: list[Panel]) -> tuple[list[dict | None], list[str | None]]:
    """Each panel's specification and the key of its drawing (None for a panel without one)."""
    specs = [spec(panel) for panel in panels]
    return specs, [_key(s) if s is not None else None for s in specs]


def _drawn(keys: list[str | None]) -> dict[str, str]:
    found = ChartDrawing.objects.filter(key__in=[k for k in keys if k]).exclude(svg="")
    return dict(found.values_list("key", "svg"))


def _store(drawings: list[ChartDrawing]) -> None:
    """Keep new drawings; a specification stored earlier but not yet drawn gets its drawing."""
    ChartDrawing.objects.bulk_create(
        drawings, update_conflicts=True, unique_fields=["key"], update_fields=["svg"]
    )


def _uri(drawn: str | None) -> str | None:
    if drawn is None:
        return None
    return "data:image/svg+xml;base64," + base64.b64encode(drawn.encode()).decode()


def data_uris(panels: list[Panel]) -> list[str | None]:
    return [_uri(drawn) for drawn in svgs(panels)]


def sources(panels: list[Panel], user) -> list[str | None]:
    """What a page puts in each chart's ``src``: the drawing itself when it exists, else a link
    that draws it. Drawing takes a tenth of a second per chart, so a page with a dozen new
    charts answers at once and the browser fetches the drawings beside it."""
    specs, keys = _specs(panels)
    drawn = _drawn(keys)
    pending = [
        ChartDrawing(key=key, spec=specification)
        for key, specification in zip(keys, specs, strict=True)
        if key is not None and key not in drawn
    ]
    linked = not pending or quietly(
        lambda: ChartDrawing.objects.bulk_create(pending, ignore_conflicts=True)
    )
    # Not stored: no link to a drawing that cannot be made; the page shows the data tables.
    return [
        _uri(drawn[key]) if key in drawn else _link(key, user) if key and linked else None
        for key in keys
    ]


def _link(key: str, user) -> str:
    # Signed for the person who saw the page: a link passed on, or a key guessed from figures
    # someone knows, draws nothing for anyone else.
    token = signing.dumps([key, user.pk], salt=SALT, compress=True)
    return reverse("reports:chart", args=[token])


def drawing_for(token: str, user) -> str | None:
    """The SVG a page linked to, drawn now if needed; None for a link not made for ``user``."""
    try:
        key, user_pk = signing.loads(token, salt=SALT, max_age=LINK_AGE)
    except signing.BadSignature:
        return None
    if user_pk != user.pk:
        return None
    drawing = ChartDrawing.objects.filter(key=key).first()
    if drawing is None:
        return None
    if not drawing.svg:
        svg = draw(drawing.spec)
        if svg is None:
            return None
        drawing.svg = svg
        quietly(lambda: ChartDrawing.objects.filter(key=key).update(svg=svg))
    return drawing.svg


def forget_old_drawings() -> int:
    return ChartDrawing.objects.filter(drawn_at__lt=timezone.now() - KEEP).delete()[0]
