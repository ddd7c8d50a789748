"""The audit trail's chain: each entry's place and keyed hash, its verification and checkpoints.

Three threats shape it:

- **Rewriting a row and recomputing the following hashes.** Each hash is an HMAC-SHA256 under
  ``AUDIT_CHAIN_KEY``, a key kept in the service's environment and never in the database, so
  whoever can only write to the database cannot produce a valid hash.
- **Deleting rows.** Each entry carries its ``sequence`` number inside the hash: a gap is seen at
  once. Deleting the *newest* rows (or everything) leaves a chain that is valid but short, so
  ``write_checkpoint`` records the count and last hash, signed, outside the database (a file the
  operator ships elsewhere, and the log); verification compares the chain to the last one.
- **Waiting.** Chaining needs one writer at a time. Entries are inserted in the request's own
  transaction without a place, and ``chain_pending`` gives them one in a short transaction of its
  own after commit, holding the lock only for that step: no audited write queues behind another
  request's rendering. Entries left unchained (a crash right after commit) are chained by the
  next request's step or by ``maillage verify_audit``.
"""

import hashlib
import hmac
import json
import logging
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from .models import AuditEntry, canonical

GENESIS_HASH = "0" * 64
# Arbitrary constant naming the PostgreSQL advisory lock that serialises chaining.
CHAIN_LOCK_ID = 7_261_944
BATCH = 500

logger = logging.getLogger("maillage.audit")


def chain_key() -> bytes:
    return settings.AUDIT_CHAIN_KEY.encode()


def _lock_chain() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK_ID])


def chain_pending() -> int:
    """Give every committed, unchained entry its place and hash; return how many."""
    chained = 0
    while True:
        with transaction.atomic():
            _lock_chain()
            head = AuditEntry.objects.chained().order_by("-sequence").first()
            sequence, prev = (head.sequence or 0, head.hash) if head else (0, GENESIS_HASH)
            pending = list(AuditEntry.objects.unchained().order_by("id")[:BATCH])
            for entry in pending:
                sequence += 1
                entry.sequence, entry.prev_hash = sequence, prev
                entry.hash = prev = entry.compute_hash(chain_key())
            AuditEntry.objects.bulk_update(pending, ["sequence", "prev_hash", "hash"])
        chained += len(pending)
        if len(pending) < BATCH:
            return chained


@dataclass(frozen=True)
class BrokenLink:
    entry_id: int
    reason: str


def verify_chain(key: bytes | None = None) -> Iterator[BrokenLink]:
    """Yield every place where the chained entries do not hold, in chain order."""
    key = key or chain_key()
    prev, expected = GENESIS_HASH, 1
    for entry in AuditEntry.objects.chained().order_by("sequence").iterator(chunk_size=2000):
        if entry.sequence != expected:
            yield BrokenLink(entry.pk, f"entries {expected} to {entry.sequence - 1} are missing")
        elif entry.prev_hash != prev:
            yield BrokenLink(entry.pk, "previous hash does not match the entry before it")
        elif not hmac.compare_digest(entry.compute_hash(key), entry.hash):
            yield BrokenLink(entry.pk, "content does not match its hash")
        elif not entry.redactable_part_holds():
            yield BrokenLink(entry.pk, "address does not match its digest")
        prev, expected = entry.hash, (entry.sequence or 0) + 1


@dataclass(frozen=True)
class Checkpoint:
    """The head of the chain at a moment, signed with the chain key."""

    at: str
    count: int
    hash: str
    signature: str = ""

    def _payload(self) -> bytes:
        return b"checkpoint:" + canonical({"at": self.at, "count": self.count, "hash": self.hash})

    def signed(self, key: bytes) -> "Checkpoint":
        signature = hmac.new(key, self._payload(), hashlib.sha256).hexdigest()
        return Checkpoint(self.at, self.count, self.hash, signature)

    def is_authentic(self, key: bytes) -> bool:
        return hmac.compare_digest(self.signed(key).signature, self.signature)


def head() -> Checkpoint:
    last = AuditEntry.objects.chained().order_by("-sequence").first()
    count, last_hash = (last.sequence or 0, last.hash) if last else (0, GENESIS_HASH)
    return Checkpoint(timezone.now().isoformat(), count, last_hash).signed(chain_key())


def write_checkpoint(path: Path) -> Checkpoint:
    """Append the signed head of the chain to ``path`` (one JSON line) and to the log."""
    checkpoint = head()
    line = json.dumps(asdict(checkpoint), sort_keys=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as stream:
        stream.write(line + "\n")
    logger.warning("audit checkpoint %s", line)
    return checkpoint


class CheckpointError(Exception):
    pass


def last_checkpoint(path: Path) -> Checkpoint | None:
    if not path.exists():
        return None
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if not lines:
        return None
    try:
        checkpoint = Checkpoint(**json.loads(lines[-1]))
    except (TypeError, ValueError) as error:
        raise CheckpointError(f"the last checkpoint in {path} cannot be read") from error
    if not checkpoint.is_authentic(chain_key()):
        raise CheckpointError(f"the last checkpoint in {path} is not signed with the chain key")
    return checkpoint


def compare_to_checkpoint(checkpoint: Checkpoint) -> str | None:
    """Why the chain does not extend ``checkpoint``, or None when it does."""
    current = head()
    if current.count < checkpoint.count:
        return (
            f"the chain holds {current.count} entries, fewer than the "
            f"{checkpoint.count} of the checkpoint of {checkpoint.at}"
        )
    if checkpoint.count == 0:
        return None
    entry = AuditEntry.objects.filter(sequence=checkpoint.count).first()
    if entry is None or entry.hash != checkpoint.hash:
        return f"entry {checkpoint.count} differs from the checkpoint of {checkpoint.at}"
    return None
