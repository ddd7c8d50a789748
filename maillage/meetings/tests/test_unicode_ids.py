"""Ids in meeting parameters that are not plain numbers: a clear answer, never a server error."""

from .base import MeetingTestCase


class AgendaItemIdTests(MeetingTestCase):
    def test_moving_an_item_named_with_a_superscript_digit_is_refused(self):
        self.situation_in("presented")
        meeting = self.meeting()
        self.sign_in(self.coordinator)
        response = self.htmx_post(self.url("edit_items", meeting), {"op": "up-²"})
        self.assertEqual(response.status_code, 422)
        self.assertContains(response, 'id="agenda"', status_code=422)


class OpenSituationIdTests(MeetingTestCase):
    def test_meeting_mode_opens_the_first_situation_when_asked_for_a_superscript_digit(self):
        first = self.situation_in("presented")
        meeting = self.meeting(started=True)
        self.sign_in(self.coordinator)
        page = self.client.get(self.url("live", meeting), {"open": "²"})
        self.assertContains(page, f'name="s{first.pk}-aer_met"')
