"""The admin seats people through the tables services: same checks, same audit entries."""

from django.urls import reverse

from maillage.accounts.testing import admin_form_data
from maillage.core.models import AuditEntry
from maillage.tables.models import Role, Seat
from maillage.tables.testing import PersonaTestCase, make_user


class TableAdminSeatTests(PersonaTestCase):
    def setUp(self):
        self.root = make_user("root", self.city, is_superuser=True, is_staff=True)
        self.sign_in(self.root)
        self.url = reverse("admin:tables_table_change", args=[self.table.pk])
        self.data = admin_form_data(self.client.get(self.url))

    def seat_rows(self) -> dict:
        """Each existing seat row's prefix, by the seat holder's id."""
        rows = {}
        total = int(self.data["seats-TOTAL_FORMS"])
        for i in range(total):
            rows[int(self.data[f"seats-{i}-user"])] = f"seats-{i}"
        return rows

    def add_seat_row(self, user, organization, role=Role.MEMBER) -> None:
        i = int(self.data["seats-TOTAL_FORMS"])
        self.data.update(
            {
                f"seats-{i}-user": user.pk,
                f"seats-{i}-organization": organization.pk,
                f"seats-{i}-role": role,
                f"seats-{i}-table": self.table.pk,
                "seats-TOTAL_FORMS": i + 1,
            }
        )

    def test_a_seat_for_an_organisation_the_person_does_not_work_for_is_refused(self):
        self.add_seat_row(self.outsider, self.police)  # the outsider works for the shelter
        response = self.client.post(self.url, self.data, follow=True)
        self.assertContains(response, "Cette personne ne travaille pas pour cet organisme.")
        self.assertFalse(Seat.objects.filter(user=self.outsider).exists())
        self.assertFalse(AuditEntry.objects.filter(action__startswith="tables.").exists())

    def test_a_seat_added_in_the_admin_is_audited(self):
        self.add_seat_row(self.privacy_officer, self.city)
        response = self.client.post(self.url, self.data)
        self.assertEqual(response.status_code, 302)
        seat = Seat.objects.get(table=self.table, user=self.privacy_officer)
        entry = AuditEntry.objects.get(action="tables.seat.add")
        self.assertEqual(entry.object_id, str(seat.pk))
        self.assertEqual(entry.actor, self.root)

    def test_a_role_changed_in_the_admin_is_audited(self):
        row = self.seat_rows()[self.member.pk]
        self.data[f"{row}-role"] = Role.CHAIR
        self.client.post(self.url, self.data)
        self.assertEqual(Seat.objects.get(user=self.member, table=self.table).role, Role.CHAIR)
        entry = AuditEntry.objects.get(action="tables.seat.role")
        self.assertEqual(entry.data, {"from": Role.MEMBER, "to": Role.CHAIR})

    def test_removing_the_last_coordinator_in_the_admin_is_refused(self):
        row = self.seat_rows()[self.coordinator.pk]
        self.data[f"{row}-DELETE"] = "on"
        response = self.client.post(self.url, self.data, follow=True)
        self.assertContains(response, "Une table doit compter au moins une présidence")
        self.assertTrue(Seat.objects.filter(user=self.coordinator, table=self.table).exists())
