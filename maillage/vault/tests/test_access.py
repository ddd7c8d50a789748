"""Who may read and write the vault, for every state of a situation and every persona."""

from django.urls import reverse

from maillage.core.access import rules
from maillage.core.models import AuditEntry
from maillage.vault.audit import VAULT_VIEW

from .base import VaultTestCase

STATES = ["draft", "presented", "accepted", "rejected", "mobilized", "concluded"]
INVOLVED = {"originating", "lead", "assisting"}
IDENTITY_STATES = {"mobilized", "concluded"}
NO_SEAT = {"other_table", "outsider", "privacy_officer"}


def expected_status(persona: str, state: str) -> int:
    """The page answer: 200 to the agencies named, 403 to those who see the situation, else 404."""
    if persona in NO_SEAT:
        return 404
    if state == "draft" and persona != "originating":
        return 404
    if state == "presented" and persona == "observer":
        return 404
    if state in IDENTITY_STATES and persona in INVOLVED:
        return 200
    return 403


class VaultRuleMatrixTests(VaultTestCase):
    def test_only_the_agencies_named_may_read_and_write_once_identity_is_allowed(self):
        for state in STATES:
            situation = self.situation_in(state)
            for persona, user in self.situation_personas.items():
                allowed = state in IDENTITY_STATES and persona in INVOLVED
                for action in ("situation.read_vault", "situation.write_vault"):
                    with self.subTest(state=state, persona=persona, action=action):
                        assert rules.may(user, action, situation) is allowed


class VaultPageMatrixTests(VaultTestCase):
    def test_the_vault_page_answers_each_persona_in_each_state(self):
        for state in STATES:
            situation = self.situation_in(state)
            url = reverse("vault:situation", args=[situation.pk])
            for persona, user in self.situation_personas.items():
                if persona == "inactive":
                    continue
                self.sign_in(user)
                with self.subTest(state=state, persona=persona):
                    assert self.client.get(url).status_code == expected_status(persona, state)

    def test_the_add_page_answers_each_persona_in_each_state(self):
        for state in STATES:
            situation = self.situation_in(state)
            url = reverse("vault:person_add", args=[situation.pk])
            for persona, user in self.situation_personas.items():
                if persona == "inactive":
                    continue
                self.sign_in(user)
                with self.subTest(state=state, persona=persona):
                    assert self.client.get(url).status_code == expected_status(persona, state)

    def test_an_inactive_account_is_sent_to_sign_in(self):
        situation = self.situation_in("mobilized")
        self.client.force_login(self.inactive)
        response = self.client.get(reverse("vault:situation", args=[situation.pk]))
        assert response.status_code == 302

    def test_the_coordinator_cannot_read_even_with_a_reason(self):
        situation = self.situation_in("mobilized")
        self.add(situation)
        self.sign_in(self.coordinator)
        response = self.client.post(
            reverse("vault:situation", args=[situation.pk]), {"reason": "plan"}
        )
        assert response.status_code == 403
        assert b"Tremblay" not in response.content
        assert not AuditEntry.objects.filter(action=VAULT_VIEW).exists()

    def test_the_uninvolved_member_cannot_add_a_person(self):
        situation = self.situation_in("mobilized")
        self.sign_in(self.uninvolved)
        response = self.client.post(
            reverse("vault:person_add", args=[situation.pk]),
            {"role": "at_risk", "name": "Marie Tremblay"},
        )
        assert response.status_code == 403
        assert not situation.vault_people.exists()

    def test_a_person_without_a_second_factor_is_sent_to_set_one_up(self):
        situation = self.situation_in("mobilized")
        self.sign_in(self.lead_worker, mfa=False)
        response = self.client.get(reverse("vault:situation", args=[situation.pk]))
        assert response.status_code == 302
