"""Periods offered outside a table are whole quarters that have ended; inside, any period."""

from datetime import timedelta

from django.utils import timezone

from maillage.reports.periods import last_whole_quarter, quarter_of
from maillage.tables.models import Table

from .base import ReportTestCase


class OutsidePeriodTests(ReportTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        Table.objects.filter(pk=cls.table.pk).update(publishes_figures=True)

    def get(self, user, **filters):
        self.sign_in(user)
        return self.client.get("/reports/", {"table": self.table.pk, **filters})

    def test_outsider_first_sees_the_last_quarter_that_has_ended(self):
        response = self.get(self.outsider)
        assert response.status_code == 200
        scope = response.context["scope"]
        assert (scope.start, scope.end) == last_whole_quarter()
        assert response.context["key"]["total"] == 13

    def test_outsider_may_not_cut_the_period_at_any_day(self):
        first, last = last_whole_quarter()
        for start, end in [
            (first, last - timedelta(days=3)),
            (first + timedelta(days=1), last),
            (first + timedelta(days=30), last + timedelta(days=30)),
        ]:
            response = self.get(self.outsider, start=start, end=end)
            assert response.status_code == 400, (start, end)
            assert response.context["key"] is None
            assert "un trimestre civil complet" in response.content.decode()

    def test_outsider_may_not_see_the_quarter_in_progress(self):
        start, end = quarter_of(timezone.localdate())
        assert self.get(self.outsider, start=start, end=end).status_code == 400

    def test_outsider_may_not_group_by_week(self):
        first, last = last_whole_quarter()
        response = self.get(self.outsider, start=first, end=last, period="week")
        assert response.status_code == 400
        assert "par mois ou par trimestre" in response.content.decode()

    def test_outsider_may_choose_an_earlier_whole_quarter(self):
        first, _last = last_whole_quarter()
        start, end = quarter_of(first - timedelta(days=1))
        response = self.get(self.outsider, start=start, end=end, period="quarter")
        assert response.status_code == 200

    def test_privacy_officer_without_a_seat_is_outside_too(self):
        first, last = last_whole_quarter()
        response = self.get(self.privacy_officer, start=first, end=last - timedelta(days=1))
        assert response.status_code == 400

    def test_member_may_choose_any_days_at_their_own_table(self):
        first, last = last_whole_quarter()
        response = self.get(self.member, start=first + timedelta(days=3), end=last, period="week")
        assert response.status_code == 200
        assert response.context["key"]["total"] == 13
