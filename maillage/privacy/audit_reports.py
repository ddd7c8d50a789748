"""Reports on the audit trail for the privacy officer: who saw a person, and spot checks."""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from maillage.core.models import AuditEntry
from maillage.vault.audit import VAULT_VIEW

# Reads of identifying data. The vault writes one entry per person shown.
IDENTIFYING_READS = (VAULT_VIEW,)
VAULT_PERSON_TYPES = ("vault.vaultperson", "situations.vaultperson")
SAMPLE_SIZE = 20


def identifying_reads():
    return AuditEntry.objects.filter(
        action__in=IDENTIFYING_READS, object_type__in=VAULT_PERSON_TYPES
    )


def access_report(*, reference: str = "", object_id: int | None = None):
    """Every read of one vault person (or of every person of a situation), oldest first.

    A person's reference (e.g. ``RMT-0042-P1``) is what the audit entry stores as its label,
    so the report still works after the vault itself has been destroyed.
    """
    query = Q()
    if object_id:
        query |= Q(object_id=str(object_id))
    if reference:
        reference = reference.strip().upper()
        query |= Q(label__iexact=reference) | Q(label__istartswith=f"{reference}-P")
    return identifying_reads().filter(query).select_related("table").order_by("at", "id")


def targeted_reads(*, user: str = "", organization=None, table=None, days: int = 30):
    since = timezone.now() - timedelta(days=days)
    entries = identifying_reads().filter(at__gte=since)
    if user:
        entries = entries.filter(actor__username__iexact=user)
    if organization is not None:
        entries = entries.filter(
            Q(organization=organization) | Q(actor__memberships__organization=organization)
        ).distinct()
    if table is not None:
        entries = entries.filter(table=table)
    return entries


def random_sample(entries, size: int = SAMPLE_SIZE):
    """A random handful of reads, for the periodic spot check that PHIPA audits expect."""
    return entries.order_by("?")[:size]
