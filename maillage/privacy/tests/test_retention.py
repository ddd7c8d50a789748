from contextlib import contextmanager
from datetime import timedelta
from io import StringIO
from unittest import mock

from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.core.management.base import SystemCheckError
from django.test import RequestFactory, SimpleTestCase
from django.urls import reverse
from django.utils import timezone

from maillage.core.audit import log_action
from maillage.core.chain import chain_pending, verify_chain
from maillage.core.models import AuditEntry
from maillage.privacy import retention
from maillage.privacy.audit import PURGE_RUN, RETENTION_EDIT
from maillage.privacy.checks import every_data_class_has_a_purger
from maillage.privacy.models import DataClass, Incident, RetentionRule
from maillage.privacy.retention import run_purge
from maillage.tables.audit import TABLE_EDIT
from maillage.tables.testing import PersonaTestCase


def make_incident(**extra) -> Incident:
    values = {
        "occurred_on": "2020-01-02",
        "discovered_on": "2020-01-03",
        "description": "A printed list was left in a meeting room.",
        "information_concerned": "Reference numbers and ages",
        "people_affected": "Three people discussed at the table",
        "risk": "not_serious",
        "risk_reasons": "No names on the list",
        "measures_taken": "List shredded; reminder to members",
    }
    return Incident.objects.create(**(values | extra))


class RetentionPageTests(PersonaTestCase):
    url = reverse("privacy:retention")

    def test_privacy_officer_sees_every_data_class(self):
        self.sign_in(self.privacy_officer)
        response = self.client.get(self.url)
        self.assertEqual(len(response.context["rules"]), len(DataClass.values))
        self.assertContains(response, "Le texte libre des procès-verbaux des rencontres tenues")
        self.assertContains(response, "Conservé en permanence")

    def test_privacy_officer_changes_a_period_and_it_is_audited(self):
        self.sign_in(self.privacy_officer)
        data = {rule.data_class: rule.keep_days for rule in RetentionRule.objects.schedule()}
        data["vault"] = 90
        response = self.client.post(self.url, data)
        self.assertRedirects(response, self.url)
        self.assertEqual(RetentionRule.objects.get(data_class="vault").keep_days, 90)
        self.assertTrue(AuditEntry.objects.filter(action=RETENTION_EDIT).exists())

    def test_audit_trail_and_register_cannot_go_below_five_years(self):
        self.sign_in(self.privacy_officer)
        data = {rule.data_class: rule.keep_days for rule in RetentionRule.objects.schedule()}
        data["audit"] = 365
        data["incidents"] = 30
        response = self.client.post(self.url, data)
        self.assertEqual(response.status_code, 400)
        self.assertFalse(RetentionRule.objects.exists())
        self.assertContains(response, "1826", status_code=400)

    def test_member_gets_403(self):
        self.sign_in(self.member)
        self.assertEqual(self.client.get(self.url).status_code, 403)


