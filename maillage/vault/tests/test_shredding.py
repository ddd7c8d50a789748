"""Destroying a vault reaches its copies: backups, dumps and old row versions."""

from datetime import timedelta

from django.utils import timezone

from maillage.core.models import AuditEntry
from maillage.privacy.retention import run_purge
from maillage.situations.models import Situation
from maillage.vault import crypto
from maillage.vault.audit import WRAPPING_KEY_DESTROY
from maillage.vault.models import VaultKey, VaultPerson, WrappingKey

from .base import VaultTestCase


def dump_vault_tables() -> dict[str, list[dict]]:
    """What a backup of the vault holds: its rows as they are now. The wrapping keys are not in
    it: that table is dumped apart and only its newest dump is kept (docs/security.md)."""
    return {
        "keys": list(VaultKey.objects.values()),
        "people": list(VaultPerson.objects.values()),
    }


def names_from_dump(dump: dict[str, list[dict]]) -> list[str]:
    """Decrypt a dump as someone holding it and the master key would, with today's key table."""
    names = []
    for row in dump["keys"]:
        data_key = VaultKey(**row).data_key()
        for person in dump["people"]:
            if person["situation_id"] == row["situation_id"]:
                names.append(VaultPerson(**person).unseal(data_key).name)
    return names


class ShreddingTests(VaultTestCase):
    def concluded(self, days_ago: int, name: str = "Marie Tremblay") -> Situation:
        situation = self.situation_in("concluded")
        self.add(situation, name=name)
        concluded = timezone.now() - timedelta(days=days_ago)
        Situation.objects.filter(pk=situation.pk).update(concluded_at=concluded)
        return situation

    def test_a_dump_taken_before_the_purge_no_longer_decrypts_after_it(self):
        self.concluded(days_ago=31)
        dump = dump_vault_tables()
        assert names_from_dump(dump) == ["Marie Tremblay"]
        run_purge()
        with self.assertRaises(crypto.VaultLocked):
            names_from_dump(dump)

    def test_data_keys_are_never_wrapped_by_the_master_key_itself(self):
        situation = self.situation_in("mobilized")
        self.add(situation)
        key = VaultKey.objects.get(situation=situation)
        assert key.wrapping_key.period == timezone.localdate().replace(day=1)
        with self.assertRaises(crypto.VaultLocked):
            crypto.open_sealed(
                crypto.current_master_key().key,
                bytes(key.wrapped_key),
                crypto.wrap_context(situation.pk),
            )

    def test_vaults_kept_under_the_destroyed_key_move_to_a_new_one_and_still_open(self):
        due = self.concluded(days_ago=31)
        kept = self.situation_in("mobilized")
        self.add(kept, name="Paul Gagnon")
        retired = VaultKey.objects.get(situation=due).wrapping_key_id
        assert VaultKey.objects.get(situation=kept).wrapping_key_id == retired
        run_purge()
        key = VaultKey.objects.get(situation=kept)
        assert key.wrapping_key_id not in (None, retired)
        person = VaultPerson.objects.get(situation=kept)
        assert person.unseal(key.data_key()).name == "Paul Gagnon"
        assert not WrappingKey.objects.filter(pk=retired).exists()

    def test_destroying_the_wrapping_key_is_audited_once(self):
        situation = self.concluded(days_ago=31)
        retired = VaultKey.objects.get(situation=situation).wrapping_key_id
        run_purge()
        run_purge()
        entry = AuditEntry.objects.get(action=WRAPPING_KEY_DESTROY)
        assert entry.object_id == str(retired)
        assert entry.data == {"period": f"{timezone.localdate():%Y-%m}", "moved": 0}

    def test_a_purge_that_destroys_no_vault_keeps_every_wrapping_key(self):
        self.concluded(days_ago=3)
        before = list(WrappingKey.objects.values_list("pk", flat=True))
        run_purge()
        assert list(WrappingKey.objects.values_list("pk", flat=True)) == before != []
