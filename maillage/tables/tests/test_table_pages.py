from django.urls import reverse

from maillage.core.models import AuditEntry
from maillage.core.testing import PersonaTestCase


class TableListTests(PersonaTestCase):
    def test_member_sees_only_their_tables(self):
        self.client.force_login(self.member)
        response = self.client.get(reverse("tables:list"))
        self.assertContains(response, "Table Sudbury")
        self.assertNotContains(response, "Cellule Montréal")


class TableDetailTests(PersonaTestCase):
    def test_observer_sees_members_but_no_management_links(self):
        self.client.force_login(self.observer)
        response = self.client.get(reverse("tables:detail", args=[self.table.pk]))
        self.assertContains(response, "Organisme police")
        self.assertNotContains(response, reverse("tables:members", args=[self.table.pk]))

    def test_english_speaker_sees_english_names(self):
        self.member.language = "en-ca"
        self.member.save()
        self.client.force_login(self.member)
        response = self.client.get(reverse("tables:detail", args=[self.table.pk]))
        self.assertContains(response, "Sudbury table")
        self.assertContains(response, "Member organisations")

    def test_outsider_gets_404(self):
        self.client.force_login(self.outsider)
        response = self.client.get(reverse("tables:detail", args=[self.table.pk]))
        self.assertEqual(response.status_code, 404)


class TableEditTests(PersonaTestCase):
    def test_coordinator_edits_the_table_and_it_is_audited(self):
        self.client.force_login(self.coordinator)
        response = self.client.post(
            reverse("tables:edit", args=[self.table.pk]),
            {"name_fr": "Table du Grand Sudbury", "name_en": "Sudbury table", "cadence": "weekly"},
        )
        self.assertRedirects(response, reverse("tables:detail", args=[self.table.pk]))
        self.table.refresh_from_db()
        self.assertEqual(self.table.name_fr, "Table du Grand Sudbury")
        self.assertEqual(AuditEntry.objects.get(action="tables.table.edit").fields, ["name_fr"])

    def test_empty_name_is_refused_and_nothing_changes(self):
        self.client.force_login(self.coordinator)
        response = self.client.post(
            reverse("tables:edit", args=[self.table.pk]),
            {"name_fr": "", "name_en": "x", "cadence": "weekly"},
        )
        self.assertEqual(response.status_code, 200)
        self.table.refresh_from_db()
        self.assertEqual(self.table.name_fr, "Table Sudbury")

    def test_member_gets_403(self):
        self.client.force_login(self.member)
        response = self.client.get(reverse("tables:edit", args=[self.table.pk]))
        self.assertEqual(response.status_code, 403)