class PurgeTests(PersonaTestCase):
    def test_deactivated_account_past_the_period_is_anonymised_once(self):
        self.inactive.deactivated_at = timezone.now() - timedelta(days=400)
        self.inactive.save()
        first = run_purge()
        self.assertEqual(first.destroyed["accounts"], 1)
        self.inactive.refresh_from_db()
        self.assertEqual(self.inactive.username, f"former-user-{self.inactive.pk}")
        self.assertEqual(self.inactive.first_name, "")
        self.assertFalse(self.inactive.has_usable_password())
        self.assertEqual(run_purge().destroyed["accounts"], 0)

    def test_anonymising_an_account_redacts_its_entries_and_the_chain_still_holds(self):
        request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.44")
        theirs = log_action(TABLE_EDIT, user=self.inactive, table=self.table, request=request)
        others = log_action(TABLE_EDIT, user=self.member, table=self.table, request=request)
        chain_pending()
        self.inactive.deactivated_at = timezone.now() - timedelta(days=400)
        self.inactive.save()
        run_purge()
        theirs.refresh_from_db()
        others.refresh_from_db()
        self.assertIsNone(theirs.ip_address)
        self.assertIsNotNone(theirs.redacted_at)
        self.assertEqual(others.ip_address, "192.0.2.44")
        chain_pending()
        self.assertEqual(list(verify_chain()), [])

    def test_recently_deactivated_account_is_kept(self):
        self.member.deactivate(by=self.coordinator)
        run_purge()
        self.member.refresh_from_db()
        self.assertEqual(self.member.username, "member")

    def test_incidents_older_than_the_period_are_deleted_newer_kept(self):
        old = make_incident()
        Incident.objects.filter(pk=old.pk).update(recorded_at=timezone.now() - timedelta(3000))
        kept = make_incident()
        self.assertEqual(run_purge().destroyed["incidents"], 1)
        self.assertEqual(list(Incident.objects.all()), [kept])

    def test_audit_trail_is_never_purged_and_the_chain_still_holds(self):
        entries = AuditEntry.objects.count()
        report = run_purge(now=timezone.now() + timedelta(days=365 * 20))
        self.assertIn("audit", report.kept)
        self.assertEqual(AuditEntry.objects.count(), entries + 1)
        chain_pending()
        self.assertEqual(list(verify_chain()), [])

    def test_run_is_logged_with_counts(self):
        run_purge()
        entry = AuditEntry.objects.get(action=PURGE_RUN)
        self.assertIn("accounts", entry.data["destroyed"])

    def test_a_failing_purger_is_reported_and_the_others_still_run(self):
        old = make_incident()
        Incident.objects.filter(pk=old.pk).update(recorded_at=timezone.now() - timedelta(3000))
        with registered(DataClass.MINUTES, explode):
            report = run_purge()
        self.assertIn("minutes", report.failed)
        self.assertFalse(report.complete)
        self.assertEqual(report.destroyed["incidents"], 1)
        self.assertFalse(Incident.objects.exists())

    def test_command_prints_counts_and_is_idempotent(self):
        out = StringIO()
        call_command("purge", stdout=out, stderr=StringIO())
        call_command("purge", stdout=out, stderr=StringIO())
        self.assertIn("accounts: 0", out.getvalue())
        self.assertEqual(AuditEntry.objects.filter(action=PURGE_RUN).count(), 2)

    def test_vault_purger_receives_the_cutoff_of_its_rule(self):
        RetentionRule.objects.create(data_class="vault", keep_days=10)
        calls = []
        with registered(DataClass.VAULT, lambda *, older_than: calls.append(older_than) or 0):
            now = timezone.now()
            run_purge(now=now)
        self.assertEqual(calls, [now - timedelta(days=10)])


class PurgeCommandTests(PersonaTestCase):
    def test_every_class_destroyed_or_kept_is_reported_and_it_succeeds(self):
        out = StringIO()
        call_command("purge", stdout=out, stderr=StringIO())
        for data_class in ("vault", "situations", "minutes", "accounts", "incidents"):
            self.assertIn(f"{data_class}: 0", out.getvalue())
        self.assertIn("audit: kept on purpose", out.getvalue())

    def test_it_fails_when_a_purger_fails(self):
        out = StringIO()
        with registered(DataClass.MINUTES, explode), self.assertRaises(CommandError) as raised:
            call_command("purge", stdout=out, stderr=StringIO())
        self.assertIn("minutes: RuntimeError", str(raised.exception))
        self.assertIn("accounts: 0", out.getvalue())

    def test_it_fails_when_a_class_has_no_purger(self):
        with unregistered(DataClass.MINUTES), self.assertRaises(CommandError) as raised:
            call_command("purge", stdout=StringIO(), stderr=StringIO())
        self.assertIn("minutes: no purger is registered", str(raised.exception))
        entry = AuditEntry.objects.get(action=PURGE_RUN)
        self.assertEqual(entry.data["missing"], ["minutes"])


class PurgerRegistryTests(SimpleTestCase):
    def test_every_class_of_the_schedule_has_a_purger_or_is_kept_on_purpose(self):
        self.assertEqual(every_data_class_has_a_purger(None), [])
        self.assertEqual(set(retention.NEVER_PURGED), {DataClass.AUDIT})

    def test_start_up_fails_when_a_class_has_no_purger(self):
        with unregistered(DataClass.MINUTES):
            errors = every_data_class_has_a_purger(None)
            with self.assertRaises(SystemCheckError):
                call_command("check", stdout=StringIO(), stderr=StringIO())
        self.assertEqual([e.id for e in errors], ["privacy.E001"])
        self.assertIn("minutes", errors[0].msg)

    def test_a_kept_class_cannot_be_given_a_purger(self):
        with self.assertRaises(ImproperlyConfigured):
            retention.register_purger(DataClass.AUDIT, explode, summary="")

    def test_a_second_purger_for_a_class_is_refused(self):
        with self.assertRaises(ImproperlyConfigured):
            retention.register_purger(DataClass.MINUTES, explode, summary="")


def explode(*, older_than) -> int:
    raise RuntimeError("disk full")


@contextmanager
def registered(data_class: str, purger):
    with mock.patch.dict(retention._registry, {data_class: retention.Registration(purger)}):
        yield


@contextmanager
def unregistered(data_class: str):
    with mock.patch.dict(retention._registry):
        del retention._registry[data_class]
        yield
