"""Creating and editing the de-identified record: the guard and optimistic locking."""

from django.urls import reverse

from maillage.core.models import AuditEntry
from maillage.situations.audit import SITUATION_EDIT, SITUATION_GUARD_OVERRIDE
from maillage.situations.models import Situation, Status

from .base import SituationTestCase

CLEAN = "Jeune en fugue répétée, consommation, refuse l'hébergement."
PHONE = "Joindre la mère au 705 555 0199 ou par courriel mere@example.org."


class CreateTests(SituationTestCase):
    def url(self):
        return reverse("situations:create", kwargs={"table_pk": self.table.pk})

    def post(self, **extra):
        data = {
            "discussion_type": "person",
            "risk_factors": [f.pk for f in self.factors],
            "description": CLEAN,
            "why_table": "Besoin de la santé.",
            **extra,
        }
        return self.client.post(self.url(), data)

    def test_member_creates_a_draft_for_their_agency(self):
        self.sign_in(self.member)
        response = self.post()
        situation = Situation.objects.get()
        self.assertRedirects(
            response,
            reverse("situations:detail", kwargs={"table_pk": self.table.pk, "pk": situation.pk}),
        )
        self.assertEqual(situation.status, Status.DRAFT)
        self.assertEqual(situation.originating_organization, self.police)
        self.assertEqual(
            situation.risk_categories.count(), len({f.category_id for f in self.factors})
        )

    def test_observer_may_not_create(self):
        self.sign_in(self.observer)
        self.assertEqual(self.post().status_code, 403)

    def test_identifiers_are_highlighted_and_nothing_is_saved(self):
        self.sign_in(self.member)
        response = self.post(description=PHONE)
        self.assertEqual(response.status_code, 422)
        self.assertContains(response, "<mark", status_code=422)
        self.assertContains(response, "705 555 0199</mark>".replace("</mark>", ""), status_code=422)
        self.assertFalse(Situation.objects.exists())

    def test_confirmed_false_alarm_is_saved_and_audited_without_the_text(self):
        self.sign_in(self.member)
        first = self.post(description=PHONE)
        digest = first.context["form"].guard_digest
        response = self.post(description=PHONE, guard_confirm="yes", guard_digest=digest)
        self.assertEqual(response.status_code, 302)
        entry = AuditEntry.objects.get(action=SITUATION_GUARD_OVERRIDE)
        self.assertIn("PHONE", entry.data["labels"])
        self.assertNotIn("0199", str(entry.data))

    def test_confirmation_given_for_another_text_does_not_count(self):
        self.sign_in(self.member)
        first = self.post(description=PHONE)
        digest = first.context["form"].guard_digest
        response = self.post(
            description=PHONE + " Autre: 705 555 0111.", guard_confirm="yes", guard_digest=digest
        )
        self.assertEqual(response.status_code, 422)
        self.assertFalse(Situation.objects.exists())


class EditTests(SituationTestCase):
    def url(self, situation):
        return reverse("situations:edit", kwargs={"table_pk": self.table.pk, "pk": situation.pk})

    def data(self, situation, **extra):
        return {
            "discussion_type": "family",
            "risk_factors": [f.pk for f in self.factors],
            "description": CLEAN,
            "why_table": "",
            "version": situation.version,
            **extra,
        }

    def test_saving_bumps_the_version_and_is_audited(self):
        situation = self.draft()
        self.sign_in(self.member)
        response = self.client.post(self.url(situation), self.data(situation))
        self.assertEqual(response.status_code, 302)
        situation.refresh_from_db()
        self.assertEqual((situation.discussion_type, situation.version), ("family", 2))
        self.assertTrue(AuditEntry.objects.filter(action=SITUATION_EDIT).exists())

    def test_second_save_from_a_stale_page_is_refused_and_the_input_is_kept(self):
        situation = self.situation_in("presented")
        stale = self.data(situation, description="Version du coordonnateur, plus courte.")
        self.sign_in(self.member)
        self.client.post(self.url(situation), self.data(situation))
        self.sign_in(self.coordinator)
        response = self.client.post(self.url(situation), stale)
        self.assertEqual(response.status_code, 409)
        self.assertContains(response, "Version du coordonnateur, plus courte.", status_code=409)
        situation.refresh_from_db()
        self.assertEqual(situation.description, CLEAN)

    def test_uninvolved_member_may_not_edit_a_presented_situation(self):
        situation = self.situation_in("presented")
        self.sign_in(self.uninvolved)
        self.assertEqual(self.client.get(self.url(situation)).status_code, 403)

    def test_concluded_situation_cannot_be_edited(self):
        situation = self.situation_in("concluded")
        self.sign_in(self.coordinator)
        self.assertEqual(self.client.get(self.url(situation)).status_code, 403)
