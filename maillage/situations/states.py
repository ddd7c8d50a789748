"""The states of a situation, and when each of its verbs may be taken.

One definition serves both sides: the situation refuses a verb asked at the wrong time with the
step's message (``Step.check``, on the row as stored), and the access rules use the same
``Step.allows`` as their *when*, so a page offers a verb only when it would succeed.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from maillage.tables.models import TableKind

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")  # Filter 1: inside the originating agency only
    PRESENTED = "presented", _("Presented")  # Filter 2: awaiting the table's decision
    REJECTED = "rejected", _("Rejected")  # AER not met: minimal data kept
    ACCEPTED = "accepted", _("Accepted")  # AER met, agencies not yet named
    MOBILIZED = "mobilized", _("Mobilized")  # Filters 3–4: lead and assisting named
    CONCLUDED = "concluded", _("Concluded")


OPEN_STATUSES = (Status.DRAFT, Status.PRESENTED, Status.ACCEPTED, Status.MOBILIZED)
# Once the agencies are named, they may learn who the people are (the identity vault).
IDENTITY_STATUSES = (Status.MOBILIZED, Status.CONCLUDED)
# A decision that closed the record: its de-identified fields no longer change.
CLOSED_STATUSES = (Status.REJECTED, Status.CONCLUDED)


@dataclass(frozen=True)
class Step:
    """When one verb may be taken: the states it starts from, and any further condition.

    ``refusal`` is what a person is told when the state is wrong; each further condition
    carries its own message.
    """

    statuses: tuple[str, ...]
    refusal: "StrPromise"
    conditions: tuple[tuple[Callable[[Any], bool], "StrPromise"], ...] = ()

    def refusal_for(self, situation) -> "StrPromise | None":
        if situation.status not in self.statuses:
            return self.refusal
        for holds, message in self.conditions:
            if not holds(situation):
                return message
        return None

    def allows(self, situation) -> bool:
        return self.refusal_for(situation) is None

    def check(self, situation) -> None:
        """Refuse, in the person's language, a verb asked at the wrong time."""
        message = self.refusal_for(situation)
        if message is not None:
            raise ValidationError(message, code="illegal_transition")


def _no_first_contact(situation) -> bool:
    return situation.first_contact_at is None


def _at_a_domestic_violence_cell(situation) -> bool:
    return situation.table.kind == TableKind.DOMESTIC_VIOLENCE


STEPS = {
    "edit": Step(
        tuple(s for s in Status.values if s not in CLOSED_STATUSES),
        _("A rejected or concluded situation can no longer be edited."),
    ),
    "present": Step((Status.DRAFT,), _("Only a draft can be presented to the table.")),
    "decide": Step((Status.PRESENTED,), _("Only a presented situation can be decided.")),
    "name_agencies": Step(
        (Status.ACCEPTED,),
        _("Agencies can be named only once the table has found acutely elevated risk."),
    ),
    "manage_plan": Step((Status.MOBILIZED,), _("Tasks are planned once the agencies are named.")),
    "record_contact": Step(
        (Status.MOBILIZED,),
        _("First contact is recorded once agencies are named."),
        ((_no_first_contact, _("First contact was already recorded.")),),
    ),
    "conclude": Step(
        (Status.MOBILIZED,), _("Only a situation the agencies are working on can be concluded.")
    ),
    "reopen": Step((Status.CONCLUDED,), _("Only a concluded situation can be reopened.")),
    "assess_risk": Step(
        tuple(s for s in Status.values if s not in CLOSED_STATUSES),
        _("A rejected or concluded situation can no longer be assessed."),
        (
            (
                _at_a_domestic_violence_cell,
                _("Risk assessments are made at domestic violence cells only."),
            ),
        ),
    ),
}
