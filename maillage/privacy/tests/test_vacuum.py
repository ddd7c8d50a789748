from datetime import timedelta
from unittest import skipUnless

from django.db import connection
from django.test import TransactionTestCase
from django.utils import timezone

from maillage.privacy.models import Incident
from maillage.privacy.retention import run_purge

from .test_retention import make_incident


def last_vacuum(table: str):
    with connection.cursor() as cursor:
        cursor.execute("SELECT last_vacuum FROM pg_stat_user_tables WHERE relname = %s", [table])
        return cursor.fetchone()[0]


@skipUnless(connection.vendor == "postgresql", "reads PostgreSQL's statistics")
class VacuumAfterPurgeTests(TransactionTestCase):
    """Outside a transaction, as ``maillage purge`` runs: VACUUM cannot run inside one."""

    serialized_rollback = True

    def test_a_purge_that_destroyed_something_vacuums_the_tables_it_rewrote(self):
        old = make_incident()
        Incident.objects.filter(pk=old.pk).update(recorded_at=timezone.now() - timedelta(3000))
        before = last_vacuum("privacy_incident")
        report = run_purge()
        assert report.vacuumed == ["privacy_incident"]
        assert last_vacuum("privacy_incident") not in (None, before)
        assert run_purge().vacuumed == []
