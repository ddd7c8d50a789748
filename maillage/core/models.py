import hashlib
import hmac
import json
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def canonical(content: Any) -> bytes:
    return json.dumps(content, sort_keys=True, separators=(",", ":"), default=str).encode()


def redactable_digest(salt: str, ip_address: str | None) -> str:
    """Digest of the part of an entry that may be blanked later.

    The salt is random per entry and is blanked with the rest, so once redacted the digest no
    longer lets anyone test guesses of the address it covered.
    """
    return hashlib.sha256(salt.encode() + canonical({"ip": ip_address})).hexdigest()


def chain_content(entry: Any) -> dict[str, Any]:
    """What the chain covers: everything but the redactable part, which it covers by digest."""
    return {
        "id": entry.pk,
        "sequence": entry.sequence,
        "prev": entry.prev_hash,
        "at": entry.at.isoformat(),
        "actor": entry.actor_id,
        "organization": entry.organization_id,
        "table": entry.table_id,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "label": entry.label,
        "fields": entry.fields,
        "data": entry.data,
        "redactable": entry.redactable_digest,
    }


def seal(key: bytes, entry: Any) -> str:
    """Keyed hash of an entry's content, its place and the previous entry's hash."""
    return hmac.new(key, canonical(chain_content(entry)), hashlib.sha256).hexdigest()


class AuditEntryQuerySet(models.QuerySet):
    def for_table(self, table_id: int) -> "AuditEntryQuerySet":
        return self.filter(table_id=table_id)

    def chained(self) -> "AuditEntryQuerySet":
        return self.filter(sequence__isnull=False)

    def unchained(self) -> "AuditEntryQuerySet":
        return self.filter(sequence__isnull=True)

    def about_person(self, user: Any) -> "AuditEntryQuerySet":
        """Entries this person wrote, and entries about their account."""
        return self.filter(
            models.Q(actor_id=user.pk)
            | models.Q(object_type=user._meta.label_lower, object_id=str(user.pk))
        )

    def redact(self) -> int:
        """Blank the redactable part of these entries; the chain still verifies afterwards."""
        return self.filter(redacted_at__isnull=True).update(
            ip_address=None, redaction_salt="", redacted_at=timezone.now()
        )


class AuditEntry(models.Model):
    """One line of the append-only audit trail.

    An entry holds references (who, which organisation and table, which object) and a label
    free of identifying data; names are looked up when the trail is read, so anonymising an
    account removes the name from the trail too. Rows are written in the caller's transaction
    without a place in the chain; a short step after commit gives each its ``sequence`` and a
    keyed hash (``maillage.core.chain``). A PostgreSQL trigger refuses every other change except
    redaction, which blanks the address (the redactable part) while the chain keeps only its
    digest. Foreign keys carry no database constraint so that no cascade can touch this table.
    """

    at = models.DateTimeField(_("when"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    table = models.ForeignKey(
        "tables.Table",
        verbose_name=_("table"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=80, db_index=True)
    object_type = models.CharField(_("object type"), max_length=80, blank=True)
    object_id = models.CharField(_("object"), max_length=64, blank=True)
    label = models.CharField(_("reference"), max_length=64, blank=True)
    fields = models.JSONField(_("fields changed"), default=list, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)
    # The redactable part, covered by the chain only through ``redactable_digest``.
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    redaction_salt = models.CharField(max_length=32, blank=True)
    redactable_digest = models.CharField(max_length=64)
    redacted_at = models.DateTimeField(_("redacted on"), null=True, blank=True)
    # The chain, filled in after commit.
    sequence = models.PositiveBigIntegerField(null=True, blank=True, unique=True)
    prev_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["table", "-at"]),
            models.Index(fields=["actor", "-at"]),
            models.Index(
                fields=["id"],
                condition=models.Q(sequence__isnull=True),
                name="core_audit_unchained",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} #{self.pk}"

    def seal_redactable(self, salt: str) -> None:
        self.redaction_salt = salt if self.ip_address else ""
        self.redactable_digest = redactable_digest(self.redaction_salt, self.ip_address)

    def redactable_part_holds(self) -> bool:
        """The address still matches its digest (always true once redacted: nothing is left)."""
        if self.redacted_at is not None:
            return self.ip_address is None and not self.redaction_salt
        return redactable_digest(self.redaction_salt, self.ip_address) == self.redactable_digest

    def compute_hash(self, key: bytes) -> str:
        return seal(key, self)
