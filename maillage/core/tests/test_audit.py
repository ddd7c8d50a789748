import json
import tempfile
from io import StringIO
from pathlib import Path
from unittest import skipUnless

from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.test import RequestFactory, TestCase, override_settings

from maillage.core.audit import DEMO_SEED, Action, UndeclaredAction, actions, log_action
from maillage.core.chain import GENESIS_HASH, chain_pending, verify_chain
from maillage.core.models import AuditEntry
from maillage.tables.audit import SEAT_ADD, TABLE_EDIT
from maillage.tables.testing import PersonaTestCase

TRIGGERS = ("core_auditentry_append_only", "core_auditentry_no_truncate")


def from_address(ip: str = "192.0.2.7"):
    return RequestFactory().get("/", REMOTE_ADDR=ip)


class DeclaredActionTests(PersonaTestCase):
    def test_an_undeclared_code_is_refused(self):
        with self.assertRaises(UndeclaredAction):
            log_action("tables.seat.add")  # type: ignore[arg-type]

    def test_a_lookalike_of_a_declared_action_is_refused(self):
        forged = Action("tables.seat.add", "Forged", "tables", {})
        with self.assertRaises(UndeclaredAction):
            log_action(forged)
        self.assertFalse(AuditEntry.objects.exists())

    def test_a_code_is_declared_once(self):
        with self.assertRaisesMessage(ValueError, "declared twice"):
            actions.declare("tables.seat.add", "Again", category="tables")

    def test_every_declared_action_has_a_label_and_a_known_category(self):
        categories = {c.key for c in actions.categories()}
        for action in actions:
            self.assertTrue(str(action.label), action)
            self.assertIn(action.category, categories, action)

    def test_free_text_is_refused_in_details(self):
        with self.assertRaisesMessage(ValueError, "free text"):
            log_action(TABLE_EDIT, data={"note": "Marie Tremblay a appelé"})
        self.assertFalse(AuditEntry.objects.exists())


class AuditEntryTests(PersonaTestCase):
    def test_entry_records_references_and_field_names_not_names_or_values(self):
        entry = log_action(
            TABLE_EDIT,
            user=self.coordinator,
            obj=self.coordinator,
            table=self.table,
            organization=self.city,
            fields=["name_fr", "cadence"],
        )
        entry.refresh_from_db()
        self.assertEqual(entry.actor, self.coordinator)
        self.assertEqual(entry.object_type, "accounts.user")
        self.assertEqual(entry.object_id, str(self.coordinator.pk))
        self.assertEqual(entry.label, "")
        self.assertEqual(entry.fields, ["cadence", "name_fr"])
        self.assertEqual(entry.organization, self.city)
        stored = json.dumps([entry.label, entry.data, entry.action, entry.object_type])
        self.assertNotIn("coordinator", stored)

    def test_entries_wait_unchained_until_the_chaining_step(self):
        entry = log_action(SEAT_ADD, table=self.table)
        self.assertIsNone(entry.sequence)
        self.assertEqual(chain_pending(), 1)
        entry.refresh_from_db()
        self.assertEqual((entry.sequence, entry.prev_hash), (1, GENESIS_HASH))

    def test_each_entry_is_chained_to_the_one_before_it(self):
        first = log_action(SEAT_ADD, user=self.coordinator, table=self.table)
        second = log_action(TABLE_EDIT, user=self.member, fields=["name"])
        chain_pending()
        first.refresh_from_db()
        second.refresh_from_db()
        self.assertEqual((second.sequence, second.prev_hash), (2, first.hash))
        self.assertEqual(list(verify_chain()), [])

    def test_the_hash_depends_on_the_key(self):
        log_action(SEAT_ADD)
        chain_pending()
        self.assertEqual(list(verify_chain()), [])
        self.assertEqual(len(list(verify_chain(key=b"another key"))), 1)

    def test_chaining_runs_once_when_the_transaction_commits(self):
        with self.captureOnCommitCallbacks(execute=True) as callbacks:
            entries = [log_action(SEAT_ADD) for _ in range(3)]
        self.assertEqual(len(callbacks), 1)
        self.assertEqual([e.sequence for e in AuditEntry.objects.order_by("id")], [1, 2, 3])
        self.assertEqual(len(entries), 3)


