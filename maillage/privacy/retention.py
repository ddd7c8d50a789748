"""The retention registry: which function destroys each class of data, and the daily run.

Each data class names a purger by dotted path, ``(*, older_than: datetime) -> int`` returning how
many items it destroyed or anonymised. A purger whose module is not installed yet is reported and
skipped, so the schedule can list classes before the code that holds them exists.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from maillage.core.audit import log_action

from .audit import PURGE_RUN
from .models import DataClass, RetentionRule

PURGERS: dict[str, str | None] = {
    DataClass.VAULT: "maillage.vault.services.destroy_expired_vaults",
    DataClass.SITUATIONS: "maillage.situations.services.purge_situations",
    DataClass.MINUTES: "maillage.meetings.services.purge_minutes",
    # Append-only and hash-chained: never destroyed by a purge (see docs/security.md).
    DataClass.AUDIT: None,
    DataClass.ACCOUNTS: "maillage.privacy.services.anonymise_deactivated_accounts",
    DataClass.INCIDENTS: "maillage.privacy.services.purge_incidents",
}


@dataclass
class PurgeReport:
    destroyed: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)
    kept: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.destroyed.values())


def resolve(path: str):
    """The purger at ``path``, or None if its module is not installed (yet)."""
    try:
        return import_string(path)
    except ImportError:
        return None


@transaction.atomic
def run_purge(*, now: datetime | None = None, by=None) -> PurgeReport:
    """Apply the schedule once. Running it again the same day destroys nothing more."""
    now = now or timezone.now()
    report = PurgeReport()
    for rule in RetentionRule.objects.schedule():
        path = PURGERS[rule.data_class]
        if path is None:
            report.kept.append(rule.data_class)
            continue
        purger = resolve(path)
        if purger is None:
            report.skipped[rule.data_class] = path
            continue
        report.destroyed[rule.data_class] = purger(older_than=rule.cutoff(now))
    log_action(
        PURGE_RUN,
        user=by,
        data={
            "destroyed": report.destroyed,
            "skipped": sorted(report.skipped),
            "at": now.isoformat(),
        },
    )
    return report
