from django.urls import reverse

from maillage.core.audit import log_action
from maillage.tables.testing import PersonaTestCase


class TableAuditTrailTests(PersonaTestCase):
    def setUp(self):
        log_action("tables.seat.add", user=self.coordinator, table=self.table)
        log_action("tables.seat.add", user=self.other_member, table=self.other_table)
        self.url = reverse("core:table_audit", args=[self.table.pk])

    def test_coordinator_sees_only_their_table_trail(self):
        self.sign_in(self.coordinator)
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["page"].paginator.count, 1)

    def test_member_gets_403(self):
        self.sign_in(self.member)
        self.assertEqual(self.client.get(self.url).status_code, 403)

    def test_outsider_gets_404(self):
        self.sign_in(self.outsider)
        self.assertEqual(self.client.get(self.url).status_code, 404)

    def test_filter_by_action_prefix(self):
        log_action("tables.table.edit", user=self.coordinator, table=self.table)
        self.sign_in(self.coordinator)
        response = self.client.get(self.url, {"action": "tables.table"})
        self.assertEqual(response.context["page"].paginator.count, 1)

    def test_end_before_start_is_explained_and_shows_nothing(self):
        self.sign_in(self.coordinator)
        response = self.client.get(
            self.url,
            {"start": "2026-05-02", "end": "2026-05-01"},
        )
        self.assertContains(response, "La date de fin précède la date de début.")
        self.assertEqual(response.context["page"].paginator.count, 0)

    def test_htmx_request_gets_only_the_results(self):
        self.sign_in(self.coordinator)
        response = self.client.get(self.url, headers={"hx-request": "true"})
        self.assertNotContains(response, "<html")
        self.assertContains(response, 'id="results"')


class GlobalAuditTrailTests(PersonaTestCase):
    def test_privacy_officer_sees_every_table(self):
        log_action("tables.seat.add", table=self.table)
        log_action("tables.seat.add", table=self.other_table)
        self.sign_in(self.privacy_officer)
        response = self.client.get(reverse("core:audit"))
        self.assertEqual(response.status_code, 200)
        self.assertGreaterEqual(response.context["page"].paginator.count, 2)

    def test_coordinator_may_not_see_the_whole_trail(self):
        self.sign_in(self.coordinator)
        self.assertEqual(self.client.get(reverse("core:audit")).status_code, 403)
