from datetime import timedelta
from io import StringIO

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from maillage.core.models import AuditEntry
from maillage.privacy.audit import PURGE_RUN
from maillage.privacy.models import DataClass, RetentionRule
from maillage.privacy.services import set_retention
from maillage.situations.models import Situation
from maillage.vault import crypto
from maillage.vault.audit import KEY_DESTROY, VAULT_VIEW
from maillage.vault.models import VaultKey, VaultPerson
from maillage.vault.services import destroy_expired_vaults

from .base import VaultTestCase


def retention_cutoff():
    """The moment before which conclusions are past the vault's retention rule."""
    return RetentionRule.objects.rule(DataClass.VAULT).cutoff()


class DestructionTests(VaultTestCase):
    def concluded(self, days_ago: int) -> Situation:
        situation = self.situation_in("concluded")
        self.add(situation)
        concluded = timezone.now() - timedelta(days=days_ago)
        Situation.objects.filter(pk=situation.pk).update(concluded_at=concluded)
        return situation

    def test_an_expired_vault_can_no_longer_be_read_by_anyone(self):
        situation = self.concluded(days_ago=31)
        person = VaultPerson.objects.get(situation=situation)
        assert destroy_expired_vaults(older_than=retention_cutoff()) == 1
        key = VaultKey.objects.get(situation=situation)
        person.refresh_from_db()
        assert key.is_destroyed and key.wrapped_key is None
        assert bytes(person.sealed) == b"" and person.match_key == ""
        with self.assertRaises(crypto.VaultLocked):
            key.data_key()

    def test_the_de_identified_record_remains(self):
        situation = self.concluded(days_ago=31)
        destroy_expired_vaults(older_than=retention_cutoff())
        kept = Situation.objects.get(pk=situation.pk)
        assert kept.status == "concluded"
        assert list(kept.risk_factors.all()) == self.factors
        assert VaultPerson.objects.filter(situation=situation).count() == 1

    def test_recent_conclusions_and_open_situations_are_kept(self):
        recent = self.concluded(days_ago=29)
        open_situation = self.situation_in("mobilized")
        self.add(open_situation)
        assert destroy_expired_vaults(older_than=retention_cutoff()) == 0
        for situation in (recent, open_situation):
            assert VaultKey.objects.get(situation=situation).data_key()

    def test_destruction_is_audited_and_runs_once(self):
        situation = self.concluded(days_ago=60)
        destroy_expired_vaults(older_than=retention_cutoff())
        assert destroy_expired_vaults(older_than=retention_cutoff()) == 0
        entry = AuditEntry.objects.get(action=KEY_DESTROY)
        assert entry.table == self.table
        assert entry.object_id == str(situation.vault_key.pk)
        assert entry.data["people"] == 1

    def test_the_period_is_the_privacy_officers_rule(self):
        self.concluded(days_ago=60)
        set_retention(data_class=DataClass.VAULT, keep_days=90, by=self.privacy_officer)
        assert destroy_expired_vaults(older_than=retention_cutoff()) == 0

    def test_the_page_says_the_vault_was_destroyed_and_nothing_can_be_added(self):
        situation = self.concluded(days_ago=31)
        destroy_expired_vaults(older_than=retention_cutoff())
        self.sign_in(self.lead_worker)
        response = self.client.post(
            reverse("vault:situation", args=[situation.pk]), {"reason": "plan"}
        )
        self.assertContains(response, "détruites")
        assert not AuditEntry.objects.filter(action=VAULT_VIEW).exists()
        with self.assertRaises(ValidationError):
            self.add(situation)

    def test_the_command_destroys_what_is_due(self):
        self.concluded(days_ago=31)
        out = StringIO()
        call_command("destroy_expired_vaults", stdout=out)
        assert "Destroyed 1 vaults" in out.getvalue()
        assert VaultKey.objects.filter(destroyed_at__isnull=False).count() == 1

    def test_the_command_follows_the_rule_not_the_setting(self):
        situation = self.concluded(days_ago=10)
        call_command("destroy_expired_vaults", stdout=StringIO())
        assert not VaultKey.objects.get(situation=situation).is_destroyed
        set_retention(data_class=DataClass.VAULT, keep_days=7, by=self.privacy_officer)
        call_command("destroy_expired_vaults", stdout=StringIO())
        assert VaultKey.objects.get(situation=situation).is_destroyed
        assert AuditEntry.objects.filter(action=PURGE_RUN).count() == 2
