"""The four-filter state machine, as verbs on ``Situation``.

Every transition locks the row, checks the state *as stored* (not as the caller last saw it),
refuses illegal moves with a translated ``ValidationError`` before changing anything, bumps
``version`` and writes one audit entry. Callers hold the permission check
(``maillage.core.permissions.get_situation_for_user``); these methods hold the rules of the
process itself.
"""

from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar, cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maillage.core.audit import Action, log_action
from maillage.core.locking import Conflict, refresh_for_update
from maillage.notifications.services import notify_agencies_named

from .audit import (
    SITUATION_CONCLUDE,
    SITUATION_DECIDE,
    SITUATION_FIRST_CONTACT,
    SITUATION_MARK_REPEAT,
    SITUATION_NAME_AGENCIES,
    SITUATION_PRESENT,
    SITUATION_REOPEN,
)

if TYPE_CHECKING:
    from django.db import models
    from django.db.models.fields.related_descriptors import ManyRelatedManager, RelatedManager
    from django.db.models.options import Options

    from maillage.organizations.models import Organization
    from maillage.tables.models import Table

    from .instrument import RiskAssessment
    from .models import Situation
    from .reference import ConclusionCategory, RiskCategory, RiskFactor, Service


class StaleEdit(Conflict):
    """Somebody else changed the situation since this person opened it."""

    message = gettext_lazy(
        "Someone else changed this situation while you were working on it. "
        "Your input is shown below; review the current record and save again."
    )


