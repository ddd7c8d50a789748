from datetime import timedelta

from django.utils import timezone

from maillage.core.models import AuditEntry
from maillage.meetings.audit import MINUTES_PURGE
from maillage.meetings.models import AgendaItem, Attendance, Decision, Meeting, MeetingStatus
from maillage.privacy.retention import run_purge

from .base import MeetingTestCase


class MinutesRetentionTests(MeetingTestCase):
    def held(self, days_ago: int) -> Meeting:
        """A meeting held ``days_ago`` with general notes, a discussed situation and a decision."""
        ended = timezone.now() - timedelta(days=days_ago)
        meeting = Meeting.objects.create(
            table=self.table,
            starts_at=ended - timedelta(hours=2),
            ended_at=ended,
            status=MeetingStatus.CLOSED,
            minutes_notes="Prochaine rencontre au CLSC.",
        )
        situation = self.situation_in("concluded")
        AgendaItem.objects.create(
            meeting=meeting, situation=situation, reason="new", notes="Suivi avec la police."
        )
        Attendance.objects.create(meeting=meeting, organization=self.health, status="present")
        Decision.objects.create(meeting=meeting, situation=situation, kind="aer", aer_met=True)
        return meeting

    def test_minutes_past_the_period_lose_their_free_text(self):
        meeting = self.held(days_ago=6 * 365)
        report = run_purge()
        self.assertEqual(report.destroyed["minutes"], 1)
        meeting.refresh_from_db()
        self.assertEqual(meeting.minutes_notes, "")
        self.assertEqual(list(meeting.items.values_list("notes", flat=True)), [""])

    def test_what_names_no_one_stays_for_the_statistics(self):
        meeting = self.held(days_ago=6 * 365)
        run_purge()
        self.assertEqual(meeting.attendance.get().status, "present")
        self.assertTrue(meeting.decisions.get().aer_met)
        self.assertEqual(Meeting.objects.get(pk=meeting.pk).status, MeetingStatus.CLOSED)

    def test_recent_minutes_are_kept(self):
        meeting = self.held(days_ago=30)
        self.assertEqual(run_purge().destroyed["minutes"], 0)
        meeting.refresh_from_db()
        self.assertEqual(meeting.minutes_notes, "Prochaine rencontre au CLSC.")

    def test_a_meeting_never_closed_counts_from_its_start(self):
        meeting = self.held(days_ago=6 * 365)
        Meeting.objects.filter(pk=meeting.pk).update(
            ended_at=None, status=MeetingStatus.IN_PROGRESS
        )
        self.assertEqual(run_purge().destroyed["minutes"], 1)

    def test_the_purge_is_audited_and_runs_once(self):
        self.held(days_ago=6 * 365)
        run_purge()
        self.assertEqual(run_purge().destroyed["minutes"], 0)
        entry = AuditEntry.objects.get(action=MINUTES_PURGE)
        self.assertEqual(entry.data["count"], 1)
        self.assertEqual(entry.fields, ["minutes_notes", "notes", "summary", "what"])

    def test_topics_lose_their_summary_and_action_items_what_they_said(self):
        from maillage.meetings.models import ActionItem, ItemKind

        meeting = self.held(days_ago=6 * 365)
        topic = AgendaItem.objects.create(
            meeting=meeting, kind=ItemKind.TOPIC, title="Transport", summary="Plan adopté."
        )
        action = ActionItem.objects.create(
            item=topic,
            what="Appeler la municipalité",
            owner_organization=self.city,
            due_on="2020-01-01",
        )
        run_purge()
        topic.refresh_from_db()
        action.refresh_from_db()
        self.assertEqual((topic.title, topic.summary), ("Transport", ""))
        self.assertEqual((action.what, action.owner_organization), ("", self.city))
