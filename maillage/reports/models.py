"""What reports keep: the coordinator's narrative for a period, and background exports."""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Narrative(models.Model):
    """The trend narrative a coordinator writes for a period's report. Never about people."""

    table = models.ForeignKey(
        "tables.Table", verbose_name=_("table"), on_delete=models.CASCADE, related_name="+"
    )
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))
    text = models.TextField(_("trend narrative"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("trend narrative")
        verbose_name_plural = _("trend narratives")
        constraints = [
            models.UniqueConstraint(fields=["table", "start", "end"], name="narrative_period")
        ]

    def __str__(self) -> str:
        return f"{self.table} {self.start:%Y-%m-%d} – {self.end:%Y-%m-%d}"


class ExportKind(models.TextChoices):
    WORKBOOK = "workbook", _("All dashboard tables (XLSX)")
    PROVINCIAL = "provincial", _("Provincial format, one row per discussion (CSV)")
    OPEN_DATA = "open_data", _("Open data package (ZIP: CSV, data dictionary, datapackage.json)")
    PDF = "pdf", _("Report (PDF)")


class ExportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("In progress")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class ExportQuerySet(models.QuerySet):
    def of_user(self, user) -> "ExportQuerySet":
        return self.filter(requested_by=user)

    def pending(self) -> "ExportQuerySet":
        return self.filter(status=ExportStatus.PENDING)


def export_dir() -> Path:
    return Path(settings.EXPORTS_DIR)


class Export(models.Model):
    """One file built in the background. The file appears only once complete (see ``finish``)."""

    kind = models.CharField(_("kind"), max_length=20, choices=ExportKind.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    table = models.ForeignKey(
        "tables.Table", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    filters = models.JSONField(_("filters"), default=dict)
    language = models.CharField(max_length=10, default="fr-ca")
    status = models.CharField(
        _("status"), max_length=20, choices=ExportStatus.choices, default=ExportStatus.PENDING
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    file_name = models.CharField(max_length=200, blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    objects = ExportQuerySet.as_manager()

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def path(self) -> Path | None:
        return export_dir() / self.file_name if self.file_name else None

    @property
    def is_finished(self) -> bool:
        return self.status in (ExportStatus.DONE, ExportStatus.FAILED)

    @property
    def is_ready(self) -> bool:
        """Built and complete: the file may be downloaded."""
        return self.status == ExportStatus.DONE

    @property
    def has_failed(self) -> bool:
        return self.status == ExportStatus.FAILED

    def start(self) -> None:
        self.status = ExportStatus.RUNNING
        self.progress = 0
        self.save(update_fields=["status", "progress"])

    def advance(self, progress: int) -> None:
        Export.objects.filter(pk=self.pk).update(progress=min(99, max(0, progress)))

    def finish(self, file_name: str) -> None:
        if not (export_dir() / file_name).is_file():
            raise ValidationError("The export file is missing.")
        self.status, self.progress, self.file_name = ExportStatus.DONE, 100, file_name
        self.finished_at = timezone.now()
        self.save(update_fields=["status", "progress", "file_name", "finished_at"])

    def fail(self, reason: str) -> None:
        self.status, self.file_name, self.error = ExportStatus.FAILED, "", reason[:300]
        self.finished_at = timezone.now()
        self.save(update_fields=["status", "file_name", "error", "finished_at"])


class MonthlyCount(models.Model):
    """How many discussions of one table, month and type fall under one key of one figure.

    Maintained by ``summaries.refresh`` (``maillage refresh_report_summaries``) so that the
    dashboard adds up a few thousand rows instead of a province's discussions; ``first`` and
    ``second`` are the figure's keys (a risk factor, a pair of sectors, an age group and a
    gender…). Months are local calendar months of ``presented_at``.
    """

    figure = models.CharField(max_length=20)
    # None: every table together, kept for the figures with many keys (``queries.ROLLED_UP``).
    table = models.ForeignKey(
        "tables.Table",
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name="+",
    )
    month = models.DateField()
    discussion_type = models.CharField(max_length=20)
    first = models.BigIntegerField(null=True)
    second = models.BigIntegerField(null=True)
    n = models.IntegerField()

    class Meta:
        indexes = [
            # The dashboard reads a figure's months for some tables from the index alone.
            models.Index(
                fields=["figure", "month", "table"],
                include=["discussion_type", "first", "second", "n"],
                name="reports_monthlycount_read",
            )
        ]

    def __str__(self) -> str:
        return f"{self.figure} {self.table_id} {self.month:%Y-%m} {self.n}"


class SummaryMonth(models.Model):
    """When a month's ``MonthlyCount`` rows were last rebuilt, and the latest discussion in them.

    A month is read from the summaries only if no discussion of it changed since
    ``refreshed_at`` and, for a period ending inside the month, none in it is later than
    ``latest_presented``.
    """

    month = models.DateField(unique=True)
    refreshed_at = models.DateTimeField()
    latest_presented = models.DateTimeField(null=True)

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.refreshed_at:%Y-%m-%d %H:%M}"


class ChartDrawing(models.Model):
    """A chart drawn to SVG, kept by the hash of its specification (data included).

    Drawing takes a tenth of a second per chart; the same figures are shown to everyone until
    the data change, so a drawing is reused by every page, report and PDF that shows them. A
    page stores the specification of a chart not drawn yet and links to it (``charts.sources``).
    ``refresh_report_summaries`` forgets drawings older than ``charts.KEEP``.
    """

    key = models.CharField(max_length=64, unique=True)
    # A page stores the specification of a chart it could not find drawn and links to it; the
    # drawing is made when the browser asks for it (``svg`` stays empty until then).
    spec = models.JSONField(default=dict)
    svg = models.TextField(blank=True)
    drawn_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.key
