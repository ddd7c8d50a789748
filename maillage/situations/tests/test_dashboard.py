"""The table's situation dashboard."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from maillage.situations.models import Situation

from .base import SituationTestCase


class DashboardTests(SituationTestCase):
    def url(self):
        return reverse("situations:dashboard", kwargs={"table_pk": self.table.pk})

    def test_overdue_situation_appears_in_the_overdue_column(self):
        situation = self.situation_in("mobilized")
        Situation.objects.filter(pk=situation.pk).update(
            agencies_named_at=situation.agencies_named_at - timedelta(hours=49)
        )
        self.sign_in(self.coordinator)
        response = self.client.get(self.url())
        self.assertEqual([s.pk for s in response.context["columns"]["overdue"]], [situation.pk])
        self.assertContains(response, "overdue")

    def test_overdue_follows_the_hours_configured_for_the_table(self):
        situation = self.situation_in("mobilized")
        situation.settings().__class__.objects.filter(table=self.table).update(
            mobilization_hours=24
        )
        Situation.objects.filter(pk=situation.pk).update(
            agencies_named_at=situation.agencies_named_at - timedelta(hours=30)
        )
        self.assertEqual(list(Situation.objects.overdue()), [situation])

    def test_drafts_of_another_agency_are_not_listed(self):
        self.draft()
        self.sign_in(self.uninvolved)
        response = self.client.get(self.url())
        self.assertEqual(response.context["columns"]["new"], [])

    def test_originating_agency_sees_its_draft(self):
        situation = self.draft()
        self.sign_in(self.member)
        response = self.client.get(self.url())
        self.assertContains(response, situation.reference)

    def test_outsider_gets_404(self):
        self.sign_in(self.outsider)
        self.assertEqual(self.client.get(self.url()).status_code, 404)

    def test_number_of_queries_does_not_grow_with_the_number_of_situations(self):
        self.sign_in(self.coordinator)
        for state in ("presented", "mobilized", "concluded"):
            self.situation_in(state)
        with CaptureQueriesContext(connection) as few:
            self.client.get(self.url())
        for _ in range(3):
            for state in ("presented", "mobilized", "concluded", "rejected", "accepted"):
                self.situation_in(state)
        with CaptureQueriesContext(connection) as many:
            response = self.client.get(self.url())
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(many), len(few))
