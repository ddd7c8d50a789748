"""The meetings' rules as a matrix, generated from the registry: every persona × every meeting
action × every state of the meeting."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from maillage.core.access import rules
from maillage.meetings.access import get_meeting_for_user
from maillage.meetings.models import MeetingStatus

from .base import MeetingTestCase

MANAGERS = {"coordinator"}
SEATED = {"coordinator", "member", "substitute", "observer"}
# action → (who may, in which states); None: every state.
EXPECTED = {
    "meeting.view": (SEATED, None),
    "meeting.manage": (MANAGERS, None),
    "meeting.create": (MANAGERS, None),
    "meeting.edit_agenda": (MANAGERS, {"planned", "published", "in_progress"}),
    "meeting.publish_agenda": (MANAGERS, {"planned"}),
    "meeting.start": (MANAGERS, {"planned", "published"}),
    "meeting.drive": (MANAGERS, {"in_progress"}),
    "meeting.follow": (SEATED, {"in_progress"}),
    "meeting.close": (MANAGERS, {"in_progress"}),
    "meeting.review_minutes": (MANAGERS, {"closed", "published_minutes"}),
    "meeting.read_minutes": (SEATED, {"published_minutes"}),
    "meeting.publish_minutes": (MANAGERS, {"closed"}),
}
STATES = ["planned", "published", "in_progress", "closed", "published_minutes"]


class MeetingRulesMatrixTests(MeetingTestCase):
    def setUp(self):
        self.held = self.meeting()

    def in_state(self, state: str):
        from django.utils import timezone

        self.held.status = MeetingStatus.CLOSED if state == "published_minutes" else state
        self.held.minutes_published_at = timezone.now() if state == "published_minutes" else None
        return self.held

    def test_the_registry_declares_exactly_the_meeting_actions_of_the_matrix(self):
        self.assertEqual(set(rules.actions("meeting")), set(EXPECTED))

    def test_each_persona_may_do_exactly_what_the_matrix_says_in_each_state(self):
        for action in rules.actions("meeting"):
            who, states = EXPECTED[action]
            for state in STATES:
                meeting = self.in_state(state)
                for persona, user in self.personas.items():
                    with self.subTest(action=action, state=state, persona=persona):
                        expected = persona in who and (states is None or state in states)
                        self.assertEqual(rules.may(user, action, meeting), expected)

    def test_the_privacy_officer_follows_no_meeting(self):
        for action in rules.actions("meeting"):
            self.assertFalse(rules.permits(self.privacy_officer, action, self.held))


class MeetingLoaderTests(MeetingTestCase):
    def test_outsiders_get_404_and_members_without_the_right_403(self):
        meeting = self.meeting()
        for user in (self.outsider, self.other_member, self.privacy_officer, self.inactive):
            with self.subTest(user=user.username), self.assertRaises(Http404):
                get_meeting_for_user(user, self.table.pk, meeting.pk)
        with self.assertRaises(PermissionDenied):
            get_meeting_for_user(self.member, self.table.pk, meeting.pk, "meeting.drive")
        self.assertEqual(get_meeting_for_user(self.observer, self.table.pk, meeting.pk), meeting)

    def test_a_meeting_of_another_table_is_not_found(self):
        meeting = self.meeting()
        with self.assertRaises(Http404):
            get_meeting_for_user(self.coordinator, self.other_table.pk, meeting.pk)
