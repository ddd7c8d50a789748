"""The one audit API: every write and every read of sensitive data goes through ``log_action``."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import connection, models, transaction
from django.http import HttpRequest
from django.utils import timezone

from . import http
from .models import AuditEntry

GENESIS_HASH = "0" * 64
# Arbitrary constant naming the PostgreSQL advisory lock that serialises the hash chain.
CHAIN_LOCK_ID = 7_261_944


def client_ip(request: HttpRequest | None) -> str | None:
    return http.client_ip(request)  # the trusted-proxy rule lives in core/http.py


def _lock_chain() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK_ID])


@transaction.atomic
def log_action(
    action: str,
    *,
    user: Any = None,
    obj: models.Model | None = None,
    organization: Any = None,
    table: Any = None,
    fields: Iterable[str] = (),
    data: dict[str, Any] | None = None,
    request: HttpRequest | None = None,
) -> AuditEntry:
    """Append one entry to the audit trail, chained to the previous one.

    ``action`` is a namespaced code such as ``"tables.member.add"``. ``fields`` names what
    changed; values of sensitive fields must never be passed in ``data``.
    """
    _lock_chain()
    last = AuditEntry.objects.order_by("-id").values_list("hash", flat=True).first()
    actor = user if user is not None and user.is_authenticated else None
    entry = AuditEntry(
        at=timezone.now(),
        actor=actor,
        actor_label=actor.get_username() if actor else "",
        organization=organization,
        table=table,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        fields=sorted(fields),
        data=data or {},
        ip_address=client_ip(request),
        prev_hash=last or GENESIS_HASH,
    )
    entry.hash = entry.compute_hash()
    entry.save(force_insert=True)
    return entry


@dataclass(frozen=True)
class BrokenLink:
    entry_id: int
    reason: str


def verify_chain(entries: Iterable[AuditEntry] | None = None) -> Iterator[BrokenLink]:
    """Yield every place where the chain does not hold, oldest first."""
    if entries is None:
        entries = AuditEntry.objects.order_by("id").iterator(chunk_size=2000)
    prev = GENESIS_HASH
    for entry in entries:
        if entry.prev_hash != prev:
            yield BrokenLink(entry.pk, "previous hash does not match the entry before it")
        elif entry.compute_hash() != entry.hash:
            yield BrokenLink(entry.pk, "content does not match its hash")
        prev = entry.hash