class RedactionTests(PersonaTestCase):
    def test_redacting_blanks_the_address_and_the_chain_still_verifies(self):
        mine = log_action(SEAT_ADD, user=self.member, request=from_address())
        theirs = log_action(SEAT_ADD, user=self.coordinator, request=from_address("192.0.2.8"))
        chain_pending()
        self.assertEqual(AuditEntry.objects.about_person(self.member).redact(), 1)
        mine.refresh_from_db()
        theirs.refresh_from_db()
        self.assertIsNone(mine.ip_address)
        self.assertEqual(mine.redaction_salt, "")
        self.assertEqual(theirs.ip_address, "192.0.2.8")
        self.assertEqual(list(verify_chain()), [])

    def test_an_entry_about_the_persons_account_is_redacted_too(self):
        entry = log_action(SEAT_ADD, obj=self.member, request=from_address())
        AuditEntry.objects.about_person(self.member).redact()
        entry.refresh_from_db()
        self.assertIsNone(entry.ip_address)


class VerifyCommandTests(PersonaTestCase):
    def test_verify_audit_chains_waiting_entries_and_reports_an_intact_trail(self):
        log_action(DEMO_SEED)
        out = StringIO()
        call_command("verify_audit", stdout=out)
        self.assertIn("1 entries verified", out.getvalue())

    def test_an_empty_trail_fails(self):
        with self.assertRaisesMessage(CommandError, "empty"):
            call_command("verify_audit", stdout=StringIO())
        call_command("verify_audit", "--allow-empty", stdout=StringIO())


class CheckpointTests(PersonaTestCase):
    def setUp(self):
        directory = tempfile.TemporaryDirectory()
        self.addCleanup(directory.cleanup)
        self.path = Path(directory.name) / "checkpoints.jsonl"
        settings = override_settings(AUDIT_CHECKPOINT_PATH=str(self.path))
        settings.enable()
        self.addCleanup(settings.disable)
        for _ in range(3):
            log_action(DEMO_SEED)
        call_command("verify_audit", "--checkpoint", stdout=StringIO())

    def test_a_checkpoint_records_the_signed_head(self):
        checkpoint = json.loads(self.path.read_text().splitlines()[-1])
        self.assertEqual(checkpoint["count"], 3)
        self.assertEqual(checkpoint["hash"], AuditEntry.objects.get(sequence=3).hash)
        self.assertEqual(len(checkpoint["signature"]), 64)

    def test_a_longer_chain_passes(self):
        log_action(DEMO_SEED)
        out = StringIO()
        call_command("verify_audit", stdout=out)
        self.assertIn("4 entries verified", out.getvalue())

    def test_a_forged_checkpoint_is_refused(self):
        checkpoint = json.loads(self.path.read_text().splitlines()[-1])
        checkpoint["count"] = 1
        self.path.write_text(json.dumps(checkpoint) + "\n")
        with self.assertRaisesMessage(CommandError, "not signed"):
            call_command("verify_audit", stdout=StringIO())


