"""Charts: one Vega-Lite specification per panel, drawn as SVG on the server.

Altair builds the specification; ``vl-convert`` (which bundles Vega and runs offline) draws it,
so the page and the PDF show the same picture. Suppressed counts are left out of the chart and
marked in the data table beside it. The SVG is embedded as an ``<img>`` data URI: no script, no
inline style, nothing the content security policy blocks.
"""

import base64
import hashlib
import json

import altair as alt
import vl_convert
from django.core.cache import cache

from .panels import TOTAL_LABEL, Panel

FONT = "DejaVu Sans"  # shipped by fonts-dejavu-core; vl-convert reads system fonts
WIDTH = 520
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
    points = _points(panel)
    if not panel.chart or not points:
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
    return chart.to_dict()


def svg(panel: Panel) -> str | None:
    specification = spec(panel)
    if specification is None:
        return None
    text = json.dumps(specification, sort_keys=True, default=str)
    key = "reports:svg:" + hashlib.sha256(text.encode()).hexdigest()
    drawn = cache.get(key)
    if drawn is None:
        drawn = vl_convert.vegalite_to_svg(specification)
        cache.set(key, drawn, 3600)
    return drawn


def data_uri(panel: Panel) -> str | None:
    drawn = svg(panel)
    if drawn is None:
        return None
    return "data:image/svg+xml;base64," + base64.b64encode(drawn.encode()).decode()
