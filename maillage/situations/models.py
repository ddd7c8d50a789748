"""Situations of acutely elevated risk and what the table does about them (the four filters)."""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.core.access import rules
from maillage.core.audit import Action, log_action
from maillage.core.locking import Conflict, refresh_for_update

from .audit import (
    SITUATION_CONCLUDE,
    SITUATION_DECIDE,
    SITUATION_FIRST_CONTACT,
    SITUATION_MARK_REPEAT,
    SITUATION_NAME_AGENCIES,
    SITUATION_PRESENT,
    SITUATION_REOPEN,
)
from .expressions import (
    CONCLUSION_HOURS,
    CONCLUSION_MEASURED,
    MOBILIZE_HOURS,
    MOBILIZE_MEASURED,
)
from .instrument import InstrumentQuestion, RiskAssessment, RiskInstrument
from .reference import (
    REFERENCE_MODELS,
    AgeGroup,
    ConclusionCategory,
    Gender,
    HiddenItem,
    ProtectiveFactor,
    RiskCategory,
    RiskFactor,
    Service,
    StudyFlag,
)
from .states import IDENTITY_STATUSES, OPEN_STATUSES, STEPS, Status, Step

__all__ = [
    "REFERENCE_MODELS",
    "AgeGroup",
    "ConclusionCategory",
    "DecisionMethod",
    "DiscussionType",
    "Gender",
    "HiddenItem",
    "InstrumentQuestion",
    "ProtectiveFactor",
    "RiskAssessment",
    "RiskCategory",
    "RiskFactor",
    "RiskInstrument",
    "Service",
    "Situation",
    "SituationSettings",
    "StaleEdit",
    "Status",
    "Step",
    "StudyFlag",
    "Task",
    "TaskStatus",
]


class StaleEdit(Conflict):
    """Somebody else changed the situation since this person opened it."""

    message = _(
        "Someone else changed this situation while you were working on it. "
        "Your input is shown below; review the current record and save again."
    )


class DiscussionType(models.TextChoices):
    PERSON = "person", _("Person")
    FAMILY = "family", _("Family")
    GROUP = "group", _("Group")
    LOCATION = "location", _("Location")


class DecisionMethod(models.TextChoices):
    CONSENSUS = "consensus", _("Consensus")
    VOTE = "vote", _("Vote")


class SituationSettings(models.Model):
    """How one table runs its situations. Kept here so the tables app stays unaware of them."""

    table = models.OneToOneField(
        "tables.Table", on_delete=models.CASCADE, related_name="situation_settings"
    )
    prefix = models.CharField(
        _("reference prefix"),
        max_length=8,
        default="S",
        help_text=_("Letters before each situation number, e.g. RMT for RMT-0042."),
    )
    mobilization_hours = models.PositiveSmallIntegerField(
        _("hours to first contact"),
        default=48,
        help_text=_("A situation is overdue when no first contact is recorded within this time."),
    )
    reopen_days = models.PositiveSmallIntegerField(
        _("days to reopen"),
        default=30,
        help_text=_("A concluded situation can be reopened during this many days."),
    )

    class Meta:
        verbose_name = _("situation settings")
        verbose_name_plural = _("situation settings")

    def __str__(self) -> str:
        return str(self.table)

    @classmethod
    def for_table(cls, table) -> "SituationSettings":
        found, _created = cls.objects.get_or_create(table=table)
        return found


# The columns a dashboard filters discussions by, carried by the response-time indexes.
REPORT_FILTERS = ["table", "presented_at", "status", "discussion_type"]


class SituationQuerySet(models.QuerySet):
    def open(self) -> "SituationQuerySet":
        return self.filter(status__in=OPEN_STATUSES)

    def of_table(self, table) -> "SituationQuerySet":
        return self.filter(table=table)

    def overdue(self, now=None) -> "SituationQuerySet":
        """Mobilized situations with no first contact within the table's allowed time.

        Tables allow a handful of different delays: one condition per delay, so the deadline is
        a plain comparison on every database (SQLite cannot multiply a duration).
        """
        now = now or timezone.now()
        default = SituationSettings._meta.get_field("mobilization_hours").get_default()
        late = models.Q(
            table__situation_settings__isnull=True,
            agencies_named_at__lt=now - timedelta(hours=default),
        )
        delays = SituationSettings.objects.values_list("mobilization_hours", flat=True)
        for hours in set(delays):
            late |= models.Q(
                table__situation_settings__mobilization_hours=hours,
                agencies_named_at__lt=now - timedelta(hours=hours),
            )
        return self.filter(late, status=Status.MOBILIZED, first_contact_at__isnull=True)

    def visible_to(self, user, table) -> "SituationQuerySet":
        """What this person may see at ``table`` (the scope declared in ``situations.access``)."""
        return self.filter(table=table).filter(rules.scope("situation", user, table))

    def for_lists(self) -> "SituationQuerySet":
        return self.select_related(
            "table__situation_settings",
            "originating_organization",
            "lead_organization",
            "age_group",
            "gender",
        )


