"""``COPY`` loads the same situations as the ORM, and the lifecycle, would leave."""

import io
import random

from maillage.demo.bulk import copy_courses, copy_situations
from maillage.demo.factory import write
from maillage.situations.models import DecisionMethod, Situation, Status

from .test_factory import CourseTestCase, end_state


class CopyTests(CourseTestCase):
    def test_a_copied_situation_is_the_written_one_in_every_state(self):
        for status in Status.values:
            for method in DecisionMethod.values:
                with self.subTest(status=status, method=method):
                    course = self.full_course(status, method=method)
                    written = write([course])[0]
                    copy_courses([course])
                    copied = Situation.objects.get(number=written.number + 1)
                    assert end_state(copied) == end_state(written)

    def test_copied_situations_continue_the_numbers_and_the_keys(self):
        write([self.course(Status.DRAFT)])
        copy_courses([self.course(Status.PRESENTED), self.course(Status.CONCLUDED)])
        after = write([self.course(Status.DRAFT)])[0]
        assert list(Situation.objects.order_by("pk").values_list("number", flat=True)) == [
            1,
            2,
            3,
            4,
        ]
        assert after.pk == Situation.objects.order_by("-pk").values_list("pk", flat=True)[1] + 1

    def test_a_province_load_spreads_over_the_tables_with_many_risk_factors(self):
        made = copy_situations(
            tables=[self.table], count=200, rng=random.Random(3), stdout=io.StringIO()
        )
        assert made == Situation.objects.count() == 200
        accepted = Situation.objects.exclude(status=Status.REJECTED)
        assert all(s.risk_factors.count() >= 3 for s in accepted[:20])
