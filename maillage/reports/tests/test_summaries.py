from collections import Counter

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from maillage.reports import queries, summaries
from maillage.reports.figures import Counts
from maillage.reports.models import MonthlyCount
from maillage.reports.periods import default_start
from maillage.tables.models import Table

from .base import ReportTestCase, make_discussions

FIGURES = [
    "decisions_by_type",
    "risk_categories",
    "risk_factors",
    "protective_factors",
    "factor_pairs",
    "age_gender",
    "repeats",
    "originating_sectors",
    "lead_sectors",
    "assisting_sectors",
    "sector_pairs",
    "conclusions",
    "time_to_mobilize",
    "time_to_conclusion",
]


class SummaryTests(ReportTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        # Discussions over several months, at both tables, so that months and pairs add up.
        make_discussions(
            cls.table, [cls.police, cls.school, cls.city], 6, start_number=300, days_ago=45
        )
        make_discussions(
            cls.other_table, [cls.police, cls.shelter], 4, start_number=300, days_ago=100
        )
        make_discussions(cls.table, [cls.school, cls.city], 3, start_number=400, days_ago=200)

    def assert_same_as_live(self, table_ids, period="month", discussion_type=""):
        start, end = default_start(), timezone.localdate()
        counts = Counts(table_ids, start, end, discussion_type, period=period)
        assert counts.months, "the summaries were not used"
        live = queries.discussions(table_ids, start, end, discussion_type)
        for name in FIGURES:
            assert getattr(counts, name)() == getattr(queries, name)(live), name
        for name in ("by_period", "category_trend"):
            assert getattr(counts, name)(period) == getattr(queries, name)(live, period), name

    def test_summaries_equal_the_live_counts_for_one_table(self):
        summaries.refresh()
        self.assert_same_as_live([self.table.pk])

    def test_summaries_equal_the_live_counts_for_every_table_by_quarter_and_year(self):
        summaries.refresh()
        every = list(Table.objects.values_list("pk", flat=True))
        self.assert_same_as_live(every, period="quarter")
        self.assert_same_as_live(every, period="year")

    def test_summaries_equal_the_live_counts_for_one_discussion_type(self):
        summaries.refresh()
        self.assert_same_as_live([self.table.pk, self.other_table.pk], discussion_type="person")

    def test_a_discussion_saved_after_the_refresh_is_counted_live(self):
        summaries.refresh()
        make_discussions(self.table, [self.city, self.police], 2, start_number=500, days_ago=45)
        start, end = default_start(), timezone.localdate()
        counts = Counts([self.table.pk], start, end, period="month")
        stale = summaries.month_of(timezone.now() - timezone.timedelta(days=45))
        assert stale not in counts.months
        self.assert_same_as_live([self.table.pk])

    def test_refreshing_again_changes_nothing(self):
        summaries.refresh()
        before = Counter(
            MonthlyCount.objects.values_list("figure", "table_id", "month", "first", "second", "n")
        )
        summaries.refresh()  # only the months saved in lately, done again
        summaries.refresh(everything=True)
        after = Counter(
            MonthlyCount.objects.values_list("figure", "table_id", "month", "first", "second", "n")
        )
        assert after == before

    def test_weekly_dashboards_are_counted_live(self):
        summaries.refresh()
        counts = Counts([self.table.pk], default_start(), timezone.localdate(), period="week")
        assert counts.months == []

    def test_query_count_from_the_summaries_does_not_grow_with_the_data(self):
        self.sign_in(self.privacy_officer)

        def count() -> int:
            summaries.refresh()
            with CaptureQueriesContext(connection) as captured:
                assert self.client.get("/reports/").status_code == 200
            return len(captured)

        before = count()
        make_discussions(
            self.other_table, [self.shelter, self.police], 20, start_number=600, days_ago=80
        )
        assert count() == before
        assert before < 70


class SectorPairStatementTests(ReportTestCase):
    """The one figure written in SQL gives the pairs worked out from the ORM's rows."""

    def test_sector_pairs_equal_the_pairs_of_each_discussions_sectors(self):
        from itertools import combinations

        from maillage.reports import sql
        from maillage.situations.models import Situation

        make_discussions(
            self.table, [self.city, self.school, self.police, self.shelter], 3, start_number=700
        )
        found = Situation.objects.all()
        sectors: dict[int, set] = {}
        for pk, lead in found.values_list("pk", "lead_organization__sector_id"):
            sectors.setdefault(pk, set()).add(lead)
        assisting = found.values_list("pk", "assisting_organizations__sector_id")
        for pk, sector in assisting:
            sectors[pk].add(sector)
        expected: Counter = Counter()
        for named in sectors.values():
            expected.update(combinations(sorted(s for s in named if s is not None), 2))
        assert expected
        assert sql.sector_pairs(found) == dict(expected)
