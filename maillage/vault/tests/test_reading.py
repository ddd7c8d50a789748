from django.urls import reverse

from maillage.core.models import AuditEntry
from maillage.vault.audit import VAULT_VIEW
from maillage.vault.models import PersonRole

from .base import VaultTestCase


class ReadingTests(VaultTestCase):
    def setUp(self):
        self.situation = self.situation_in("mobilized")
        self.person = self.add(self.situation).person
        self.other = self.add(
            self.situation, name="Jean Gagnon", role=PersonRole.INVOLVED, relationship="Ex-conjoint"
        ).person
        self.url = reverse("vault:situation", args=[self.situation.pk])
        self.sign_in(self.lead_worker)

    def views(self):
        return AuditEntry.objects.filter(action=VAULT_VIEW)

    def test_without_a_reason_the_page_shows_only_the_reason_form(self):
        response = self.client.get(self.url)
        assert response.status_code == 200
        assert b'name="reason"' in response.content
        assert b"Tremblay" not in response.content
        assert b"Gagnon" not in response.content
        assert not self.views().exists()

    def test_a_missing_reason_reveals_nothing(self):
        response = self.client.post(self.url, {"reason": ""})
        assert response.status_code == 422
        assert b"Tremblay" not in response.content
        assert not self.views().exists()

    def test_another_reason_needs_details(self):
        response = self.client.post(self.url, {"reason": "other", "note": " "})
        assert response.status_code == 422
        assert b"Tremblay" not in response.content

    def test_stating_a_reason_shows_the_people_and_audits_each_one(self):
        response = self.client.post(self.url, {"reason": "contact"})
        assert response.status_code == 200
        self.assertContains(response, "Marie Tremblay")
        self.assertContains(response, "Jean Gagnon")
        entries = list(self.views().order_by("object_id"))
        assert [e.object_id for e in entries] == [str(self.person.pk), str(self.other.pk)]
        for entry in entries:
            assert entry.actor == self.lead_worker
            assert entry.table == self.table
            assert entry.object_type == "vault.vaultperson"
            assert entry.data == {"reason": "contact"}
            assert (
                entry.label.startswith(self.situation.reference) and "Tremblay" not in entry.label
            )

    def test_the_free_text_of_another_reason_stays_out_of_the_permanent_trail(self):
        self.client.post(self.url, {"reason": "other", "note": "Vérifier l'adresse"})
        assert self.views().first().data == {"reason": "other"}

    def test_reloading_the_page_asks_for_a_reason_again(self):
        self.client.post(self.url, {"reason": "contact"})
        response = self.client.get(self.url)
        assert b"Tremblay" not in response.content
        assert self.views().count() == 2

    def test_the_edit_page_asks_for_a_reason_before_showing_the_details(self):
        url = reverse("vault:person_edit", args=[self.situation.pk, self.person.pk])
        response = self.client.get(url)
        assert b"Tremblay" not in response.content
        assert not self.views().exists()
        response = self.client.post(url, {"reason": "verify"})
        self.assertContains(response, 'value="Marie Tremblay"')
        assert [e.object_id for e in self.views()] == [str(self.person.pk)]

    def test_the_page_is_not_stored_by_the_browser(self):
        response = self.client.post(self.url, {"reason": "contact"})
        assert "no-store" in response["Cache-Control"]
