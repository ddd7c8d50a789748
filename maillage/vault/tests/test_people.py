from datetime import timedelta

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from maillage.core.models import AuditEntry
from maillage.vault import services
from maillage.vault.audit import PERSON_ADD, PERSON_EDIT
from maillage.vault.models import PersonRole, VaultPerson

from .base import VaultTestCase

FORM = {
    "role": "at_risk",
    "name": "Marie Tremblay",
    "born_on": "1980-05-17",
    "address": "12 rue des Érables, Sudbury",
    "contact": "705-555-0142",
    "relationship": "",
    "notes": "",
}


class AddingPeopleTests(VaultTestCase):
    def test_a_person_cannot_be_entered_before_the_agencies_are_named(self):
        situation = self.situation_in("accepted")
        with self.assertRaises(ValidationError):
            self.add(situation)
        assert not VaultPerson.objects.exists()

    def test_adding_audits_the_field_names_never_the_values(self):
        situation = self.situation_in("mobilized")
        self.add(situation)
        entry = AuditEntry.objects.get(action=PERSON_ADD)
        assert entry.fields == sorted(["role", "name", "born_on", "address", "contact"])
        serialised = f"{entry.data} {entry.label}"
        assert "Tremblay" not in serialised and "1980" not in serialised
        assert entry.label == f"{situation.reference}-P1"

    def test_people_are_numbered_in_each_situation(self):
        situation = self.situation_in("mobilized")
        first = self.add(situation).person
        second = self.add(situation, name="Jean Gagnon", role=PersonRole.INVOLVED).person
        assert (first.position, second.position) == (1, 2)

    def test_the_add_page_saves_and_returns_to_the_vault(self):
        situation = self.situation_in("mobilized")
        self.sign_in(self.assisting_worker)
        response = self.client.post(reverse("vault:person_add", args=[situation.pk]), FORM)
        self.assertRedirects(response, reverse("vault:situation", args=[situation.pk]))
        person = VaultPerson.objects.get(situation=situation)
        assert person.unseal(situation.vault_key.data_key()).name == "Marie Tremblay"
        assert person.created_by == self.assisting_worker

    def test_a_date_of_birth_in_the_future_is_refused_and_nothing_is_saved(self):
        situation = self.situation_in("mobilized")
        self.sign_in(self.lead_worker)
        tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
        response = self.client.post(
            reverse("vault:person_add", args=[situation.pk]), {**FORM, "born_on": tomorrow}
        )
        assert response.status_code == 422
        assert not VaultPerson.objects.exists()
        assert not AuditEntry.objects.filter(action=PERSON_ADD).exists()

    def test_a_person_can_be_added_after_conclusion_until_the_vault_is_destroyed(self):
        situation = self.situation_in("concluded")
        assert self.add(situation).person.pk


class EditingPeopleTests(VaultTestCase):
    def setUp(self):
        self.situation = self.situation_in("mobilized")
        self.person = self.add(self.situation).person

    def test_editing_audits_only_the_changed_field_names(self):
        services.edit_person(
            person=self.person,
            role=PersonRole.AT_RISK,
            identity=self.identity(address="40 avenue Notre-Dame, Sudbury"),
            by=self.lead_worker,
        )
        entry = AuditEntry.objects.get(action=PERSON_EDIT)
        assert entry.fields == ["address"]
        assert "Notre-Dame" not in str(entry.data)
        self.person.refresh_from_db()
        identity = self.person.unseal(self.situation.vault_key.data_key())
        assert identity.address == "40 avenue Notre-Dame, Sudbury"

    def test_saving_without_a_change_writes_nothing(self):
        services.edit_person(
            person=self.person, role=PersonRole.AT_RISK, identity=self.identity(), by=self.member
        )
        assert not AuditEntry.objects.filter(action=PERSON_EDIT).exists()

    def test_the_edit_page_saves_with_the_reason_and_returns_to_the_vault(self):
        self.sign_in(self.member)
        url = reverse("vault:person_edit", args=[self.situation.pk, self.person.pk])
        data = {**FORM, "reason": "verify", "note": "", "contact": "705-555-0199", "save": "1"}
        response = self.client.post(url, data)
        target = reverse("vault:situation", args=[self.situation.pk]) + "?reason=verify"
        self.assertRedirects(response, target)
        self.person.refresh_from_db()
        assert self.person.unseal(self.situation.vault_key.data_key()).contact == "705-555-0199"

    def test_a_save_without_a_reason_changes_nothing(self):
        self.sign_in(self.member)
        url = reverse("vault:person_edit", args=[self.situation.pk, self.person.pk])
        response = self.client.post(url, {**FORM, "contact": "705-555-0199", "save": "1"})
        assert response.status_code == 422
        self.person.refresh_from_db()
        assert self.person.unseal(self.situation.vault_key.data_key()).contact == "705-555-0142"

    def test_a_person_of_another_situation_is_not_found(self):
        other = self.situation_in("mobilized")
        self.sign_in(self.member)
        url = reverse("vault:person_edit", args=[other.pk, self.person.pk])
        assert self.client.post(url, {"reason": "verify"}).status_code == 404
