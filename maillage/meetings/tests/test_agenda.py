from datetime import datetime

from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from maillage.meetings import agenda, services
from maillage.meetings.models import AgendaReason, Meeting, MeetingStatus
from maillage.notifications.models import Notification
from maillage.tables.models import Cadence

from .base import MeetingTestCase


class AgendaBuildingTests(MeetingTestCase):
    def test_agenda_proposes_new_pending_returning_and_overdue_situations(self):
        presented = self.situation_in("presented")
        accepted = self.situation_in("accepted")
        mobilized = self.situation_in("mobilized")
        late = self.situation_in("mobilized")
        self.make_overdue(late)
        for status in ("draft", "rejected", "concluded"):
            self.situation_in(status)
        reasons = {s.pk: reason for s, reason in agenda.proposed(self.table)}
        self.assertEqual(
            reasons,
            {
                presented.pk: AgendaReason.NEW,
                accepted.pk: AgendaReason.AGENCIES,
                mobilized.pk: AgendaReason.RETURNING,
                late.pk: AgendaReason.OVERDUE,
            },
        )
        self.assertEqual(agenda.proposed(self.table)[0][0], late)

    def test_a_new_meeting_has_its_agenda_built(self):
        presented = self.situation_in("presented")
        meeting = self.meeting()
        self.assertEqual([i.situation for i in meeting.items.listed()], [presented])

    def test_refresh_adds_what_became_due_but_not_what_the_coordinator_removed(self):
        first = self.situation_in("presented")
        meeting = self.meeting()
        agenda.remove_item(item=meeting.items.get(situation=first), by=self.coordinator)
        second = self.situation_in("presented")
        added = agenda.refresh_agenda(meeting=meeting, by=self.coordinator)
        self.assertEqual(added, 1)
        self.assertEqual([i.situation for i in meeting.items.listed()], [second])

    def test_refresh_drops_situations_the_table_no_longer_discusses(self):
        situation = self.situation_in("presented")
        meeting = self.meeting()
        situation.decide(aer_met=False, method="consensus", by=self.coordinator)
        agenda.refresh_agenda(meeting=meeting, by=self.coordinator)
        self.assertFalse(meeting.items.exists())

    def test_move_item_swaps_with_its_neighbour(self):
        first, second = self.situation_in("presented"), self.situation_in("presented")
        meeting = self.meeting()
        agenda.move_item(item=meeting.items.get(situation=second), offset=-1, by=self.coordinator)
        self.assertEqual([i.situation for i in meeting.items.listed()], [second, first])

    def test_a_draft_cannot_be_added_and_nothing_changes(self):
        meeting = self.meeting()
        with self.assertRaises(ValidationError):
            agenda.add_item(meeting=meeting, situation=self.draft(), by=self.coordinator)
        self.assertFalse(meeting.items.exists())

    def test_the_agenda_of_a_held_meeting_cannot_change(self):
        meeting = self.meeting(started=True)
        services.close_meeting(meeting=meeting, notes="", by=self.coordinator)
        with self.assertRaises(ValidationError):
            agenda.add_item(
                meeting=meeting, situation=self.situation_in("presented"), by=self.coordinator
            )


class SchedulingTests(MeetingTestCase):
    def test_twice_a_week_alternates_three_and_four_days(self):
        start = timezone.make_aware(datetime(2025, 3, 4, 9, 30))  # a Tuesday
        dates = services.next_dates(Cadence.TWICE_WEEKLY, start, 4)
        self.assertEqual([d.day for d in dates], [7, 11, 14, 18])

    def test_monthly_cadence_keeps_the_day_within_the_month(self):
        start = timezone.make_aware(datetime(2025, 1, 31, 9, 30))
        self.assertEqual(services.next_dates(Cadence.MONTHLY, start, 1)[0].day, 28)

    def test_schedule_next_continues_after_the_last_meeting(self):
        self.table.cadence = Cadence.WEEKLY
        self.table.save()
        first = services.schedule_next(table=self.table, count=2, by=self.coordinator)
        more = services.schedule_next(table=self.table, count=1, by=self.coordinator)
        self.assertEqual((more[0].starts_at - first[1].starts_at).days, 7)
        self.assertEqual(Meeting.objects.filter(table=self.table).count(), 3)

    def test_tables_meeting_as_needed_are_not_scheduled_automatically(self):
        self.table.cadence = Cadence.AS_NEEDED
        self.table.save()
        with self.assertRaises(ValidationError):
            services.schedule_next(table=self.table, count=2, by=self.coordinator)
        self.assertFalse(Meeting.objects.exists())


class PublishingTests(MeetingTestCase):
    def test_publishing_the_agenda_notifies_every_seat_holder_once(self):
        self.situation_in("presented")
        meeting = self.meeting()
        self.lead_worker.email = "lead@example.org"
        self.lead_worker.save()
        with self.captureOnCommitCallbacks(execute=True):
            services.publish_agenda(meeting=meeting, by=self.coordinator)
        meeting.refresh_from_db()
        self.assertEqual(meeting.status, MeetingStatus.PUBLISHED)
        notified = set(Notification.objects.values_list("recipient__username", flat=True))
        self.assertIn("observer", notified)
        self.assertIn("lead", notified)
        self.assertNotIn("inactive", notified)
        self.assertNotIn("outsider", notified)
        self.assertEqual(len(mail.outbox), 1)
        with self.assertRaises(ValidationError):
            services.publish_agenda(meeting=meeting, by=self.coordinator)

    def test_an_empty_agenda_is_not_published(self):
        meeting = self.meeting()
        with self.assertRaises(ValidationError):
            services.publish_agenda(meeting=meeting, by=self.coordinator)
        meeting.refresh_from_db()
        self.assertEqual(meeting.status, MeetingStatus.PLANNED)