@skipUnless(connection.vendor == "postgresql", "the append-only trigger is PostgreSQL's")
class AppendOnlyTests(TestCase):
    def setUp(self):
        self.entries = [log_action(DEMO_SEED, request=from_address()) for _ in range(4)]
        chain_pending()
        for entry in self.entries:
            entry.refresh_from_db()

    def refused(self, sql: str, params=()) -> None:
        with self.assertRaises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL maillage.allow_audit_truncate = off")
            cursor.execute(sql, params)

    def test_database_refuses_to_update_an_entry(self):
        with self.assertRaises(DatabaseError), transaction.atomic():
            AuditEntry.objects.filter(pk=self.entries[0].pk).update(action="forged")

    def test_database_refuses_to_rechain_an_entry(self):
        self.refused("UPDATE core_auditentry SET hash = 'x' WHERE id = %s", [self.entries[0].pk])

    def test_database_refuses_to_delete_an_entry(self):
        with self.assertRaises(DatabaseError), transaction.atomic():
            AuditEntry.objects.filter(pk=self.entries[0].pk).delete()

    def test_database_refuses_to_truncate_the_trail(self):
        self.refused("TRUNCATE core_auditentry")
        self.assertEqual(AuditEntry.objects.count(), 4)

    def test_redaction_may_not_change_anything_else(self):
        self.refused(
            "UPDATE core_auditentry SET ip_address = NULL, redaction_salt = '', "
            "redacted_at = now(), action = 'forged' WHERE id = %s",
            [self.entries[0].pk],
        )

    def _tamper(self, sql: str, params: list) -> None:
        with connection.cursor() as cursor:
            for trigger in TRIGGERS:
                cursor.execute(f"ALTER TABLE core_auditentry DISABLE TRIGGER {trigger}")
            cursor.execute(sql, params)
            for trigger in TRIGGERS:
                cursor.execute(f"ALTER TABLE core_auditentry ENABLE TRIGGER {trigger}")

    def test_tampered_content_is_detected_at_the_first_broken_link(self):
        self._tamper(
            "UPDATE core_auditentry SET action = %s WHERE id = %s", ["forged", self.entries[1].pk]
        )
        broken = list(verify_chain())
        self.assertEqual(broken[0].entry_id, self.entries[1].pk)
        with self.assertRaisesMessage(CommandError, f"#{self.entries[1].pk}"):
            call_command("verify_audit", stdout=StringIO())

    def test_a_rewritten_row_is_detected_even_with_the_following_hashes_recomputed(self):
        # Whoever rewrites the database without the key can only use a key of their own.
        self._tamper(
            "UPDATE core_auditentry SET action = %s WHERE id = %s", ["forged", self.entries[1].pk]
        )
        forger_key = b"the forger's guess"
        prev = self.entries[0].hash
        for entry in AuditEntry.objects.filter(sequence__gte=2).order_by("sequence"):
            entry.prev_hash = prev
            prev = entry.compute_hash(forger_key)
            self._tamper(
                "UPDATE core_auditentry SET prev_hash = %s, hash = %s WHERE id = %s",
                [entry.prev_hash, prev, entry.pk],
            )
        broken = [link.entry_id for link in verify_chain()]
        self.assertEqual(broken, [e.pk for e in self.entries[1:]])

    def test_a_changed_address_is_detected(self):
        self._tamper(
            "UPDATE core_auditentry SET ip_address = '198.51.100.1' WHERE id = %s",
            [self.entries[2].pk],
        )
        self.assertEqual(next(verify_chain()).entry_id, self.entries[2].pk)

    def test_a_deleted_entry_is_detected(self):
        self._tamper("DELETE FROM core_auditentry WHERE id = %s", [self.entries[1].pk])
        self.assertEqual(next(verify_chain()).entry_id, self.entries[2].pk)

    def test_deleting_the_newest_entries_is_detected_against_the_checkpoint(self):
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / "checkpoints.jsonl"
            with override_settings(AUDIT_CHECKPOINT_PATH=str(path)):
                call_command("verify_audit", "--checkpoint", stdout=StringIO())
                self._tamper("DELETE FROM core_auditentry WHERE sequence >= 3", [])
                self.assertEqual(list(verify_chain()), [])
                with self.assertRaisesMessage(CommandError, "fewer than the 4"):
                    call_command("verify_audit", stdout=StringIO())

    def test_an_emptied_trail_is_detected_against_the_checkpoint(self):
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / "checkpoints.jsonl"
            with override_settings(AUDIT_CHECKPOINT_PATH=str(path)):
                call_command("verify_audit", "--checkpoint", stdout=StringIO())
                self._tamper("DELETE FROM core_auditentry", [])
                with self.assertRaisesMessage(CommandError, "shortened"):
                    call_command("verify_audit", "--allow-empty", stdout=StringIO())
