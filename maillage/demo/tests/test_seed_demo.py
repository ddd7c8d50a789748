"""``maillage seed_demo``: the Sudbury table gets five years of history, the tables open cases."""

import io
from datetime import timedelta

from django.core.management import CommandError, call_command
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.test import TestCase
from django.utils import timezone

from maillage.core.models import AuditEntry
from maillage.demo import data
from maillage.reports import summaries
from maillage.reports.models import SummaryMonth
from maillage.reports.suppression import DEFAULT_THRESHOLD
from maillage.situations.models import Situation, Status
from maillage.tables.models import Table


class SeedDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.output = io.StringIO()
        call_command("seed_demo", stdout=cls.output)
        cls.sudbury = Table.objects.get(name_fr=data.TABLES[0][2])
        cls.discussions = Situation.objects.filter(table=cls.sudbury).exclude(status=Status.DRAFT)

    def test_sudbury_has_about_875_discussions_over_five_years(self):
        five_years = timezone.now() - timedelta(days=5 * 365 + 7)
        assert 875 <= self.discussions.count() <= 875 + 36
        assert not self.discussions.filter(presented_at__lt=five_years).exists()
        per_year = [
            self.discussions.filter(
                presented_at__gte=timezone.now() - timedelta(days=365 * (n + 1)),
                presented_at__lt=timezone.now() - timedelta(days=365 * n),
            ).count()
            for n in range(5)
        ]
        assert all(n >= 140 for n in per_year), per_year
        assert per_year[0] > per_year[4], "more discussions now than five years ago"

    def test_most_discussions_are_accepted_and_about_four_in_a_hundred_rejected(self):
        total = self.discussions.count()
        rejected = self.discussions.filter(status=Status.REJECTED).count()
        assert 0.02 * total <= rejected <= 0.06 * total
        assert self.discussions.filter(status=Status.CONCLUDED).count() > 0.9 * total
        measured = self.discussions.filter(first_contact_at__isnull=False)
        assert measured.count() > 0.9 * total

    def test_every_month_of_the_last_year_has_a_figure_above_the_suppression_threshold(self):
        year_ago = timezone.now() - timedelta(days=365)
        months = (
            self.discussions.filter(presented_at__gte=year_ago)
            .annotate(month=TruncMonth("presented_at"))
            .values("month")
            .annotate(n=Count("id"))
        )
        assert len(months) >= 12
        assert min(m["n"] for m in months[1:]) > DEFAULT_THRESHOLD

    def test_open_discussions_are_walked_through_the_lifecycle(self):
        open_ones = Situation.objects.filter(
            status__in=[Status.PRESENTED, Status.ACCEPTED, Status.MOBILIZED]
        )
        assert open_ones.filter(table=self.sudbury).exists()
        assert open_ones.exclude(table=self.sudbury).exists()
        walked = AuditEntry.objects.filter(action="situations.situation.present")
        assert walked.exists() and walked.filter(actor__isnull=False).count() == walked.count()

    def test_every_month_of_the_history_is_summarised_for_the_reports(self):
        months = {
            summaries.month_of(at) for at in self.discussions.values_list("presented_at", flat=True)
        }
        assert len(months) >= 60
        assert set(SummaryMonth.objects.values_list("month", flat=True)) >= months

    def test_a_second_load_adds_nothing(self):
        before = Situation.objects.count()
        output = io.StringIO()
        call_command("seed_demo", stdout=output)
        assert "Demo data already loaded." in output.getvalue()
        assert Situation.objects.count() == before

    def test_more_situations_can_be_added_across_the_tables(self):
        before = Situation.objects.count()
        call_command("seed_demo", situations=50, stdout=io.StringIO())
        assert Situation.objects.count() == before + 50

    def test_negative_counts_are_refused(self):
        with self.assertRaises(CommandError):
            call_command("seed_demo", situations=-1, stdout=io.StringIO())

    def test_the_organising_team_has_five_organisers_three_years_of_work_and_eight_projects(self):
        from django.contrib.auth import get_user_model

        from maillage.organizing.models import Activity, OrganizingTeam, SupportRequest
        from maillage.organizing.projects import Project, Stage

        team = OrganizingTeam.objects.get()
        organiser = get_user_model().objects.get(username="organisatrice")
        assert team.members.filter(role="organiser").count() == 4
        assert team.members.filter(role="manager").count() == 1
        assert team.members.filter(user=organiser).exists()
        requests = SupportRequest.objects.filter(team=team)
        assert requests.count() >= 100
        oldest = requests.order_by("received_at").first().received_at
        assert oldest < timezone.now() - timedelta(days=2 * 365)
        assert Activity.objects.filter(request__team=team).count() > 200
        stages = sorted(Project.objects.filter(team=team).values_list("stage", flat=True))
        assert stages == sorted(list(Stage.values) * 2)
        assert all(p.indicators.exists() and p.logic_rows.exists() for p in Project.objects.all())

    def test_the_organiser_lands_on_her_teams_and_requests(self):
        from django.contrib.auth import get_user_model
        from django.urls import reverse

        self.client.force_login(get_user_model().objects.get(username="organisatrice"))
        response = self.client.get(reverse("home"))
        self.assertContains(response, "organizing-heading")
