"""From the table's decision to the destruction of the identity, through the pages.

The coordinator decides and names agencies; the lead agency enters and opens the identity; the
coordinator and an uninvolved member cannot; first contact and conclusion are recorded; after the
retention period ``maillage purge`` makes the identity unreadable while the de-identified record
stays.
"""

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from maillage.core.models import AuditEntry
from maillage.situations.models import ConclusionCategory, Situation, Status
from maillage.situations.tests.base import SituationTestCase
from maillage.vault.audit import VAULT_VIEW
from maillage.vault.models import Identity, VaultKey, VaultPerson
from maillage.vault.services import add_person

NAME = "Rosalie Vachon"


class SituationEndToEndTests(SituationTestCase):
    def vault_url(self, situation: Situation) -> str:
        return reverse("vault:situation", kwargs={"situation_pk": situation.pk})

    def open_vault(self, user, situation: Situation):
        self.sign_in(user, mfa=True)
        return self.client.post(self.vault_url(situation), {"reason": "plan"})

    def test_decision_vault_contact_conclusion_and_destruction(self):
        situation = self.situation_in("presented")
        situation.decide(aer_met=True, method="consensus", by=self.coordinator)
        situation.name_agencies(lead=self.health, assisting=[self.housing], by=self.coordinator)
        add_person(
            situation=situation,
            role="at_risk",
            identity=Identity(name=NAME, address="12 rue des Érables"),
            by=self.lead_worker,
        )

        response = self.open_vault(self.lead_worker, situation)
        self.assertContains(response, NAME)
        person = VaultPerson.objects.get(situation=situation)
        self.assertTrue(
            AuditEntry.objects.filter(
                action=VAULT_VIEW, actor=self.lead_worker, object_id=str(person.pk)
            ).exists()
        )
        for outsider in (self.coordinator, self.uninvolved, self.observer):
            with self.subTest(user=outsider.username):
                self.assertIn(self.open_vault(outsider, situation).status_code, {403, 404})

        situation.record_first_contact(at=timezone.now(), by=self.lead_worker)
        situation.conclude(
            category=ConclusionCategory.objects.get(code="risk_lowered"), by=self.coordinator
        )
        Situation.objects.filter(pk=situation.pk).update(
            concluded_at=timezone.now() - timedelta(days=31)
        )

        call_command("purge", stdout=StringIO())

        key = VaultKey.objects.get(situation=situation)
        self.assertTrue(key.is_destroyed)
        response = self.open_vault(self.lead_worker, situation)
        self.assertNotContains(response, NAME, status_code=response.status_code)
        situation.refresh_from_db()
        self.assertEqual(situation.status, Status.CONCLUDED)
        self.assertEqual(situation.risk_factors.count(), len(self.factors))
