"""Demo situations cover every state."""

import io
import random

from maillage.demo.generator import seed_situations
from maillage.situations.models import Situation, Status
from maillage.situations.tests.base import SituationTestCase


class DemoTests(SituationTestCase):
    def test_demo_creates_situations_in_every_state_with_risk_factors(self):
        made = seed_situations(
            tables=[self.table], count=300, rng=random.Random(7), stdout=io.StringIO()
        )
        self.assertEqual(made, 300)
        self.assertEqual(
            set(Situation.objects.values_list("status", flat=True)), set(Status.values)
        )
        accepted = Situation.objects.exclude(status=Status.REJECTED).first()
        self.assertTrue(accepted.risk_factors.exists())
        self.assertEqual(
            sorted(Situation.objects.values_list("number", flat=True)), list(range(1, 301))
        )
