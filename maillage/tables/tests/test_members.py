from django.urls import reverse

from maillage.core.models import AuditEntry
from maillage.tables.audit import ORGANIZATION_ADD, ORGANIZATION_DESIGNATE, SEAT_ROLE
from maillage.tables.models import Seat, TableOrganization
from maillage.tables.testing import PersonaTestCase, make_organization, make_user


class MembersPageTests(PersonaTestCase):
    def test_coordinator_sees_the_management_page(self):
        self.sign_in(self.coordinator)
        response = self.client.get(reverse("tables:members", args=[self.table.pk]))
        self.assertContains(response, "Organisme police")
        self.assertContains(response, 'name="org-organization"')

    def test_member_gets_403(self):
        self.sign_in(self.member)
        response = self.client.get(reverse("tables:members", args=[self.table.pk]))
        self.assertEqual(response.status_code, 403)

    def test_outsider_gets_404(self):
        self.sign_in(self.outsider)
        response = self.client.get(reverse("tables:members", args=[self.table.pk]))
        self.assertEqual(response.status_code, 404)


class AddOrganizationTests(PersonaTestCase):
    def setUp(self):
        self.housing = make_organization("logement", "housing")
        self.worker = make_user("worker", self.housing)
        self.url = reverse("tables:add_organization", args=[self.table.pk])
        self.sign_in(self.coordinator)

    def test_coordinator_adds_an_organisation_with_its_representative(self):
        response = self.client.post(
            self.url, {"org-organization": self.housing.pk, "org-representative": self.worker.pk}
        )
        self.assertEqual(response.status_code, 200)
        membership = TableOrganization.objects.get(table=self.table, organization=self.housing)
        self.assertEqual(membership.representative, self.worker)
        self.assertTrue(Seat.objects.filter(table=self.table, user=self.worker).exists())
        self.assertTrue(AuditEntry.objects.filter(action=ORGANIZATION_ADD).exists())

    def test_representative_from_another_organisation_is_refused_and_nothing_changes(self):
        response = self.client.post(
            self.url,
            {"org-organization": self.housing.pk, "org-representative": self.outsider.pk},
        )
        self.assertEqual(response.status_code, 422)
        self.assertContains(response, "ne travaille pas pour cet organisme", status_code=422)
        self.assertFalse(TableOrganization.objects.filter(organization=self.housing).exists())
        self.assertFalse(Seat.objects.filter(user=self.outsider).exists())

    def test_htmx_post_returns_only_the_panel(self):
        response = self.client.post(
            self.url, {"org-organization": self.housing.pk}, headers={"hx-request": "true"}
        )
        self.assertContains(response, 'id="panel"')
        self.assertNotContains(response, "<html")

    def test_unknown_organisation_is_a_form_error_not_a_500(self):
        response = self.client.post(self.url, {"org-organization": "999999"})
        self.assertEqual(response.status_code, 422)

    def test_french_is_the_default_language_of_errors(self):
        response = self.client.post(self.url, {})
        self.assertContains(response, "Ce champ est obligatoire", status_code=422)

    def test_member_may_not_add(self):
        self.sign_in(self.member)
        response = self.client.post(self.url, {"org-organization": self.housing.pk})
        self.assertEqual(response.status_code, 403)
        self.assertFalse(TableOrganization.objects.filter(organization=self.housing).exists())


class DesignateTests(PersonaTestCase):
    def setUp(self):
        self.membership = TableOrganization.objects.get(table=self.table, organization=self.police)
        self.url = reverse("tables:designate", args=[self.table.pk, self.membership.pk])
        self.sign_in(self.coordinator)

    def test_coordinator_swaps_representative_and_substitute(self):
        response = self.client.post(
            self.url, {"representative": self.substitute.pk, "substitute": self.member.pk}
        )
        self.assertRedirects(response, reverse("tables:members", args=[self.table.pk]))
        self.membership.refresh_from_db()
        self.assertEqual(self.membership.representative, self.substitute)
        entry = AuditEntry.objects.get(action=ORGANIZATION_DESIGNATE)
        self.assertEqual(entry.fields, ["representative", "substitute"])

    def test_same_person_as_representative_and_substitute_is_refused(self):
        response = self.client.post(
            self.url, {"representative": self.member.pk, "substitute": self.member.pk}
        )
        self.assertEqual(response.status_code, 422)
        self.membership.refresh_from_db()
        self.assertEqual(self.membership.substitute, self.substitute)

    def test_membership_of_another_table_gets_404(self):
        other = TableOrganization.objects.get(table=self.other_table)
        response = self.client.get(reverse("tables:designate", args=[self.table.pk, other.pk]))
        self.assertEqual(response.status_code, 404)


