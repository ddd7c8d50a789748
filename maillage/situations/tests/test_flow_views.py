"""A situation walked through its pages: decision, agencies, plan, first contact, conclusion."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from maillage.core.models import AuditEntry
from maillage.situations.audit import SITUATION_GUARD_OVERRIDE
from maillage.situations.models import ConclusionCategory, Situation, Status, Task

from .base import SituationTestCase


class FlowPageTests(SituationTestCase):
    def url(self, name, situation, **extra):
        return reverse(
            f"situations:{name}", kwargs={"table_pk": self.table.pk, "pk": situation.pk, **extra}
        )

    def test_a_meeting_walks_a_situation_to_its_conclusion(self):
        situation = self.draft()
        self.sign_in(self.member)
        self.client.post(self.url("present", situation), {"version": 1})
        self.sign_in(self.coordinator)
        self.assertEqual(self.client.get(self.url("decide", situation)).status_code, 200)
        response = self.client.post(
            self.url("decide", situation),
            {"aer_met": "yes", "method": "vote", "votes_for": 6, "votes_against": 0, "version": 2},
        )
        self.assertEqual(response.status_code, 302)
        self.client.post(
            self.url("agencies", situation),
            {"lead": self.health.pk, "assisting": [self.housing.pk], "version": 3},
        )
        named = timezone.now() - timedelta(hours=1)
        Situation.objects.filter(pk=situation.pk).update(agencies_named_at=named)
        self.sign_in(self.lead_worker)
        self.client.post(
            self.url("plan", situation),
            {"title": "Visite conjointe", "owner_organization": self.housing.pk, "due_on": ""},
        )
        task = Task.objects.get()
        self.client.post(self.url("task_status", situation, task_pk=task.pk), {"status": "done"})
        now = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
        self.client.post(self.url("first_contact", situation), {"at": now, "version": 4})
        category = ConclusionCategory.objects.get(code="connected")
        self.client.post(
            self.url("conclude", situation), {"category": category.pk, "services": [], "version": 5}
        )
        situation.refresh_from_db()
        task.refresh_from_db()
        self.assertEqual(situation.status, Status.CONCLUDED)
        self.assertEqual(task.status, "done")
        self.assertIsNotNone(situation.first_contact_at)
        self.sign_in(self.coordinator)
        response = self.client.get(self.url("detail", situation))
        self.assertContains(response, category.name)

    def test_naming_agencies_before_the_decision_shows_why_and_changes_nothing(self):
        situation = self.situation_in("presented")
        self.sign_in(self.coordinator)
        response = self.client.post(
            self.url("agencies", situation),
            {"lead": self.health.pk, "version": situation.version},
        )
        self.assertEqual(response.status_code, 422)
        self.assertEqual(len(response.context["form"].non_field_errors()), 1)
        self.assertEqual(Situation.objects.get(pk=situation.pk).status, Status.PRESENTED)

    def test_a_decision_on_a_stale_page_is_refused(self):
        situation = self.situation_in("presented")
        self.sign_in(self.coordinator)
        response = self.client.post(
            self.url("decide", situation),
            {"aer_met": "no", "method": "consensus", "version": situation.version - 1},
        )
        self.assertEqual(response.status_code, 409)
        self.assertEqual(Situation.objects.get(pk=situation.pk).status, Status.PRESENTED)

    def test_task_owner_must_be_an_agency_named(self):
        situation = self.situation_in("mobilized")
        self.sign_in(self.lead_worker)
        response = self.client.post(
            self.url("plan", situation), {"title": "Appel", "owner_organization": self.youth.pk}
        )
        self.assertEqual(response.status_code, 422)
        self.assertFalse(Task.objects.exists())

    def test_a_task_title_holding_a_name_is_highlighted_and_not_saved(self):
        situation = self.situation_in("mobilized")
        self.sign_in(self.lead_worker)
        title = "Appeler Marie Tremblay au 705-555-0142"
        data = {"title": title, "owner_organization": self.health.pk}
        response = self.client.post(self.url("plan", situation), data)
        self.assertEqual(response.status_code, 422)
        self.assertContains(response, "<mark", status_code=422)
        self.assertFalse(Task.objects.exists())

    def test_a_confirmed_false_alarm_in_a_task_title_is_saved_and_audited_without_the_text(self):
        situation = self.situation_in("mobilized")
        self.sign_in(self.lead_worker)
        data = {"title": "Rencontre avec Marie Tremblay", "owner_organization": self.health.pk}
        first = self.client.post(self.url("plan", situation), data)
        self.assertEqual(first.status_code, 422)
        digest = first.context["form"].guard_digest
        self.client.post(
            self.url("plan", situation), {**data, "guard_confirm": "yes", "guard_digest": digest}
        )
        self.assertTrue(Task.objects.exists())
        entry = AuditEntry.objects.filter(action=SITUATION_GUARD_OVERRIDE).get()
        self.assertNotIn("Tremblay", str(entry.data))

    def test_uninvolved_member_may_not_see_the_plan_page(self):
        situation = self.situation_in("mobilized")
        self.sign_in(self.uninvolved)
        self.assertEqual(self.client.get(self.url("plan", situation)).status_code, 403)

    def test_coordinator_reopens_a_concluded_situation(self):
        situation = self.situation_in("concluded")
        self.sign_in(self.coordinator)
        self.assertEqual(self.client.get(self.url("reopen", situation)).status_code, 200)
        self.client.post(self.url("reopen", situation), {"version": situation.version})
        self.assertEqual(Situation.objects.get(pk=situation.pk).status, Status.MOBILIZED)

    def test_risk_checklist_is_not_offered_at_a_situation_table(self):
        situation = self.situation_in("presented")
        self.sign_in(self.coordinator)
        self.assertEqual(self.client.get(self.url("assess", situation)).status_code, 404)
