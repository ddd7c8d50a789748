"""Who sees which figures: personas × own table, other table, region."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from maillage.core.models import AuditEntry
from maillage.organizations.models import Territory
from maillage.reports.audit import UNSUPPRESSED_VIEW
from maillage.tables.models import Table

from .base import ReportTestCase, make_discussions


class AccessMatrixTests(ReportTestCase):
    def total(self, user, **filters):
        self.sign_in(user)
        response = self.client.get("/reports/", filters)
        key = response.context["key"] if response.status_code == 200 else None
        return response.status_code, (key or {}).get("total")

    def test_own_table(self):
        assert self.total(self.coordinator, table=self.table.pk) == (200, 13)
        assert self.total(self.member, table=self.table.pk) == (200, 13)
        assert self.total(self.privacy_officer, table=self.table.pk) == (200, 13)

    def test_outsider_gets_a_message_and_no_figure_for_a_table(self):
        status, total = self.total(self.outsider, table=self.table.pk)
        assert (status, total) == (400, None)

    def test_other_table_is_refused_to_its_non_members(self):
        for user in (self.coordinator, self.member, self.outsider):
            assert self.total(user, table=self.other_table.pk) == (400, None)
        assert self.total(self.privacy_officer, table=self.other_table.pk) == (200, 7)

    def test_region_counts_only_tables_the_person_may_see(self):
        region = Territory.objects.create(name="Nord-Est", kind="region")
        Territory.objects.filter(pk=self.territory.pk).update(parent=region)
        assert self.total(self.coordinator, territory=region.pk) == (200, 13)
        assert self.total(self.member, territory=region.pk) == (200, 13)
        assert self.total(self.other_member, territory=region.pk) == (200, 7)
        assert self.total(self.privacy_officer, territory=region.pk) == (200, 20)
        status, total = self.total(self.outsider, territory=region.pk)
        assert (status, total) == (200, None)
        assert (
            "Aucune table que vous pouvez consulter"
            in self.client.get("/reports/", {"territory": region.pk}).content.decode()
        )

    def test_a_territory_outside_the_region_is_not_counted(self):
        elsewhere = Territory.objects.create(name="Ailleurs", kind="region")
        assert self.total(self.privacy_officer, territory=elsewhere.pk) == (200, None)


class UnsuppressedTests(ReportTestCase):
    def test_coordinator_sees_small_counts_and_the_look_is_audited(self):
        self.sign_in(self.coordinator, mfa=True)
        response = self.client.get("/reports/unsuppressed/", {"table": self.table.pk})
        assert response.status_code == 200
        assert response.context["key"]["rejected"] == 1
        entry = AuditEntry.objects.get(action=UNSUPPRESSED_VIEW)
        assert entry.actor == self.coordinator and entry.table == self.table

    def test_member_sees_small_counts_of_their_own_table_and_the_look_is_audited(self):
        self.sign_in(self.member, mfa=True)
        response = self.client.get("/reports/unsuppressed/", {"table": self.table.pk})
        assert response.status_code == 200
        assert response.context["key"]["rejected"] == 1
        assert AuditEntry.objects.get(action=UNSUPPRESSED_VIEW).actor == self.member

    def test_a_member_lands_on_their_table_with_small_counts(self):
        self.sign_in(self.member, mfa=True)
        response = self.client.get("/reports/", follow=True)
        assert response.redirect_chain[0][0] == f"/reports/unsuppressed/?table={self.table.pk}"
        assert response.status_code == 200
        page = response.content.decode()
        assert "réservés aux membres de" in page
        assert response.context["suppressed"] is False
        assert AuditEntry.objects.filter(action=UNSUPPRESSED_VIEW).count() == 1

    def test_a_member_changing_the_period_stays_on_small_counts(self):
        self.sign_in(self.coordinator, mfa=True)
        page = self.client.get("/reports/unsuppressed/", {"table": self.table.pk})
        assert 'action="/reports/unsuppressed/"' in page.content.decode()
        response = self.client.get(
            "/reports/unsuppressed/", {"table": self.table.pk, "start": "2020-01-03"}
        )
        assert response.status_code == 200
        assert response.context["key"]["rejected"] == 1

    def test_several_tables_at_once_are_suppressed(self):
        self.sign_in(self.coordinator, mfa=True)
        response = self.client.get("/reports/unsuppressed/", {"table": "", "period": "month"})
        assert response.status_code == 302
        assert response["Location"] == "/reports/?table=&period=month"
        assert self.client.get("/reports/unsuppressed/").status_code == 404

    def test_a_person_without_a_seat_lands_on_suppressed_figures(self):
        self.sign_in(self.privacy_officer, mfa=True)
        response = self.client.get("/reports/")
        assert response.status_code == 200
        assert response.context["suppressed"] is True

    def test_downloads_from_a_member_remain_suppressed(self):
        self.sign_in(self.member, mfa=True)
        response = self.client.get("/reports/download/decisions.csv", {"table": self.table.pk})
        assert "x" in response.content.decode()

    def test_outsider_and_other_table_get_404(self):
        self.sign_in(self.coordinator, mfa=True)
        response = self.client.get("/reports/unsuppressed/", {"table": self.other_table.pk})
        assert response.status_code == 404
        self.sign_in(self.privacy_officer, mfa=True)
        response = self.client.get("/reports/unsuppressed/", {"table": self.table.pk})
        assert response.status_code == 403

    def test_small_counts_need_a_second_factor(self):
        self.sign_in(self.coordinator, mfa=False)
        response = self.client.get("/reports/unsuppressed/", {"table": self.table.pk})
        assert response.status_code == 302
        assert not AuditEntry.objects.filter(action=UNSUPPRESSED_VIEW).exists()


class BadFilterTests(ReportTestCase):
    def test_end_before_start_is_explained(self):
        self.sign_in(self.coordinator)
        response = self.client.get("/reports/", {"start": "2026-05-01", "end": "2026-01-01"})
        assert response.status_code == 400
        assert "La date de fin précède la date de début." in response.content.decode()
        assert response.context["key"] is None

    def test_unknown_table_is_explained(self):
        self.sign_in(self.coordinator)
        response = self.client.get("/reports/", {"table": 999999})
        assert response.status_code == 400
        assert response.context["key"] is None

    def test_malformed_values_are_explained(self):
        self.sign_in(self.coordinator)
        for bad in (
            {"start": "yesterday"},
            {"table": "abc"},
            {"period": "decade"},
            {"territory": "-1"},
            {"discussion_type": "nation"},
        ):
            response = self.client.get("/reports/", bad)
            assert response.status_code == 400, bad

    def test_download_of_an_unknown_panel_is_404(self):
        self.sign_in(self.coordinator)
        response = self.client.get("/reports/download/nothing.csv", {"table": self.table.pk})
        assert response.status_code == 404

    def test_download_for_a_table_one_may_not_see_is_404(self):
        self.sign_in(self.coordinator)
        response = self.client.get("/reports/download/volume.csv", {"table": self.other_table.pk})
        assert response.status_code == 404


class QueryCountTests(ReportTestCase):
    def count_queries(self, **filters) -> int:
        self.sign_in(self.privacy_officer)
        with CaptureQueriesContext(connection) as captured:
            response = self.client.get("/reports/", filters)
        assert response.status_code == 200
        return len(captured)

    def test_query_count_does_not_grow_with_the_data(self):
        before = self.count_queries()
        table = Table.objects.create(
            kind="situation", name_fr="T3", name_en="T3", territory=self.territory
        )
        make_discussions(table, [self.city, self.police, self.shelter], 30)
        make_discussions(self.table, [self.school, self.city], 20, start_number=200)
        after = self.count_queries()
        assert after == before
        assert after < 45  # figures, labels, the summaries' freshness and the chart drawings
