"""The periodic report as a PDF, drawn by WeasyPrint from the same template as the page."""

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import CSS, HTML

from . import charts, panels

PRINT_CSS = Path(__file__).parent / "static" / "reports" / "print.css"


def write_pdf(path: Path, scope, figures: list) -> None:
    from .models import Narrative
    from .services import threshold

    narrative = None
    if scope.table is not None:
        narrative = Narrative.objects.filter(
            table=scope.table, start=scope.start, end=scope.end
        ).first()
    html = render_to_string(
        "reports/report_pdf.html",
        {
            "scope": scope,
            "panels": list(zip(figures, charts.data_uris(figures), strict=True)),
            "key": panels.key_figures(figures) if figures else None,
            "narrative": narrative,
            "threshold": threshold(),
            "suppressed": True,
        },
    )
    HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
        path, stylesheets=[CSS(filename=str(PRINT_CSS))]
    )
