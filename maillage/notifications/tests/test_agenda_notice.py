"""The agenda notice counts, for each person, only the situations they may see."""

from maillage.meetings import services
from maillage.meetings.tests.base import MeetingTestCase
from maillage.notifications.models import Kind, Notification


class AgendaNoticeTests(MeetingTestCase):
    def test_an_observer_s_notice_does_not_count_discussions_hidden_from_observers(self):
        self.situation_in("presented")  # awaiting the table's decision: hidden from observers
        self.situation_in("accepted")
        meeting = self.meeting()
        self.assertEqual(meeting.items.listed().count(), 2)
        services.publish_agenda(meeting=meeting, by=self.coordinator)
        notices = Notification.objects.filter(kind=Kind.AGENDA)
        self.assertEqual(notices.get(recipient=self.observer).params["count"], 1)
        self.assertEqual(notices.get(recipient=self.coordinator).params["count"], 2)
