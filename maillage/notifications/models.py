"""Notices for people: what happened that concerns their agency, in-app and by e-mail."""

from datetime import date, datetime

from django.conf import settings
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    LEAD = "lead", _("Agency named lead")
    ASSISTING = "assisting", _("Agency named assisting")
    TASK_DUE = "task_due", _("Task due")
    OVERDUE = "overdue", _("No first contact in time")
    AGENDA = "agenda", _("Agenda published")
    REPEAT = "repeat", _("Possible repeat to review")


class NotificationQuerySet(models.QuerySet):
    def unread(self) -> "NotificationQuerySet":
        return self.filter(read_at__isnull=True)

    def of(self, user) -> "NotificationQuerySet":
        return self.filter(recipient=user)


class Notification(models.Model):
    """One notice to one person. ``key`` says what it is about, so it is never sent twice.

    The text is not stored: it is written from ``kind`` and ``params`` in the reader's language
    when shown or mailed. ``params`` hold references and dates only, never free text, because
    e-mail leaves the system.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    key = models.CharField(max_length=200)
    table = models.ForeignKey(
        "tables.Table", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    params = models.JSONField(default=dict, blank=True)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="notification_once")
        ]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id}"

    def mark_read(self) -> None:
        if self.read_at is None:
            self.read_at = timezone.now()
            self.save(update_fields=["read_at"])

    def message(self) -> str:
        """The notice in the active language."""
        p = self.params
        values = {
            "reference": p.get("reference", ""),
            "table": self.table.name if self.table else "",
            "date": _format(p.get("date")),
            "hours": p.get("hours", ""),
            "count": p.get("count", 0),
        }
        texts = {
            Kind.LEAD: gettext("Your agency was named lead agency for %(reference)s at %(table)s."),
            Kind.ASSISTING: gettext(
                "Your agency was named assisting agency for %(reference)s at %(table)s."
            ),
            Kind.TASK_DUE: gettext(
                "A task of your agency in the action plan of %(reference)s is due on %(date)s."
            ),
            Kind.OVERDUE: gettext(
                "%(reference)s at %(table)s: no first contact recorded %(hours)s hours after "
                "the agencies were named."
            ),
            Kind.AGENDA: gettext(
                "The agenda of the meeting of %(date)s at %(table)s is published "
                "(%(count)s situations)."
            ),
            Kind.REPEAT: gettext(
                "%(table)s: the vault of %(reference)s may hold a person already met in the "
                "last 12 months. Review it with the agencies involved."
            ),
        }
        return texts[Kind(self.kind)] % values


def _format(value: str | None) -> str:
    """A stored ISO date or date-time, written the way the active language writes it."""
    if not value:
        return ""
    if "T" in value:
        moment = timezone.localtime(datetime.fromisoformat(value))
        return formats.date_format(moment, "DATETIME_FORMAT")
    return formats.date_format(date.fromisoformat(value), "DATE_FORMAT")
