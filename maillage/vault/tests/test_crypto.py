import base64
from datetime import date

from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test import SimpleTestCase, override_settings

from maillage.vault import crypto
from maillage.vault.models import Identity, VaultKey, VaultPerson

from .base import VaultTestCase

OTHER_KEY = base64.b64encode(b"k" * 32).decode()


class MasterKeyTests(SimpleTestCase):
    def test_the_development_key_is_32_bytes(self):
        assert len(crypto.current_master_key().key) == 32

    def test_a_key_of_the_wrong_length_is_refused(self):
        with self.assertRaises(ImproperlyConfigured):
            crypto.parse_master_key(base64.b64encode(b"too short").decode())

    def test_a_key_that_is_not_base64_is_refused(self):
        with self.assertRaises(ImproperlyConfigured):
            crypto.parse_master_key("not base64 at all!")

    @override_settings(MAILLAGE_VAULT_KEY="c2hvcnQ=")
    def test_the_system_check_reports_a_bad_key(self):
        ids = [message.id for message in run_checks()]
        assert "vault.E001" in ids

    def test_names_are_normalised_before_matching(self):
        assert crypto.normalise_name("Tremblay, Ève-Marie") == "eve marie tremblay"
        assert crypto.normalise_name("  ÈVE marie TREMBLAY ") == "eve marie tremblay"

    def test_no_match_key_without_a_date_of_birth(self):
        master = crypto.current_master_key()
        assert crypto.match_key(master, 1, "Marie Tremblay", None) == ""
        assert crypto.match_key(master, 1, "", date(1980, 1, 1)) == ""

    def test_match_keys_differ_between_tables_for_the_same_person(self):
        master = crypto.current_master_key()
        born = date(1980, 5, 17)
        assert crypto.match_key(master, 1, "Marie Tremblay", born) == crypto.match_key(
            master, 1, "tremblay marie", born
        )
        assert crypto.match_key(master, 1, "Marie Tremblay", born) != crypto.match_key(
            master, 2, "Marie Tremblay", born
        )


class EncryptionTests(VaultTestCase):
    def test_a_person_round_trips_through_the_vault(self):
        situation = self.situation_in("mobilized")
        person = self.add(situation, notes="Chien agressif à l'entrée.").person
        stored = VaultPerson.objects.get(pk=person.pk)
        identity = stored.unseal(situation.vault_key.data_key())
        assert identity == self.identity(notes="Chien agressif à l'entrée.")

    def test_the_stored_ciphertext_contains_no_plaintext(self):
        situation = self.situation_in("mobilized")
        person = self.add(situation).person
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM vault_vaultperson WHERE id = %s", [person.pk])
            row = cursor.fetchone()
        raw = b"".join(bytes(v) if isinstance(v, memoryview) else str(v).encode() for v in row)
        for secret in ("Marie", "Tremblay", "1980", "rables", "705-555"):
            assert secret.encode() not in raw
        assert "Tremblay" not in str(person)

    def test_a_blob_copied_to_another_situation_does_not_open(self):
        first = self.situation_in("mobilized")
        second = self.situation_in("mobilized")
        person = self.add(first).person
        self.add(second, name="Autre Personne")
        moved = VaultPerson(situation=second, sealed=person.sealed)
        with self.assertRaises(crypto.VaultLocked):
            moved.unseal(second.vault_key.data_key())

    def test_a_wrapped_key_does_not_open_under_another_master_key(self):
        situation = self.situation_in("mobilized")
        self.add(situation)
        key = VaultKey.objects.get(situation=situation)
        with override_settings(MAILLAGE_VAULT_KEY=OTHER_KEY), self.assertRaises(crypto.VaultLocked):
            key.data_key()

    def test_each_situation_gets_its_own_data_key(self):
        first = self.situation_in("mobilized")
        second = self.situation_in("mobilized")
        self.add(first)
        self.add(second)
        assert first.vault_key.data_key() != second.vault_key.data_key()

    def test_identity_ignores_unknown_stored_fields(self):
        raw = b'{"name": "A", "born_on": null, "retired_field": "x"}'
        assert Identity.from_bytes(raw) == Identity(name="A")
