"""The retention registry: which function destroys each class of data, and the daily run.

Each app that holds a class of data registers its purger from its ``AppConfig.ready()``:
``register_purger(DataClass.MINUTES, purge_minutes, summary=_("…"), models=[Meeting, …])``. A
purger is ``(*, older_than: datetime) -> int`` and returns how many items it destroyed or
anonymised; ``summary`` says so on the retention page; ``models`` names the tables it rewrites,
vacuumed after a run that destroyed something so that the old row versions go too. A function
object, never a dotted path: a rename breaks at import, not silently at 3 a.m. The system check
in ``checks.py`` refuses to start when a class of the schedule has no purger and is not kept on
purpose (``NEVER_PURGED``).
"""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from maillage.core.audit import log_action

from .audit import PURGE_RUN
from .models import DataClass, RetentionRule

logger = logging.getLogger(__name__)

Purger = Callable[..., int]
StrOrPromise = str | Promise

# Kept on purpose, never handed to a purger, with what the retention page says of it. The audit
# trail is append-only behind a database trigger and hash-chained: redacting it would break the
# chain that proves nothing was altered. It is archived by the operator after its period
# (docs/security.md).
NEVER_PURGED: dict[str, StrOrPromise] = {
    DataClass.AUDIT: _(
        "Kept permanently: entries are append-only and chained, so the purge never deletes "
        "them (names are removed from them when an account is anonymised)."
    ),
}
# The purge runs nightly; docs/deploy.md schedules it at this time (server's local time).
PURGE_AT = (3, 15)


def next_purge(last: datetime | None, *, now: datetime | None = None) -> datetime:
    """When the nightly purge runs next: tonight at ``PURGE_AT``, or now if one was missed."""
    now = timezone.localtime(now or timezone.now())
    tonight = now.replace(hour=PURGE_AT[0], minute=PURGE_AT[1], second=0, microsecond=0)
    if tonight <= now:
        tonight += timedelta(days=1)
    if last is not None and now - last > timedelta(days=1, hours=1):
        return now  # overdue: the schedule did not run last night
    return tonight


@dataclass(frozen=True)
class Registration:
    purger: Purger
    summary: StrOrPromise = ""
    models: tuple[type[Model], ...] = ()


_registry: dict[str, Registration] = {}


def register_purger(
    data_class: str,
    purger: Purger,
    *,
    summary: StrOrPromise,
    models: Iterable[type[Model]] = (),
) -> None:
    """Declare that ``purger`` destroys ``data_class`` past its period, in the tables ``models``;
    ``summary`` tells the privacy officer what goes and what stays."""
    if data_class not in DataClass.values:
        raise ImproperlyConfigured(f"{data_class!r} is not a data class of the schedule.")
    if data_class in NEVER_PURGED:
        raise ImproperlyConfigured(f"{data_class!r} is kept on purpose and has no purger.")
    registered = _registry.get(data_class)
    if registered is not None and registered.purger is not purger:
        raise ImproperlyConfigured(f"{data_class!r} already has a purger: {registered.purger}.")
    _registry[data_class] = Registration(purger, summary, tuple(models))


def summary(data_class: str) -> StrOrPromise:
    """What the purge does to ``data_class``, for the retention page."""
    if data_class in NEVER_PURGED:
        return NEVER_PURGED[data_class]
    registered = _registry.get(data_class)
    return registered.summary if registered else ""


def without_purger() -> list[str]:
    """Classes of the schedule that nothing would destroy, and that are not kept on purpose."""
    return [c for c in DataClass.values if c not in _registry and c not in NEVER_PURGED]


@dataclass
class PurgeReport:
    destroyed: dict[str, int] = field(default_factory=dict)
    kept: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # no purger registered
    failed: dict[str, str] = field(default_factory=dict)  # the purger raised; nothing was changed
    vacuumed: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.destroyed.values())

    @property
    def complete(self) -> bool:
        """Everything due was purged: no class lacked a purger, none failed."""
        return not self.missing and not self.failed


def run_purge(
    *, now: datetime | None = None, by=None, only: Iterable[str] | None = None
) -> PurgeReport:
    """Apply the schedule once (or to the classes in ``only``). Running it again destroys nothing
    more. Each class is purged in its own transaction: one failing leaves the others done.
    """
    now = now or timezone.now()
    wanted = set(only) if only is not None else set(DataClass.values)
    report = PurgeReport()
    for rule in RetentionRule.objects.schedule():
        if rule.data_class in wanted:
            _purge_one(rule, now, report)
    log_action(
        PURGE_RUN,
        user=by,
        data={
            "destroyed": report.destroyed,
            "missing": report.missing,
            "failed": sorted(report.failed),
            "at": now.isoformat(),
        },
    )
    touched = [
        model
        for data_class, count in report.destroyed.items()
        if count
        for model in _registry[data_class].models
    ]
    report.vacuumed = vacuum(touched)
    return report


def _purge_one(rule: RetentionRule, now: datetime, report: PurgeReport) -> None:
    data_class = rule.data_class
    if data_class in NEVER_PURGED:
        report.kept.append(data_class)
        return
    registered = _registry.get(data_class)
    if registered is None:
        report.missing.append(data_class)
        return
    try:
        with transaction.atomic():
            report.destroyed[data_class] = registered.purger(older_than=rule.cutoff(now))
    except Exception as error:  # reported, and the command fails
        logger.exception("The purge of %s failed.", data_class)
        report.failed[data_class] = f"{type(error).__name__}: {error}"


def vacuum(touched: Iterable[type[Model]]) -> list[str]:
    """Reclaim the old versions of the rows a purge rewrote; return the tables vacuumed.

    PostgreSQL keeps the previous version of an updated or deleted row in the table until
    VACUUM removes it, so blanked text and destroyed keys would still be readable from the data
    files. VACUUM has no ORM equivalent and cannot run inside a transaction: inside one (a test,
    a caller's atomic block) it is left to autovacuum and nothing is reported.
    """
    tables = sorted({model._meta.db_table for model in touched})
    if not tables or connection.in_atomic_block:
        return []
    quoted = ", ".join(connection.ops.quote_name(table) for table in tables)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"VACUUM (ANALYZE) {quoted}")
        elif connection.vendor == "sqlite":
            cursor.execute("VACUUM")  # SQLite vacuums the whole file
        else:
            return []
    return tables
