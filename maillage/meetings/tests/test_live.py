from django.db import connection
from django.test.utils import CaptureQueriesContext

from maillage.meetings.models import Decision, DecisionKind, MeetingStatus
from maillage.notifications.models import Notification
from maillage.situations.models import Status

from .base import MeetingTestCase


class MeetingModeTests(MeetingTestCase):
    def setUp(self):
        self.situation = self.situation_in("presented")
        self.live = self.meeting(started=True)
        self.sign_in(self.coordinator)

    def decide(self, **data):
        prefix = f"s{self.situation.pk}"
        payload = {"version": self.situation.version}
        payload.update({f"{prefix}-{k}": v for k, v in data.items()})
        return self.htmx_post(self.url("decide", self.live, self.situation.pk), payload)

    def test_coordinator_decides_a_situation_and_the_decision_names_the_meeting(self):
        response = self.decide(aer_met="yes", method="vote", votes_for=6, votes_against=1)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'id="live"')
        self.situation.refresh_from_db()
        self.assertEqual(self.situation.status, Status.ACCEPTED)
        decision = Decision.objects.get(situation=self.situation)
        self.assertEqual(
            (decision.meeting, decision.kind, decision.votes_for), (self.live, "aer", 6)
        )

    def test_a_vote_without_counts_is_refused_and_changes_nothing(self):
        response = self.decide(aer_met="yes", method="vote")
        self.assertEqual(response.status_code, 422)
        self.situation.refresh_from_db()
        self.assertEqual(self.situation.status, Status.PRESENTED)
        self.assertFalse(Decision.objects.exists())

    def test_a_decision_on_an_outdated_version_is_refused(self):
        self.situation.version -= 1
        response = self.decide(aer_met="yes", method="consensus")
        self.assertEqual(response.status_code, 409)
        self.assertFalse(Decision.objects.exists())

    def test_coordinator_names_agencies_and_they_are_notified(self):
        self.decide(aer_met="yes", method="consensus")
        self.situation.refresh_from_db()
        prefix = f"s{self.situation.pk}"
        response = self.htmx_post(
            self.url("agencies", self.live, self.situation.pk),
            {
                "version": self.situation.version,
                f"{prefix}-lead": self.health.pk,
                f"{prefix}-assisting": [self.housing.pk],
            },
        )
        self.assertEqual(response.status_code, 200)
        self.situation.refresh_from_db()
        self.assertEqual(self.situation.status, Status.MOBILIZED)
        decision = Decision.objects.get(kind=DecisionKind.AGENCIES)
        self.assertEqual(list(decision.assisting_organizations.all()), [self.housing])
        kinds = dict(Notification.objects.values_list("recipient__username", "kind"))
        self.assertEqual(kinds, {"lead": "lead", "assisting": "assisting"})

    def test_next_step_becomes_a_task_of_the_action_plan(self):
        self.situation = self.situation_in("mobilized")
        self.htmx_post(self.url("refresh", self.live), {})
        prefix = f"s{self.situation.pk}"
        response = self.htmx_post(
            self.url("next_step", self.live, self.situation.pk),
            {f"{prefix}-title": "Visite conjointe", f"{prefix}-owner": self.health.pk},
        )
        self.assertEqual(response.status_code, 200)
        task = self.situation.tasks.get()
        self.assertEqual(Decision.objects.get(kind=DecisionKind.TASK).task, task)

    def test_a_next_step_naming_someone_is_highlighted_and_not_saved(self):
        self.situation = self.situation_in("mobilized")
        self.htmx_post(self.url("refresh", self.live), {})
        prefix = f"s{self.situation.pk}"
        response = self.htmx_post(
            self.url("next_step", self.live, self.situation.pk),
            {f"{prefix}-title": "Appeler Marie Tremblay", f"{prefix}-owner": self.health.pk},
        )
        self.assertEqual(response.status_code, 422)
        self.assertContains(response, "<mark", status_code=422)
        self.assertFalse(self.situation.tasks.exists())

    def test_notes_naming_someone_reach_no_screen_until_checked(self):
        self.htmx_post(self.url("refresh", self.live), {})
        item = self.live.items.get(situation=self.situation)
        url = self.url("notes", self.live, item.pk)
        notes = "Marie Tremblay, 705-555-0142, refuse les services."
        response = self.htmx_post(url, {f"n{item.pk}-notes": notes})
        self.assertEqual(response.status_code, 422)
        self.assertContains(response, "<mark", status_code=422)
        item.refresh_from_db()
        self.assertEqual(item.notes, "")
        digest = response.context["forms"]["notes"].guard_digest
        response = self.htmx_post(
            url, {f"n{item.pk}-notes": notes, "guard_confirm": "yes", "guard_digest": digest}
        )
        self.assertEqual(response.status_code, 200)
        item.refresh_from_db()
        self.assertEqual(item.notes, notes)

    def test_general_notes_naming_someone_keep_the_meeting_open_until_checked(self):
        notes = "Marie Tremblay a appelé la police."
        response = self.client.post(self.url("close", self.live), {"notes": notes})
        self.assertEqual(response.status_code, 422)
        self.assertContains(response, "<mark", status_code=422)
        self.live.refresh_from_db()
        self.assertEqual(self.live.status, MeetingStatus.IN_PROGRESS)
        self.assertEqual(self.live.minutes_notes, "")

    def test_notes_and_the_reference_prefix_are_escaped_in_the_rows_not_under_discussion(self):
        from maillage.situations.models import SituationSettings

        SituationSettings.objects.filter(table=self.table).update(prefix="<b>")
        other = self.situation_in("presented")
        self.htmx_post(self.url("refresh", self.live), {})
        item = self.live.items.get(situation=other)
        item.notes = "<script>alert(1)</script>\nSuite."
        item.save(update_fields=["notes"])
        for user in (self.coordinator, self.member):
            with self.subTest(user=user.username):
                self.sign_in(user)
                response = self.client.get(self.url("live", self.live))
                self.assertContains(response, "&lt;script&gt;alert(1)&lt;/script&gt;<br>Suite.")
                self.assertNotContains(response, "<script>alert")
                self.assertNotContains(response, "<b>-")
                self.assertContains(response, "&lt;b&gt;-")

    def test_attendance_is_recorded_by_agency(self):
        response = self.htmx_post(
            self.url("attendance", self.live),
            {"organization": self.police.pk, "status": "substitute"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.live.attendance.get(organization=self.police).status, "substitute")

    def test_nothing_is_decided_before_the_meeting_starts(self):
        self.live.status = MeetingStatus.PUBLISHED
        self.live.save()
        response = self.decide(aer_met="yes", method="consensus")
        self.assertEqual(response.status_code, 422)
        self.situation.refresh_from_db()
        self.assertEqual(self.situation.status, Status.PRESENTED)

    def test_closing_the_meeting_leads_to_the_minutes(self):
        response = self.client.post(self.url("close", self.live), {"notes": "Bonne séance."})
        self.assertRedirects(response, self.url("minutes", self.live))
        self.live.refresh_from_db()
        self.assertEqual(self.live.status, MeetingStatus.CLOSED)


class MeetingModeAccessTests(MeetingTestCase):
    def setUp(self):
        self.situation = self.situation_in("presented")
        self.live = self.meeting(started=True)
        self.decide_url = self.url("decide", self.live, self.situation.pk)
        self.payload = {
            "version": self.situation.version,
            f"s{self.situation.pk}-aer_met": "yes",
            f"s{self.situation.pk}-method": "consensus",
        }

    def test_members_and_observers_cannot_decide(self):
        for person in (self.member, self.observer):
            self.sign_in(person)
            self.assertEqual(self.htmx_post(self.decide_url, self.payload).status_code, 403)
        self.situation.refresh_from_db()
        self.assertEqual(self.situation.status, Status.PRESENTED)

    def test_outsiders_get_404(self):
        for person in (self.outsider, self.other_member, self.privacy_officer):
            self.sign_in(person)
            self.assertEqual(self.client.get(self.url("live", self.live)).status_code, 404)
            self.assertEqual(self.htmx_post(self.decide_url, self.payload).status_code, 404)

    def test_members_follow_read_only_with_polling(self):
        self.sign_in(self.member)
        response = self.client.get(self.url("live", self.live))
        self.assertContains(response, 'hx-trigger="every 3s"')
        self.assertContains(response, self.situation.reference)
        self.assertNotContains(response, '<form method="post" action="' + self.decide_url)

    def test_observers_do_not_see_situations_awaiting_the_decision(self):
        self.sign_in(self.observer)
        response = self.client.get(self.url("live", self.live))
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, self.situation.reference)

    def test_polling_answers_204_until_the_meeting_changes(self):
        self.sign_in(self.member)
        state = self.url("state", self.live)
        self.assertEqual(self.client.get(state, {"v": self.live.version}).status_code, 204)
        self.situation.decide(aer_met=True, method="consensus", by=self.coordinator)
        self.live.touch()
        response = self.client.get(state, {"v": self.live.version - 1})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, f"v={self.live.version}")


