"""Audit actions of reports: narratives, exports and figures."""

from django.utils.translation import gettext_lazy as _

from maillage.core.audit import Action, actions

from .models import ExportKind

CATEGORY = actions.category("reports", _("Reports and exports"))


def _declare(code: str, label) -> Action:
    return actions.declare(code, label, category=CATEGORY, choices={"kind": ExportKind})


NARRATIVE_SAVE = _declare("reports.narrative.save", _("Report narrative saved"))
EXPORT_REQUEST = _declare("reports.export.request", _("Export requested"))
EXPORT_FAIL = _declare("reports.export.fail", _("Export failed"))
EXPORT_FINISH = _declare("reports.export.finish", _("Export ready"))
EXPORT_DOWNLOAD = _declare("reports.export.download", _("Export downloaded"))
UNSUPPRESSED_VIEW = _declare("reports.unsuppressed.view", _("Unsuppressed figures viewed"))
FIGURES_DOWNLOAD = _declare("reports.figures.download", _("Figures downloaded"))