class SituationLifecycle:
    if TYPE_CHECKING:
        # What these verbs use of the ``Situation`` model they are mixed into.
        objects: "models.Manager[Situation]"
        _meta: ClassVar["Options[Situation]"]
        pk: Any
        table: "Table"
        table_id: int
        status: str
        version: int
        presented_at: datetime | None
        decided_at: datetime | None
        aer_met: bool | None
        decision_method: str
        votes_for: int | None
        votes_against: int | None
        recommendation: str
        lead_organization: "Organization | None"
        assisting_organizations: "ManyRelatedManager[Organization, Any]"
        agencies_named_at: datetime | None
        first_contact_at: datetime | None
        concluded_at: datetime | None
        conclusion_category: "ConclusionCategory | None"
        services: "ManyRelatedManager[Service, Any]"
        risk_factors: "ManyRelatedManager[RiskFactor, Any]"
        risk_categories: "ManyRelatedManager[RiskCategory, Any]"
        assessments: "RelatedManager[RiskAssessment]"
        reopened_count: int
        repeat_of: "Situation | None"

        def save(self, *args: Any, **kwargs: Any) -> None: ...
        def reopen_deadline(self) -> datetime: ...

    # Fields a rejected discussion keeps are listed in docs/situations.md; these are cleared.
    REJECTED_CLEARS = ("description", "why_table")
    REJECTED_CLEARS_M2M = ("risk_factors", "protective_factors", "study_flags")

    def _lock(self, allowed: tuple[str, ...], message: str, version: int | None) -> None:
        """Lock the row, reload this instance from it and check it is in an allowed state at
        ``version``: the transition starts from the stored state, never from a stale copy."""
        refresh_for_update(self, version, conflict=StaleEdit)  # type: ignore[type-var]
        if self.status not in allowed:
            raise ValidationError(message, code="illegal_transition")

    def _commit(self, action: Action, fields: list[str], *, by, request=None, data=None) -> None:
        concrete = {f.name for f in self._meta.concrete_fields}
        self.version += 1
        self.save(update_fields=[*(f for f in fields if f in concrete), "version", "updated_at"])
        log_action(
            action,
            user=by,
            obj=cast("Situation", self),  # the model this mixin is part of
            table=self.table,
            fields=fields,
            data=data,
            request=request,
        )

    @transaction.atomic
    def present(self, *, by, request=None, version: int | None = None) -> None:
        """Filter 2: the originating agency brings the draft to the table, de-identified."""
        from .models import Status

        self._lock((Status.DRAFT,), _("Only a draft can be presented to the table."), version)
        self.status = Status.PRESENTED
        self.presented_at = timezone.now()
        self._commit(SITUATION_PRESENT, ["status", "presented_at"], by=by, request=request)

    @transaction.atomic
    def decide(
        self,
        *,
        aer_met: bool,
        method: str,
        votes_for: int | None = None,
        votes_against: int | None = None,
        recommendation: str = "",
        by,
        request=None,
        version: int | None = None,
    ) -> None:
        """Record whether the table found acutely elevated risk, and how it decided."""
        from .models import DecisionMethod, Status

        self._lock((Status.PRESENTED,), _("Only a presented situation can be decided."), version)
        self._check_decision(method, votes_for, votes_against)
        self.aer_met = aer_met
        self.decision_method = method
        self.votes_for, self.votes_against = (
            (votes_for, votes_against) if method == DecisionMethod.VOTE else (None, None)
        )
        self.recommendation = recommendation.strip()
        self.decided_at = timezone.now()
        self.status = Status.ACCEPTED if aer_met else Status.REJECTED
        fields = ["status", "aer_met", "decision_method", "votes_for", "votes_against"]
        fields += ["recommendation", "decided_at"]
        if not aer_met:
            fields += self._reduce_to_minimal_data()
        self._commit(
            SITUATION_DECIDE,
            fields,
            by=by,
            request=request,
            data={"aer_met": aer_met, "method": method},
        )

    def _check_decision(self, method, votes_for, votes_against) -> None:
        from .models import DecisionMethod

        if method not in DecisionMethod.values:
            raise ValidationError(_("Say how the table decided: consensus or vote."))
        if method == DecisionMethod.VOTE and (votes_for is None or votes_against is None):
            raise ValidationError(_("Give the number of votes for and against."))

    def _reduce_to_minimal_data(self) -> list[str]:
        """Keep only what policy allows for a rejected discussion (see docs/situations.md)."""
        self.risk_categories.add(*{f.category_id for f in self.risk_factors.all()})
        for name in self.REJECTED_CLEARS:
            setattr(self, name, "")
        for name in self.REJECTED_CLEARS_M2M:
            getattr(self, name).clear()
        self.assisting_organizations.clear()
        self.assessments.all().delete()
        return [*self.REJECTED_CLEARS, *self.REJECTED_CLEARS_M2M, "assessments"]

    @transaction.atomic
    def name_agencies(
        self, *, lead, assisting, by, request=None, version: int | None = None
    ) -> None:
        """Filter 3: only the agencies needed, one lead and its assisting agencies."""
        from .models import Status

        self._lock(
            (Status.ACCEPTED,),
            _("Agencies can be named only once the table has found acutely elevated risk."),
            version,
        )
        assisting = [o for o in assisting if o.pk != lead.pk]
        seated = set(
            self.table.member_organizations.filter(organization__in=[lead, *assisting]).values_list(
                "organization_id", flat=True
            )
        )
        if {lead.pk, *(o.pk for o in assisting)} - seated:
            raise ValidationError(_("Only organisations sitting at the table can be named."))
        self.lead_organization = lead
        self.assisting_organizations.set(assisting)
        self.agencies_named_at = timezone.now()
        self.status = Status.MOBILIZED
        self._commit(
            SITUATION_NAME_AGENCIES,
            ["status", "lead_organization", "assisting_organizations", "agencies_named_at"],
            by=by,
            request=request,
            data={"lead": lead.pk, "assisting": sorted(o.pk for o in assisting)},
        )
        notify_agencies_named(self)

    @transaction.atomic
    def record_first_contact(
        self, *, at: datetime, by, request=None, version: int | None = None
    ) -> None:
        """Filter 4: the door knock. Its time measures the time to mobilize."""
        from .models import Status

        self._lock(
            (Status.MOBILIZED,), _("First contact is recorded once agencies are named."), version
        )
        if self.first_contact_at is not None:
            raise ValidationError(_("First contact was already recorded."))
        if at > timezone.now():
            raise ValidationError(_("First contact cannot be in the future."))
        named_at = cast(datetime, self.agencies_named_at)  # set once mobilized
        if at < named_at:
            raise ValidationError(_("First contact cannot come before the agencies were named."))
        self.first_contact_at = at
        self._commit(
            SITUATION_FIRST_CONTACT,
            ["first_contact_at"],
            by=by,
            request=request,
            data={"minutes_to_mobilize": int((at - named_at).total_seconds() // 60)},
        )

    @transaction.atomic
    def conclude(
        self, *, category, services=(), by, request=None, version: int | None = None
    ) -> None:
        from .models import Status

        self._lock(
            (Status.MOBILIZED,),
            _("Only a situation the agencies are working on can be concluded."),
            version,
        )
        self.status = Status.CONCLUDED
        self.concluded_at = timezone.now()
        self.conclusion_category = category
        self.services.set(services)
        self._commit(
            SITUATION_CONCLUDE,
            ["status", "concluded_at", "conclusion_category", "services"],
            by=by,
            request=request,
            data={"category": category.code},
        )

    @transaction.atomic
    def reopen(self, *, by, request=None, version: int | None = None) -> None:
        """Back to the agencies named, within the table's reopening window."""
        from .models import Status

        self._lock((Status.CONCLUDED,), _("Only a concluded situation can be reopened."), version)
        if self.reopen_deadline() < timezone.now():
            raise ValidationError(
                _("This situation was concluded too long ago to be reopened; open a new one.")
            )
        # The identities were shredded on schedule: the agencies could not reach anyone.
        if type(self).objects.filter(pk=self.pk, vault_key__destroyed_at__isnull=False).exists():
            raise ValidationError(
                _(
                    "The identities of this situation were destroyed as scheduled, so it cannot "
                    "be reopened; open a new one."
                )
            )
        self.status = Status.MOBILIZED
        self.concluded_at = None
        self.conclusion_category = None
        self.reopened_count += 1
        self._commit(
            SITUATION_REOPEN,
            ["status", "concluded_at", "conclusion_category", "reopened_count"],
            by=by,
            request=request,
        )

    @transaction.atomic
    def mark_repeat(self, *, of, by, request=None) -> None:
        """Flag this situation as a repeat of an earlier one (found inside the vault only)."""
        if of.pk == self.pk or of.table_id != self.table_id:
            raise ValidationError(_("A situation can only repeat another one of the same table."))
        self._lock(self._all_statuses(), "", None)
        self.repeat_of = of
        self._commit(
            SITUATION_MARK_REPEAT, ["repeat_of"], by=by, request=request, data={"of": of.pk}
        )

    @staticmethod
    def _all_statuses() -> tuple[str, ...]:
        from .models import Status

        return tuple(Status.values)
