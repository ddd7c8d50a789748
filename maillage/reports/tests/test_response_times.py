"""Response times read by rank from the summaries' histograms equal percentile_cont's."""

import random
from datetime import date, timedelta
from unittest import mock, skipUnless

from django.db import connection
from django.utils import timezone

from maillage.reports import queries, summaries
from maillage.reports.figures import Counts
from maillage.reports.models import MonthlyCount
from maillage.reports.periods import default_start
from maillage.situations.models import DiscussionType, Situation, Status

from .base import ReportTestCase

# Hours on and next to the buckets' edges (whole hours, whole days, the 48-hour limit).
EDGES = [0.0, 1.0, 23.5, 24.0, 47.999, 48.0, 48.0 + 1 / 3600, 72.0, 120.0, 24.0 * 9]
FIRST = 1000  # numbers of the random discussions, after those of ReportTestCase


def _hours(rng: random.Random, longest: float) -> float:
    """A duration: often a tie on an edge, now and then negative (recorded out of order)."""
    draw = rng.random()
    if draw < 0.35:
        return rng.choice(EDGES)
    if draw < 0.4:
        return -rng.choice([0.25, 1.0, 30.0])
    if draw < 0.6:
        return float(rng.randint(0, int(longest)))
    return rng.uniform(0, longest)


def add_discussions(tables, organizations, count: int, rng: random.Random, *, days: int = 200):
    """``count`` discussions presented over the last ``days`` days, some of them measured."""
    now = timezone.now()
    made = []
    for i in range(count):
        presented = now - timedelta(days=rng.uniform(0, days))
        status = rng.choice(
            [Status.PRESENTED, Status.MOBILIZED, Status.CONCLUDED, Status.CONCLUDED]
        )
        named = contact = decided = concluded = None
        if status != Status.PRESENTED:
            decided = named = presented
            if rng.random() < 0.9:
                contact = named + timedelta(hours=_hours(rng, 90))
        if status == Status.CONCLUDED and rng.random() < 0.9:
            concluded = presented + timedelta(hours=_hours(rng, 24 * 40))
        made.append(
            Situation(
                table=rng.choice(tables),
                number=FIRST + i,
                status=status,
                discussion_type=rng.choice([DiscussionType.PERSON, DiscussionType.FAMILY]),
                originating_organization=rng.choice(organizations),
                presented_at=presented,
                decided_at=decided,
                agencies_named_at=named,
                first_contact_at=contact,
                concluded_at=concluded,
            )
        )
    Situation.objects.bulk_create(made)


