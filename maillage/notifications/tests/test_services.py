from datetime import timedelta

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from maillage.notifications.models import Kind, Notification
from maillage.notifications.services import notify_due
from maillage.situations import services as situation_services
from maillage.situations.tests.base import SituationTestCase


class AgenciesNamedTests(SituationTestCase):
    def test_each_agency_is_told_in_its_people_s_own_language(self):
        self.lead_worker.email, self.lead_worker.language = "lead@example.org", "en-ca"
        self.lead_worker.save()
        self.assisting_worker.email = "assisting@example.org"
        self.assisting_worker.save()
        with self.captureOnCommitCallbacks(execute=True):
            situation = self.situation_in("mobilized")
        by_address = {message.to[0]: message for message in mail.outbox}
        english = by_address["lead@example.org"]
        self.assertIn("Your agency was named lead agency for", english.body)
        self.assertIn(situation.reference, english.body)
        french = by_address["assisting@example.org"]
        self.assertIn("organisme partenaire", french.body)
        for message in mail.outbox:
            self.assertNotIn(situation.description, message.body)
        self.assertEqual(len(mail.outbox), 2)
        self.assertFalse(Notification.objects.filter(recipient=self.uninvolved).exists())


class DueNoticeTests(SituationTestCase):
    def setUp(self):
        self.situation = self.situation_in("mobilized")
        Notification.objects.all().delete()
        self.task = situation_services.add_task(
            situation=self.situation,
            title="Visite",
            owner=self.health,
            due_on=timezone.localdate() - timedelta(days=1),
            by=self.coordinator,
        )

    def test_due_tasks_go_to_the_owner_agency(self):
        counts = notify_due()
        self.assertEqual(counts, {"task_due": 1, "overdue": 0})
        notice = Notification.objects.get()
        self.assertEqual((notice.recipient, notice.kind), (self.lead_worker, Kind.TASK_DUE))

    def test_overdue_mobilization_goes_to_involved_agencies_and_coordinators(self):
        later = timezone.now() + timedelta(hours=49)
        notify_due(now=later)
        told = set(
            Notification.objects.filter(kind=Kind.OVERDUE).values_list(
                "recipient__username", flat=True
            )
        )
        self.assertEqual(told, {"member", "substitute", "lead", "assisting", "coordinator"})

    def test_running_twice_sends_nothing_new(self):
        self.lead_worker.email = "lead@example.org"
        self.lead_worker.save()
        later = timezone.now() + timedelta(hours=49)
        with self.captureOnCommitCallbacks(execute=True):
            first = notify_due(now=later)
        with self.captureOnCommitCallbacks(execute=True):
            second = notify_due(now=later)
            call_command("notify_due", stdout=open("/dev/null", "w"))  # noqa: SIM115
        self.assertGreater(first["overdue"], 0)
        self.assertEqual(second, {"task_due": 0, "overdue": 0})
        self.assertEqual(len(mail.outbox), 2)  # lead: task due, then overdue

    def test_done_tasks_and_recorded_contacts_are_not_notified(self):
        situation_services.set_task_status(task=self.task, status="done", by=self.lead_worker)
        self.situation.record_first_contact(at=timezone.now(), by=self.lead_worker)
        self.assertEqual(
            notify_due(now=timezone.now() + timedelta(hours=49)),
            {
                "task_due": 0,
                "overdue": 0,
            },
        )
