"""Audit actions of situations: the four filters, tasks, and each table's reference lists."""

from django.utils.translation import gettext_lazy as _

from maillage.core.audit import Action, actions

CATEGORY = actions.category("situations", _("Situations"))


def _declare(code: str, label) -> Action:
    return actions.declare(code, label, category=CATEGORY)


SITUATION_CREATE = _declare("situations.situation.create", _("Situation drafted"))
SITUATION_EDIT = _declare("situations.situation.edit", _("Situation edited"))
SITUATION_GUARD_OVERRIDE = _declare(
    "situations.situation.guard_override", _("Possible identifying details kept after a warning")
)
SITUATION_ASSESS = _declare("situations.situation.assess", _("Risk assessed"))
SITUATION_PRESENT = _declare("situations.situation.present", _("Situation presented to the table"))
SITUATION_DECIDE = _declare("situations.situation.decide", _("Acute elevated risk decided"))
SITUATION_NAME_AGENCIES = _declare("situations.situation.name_agencies", _("Agencies named"))
SITUATION_FIRST_CONTACT = _declare(
    "situations.situation.first_contact", _("First contact recorded")
)
SITUATION_CONCLUDE = _declare("situations.situation.conclude", _("Situation concluded"))
SITUATION_REOPEN = _declare("situations.situation.reopen", _("Situation reopened"))
SITUATION_MARK_REPEAT = _declare("situations.situation.mark_repeat", _("Marked as a repeat"))
SITUATION_PURGE = _declare("situations.situation.purge", _("Closed situations purged"))
TASK_ADD = _declare("situations.task.add", _("Task added"))
TASK_STATUS = _declare("situations.task.status", _("Task status changed"))
REFERENCE_ADD = _declare("situations.reference.add", _("Reference list entry added"))
REFERENCE_RETIRE = _declare("situations.reference.retire", _("Reference list entry retired"))
REFERENCE_HIDE = _declare("situations.reference.hide", _("Reference list entry hidden"))
REFERENCE_SHOW = _declare("situations.reference.show", _("Reference list entry shown again"))
SETTINGS_EDIT = _declare("situations.settings.edit", _("Situation settings edited"))
