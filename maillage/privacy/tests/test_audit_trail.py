from django.urls import reverse

from maillage.core.audit import log_action
from maillage.privacy.trail_views import PAGE_SIZE
from maillage.tables.audit import SEAT_ADD, SEAT_ROLE, TABLE_EDIT
from maillage.tables.testing import PersonaTestCase
from maillage.vault.audit import KEY_ROTATE


class TableAuditTrailTests(PersonaTestCase):
    def setUp(self):
        log_action(SEAT_ADD, user=self.coordinator, table=self.table)
        log_action(SEAT_ADD, user=self.other_member, table=self.other_table)
        self.url = reverse("privacy:table_audit", args=[self.table.pk])

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

    def test_filter_by_a_readable_category(self):
        log_action(KEY_ROTATE, user=self.coordinator, table=self.table)
        self.sign_in(self.coordinator)
        response = self.client.get(self.url, {"category": "vault"})
        self.assertEqual(response.context["page"].paginator.count, 1)
        self.assertContains(
            response, '<option value="vault" selected>Coffre d&#x27;identité</option>'
        )

    def test_filter_by_a_persons_name(self):
        self.coordinator.first_name, self.coordinator.last_name = "Anne", "Lavoie"
        self.coordinator.save()
        log_action(TABLE_EDIT, user=self.member, table=self.table)
        self.sign_in(self.coordinator)
        response = self.client.get(self.url, {"person": "anne lavoie"})
        self.assertEqual(response.context["page"].paginator.count, 1)

    def test_end_before_start_is_explained_and_shows_nothing(self):
        self.sign_in(self.coordinator)
        response = self.client.get(self.url, {"start": "2026-05-02", "end": "2026-05-01"})
        self.assertContains(response, "La date de fin précède la date de début.")
        self.assertEqual(response.context["page"].paginator.count, 0)

    def test_htmx_request_gets_only_the_results(self):
        self.sign_in(self.coordinator)
        response = self.client.get(self.url, headers={"hx-request": "true"})
        self.assertNotContains(response, "<html")
        self.assertContains(response, 'id="results"')


class ReadableTrailTests(PersonaTestCase):
    def setUp(self):
        self.member.first_name, self.member.last_name = "Luc", "Bélanger"
        self.member.save()
        log_action(
            SEAT_ROLE, user=self.member, table=self.table, data={"from": "member", "to": "observer"}
        )
        self.sign_in(self.privacy_officer)

    def test_actions_people_and_organisations_are_named_in_french(self):
        response = self.client.get(reverse("privacy:audit"))
        self.assertContains(response, "Luc Bélanger")
        self.assertContains(response, self.police.name)
        self.assertContains(response, "Rôle d’un membre modifié")
        self.assertNotContains(response, "tables.seat.role")

    def test_actions_are_named_in_english(self):
        self.privacy_officer.language = "en-ca"
        self.privacy_officer.save()
        response = self.client.get(reverse("privacy:audit"), headers={"accept-language": "en"})
        self.assertContains(response, "Member&#x27;s role changed")

    def test_an_anonymised_person_is_shown_by_their_neutral_label(self):
        self.member.anonymise()
        response = self.client.get(reverse("privacy:audit"))
        self.assertContains(response, f"former-user-{self.member.pk}")
        self.assertNotContains(response, "Bélanger")

    def test_the_next_page_link_leads_to_the_next_page(self):
        for _ in range(PAGE_SIZE):
            log_action(TABLE_EDIT, user=self.member, table=self.table)
        response = self.client.get(reverse("privacy:audit"), {"category": "tables"})
        self.assertContains(response, 'href="?category=tables&amp;page=2"')
        following = self.client.get(reverse("privacy:audit"), {"category": "tables", "page": 2})
        self.assertEqual(following.context["page"].number, 2)
        self.assertEqual(len(following.context["rows"]), 1)


class GlobalAuditTrailTests(PersonaTestCase):
    def test_privacy_officer_sees_every_table(self):
        log_action(SEAT_ADD, table=self.table)
        log_action(SEAT_ADD, table=self.other_table)
        self.sign_in(self.privacy_officer)
        response = self.client.get(reverse("privacy:audit"))
        self.assertEqual(response.status_code, 200)
        self.assertGreaterEqual(response.context["page"].paginator.count, 2)

    def test_coordinator_may_not_see_the_whole_trail(self):
        self.sign_in(self.coordinator)
        self.assertEqual(self.client.get(reverse("privacy:audit")).status_code, 403)
