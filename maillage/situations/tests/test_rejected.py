"""Rejected discussions keep only minimal data."""

from maillage.situations.models import ProtectiveFactor, Situation

from .base import SituationTestCase


class RejectedMinimalDataTests(SituationTestCase):
    def test_rejection_keeps_categories_and_drops_description_and_specific_factors(self):
        situation = self.situation_in("presented")
        situation.protective_factors.set(ProtectiveFactor.objects.all()[:2])
        categories = {f.category_id for f in self.factors}
        situation.decide(
            aer_met=False,
            method="consensus",
            recommendation="Orientation vers le logement.",
            by=self.coordinator,
        )
        stored = Situation.objects.get(pk=situation.pk)
        self.assertEqual((stored.description, stored.why_table), ("", ""))
        self.assertFalse(stored.risk_factors.exists())
        self.assertFalse(stored.protective_factors.exists())
        self.assertFalse(stored.assisting_organizations.exists())
        self.assertEqual(set(stored.risk_categories.values_list("pk", flat=True)), categories)
        self.assertEqual(stored.recommendation, "Orientation vers le logement.")
        self.assertEqual(stored.age_group, situation.age_group)