class SeatTests(PersonaTestCase):
    def setUp(self):
        self.sign_in(self.coordinator)
        self.newcomer = make_user("newcomer", self.school)

    def test_coordinator_gives_a_seat(self):
        response = self.client.post(
            reverse("tables:add_seat", args=[self.table.pk]),
            {
                "seat-user": self.newcomer.pk,
                "seat-organization": self.school.pk,
                "seat-role": "member",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertTrue(Seat.objects.filter(table=self.table, user=self.newcomer).exists())

    def test_seat_on_behalf_of_an_organisation_not_at_the_table_is_refused(self):
        response = self.client.post(
            reverse("tables:add_seat", args=[self.table.pk]),
            {
                "seat-user": self.newcomer.pk,
                "seat-organization": self.shelter.pk,
                "seat-role": "member",
            },
        )
        self.assertEqual(response.status_code, 422)
        self.assertFalse(Seat.objects.filter(user=self.newcomer).exists())

    def test_coordinator_changes_a_role(self):
        seat = Seat.objects.get(table=self.table, user=self.observer)
        self.client.post(
            reverse("tables:change_role", args=[self.table.pk, seat.pk]), {"role": "member"}
        )
        seat.refresh_from_db()
        self.assertEqual(seat.role, "member")
        self.assertEqual(AuditEntry.objects.get(action=SEAT_ROLE).data["to"], "member")

    def test_invalid_role_changes_nothing(self):
        seat = Seat.objects.get(table=self.table, user=self.observer)
        self.client.post(
            reverse("tables:change_role", args=[self.table.pk, seat.pk]), {"role": "emperor"}
        )
        seat.refresh_from_db()
        self.assertEqual(seat.role, "observer")

    def test_last_coordinator_cannot_step_down(self):
        seat = Seat.objects.get(table=self.table, user=self.coordinator)
        response = self.client.post(
            reverse("tables:change_role", args=[self.table.pk, seat.pk]),
            {"role": "member"},
        )
        self.assertContains(response, "au moins une présidence ou une coordination")
        seat.refresh_from_db()
        self.assertEqual(seat.role, "coordinator")
        self.assertFalse(AuditEntry.objects.filter(action=SEAT_ROLE).exists())

    def test_removing_a_seat_clears_the_designation(self):
        seat = Seat.objects.get(table=self.table, user=self.substitute)
        self.client.post(reverse("tables:remove_seat", args=[self.table.pk, seat.pk]))
        self.assertFalse(Seat.objects.filter(pk=seat.pk).exists())
        membership = TableOrganization.objects.get(table=self.table, organization=self.police)
        self.assertIsNone(membership.substitute)

    def test_removing_an_organisation_removes_its_seats(self):
        membership = TableOrganization.objects.get(table=self.table, organization=self.police)
        self.client.post(reverse("tables:remove_organization", args=[self.table.pk, membership.pk]))
        self.assertFalse(Seat.objects.filter(table=self.table, organization=self.police).exists())

    def test_get_on_a_post_only_action_is_refused(self):
        seat = Seat.objects.get(table=self.table, user=self.observer)
        response = self.client.get(reverse("tables:remove_seat", args=[self.table.pk, seat.pk]))
        self.assertEqual(response.status_code, 405)

    def test_unknown_seat_gets_404(self):
        response = self.client.post(reverse("tables:remove_seat", args=[self.table.pk, 999999]))
        self.assertEqual(response.status_code, 404)
