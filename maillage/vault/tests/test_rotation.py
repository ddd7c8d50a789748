import base64
from datetime import timedelta
from io import StringIO

from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone

from maillage.core.models import AuditEntry
from maillage.situations.models import Situation
from maillage.vault import crypto
from maillage.vault.audit import KEY_ROTATE
from maillage.vault.models import PossibleRepeat, VaultKey, VaultPerson

from .base import VaultTestCase

OLD = crypto.current_master_key()
NEW_VALUE = base64.b64encode(bytes(range(32))).decode()
NEW = crypto.parse_master_key(NEW_VALUE)


class RotationTests(VaultTestCase):
    def setUp(self):
        self.situation = self.situation_in("mobilized")
        self.person = self.add(self.situation).person

    def rotate(self):
        old_value = base64.b64encode(OLD.key).decode()
        with override_settings(MAILLAGE_VAULT_KEY=NEW_VALUE, MAILLAGE_VAULT_KEY_OLD=old_value):
            call_command("rotate_vault_key", stdout=StringIO(), stderr=StringIO())

    def test_rotation_rewraps_every_live_key_under_the_new_master_key(self):
        self.rotate()
        key = VaultKey.objects.get(situation=self.situation)
        assert key.master_key_id == NEW.id and key.rotated_at is not None
        with override_settings(MAILLAGE_VAULT_KEY=NEW_VALUE):
            identity = VaultPerson.objects.get(pk=self.person.pk).unseal(key.data_key())
        assert identity.name == "Marie Tremblay"
        assert AuditEntry.objects.get(action=KEY_ROTATE).data["rewrapped"] == 1

    def test_after_rotation_the_old_master_key_opens_nothing(self):
        self.rotate()
        wrapping = VaultKey.objects.get(situation=self.situation).wrapping_key
        assert wrapping.master_key_id == NEW.id
        with self.assertRaises(crypto.VaultLocked):
            crypto.open_sealed(
                OLD.key, bytes(wrapping.sealed_key), crypto.wrapping_key_context(wrapping.pk)
            )

    def test_a_vault_wrapped_by_the_master_key_itself_is_moved_under_a_wrapping_key(self):
        key = VaultKey.objects.get(situation=self.situation)
        data_key = key.data_key()
        legacy = crypto.seal(OLD.key, data_key, crypto.wrap_context(self.situation.pk))
        VaultKey.objects.filter(pk=key.pk).update(wrapped_key=legacy, wrapping_key=None)
        call_command("rotate_vault_key", stdout=StringIO(), stderr=StringIO())
        key = VaultKey.objects.get(situation=self.situation)
        assert key.wrapping_key is not None and key.data_key() == data_key
        assert bytes(key.wrapped_key) != legacy

    def test_repeats_are_still_found_after_rotation(self):
        Situation.objects.filter(pk=self.situation.pk).update(
            created_at=timezone.now() - timedelta(days=5)
        )
        self.rotate()
        with override_settings(MAILLAGE_VAULT_KEY=NEW_VALUE):
            later = self.situation_in("mobilized")
            self.add(later)
            assert PossibleRepeat.objects.filter(situation=later).exists()

    def test_running_it_twice_rewraps_nothing_more(self):
        self.rotate()
        self.rotate()
        runs = AuditEntry.objects.filter(action=KEY_ROTATE).order_by("id")
        assert [e.data["rewrapped"] for e in runs] == [1, 0]

    def test_without_the_old_key_it_fails_loudly_and_loses_nothing(self):
        before = bytes(VaultKey.objects.get(situation=self.situation).wrapped_key)
        with (
            override_settings(MAILLAGE_VAULT_KEY=NEW_VALUE, MAILLAGE_VAULT_KEY_OLD=""),
            self.assertRaises(CommandError),
        ):
            call_command("rotate_vault_key", stdout=StringIO(), stderr=StringIO())
        key = VaultKey.objects.get(situation=self.situation)
        assert bytes(key.wrapped_key) == before and key.master_key_id == OLD.id

    def test_destroyed_keys_are_left_alone(self):
        VaultKey.objects.get(situation=self.situation).destroy()
        self.rotate()
        assert VaultKey.objects.get(situation=self.situation).master_key_id == ""