@skipUnless(connection.vendor == "postgresql", "the summaries are kept on PostgreSQL only")
class ResponseTimeTests(ReportTestCase):
    def random_discussions(self, seed: int, count: int = 120) -> None:
        Situation.objects.filter(number__gte=FIRST).delete()
        rng = random.Random(seed)
        tables = [self.table, self.other_table]
        add_discussions(tables, [self.police, self.city, self.shelter], count, rng)
        summaries.refresh(everything=True)

    def assert_equal_to_percentile_cont(self, table_ids, start: date, end: date, kind: str = ""):
        counts = Counts(table_ids, start, end, kind, period="month")
        assert counts.months, "the summaries were not used"
        # Never the sort of the whole period: that is what the histograms replace.
        with mock.patch.object(queries, "durations", side_effect=AssertionError("sorted all")):
            found = counts.time_to_mobilize(), counts.time_to_conclusion()
        live = queries.discussions(table_ids, start, end, kind)
        expected = queries.time_to_mobilize(live), queries.time_to_conclusion(live)
        assert found == expected, (table_ids, start, end, kind)

    def periods(self) -> list[tuple[date, date]]:
        today = timezone.localdate()
        cut = (today.replace(day=1) - timedelta(days=100)).replace(day=15)
        ended = (today.replace(day=1) - timedelta(days=1)).replace(day=10)
        # Whole months and the current one; a first month cut; a last month cut.
        return [(default_start(), today), (cut, today), (default_start(), ended)]

    def test_random_durations_give_the_same_percentiles_as_percentile_cont(self):
        scopes = [[self.table.pk], [self.table.pk, self.other_table.pk]]
        for seed in range(4):
            self.random_discussions(seed)
            for table_ids in scopes:
                for start, end in self.periods():
                    for kind in ("", DiscussionType.PERSON):
                        with self.subTest(seed=seed, tables=table_ids, start=start, kind=kind):
                            self.assert_equal_to_percentile_cont(table_ids, start, end, kind)

    def test_a_month_changed_since_its_refresh_is_measured_live(self):
        self.random_discussions(7)
        changed = Situation.objects.filter(
            number__gte=FIRST, first_contact_at__isnull=False, concluded_at__isnull=False
        ).first()
        assert changed is not None
        changed.first_contact_at = changed.agencies_named_at + timedelta(hours=48)
        changed.concluded_at = changed.decided_at + timedelta(days=300)
        changed.save()
        start, end = default_start(), timezone.localdate()
        counts = Counts([changed.table_id], start, end, period="month")
        assert summaries.month_of(changed.presented_at) not in counts.months
        self.assert_equal_to_percentile_cont([changed.table_id], start, end)
        self.assert_equal_to_percentile_cont([self.table.pk, self.other_table.pk], start, end)

    def test_no_measured_discussion_gives_a_count_of_zero_and_no_percentiles(self):
        self.random_discussions(3)
        start, end = default_start(), timezone.localdate()
        self.assert_equal_to_percentile_cont([self.table.pk], start, end, DiscussionType.GROUP)
        counts = Counts([self.table.pk], start, end, DiscussionType.GROUP, period="month")
        assert counts.time_to_mobilize() == {"n": 0, "within": 0, "median": None, "p90": None}

    def test_a_single_measured_discussion_is_its_own_median_and_90th_percentile(self):
        self.random_discussions(5)
        only = Situation.objects.filter(number__gte=FIRST, first_contact_at__isnull=False)[0]
        Situation.objects.filter(pk=only.pk).update(discussion_type=DiscussionType.LOCATION)
        summaries.refresh(everything=True)
        start, end = default_start(), timezone.localdate()
        kind = DiscussionType.LOCATION
        self.assert_equal_to_percentile_cont([only.table_id], start, end, kind)
        counts = Counts([only.table_id], start, end, kind, period="month")
        found = counts.time_to_mobilize()
        assert found["n"] == 1 and found["median"] == found["p90"]

    def test_a_duration_on_a_bucket_edge_belongs_to_the_bucket_below(self):
        # Exactly 48 hours is within 48 hours; one second more is not.
        presented = timezone.now() - timedelta(days=40)
        for number, hours in ((FIRST, 48.0), (FIRST + 1, 48.0 + 1 / 3600)):
            Situation.objects.create(
                table=self.table,
                number=number,
                status=Status.CONCLUDED,
                originating_organization=self.police,
                presented_at=presented,
                decided_at=presented,
                agencies_named_at=presented,
                first_contact_at=presented + timedelta(hours=hours),
                concluded_at=presented + timedelta(hours=hours),
                discussion_type=DiscussionType.GROUP,
            )
        summaries.refresh()
        month = summaries.month_of(presented)
        buckets = MonthlyCount.objects.filter(
            month=month, table=self.table, discussion_type=DiscussionType.GROUP
        )
        assert sorted(buckets.filter(figure="mobilize_hours").values_list("first", "n")) == [
            (48, 1),
            (49, 1),
        ]
        assert sorted(buckets.filter(figure="conclusion_days").values_list("first", "n")) == [
            (2, 1),
            (3, 1),
        ]
        start, end = default_start(), timezone.localdate()
        kind = DiscussionType.GROUP
        self.assert_equal_to_percentile_cont([self.table.pk], start, end, kind)
        found = Counts([self.table.pk], start, end, kind, period="month").time_to_mobilize()
        assert (found["n"], found["within"]) == (2, 1)
        assert 48.0 < found["median"] < found["p90"] < 48.0 + 1 / 3600