class QueryCountTests(MeetingTestCase):
    """Pages cost the same number of queries whatever the number of situations."""

    def count(self, url: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(self.client.get(url).status_code, 200)
        return len(queries)

    def test_agenda_and_meeting_mode_queries_do_not_grow_with_situations(self):
        for status in ("presented", "accepted", "mobilized"):
            self.situation_in(status)
        live = self.meeting(started=True)
        self.sign_in(self.coordinator)
        pages = [self.url("agenda", live), self.url("live", live)]
        before = [self.count(url) for url in pages]
        for status in ("presented", "accepted", "mobilized") * 3:
            self.situation_in(status)
        self.htmx_post(self.url("refresh", live), {})
        self.assertEqual(live.items.count(), 12)
        self.assertEqual([self.count(url) for url in pages], before)


class AgendaPageTests(MeetingTestCase):
    def test_coordinator_moves_and_removes_items_through_htmx(self):
        first, second = self.situation_in("presented"), self.situation_in("presented")
        meeting = self.meeting()
        self.sign_in(self.coordinator)
        second_item = meeting.items.get(situation=second)
        response = self.htmx_post(self.url("edit_items", meeting), {"op": f"up-{second_item.pk}"})
        self.assertContains(response, 'id="agenda"')
        self.assertEqual([i.situation for i in meeting.items.listed()], [second, first])
        self.htmx_post(self.url("edit_items", meeting), {"op": f"remove-{second_item.pk}"})
        self.assertEqual([i.situation for i in meeting.items.listed()], [first])

    def test_members_cannot_change_the_agenda(self):
        self.situation_in("presented")
        meeting = self.meeting()
        item = meeting.items.get()
        self.sign_in(self.member)
        response = self.htmx_post(self.url("edit_items", meeting), {"op": f"remove-{item.pk}"})
        self.assertEqual(response.status_code, 403)
        self.assertTrue(meeting.items.listed().exists())

    def test_coordinator_opens_another_situation_in_meeting_mode(self):
        first, second = self.situation_in("presented"), self.situation_in("presented")
        meeting = self.meeting(started=True)
        self.sign_in(self.coordinator)
        page = self.client.get(self.url("live", meeting))
        self.assertContains(page, f'name="s{first.pk}-aer_met"')
        self.assertNotContains(page, f'name="s{second.pk}-aer_met"')
        item = meeting.items.get(situation=second)
        fragment = self.client.get(
            self.url("live", meeting), {"open": item.pk}, headers={"HX-Request": "true"}
        )
        self.assertContains(fragment, f'name="s{second.pk}-aer_met"')
        self.assertNotContains(fragment, "<html")
