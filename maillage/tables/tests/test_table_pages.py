from django.urls import reverse

from maillage.core.models import AuditEntry
from maillage.tables.audit import TABLE_EDIT
from maillage.tables.testing import PersonaTestCase


class TableListTests(PersonaTestCase):
    def test_member_sees_only_their_tables(self):
        self.sign_in(self.member)
        response = self.client.get(reverse("tables:list"))
        self.assertContains(response, "Table Sudbury")
        self.assertNotContains(response, "Cellule Montréal")


class TableDetailTests(PersonaTestCase):
    def test_observer_sees_members_but_no_management_links(self):
        self.sign_in(self.observer)
        response = self.client.get(reverse("tables:detail", args=[self.table.pk]))
        self.assertContains(response, "Organisme police")
        self.assertNotContains(response, reverse("tables:members", args=[self.table.pk]))

    def test_english_speaker_sees_english_names(self):
        self.member.language = "en-ca"
        self.member.save()
        self.sign_in(self.member)
        response = self.client.get(reverse("tables:detail", args=[self.table.pk]))
        self.assertContains(response, "Sudbury table")
        self.assertContains(response, "Member organisations")

    def test_outsider_gets_404(self):
        self.sign_in(self.outsider)
        response = self.client.get(reverse("tables:detail", args=[self.table.pk]))
        self.assertEqual(response.status_code, 404)


class TableEditTests(PersonaTestCase):
    def test_coordinator_edits_the_table_and_it_is_audited(self):
        self.sign_in(self.coordinator)
        response = self.client.post(
            reverse("tables:edit", args=[self.table.pk]),
            {"name_fr": "Table du Grand Sudbury", "name_en": "Sudbury table", "cadence": "weekly"},
        )
        self.assertRedirects(response, reverse("tables:detail", args=[self.table.pk]))
        self.table.refresh_from_db()
        self.assertEqual(self.table.name_fr, "Table du Grand Sudbury")
        self.assertEqual(AuditEntry.objects.get(action=TABLE_EDIT).fields, ["name_fr"])

    def test_empty_name_is_refused_and_nothing_changes(self):
        self.sign_in(self.coordinator)
        response = self.client.post(
            reverse("tables:edit", args=[self.table.pk]),
            {"name_fr": "", "name_en": "x", "cadence": "weekly"},
        )
        self.assertEqual(response.status_code, 200)
        self.table.refresh_from_db()
        self.assertEqual(self.table.name_fr, "Table Sudbury")

    def test_member_gets_403(self):
        self.sign_in(self.member)
        response = self.client.get(reverse("tables:edit", args=[self.table.pk]))
        self.assertEqual(response.status_code, 403)


class PublishFiguresTests(PersonaTestCase):
    def edit(self, user, **extra):
        self.sign_in(user)
        fields = {"name_fr": "Table Sudbury", "name_en": "Sudbury table", "cadence": "weekly"}
        return self.client.post(reverse("tables:edit", args=[self.table.pk]), fields | extra)

    def test_coordinator_publishes_and_withdraws_the_figures_and_each_change_is_audited(self):
        self.sign_in(self.coordinator)
        page = self.client.get(reverse("tables:edit", args=[self.table.pk]))
        self.assertContains(page, "Publier ses chiffres, petits nombres supprimés")
        self.assertContains(page, "Les dossiers de la table et ses nombres non supprimés")

        response = self.edit(self.coordinator, publishes_figures="on")
        self.assertRedirects(response, reverse("tables:detail", args=[self.table.pk]))
        self.table.refresh_from_db()
        self.assertTrue(self.table.publishes_figures)
        entry = AuditEntry.objects.filter(action=TABLE_EDIT).latest("id")
        self.assertEqual(entry.fields, ["publishes_figures"])
        self.assertEqual(entry.data, {"publishes_figures": True})
        self.assertEqual(entry.actor, self.coordinator)

        self.edit(self.coordinator)
        self.table.refresh_from_db()
        self.assertFalse(self.table.publishes_figures)
        entry = AuditEntry.objects.filter(action=TABLE_EDIT).latest("id")
        self.assertEqual(entry.data, {"publishes_figures": False})

    def test_an_edit_that_leaves_publishing_alone_says_nothing_about_it(self):
        self.edit(self.coordinator, name_fr="Table du Grand Sudbury")
        entry = AuditEntry.objects.get(action=TABLE_EDIT)
        self.assertEqual((entry.fields, entry.data), (["name_fr"], {}))

    def test_member_cannot_publish_the_figures(self):
        response = self.edit(self.member, publishes_figures="on")
        self.assertEqual(response.status_code, 403)
        self.table.refresh_from_db()
        self.assertFalse(self.table.publishes_figures)
        self.assertFalse(AuditEntry.objects.filter(action=TABLE_EDIT).exists())

    def test_member_of_another_table_gets_404(self):
        response = self.edit(self.other_member, publishes_figures="on")
        self.assertEqual(response.status_code, 404)
        self.table.refresh_from_db()
        self.assertFalse(self.table.publishes_figures)

    def test_table_page_says_whether_the_figures_are_published(self):
        self.sign_in(self.member)
        url = reverse("tables:detail", args=[self.table.pk])
        self.assertContains(self.client.get(url), "Montrés aux membres de la table seulement")
        self.table.publishes_figures = True
        self.table.save()
        self.assertContains(self.client.get(url), "Publiés pour toute personne connectée")
