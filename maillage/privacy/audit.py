"""Audit actions of privacy work: retention, the incident register and the access reports."""

from django.utils.translation import gettext_lazy as _

from maillage.core.audit import Action, actions

CATEGORY = actions.category("privacy", _("Privacy"))


def _declare(code: str, label) -> Action:
    return actions.declare(code, label, category=CATEGORY)


RETENTION_EDIT = _declare("privacy.retention.edit", _("Retention schedule changed"))
PURGE_RUN = _declare("privacy.purge.run", _("Retention schedule applied"))
INCIDENT_ADD = _declare("privacy.incident.add", _("Incident recorded"))
INCIDENT_EDIT = _declare("privacy.incident.edit", _("Incident edited"))
INCIDENT_DESTROY = _declare("privacy.incident.destroy", _("Incident destroyed"))
INCIDENT_EXPORT = _declare("privacy.incident.export", _("Incident register exported"))
ACCESS_REPORT_VIEW = _declare("privacy.access_report.view", _("Access report consulted"))
AUDIT_SAMPLE_VIEW = _declare("privacy.audit_sample.view", _("Spot check drawn"))
