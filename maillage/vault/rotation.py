"""Master key rotation: rewrap every live data key under the new master key.

The people's ciphertext never changes (it is sealed with the per-situation data key), so a
rotation touches one small row per situation plus the match keys, which are derived from the
master key and must be recomputed for repeat detection to keep working.
"""

from dataclasses import dataclass, field

from django.db import transaction

from maillage.core.audit import log_action

from . import crypto
from .audit import KEY_ROTATE
from .models import VaultKey, VaultPerson


@dataclass
class Rotation:
    key_id: str
    rewrapped: int = 0
    failed: list[int] = field(default_factory=list)  # situation ids whose key could not be opened


def rotate_master_key() -> Rotation:
    """Rewrap keys wrapped by any key but the current one. Safe to run again after a failure."""
    master = crypto.current_master_key()
    result = Rotation(key_id=master.id)
    pending = (
        VaultKey.objects.filter(destroyed_at__isnull=True)
        .exclude(master_key_id=master.id)
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
        fields=["wrapped_key", "match_key"],
        data={"key_id": master.id, "rewrapped": result.rewrapped, "failed": result.failed},
    )
    return result


@transaction.atomic
def _rewrap_one(pk: int, master: crypto.MasterKey) -> bool:
    key = VaultKey.objects.select_for_update().select_related("situation").get(pk=pk)
    if key.is_destroyed or key.master_key_id == master.id:
        return False
    data_key = key.data_key()
    for person in VaultPerson.objects.filter(situation_id=key.situation_id):
        identity = person.unseal(data_key)
        person.match_key = crypto.match_key(
            master, key.situation.table_id, identity.name, identity.born_on
        )
        person.save(update_fields=["match_key"])
    key.rewrap(master)
    return True
