from io import StringIO
from unittest import skipUnless

from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.test import TestCase

from maillage.core.audit import GENESIS_HASH, log_action, verify_chain
from maillage.core.models import AuditEntry
from maillage.tables.testing import PersonaTestCase

TRIGGER = "core_auditentry_append_only"


class AuditChainTests(PersonaTestCase):
    def test_each_entry_stores_the_hash_of_the_previous_one(self):
        first = log_action("tests.thing.create", user=self.coordinator, table=self.table)
        second = log_action("tests.thing.edit", user=self.member, fields=["name"])
        self.assertEqual(second.prev_hash, first.hash)
        self.assertEqual(list(verify_chain()), [])

    def test_first_entry_is_chained_to_the_genesis_hash(self):
        self.assertEqual(log_action("tests.thing.create").prev_hash, GENESIS_HASH)

    def test_entry_records_who_what_and_fields_not_values(self):
        entry = log_action(
            "tables.table.edit",
            user=self.coordinator,
            obj=self.table,
            table=self.table,
            organization=self.city,
            fields=["name_fr", "cadence"],
        )
        entry.refresh_from_db()
        self.assertEqual(entry.actor, self.coordinator)
        self.assertEqual(entry.actor_label, "coordinator")
        self.assertEqual(entry.object_type, "tables.table")
        self.assertEqual(entry.object_id, str(self.table.pk))
        self.assertEqual(entry.fields, ["cadence", "name_fr"])
        self.assertEqual(entry.organization, self.city)

    def test_verify_audit_command_reports_an_intact_trail(self):
        log_action("tests.thing.create")
        out = StringIO()
        call_command("verify_audit", stdout=out)
        self.assertIn("1 entries verified", out.getvalue())


@skipUnless(connection.vendor == "postgresql", "the append-only trigger is PostgreSQL's")
class AppendOnlyTests(TestCase):
    def setUp(self):
        self.entries = [log_action(f"tests.thing.step{i}") for i in range(3)]

    def test_database_refuses_to_update_an_entry(self):
        with self.assertRaises(DatabaseError), transaction.atomic():
            AuditEntry.objects.filter(pk=self.entries[0].pk).update(action="forged")

    def test_database_refuses_to_delete_an_entry(self):
        with self.assertRaises(DatabaseError), transaction.atomic():
            AuditEntry.objects.filter(pk=self.entries[0].pk).delete()

    def _tamper(self, sql: str, params: list) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                "ALTER TABLE core_auditentry DISABLE TRIGGER core_auditentry_append_only"
            )
            cursor.execute(sql, params)
            cursor.execute(f"ALTER TABLE core_auditentry ENABLE TRIGGER {TRIGGER}")

    def test_tampered_content_is_detected_at_the_first_broken_link(self):
        self._tamper(
            "UPDATE core_auditentry SET action = %s WHERE id = %s", ["forged", self.entries[1].pk]
        )
        broken = list(verify_chain())
        self.assertEqual(broken[0].entry_id, self.entries[1].pk)
        with self.assertRaisesMessage(CommandError, f"#{self.entries[1].pk}"):
            call_command("verify_audit", stdout=StringIO())

    def test_deleted_entry_is_detected(self):
        self._tamper("DELETE FROM core_auditentry WHERE id = %s", [self.entries[1].pk])
        broken = list(verify_chain())
        self.assertEqual(broken[0].entry_id, self.entries[2].pk)