def reference_prefix(table) -> str:
    """The prefix of the table's situation references (``S`` until the table sets its own)."""
    try:
        return table.situation_settings.prefix
    except SituationSettings.DoesNotExist:
        return "S"


def format_reference(prefix: str, number: int) -> str:
    return f"{prefix}-{number:04d}"


class Situation(models.Model):
    """One discussion brought to a table, de-identified. Identities live in the vault only."""

    table = models.ForeignKey(
        "tables.Table", verbose_name=_("table"), related_name="situations", on_delete=models.PROTECT
    )
    number = models.PositiveIntegerField(_("number"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    originating_organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("originating agency"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    lead_organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("lead agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    assisting_organizations = models.ManyToManyField(
        "organizations.Organization",
        verbose_name=_("assisting agencies"),
        blank=True,
        related_name="+",
    )
    # Filter 1–2: the de-identified description.
    discussion_type = models.CharField(
        _("discussion type"),
        max_length=20,
        choices=DiscussionType.choices,
        default=DiscussionType.PERSON,
    )
    age_group = models.ForeignKey(
        AgeGroup,
        verbose_name=_("age group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    gender = models.ForeignKey(
        Gender,
        verbose_name=_("gender"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    risk_factors = models.ManyToManyField(
        RiskFactor, verbose_name=_("risk factors"), blank=True, related_name="+"
    )
    risk_categories = models.ManyToManyField(
        RiskCategory,
        verbose_name=_("risk factor categories"),
        blank=True,
        related_name="+",
        help_text=_("Kept from the risk factors, and alone for rejected discussions."),
    )
    protective_factors = models.ManyToManyField(
        ProtectiveFactor, verbose_name=_("protective factors"), blank=True, related_name="+"
    )
    study_flags = models.ManyToManyField(
        StudyFlag, verbose_name=_("study flags"), blank=True, related_name="+"
    )
    description = models.TextField(_("de-identified description"), blank=True)
    why_table = models.TextField(_("why the agency cannot mitigate the risk alone"), blank=True)
    # Filter 2: the table's decision.
    presented_at = models.DateTimeField(_("presented"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    aer_met = models.BooleanField(_("acutely elevated risk met"), null=True, blank=True)
    decision_method = models.CharField(
        _("decided by"), max_length=20, choices=DecisionMethod.choices, blank=True
    )
    votes_for = models.PositiveSmallIntegerField(_("votes for"), null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(_("votes against"), null=True, blank=True)
    recommendation = models.TextField(_("recommendation"), blank=True)
    # Filters 3–4.
    agencies_named_at = models.DateTimeField(_("agencies named"), null=True, blank=True)
    first_contact_at = models.DateTimeField(_("first contact"), null=True, blank=True)
    concluded_at = models.DateTimeField(_("concluded"), null=True, blank=True)
    conclusion_category = models.ForeignKey(
        ConclusionCategory,
        verbose_name=_("conclusion"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    services = models.ManyToManyField(
        Service, verbose_name=_("services mobilised"), blank=True, related_name="+"
    )
    reopened_count = models.PositiveSmallIntegerField(_("times reopened"), default=0)
    description_purged_at = models.DateTimeField(_("description removed"), null=True, blank=True)
    repeat_of = models.ForeignKey(
        "self",
        verbose_name=_("repeat of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="repeats",
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = SituationQuerySet.as_manager()

    class Meta:
        verbose_name = _("situation")
        verbose_name_plural = _("situations")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["table", "number"], name="situation_number_unique")
        ]
        indexes = [
            models.Index(fields=["table", "status"], name="situation_table_status"),
            # The reports' reads (``maillage.reports``): a table's discussions of a period,
            # covering the response times' columns; the monthly refresh and its freshness check.
            models.Index(
                fields=["table", "presented_at"],
                include=[
                    "status",
                    "discussion_type",
                    "agencies_named_at",
                    "first_contact_at",
                    "decided_at",
                    "concluded_at",
                ],
                name="situation_report_period",
            ),
            models.Index(fields=["presented_at"], name="situation_presented"),
            models.Index(fields=["updated_at"], name="situation_updated"),
            # A few response times read by rank, from the index alone.
            models.Index(
                MOBILIZE_HOURS,
                condition=MOBILIZE_MEASURED,
                # The timestamps too: PostgreSQL reads from the index alone only the columns in it.
                include=[*REPORT_FILTERS, "agencies_named_at", "first_contact_at"],
                name="situation_mobilize_hours",
            ),
            models.Index(
                CONCLUSION_HOURS,
                condition=CONCLUSION_MEASURED,
                include=[*REPORT_FILTERS, "decided_at", "concluded_at"],
                name="situation_conclusion_hours",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return format_reference(reference_prefix(self.table), self.number)

    @property
    def audit_label(self) -> str:
        """What the audit trail keeps of this object: its reference, which names no one."""
        return self.reference

    def involved_organization_ids(self) -> set[int]:
        """Originating, lead and assisting agencies: the only ones who may learn the identity."""
        ids = {self.originating_organization_id}
        if self.lead_organization_id:
            ids.add(self.lead_organization_id)
        ids.update(o.pk for o in self.assisting_organizations.all())
        return ids

    def identity_allowed(self) -> bool:
        return self.status in IDENTITY_STATUSES

    def settings(self) -> SituationSettings:
        try:
            return self.table.situation_settings
        except SituationSettings.DoesNotExist:
            return SituationSettings(table=self.table)

    @property
    def time_to_mobilize(self) -> timedelta | None:
        if self.first_contact_at and self.agencies_named_at:
            return self.first_contact_at - self.agencies_named_at
        return None

    @property
    def contact_deadline(self):
        if self.agencies_named_at is None:
            return None
        return self.agencies_named_at + timedelta(hours=self.settings().mobilization_hours)

    def is_overdue(self, now=None) -> bool:
        deadline = self.contact_deadline
        return (
            self.status == Status.MOBILIZED
            and self.first_contact_at is None
            and deadline is not None
            and deadline < (now or timezone.now())
        )

    def reopen_deadline(self):
        if self.concluded_at is None:
            return None
        return self.concluded_at + timedelta(days=self.settings().reopen_days)

    # --- The four filters, as verbs --------------------------------------------------------
    # Every verb locks the row and reloads the instance from it, checks the state *as stored*
    # (not as the caller last saw it)
    # against its step (``states.STEPS``, which the access rules share as their *when*), refuses
    # with a translated message before changing anything, bumps ``version`` and writes one audit
    # entry. Who may call them is the loader's business (``situations.access``).

    # Fields a rejected discussion keeps are listed in docs/situations.md; these are cleared.
    REJECTED_CLEARS = ("description", "why_table")
    REJECTED_CLEARS_M2M = ("risk_factors", "protective_factors", "study_flags")

    def _lock(self, step: Step | None, version: int | None) -> None:
        """Lock the row, reload this instance from it and check it is still at ``version`` and
        allowed by ``step``: the verb starts from the stored state, never from a stale copy."""
        refresh_for_update(self, version, conflict=StaleEdit)
        if step is not None:
            step.check(self)

    def _commit(self, action: Action, fields: list[str], *, by, request=None, data=None) -> None:
        concrete = {f.name for f in self._meta.concrete_fields}
        self.version += 1
        self.save(update_fields=[*(f for f in fields if f in concrete), "version", "updated_at"])
        log_action(
            action,
            user=by,
            obj=self,
            table=self.table,
            fields=fields,
            data=data,
            request=request,
        )

    @transaction.atomic
    def present(self, *, by, request=None, version: int | None = None) -> None:
        """Filter 2: the originating agency brings the draft to the table, de-identified."""
        self._lock(STEPS["present"], version)
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
        self._lock(STEPS["decide"], version)
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

    @staticmethod
    def _check_decision(method, votes_for, votes_against) -> None:
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
        self._lock(STEPS["name_agencies"], version)
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

    @transaction.atomic
    def record_first_contact(
        self, *, at: datetime, by, request=None, version: int | None = None
    ) -> None:
        """Filter 4: the door knock. Its time measures the time to mobilize."""
        self._lock(STEPS["record_contact"], version)
        named_at = self.agencies_named_at
        assert named_at is not None  # a mobilized situation has its agencies named
        if at > timezone.now():
            raise ValidationError(_("First contact cannot be in the future."))
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
        self._lock(STEPS["conclude"], version)
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
        self._lock(STEPS["reopen"], version)
        deadline = self.reopen_deadline()
        if deadline is not None and deadline < timezone.now():
            raise ValidationError(
                _("This situation was concluded too long ago to be reopened; open a new one.")
            )
        # The identities were shredded on schedule: the agencies could not reach anyone.
        if Situation.objects.filter(pk=self.pk, vault_key__destroyed_at__isnull=False).exists():
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
        self._lock(None, None)
        self.repeat_of = of
        self._commit(
            SITUATION_MARK_REPEAT, ["repeat_of"], by=by, request=request, data={"of": of.pk}
        )


class TaskStatus(models.TextChoices):
    OPEN = "open", _("To do")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class Task(models.Model):
    """One step of the action plan, owned by one of the agencies named."""

    situation = models.ForeignKey(Situation, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("task"), max_length=200)
    owner_organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("owner agency"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.OPEN
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title
