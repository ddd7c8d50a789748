"""Meetings of a table: the agenda that builds itself, attendance, and what was decided there."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MeetingKind(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled meeting")
    EMERGENCY = "emergency", _("Emergency meeting")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Agenda in preparation")
    PUBLISHED = "published", _("Agenda published")
    IN_PROGRESS = "in_progress", _("In progress")
    CLOSED = "closed", _("Held")


class MeetingQuerySet(models.QuerySet):
    def upcoming(self, now=None) -> "MeetingQuerySet":
        return self.exclude(status=MeetingStatus.CLOSED).filter(
            starts_at__gte=(now or timezone.now()) - timedelta(hours=12)
        )

    def of_table(self, table) -> "MeetingQuerySet":
        return self.filter(table=table)


class Meeting(models.Model):
    """One sitting of a table. ``version`` changes with anything shown in meeting mode, so the
    screens that follow the meeting can ask "anything new since version N?" cheaply."""

    table = models.ForeignKey(
        "tables.Table", verbose_name=_("table"), on_delete=models.CASCADE, related_name="meetings"
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=MeetingKind.choices, default=MeetingKind.SCHEDULED
    )
    starts_at = models.DateTimeField(_("date and time"))
    status = models.CharField(
        _("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    agenda_published_at = models.DateTimeField(_("agenda published"), null=True, blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    minutes_notes = models.TextField(
        _("general notes"),
        blank=True,
        help_text=_("Shown in the minutes as written, never translated. No identifiers."),
    )
    minutes_published_at = models.DateTimeField(_("minutes published"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["table", "starts_at"], name="meeting_table_start")]

    def __str__(self) -> str:
        return timezone.localtime(self.starts_at).strftime("%Y-%m-%d %H:%M")

    def touch(self) -> None:
        """Something shown in meeting mode changed: followers will fetch the new state."""
        Meeting.objects.filter(pk=self.pk).update(version=F("version") + 1)
        self.refresh_from_db(fields=["version"])

    @property
    def agenda_editable(self) -> bool:
        return self.status != MeetingStatus.CLOSED

    @property
    def in_progress(self) -> bool:
        return self.status == MeetingStatus.IN_PROGRESS


class AgendaReason(models.TextChoices):
    OVERDUE = "overdue", _("Overdue: no first contact in time")
    NEW = "new", _("New situation")
    AGENCIES = "agencies", _("Agencies to name")
    RETURNING = "returning", _("Follow-up")
    ADDED = "added", _("Added by the coordinator")


REASON_ORDER: list[str] = [AgendaReason.OVERDUE, AgendaReason.NEW, AgendaReason.AGENCIES]
REASON_ORDER += [AgendaReason.RETURNING, AgendaReason.ADDED]


class AgendaItemQuerySet(models.QuerySet):
    def listed(self) -> "AgendaItemQuerySet":
        return self.filter(removed_at__isnull=True)


class AgendaItem(models.Model):
    """One situation on a meeting's agenda. Removed items stay (flagged) so that refreshing the
    agenda does not bring back what the coordinator took off."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    situation = models.ForeignKey(
        "situations.Situation", on_delete=models.CASCADE, related_name="agenda_items"
    )
    position = models.PositiveIntegerField(default=0)
    reason = models.CharField(_("reason"), max_length=20, choices=AgendaReason.choices)
    removed_at = models.DateTimeField(null=True, blank=True)
    notes = models.TextField(
        _("discussion notes"),
        blank=True,
        help_text=_("Next steps and follow-up, as written; no identifiers."),
    )

    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "situation"], name="agenda_item_once")
        ]

    def __str__(self) -> str:
        return f"{self.meeting} #{self.position}"


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    SUBSTITUTE = "substitute", _("Substitute present")
    ABSENT = "absent", _("Absent")


class Attendance(models.Model):
    """Whether each member agency was at the meeting (by agency: the minutes name no one)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("attendance"), max_length=20, choices=AttendanceStatus.choices, blank=True
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["organization__name_fr"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "organization"], name="attendance_once")
        ]

    def __str__(self) -> str:
        return f"{self.organization_id}: {self.status}"


class DecisionKind(models.TextChoices):
    AER = "aer", _("Decision on acutely elevated risk")
    AGENCIES = "agencies", _("Agencies named")
    TASK = "task", _("Next step")


class Decision(models.Model):
    """What the table decided about one situation at this meeting, as it was decided.

    The situation itself holds the current state; this row says at which meeting it happened,
    for the minutes and for statistics.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="decisions")
    situation = models.ForeignKey(
        "situations.Situation", on_delete=models.CASCADE, related_name="meeting_decisions"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DecisionKind.choices)
    aer_met = models.BooleanField(null=True, blank=True)
    decision_method = models.CharField(max_length=20, blank=True)
    votes_for = models.PositiveSmallIntegerField(null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(null=True, blank=True)
    lead_organization = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    assisting_organizations = models.ManyToManyField(
        "organizations.Organization", blank=True, related_name="+"
    )
    task = models.ForeignKey(
        "situations.Task", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.kind} {self.situation_id} @ {self.meeting_id}"
