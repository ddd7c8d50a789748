"""The application's database role can append to the audit trail, and nothing more."""

import uuid
from io import StringIO
from unittest import skipUnless

from django.core.management import call_command
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.test import TestCase

from maillage.core.audit import DEMO_SEED, log_action
from maillage.core.chain import chain_pending, verify_chain
from maillage.core.models import AuditEntry
from maillage.core.roles import app_role_grants


@skipUnless(connection.vendor == "postgresql", "database roles are PostgreSQL's")
class ApplicationRoleTests(TestCase):
    def setUp(self):
        # Roles are shared by the whole server; this one lives only inside the test's transaction.
        self.role = f"maillage_app_{uuid.uuid4().hex[:12]}"
        self.entry = log_action(DEMO_SEED)
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE ROLE {self.role} NOLOGIN")
            for statement in app_role_grants(self.role):
                cursor.execute(statement)
            cursor.execute(f"SET LOCAL ROLE {self.role}")

    def refused(self, sql: str, params=()) -> None:
        with self.assertRaises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)

    def test_it_may_append_chain_and_read_the_trail(self):
        log_action(DEMO_SEED)
        self.assertEqual(chain_pending(), 2)
        self.assertEqual(list(verify_chain()), [])

    def test_it_may_redact(self):
        self.assertEqual(AuditEntry.objects.filter(pk=self.entry.pk).redact(), 1)

    def test_it_may_not_change_an_entry(self):
        self.refused("UPDATE core_auditentry SET action = 'forged' WHERE id = %s", [self.entry.pk])

    def test_it_may_not_delete_an_entry(self):
        self.refused("DELETE FROM core_auditentry WHERE id = %s", [self.entry.pk])

    def test_it_may_not_truncate_the_trail(self):
        self.refused("TRUNCATE core_auditentry")

    def test_it_may_not_disable_the_trigger(self):
        self.refused("ALTER TABLE core_auditentry DISABLE TRIGGER core_auditentry_append_only")

    def test_the_grants_are_printed_for_the_operator(self):
        out = StringIO()
        call_command("app_role_grants", "maillage_app", stdout=out)
        self.assertIn('GRANT UPDATE ("sequence"', out.getvalue())
