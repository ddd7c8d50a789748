"""Situations of acutely elevated risk and what the table does about them (the four filters)."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .expressions import (
    CONCLUSION_HOURS,
    CONCLUSION_MEASURED,
    MOBILIZE_HOURS,
    MOBILIZE_MEASURED,
)
from .instrument import InstrumentQuestion, RiskAssessment, RiskInstrument
from .lifecycle import SituationLifecycle, StaleEdit
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
    "StudyFlag",
    "Task",
    "TaskStatus",
]


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")  # Filter 1: inside the originating agency only
    PRESENTED = "presented", _("Presented")  # Filter 2: awaiting the table's decision
    REJECTED = "rejected", _("Rejected")  # AER not met: minimal data kept
    ACCEPTED = "accepted", _("Accepted")  # AER met, agencies not yet named
    MOBILIZED = "mobilized", _("Mobilized")  # Filters 3–4: lead and assisting named
    CONCLUDED = "concluded", _("Concluded")


OPEN_STATUSES = (Status.DRAFT, Status.PRESENTED, Status.ACCEPTED, Status.MOBILIZED)


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
        """What this person may see at ``table`` (see ``maillage.core.permissions``)."""
        from maillage.core.permissions import situation_visibility

        return self.filter(table=table).filter(situation_visibility(user, table))

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


class Situation(SituationLifecycle, models.Model):
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
        return self.status in (Status.MOBILIZED, Status.CONCLUDED)

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
