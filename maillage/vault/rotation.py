"""Master key rotation: reseal every wrapping key under the new master key.

The people's ciphertext never changes (it is sealed with the per-situation data key), nor do the
data keys (sealed with a wrapping key): a rotation reseals the few wrapping keys, then recomputes
the match keys of each vault, which are derived from the master key and must follow it for
repeat detection to keep working. Vaults made before wrapping keys existed, still wrapped by the
master key itself, are moved under the current wrapping key on the way: run the command once
after upgrading, even without a new master key.
"""

from contextlib import suppress
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from maillage.core.audit import log_action

from . import crypto
from .audit import KEY_ROTATE
from .models import VaultKey, VaultPerson, WrappingKey


@dataclass
class Rotation:
    key_id: str
    rewrapped: int = 0
    failed: list[int] = field(default_factory=list)  # situation ids whose key could not be opened


def rotate_master_key() -> Rotation:
    """Bring every live vault under the current master key. Safe to run again after a failure."""
    master = crypto.current_master_key()
    result = Rotation(key_id=master.id)
    stale = WrappingKey.objects.exclude(master_key_id=master.id).values_list("pk", flat=True)
    for pk in list(stale):
        # A key that cannot be opened leaves its vaults unopened too: they are reported below.
        with suppress(crypto.VaultLocked):
            _reseal_one(pk, master)
    pending = (
        VaultKey.objects.filter(destroyed_at__isnull=True)
        .filter(Q(wrapping_key__isnull=True) | ~Q(master_key_id=master.id))
        .values_list("pk", flat=True)
    )
    for pk in list(pending):
        try:
            if _rewrap_one(pk, master):
                result.rewrapped += 1
        except crypto.VaultLocked:
            result.failed.append(VaultKey.objects.get(pk=pk).situation_id)
    log_action(
        KEY_ROTATE,
        fields=["sealed_key", "wrapped_key", "match_key"],
        data={"key_id": master.id, "rewrapped": result.rewrapped, "failed": result.failed},
    )
    return result


@transaction.atomic
def _reseal_one(pk: int, master: crypto.MasterKey) -> None:
    wrapping = WrappingKey.objects.select_for_update().filter(pk=pk).first()
    if wrapping is not None and wrapping.master_key_id != master.id:
        wrapping.rewrap(master)


@transaction.atomic
def _rewrap_one(pk: int, master: crypto.MasterKey) -> bool:
    key = VaultKey.objects.select_for_update().select_related("situation").get(pk=pk)
    if key.is_destroyed:
        return False
    if key.wrapping_key_id is not None and key.master_key_id == master.id:
        return False
    data_key = key.data_key()
    if key.master_key_id != master.id:
        for person in VaultPerson.objects.filter(situation_id=key.situation_id):
            identity = person.unseal(data_key)
            person.match_key = crypto.match_key(
                master, key.situation.table_id, identity.name, identity.born_on
            )
            person.save(update_fields=["match_key"])
    if key.wrapping_key_id is None:
        key.rewrap(WrappingKey.current())
    else:
        key.master_key_id = master.id
        key.rotated_at = timezone.now()
        key.save(update_fields=["master_key_id", "rotated_at"])
    return True
