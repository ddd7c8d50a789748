"""Audit actions of community organising: support requests, their activities and answers."""

from django.utils.translation import gettext_lazy as _

from maillage.core.audit import Action, actions

from .models import Outcome, RequestStatus, Source

CATEGORY = actions.category("organizing", _("Community organising"))


def _declare(code: str, label, **choices) -> Action:
    return actions.declare(code, label, category=CATEGORY, choices=choices)


REQUEST_RECEIVE = _declare(
    "organizing.request.receive", _("Support request received"), source=Source
)
REQUEST_TRIAGE = _declare(
    "organizing.request.triage", _("Support request triaged"), decision=RequestStatus
)
REQUEST_ASSIGN = _declare("organizing.request.assign", _("Support request reassigned"))
REQUEST_CLOSE = _declare("organizing.request.close", _("Support request closed"), outcome=Outcome)
ACTIVITY_ADD = _declare("organizing.activity.add", _("Accompaniment activity logged"))
SATISFACTION_ANSWER = _declare(
    "organizing.satisfaction.answer", _("Satisfaction questionnaire answered")
)
PROJECT_CREATE = _declare("organizing.project.create", _("Development project created"))
PROJECT_STAGE = _declare("organizing.project.stage", _("Development project changed stage"))
PROJECT_ANSWER = _declare("organizing.project.answer", _("Guiding questions of a project answered"))
PROJECT_PARTNER = _declare("organizing.project.partner", _("Partner added to a project"))
PROJECT_FUNDING = _declare("organizing.project.funding", _("Funding added to a project"))
PROJECT_LOGIC = _declare("organizing.project.logic", _("Logic model of a project changed"))
INDICATOR_ADD = _declare("organizing.indicator.add", _("Indicator added to a project"))
INDICATOR_VALUES = _declare("organizing.indicator.values", _("Indicator values recorded"))
