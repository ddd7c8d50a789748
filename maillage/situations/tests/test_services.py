"""Purge of old free text, the risk checklist and the reference lists per table."""

from datetime import timedelta

from django.utils import timezone

from maillage.situations import services
from maillage.situations.configure import add_item, retire_item, set_hidden
from maillage.situations.models import (
    ConclusionCategory,
    RiskFactor,
    RiskInstrument,
    Situation,
    Task,
)
from maillage.tables.models import TableKind

from .base import SituationTestCase


class PurgeTests(SituationTestCase):
    def test_purge_removes_free_text_of_long_concluded_situations_and_keeps_statistics(self):
        situation = self.situation_in("mobilized")
        services.add_task(
            situation=situation, title="Visite", owner=self.health, by=self.lead_worker
        )
        situation.conclude(
            category=ConclusionCategory.objects.get(code="moved"), by=self.coordinator
        )
        recent = self.situation_in("concluded")
        Situation.objects.filter(pk=situation.pk).update(
            concluded_at=timezone.now() - timedelta(days=400)
        )
        count = services.purge_situations(older_than=timezone.now() - timedelta(days=365))
        self.assertEqual(count, 1)
        old = Situation.objects.get(pk=situation.pk)
        self.assertEqual(old.description, "")
        self.assertEqual(old.conclusion_category.code, "moved")
        self.assertEqual(old.risk_factors.count(), len(self.factors))
        self.assertEqual(Task.objects.get().title, "")
        self.assertNotEqual(Situation.objects.get(pk=recent.pk).description, "")
        self.assertEqual(services.purge_situations(older_than=timezone.now()), 1)


class AssessmentTests(SituationTestCase):
    def setUp(self):
        self.table.kind = TableKind.DOMESTIC_VIOLENCE
        self.table.save()

    def test_fourteen_yes_answers_mean_high_risk(self):
        instrument = RiskInstrument.objects.get(code="dv-24")
        questions = list(instrument.questions.all())
        self.assertEqual(len(questions), 24)
        answers = {str(q.pk): "yes" if i < 14 else "no" for i, q in enumerate(questions)}
        assessment = services.assess_risk(
            situation=self.draft(),
            instrument=instrument,
            answers=answers,
            professional_judgement=False,
            escalation=False,
            by=self.member,
        )
        self.assertEqual((assessment.score, assessment.level), (14, "high"))

    def test_professional_judgement_alone_means_high_risk(self):
        instrument = RiskInstrument.objects.get(code="dv-24")
        assessment = services.assess_risk(
            situation=self.draft(),
            instrument=instrument,
            answers={},
            professional_judgement=True,
            escalation=False,
            by=self.member,
        )
        self.assertEqual((assessment.score, assessment.level), (0, "high"))


class ReferenceListTests(SituationTestCase):
    def test_hiding_a_default_factor_keeps_it_on_past_situations(self):
        situation = self.draft()
        factor = self.factors[0]
        set_hidden(
            table=self.table, model=RiskFactor, item=factor, hidden=True, by=self.coordinator
        )
        self.assertNotIn(factor, RiskFactor.objects.for_table(self.table))
        self.assertIn(factor, RiskFactor.objects.for_table(self.other_table))
        self.assertIn(factor, situation.risk_factors.all())

    def test_a_table_adds_and_retires_its_own_item(self):
        category = self.factors[0].category
        item = add_item(
            table=self.table,
            model=RiskFactor,
            name_fr="exposition aux écrans",
            name_en="screen exposure",
            category=category,
            by=self.coordinator,
        )
        self.assertIn(item, RiskFactor.objects.for_table(self.table))
        self.assertNotIn(item, RiskFactor.objects.for_table(self.other_table))
        retire_item(table=self.table, item=item, by=self.coordinator)
        self.assertNotIn(item, RiskFactor.objects.for_table(self.table))
        self.assertTrue(RiskFactor.objects.filter(pk=item.pk).exists())

    def test_default_set_has_the_twenty_six_categories(self):
        from maillage.situations.models import RiskCategory

        self.assertEqual(RiskCategory.objects.filter(table__isnull=True).count(), 26)
        self.assertGreaterEqual(RiskFactor.objects.filter(table__isnull=True).count(), 90)
