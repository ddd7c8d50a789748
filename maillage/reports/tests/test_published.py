"""Tables that publish their suppressed figures to every signed-in person, and only those."""

import io
import tempfile

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import TestCase, override_settings

from maillage.organizations.models import Territory
from maillage.reports.access import report_tables_for_user
from maillage.reports.models import Export, ExportStatus
from maillage.tables.models import Table

from .base import ReportTestCase


class PublishedTestCase(ReportTestCase):
    """Montréal (7 discussions) publishes its figures; Sudbury (13) does not."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        Table.objects.filter(pk=cls.other_table.pk).update(publishes_figures=True)

    def total(self, user, **filters):
        self.sign_in(user)
        response = self.client.get("/reports/", filters)
        key = response.context["key"] if response.status_code == 200 else None
        return response.status_code, (key or {}).get("total")


class WhoSeesPublishedFiguresTests(PublishedTestCase):
    def test_person_without_a_seat_sees_a_published_table_and_not_an_unpublished_one(self):
        assert self.total(self.outsider, table=self.other_table.pk) == (200, 7)
        assert self.total(self.outsider, table=self.table.pk) == (400, None)
        assert self.total(self.outsider) == (200, 7)

    def test_published_figures_are_suppressed_for_a_person_without_a_seat(self):
        self.sign_in(self.outsider)
        response = self.client.get("/reports/download/decisions.csv", {"table": self.table.pk})
        assert response.status_code == 404
        Table.objects.filter(pk=self.table.pk).update(publishes_figures=True)
        response = self.client.get("/reports/download/decisions.csv", {"table": self.table.pk})
        published = [row.split(",")[1:] for row in response.content.decode().splitlines()[1:]]
        assert "x" in {value for row in published for value in row}  # the one rejection

    def test_member_of_a_table_sees_it_and_the_published_table_of_the_region(self):
        region = Territory.objects.create(name="Nord-Est", kind="region")
        Territory.objects.filter(pk=self.territory.pk).update(parent=region)
        assert self.total(self.member, territory=region.pk) == (200, 20)
        assert self.total(self.member, table=self.other_table.pk) == (200, 7)
        # Montréal's coordinator sees only their own table: Sudbury does not publish.
        assert self.total(self.other_member, territory=region.pk) == (200, 7)
        assert self.total(self.privacy_officer, territory=region.pk) == (200, 20)

    def test_the_table_list_names_the_tables_shown(self):
        self.sign_in(self.outsider)
        page = self.client.get("/reports/").content.decode()
        assert "Cellule Montréal" in page and "Table Sudbury" not in page
        assert "les tables qui publient leurs chiffres" in page

    def test_a_table_that_stops_publishing_disappears(self):
        Table.objects.filter(pk=self.other_table.pk).update(publishes_figures=False)
        assert self.total(self.outsider, table=self.other_table.pk) == (400, None)
        assert self.total(self.outsider) == (200, None)

    def test_the_visible_tables_are_one_query(self):
        visible = report_tables_for_user(self.member, Table.objects.all())
        with self.assertNumQueries(1):
            names = sorted(visible.values_list("name_fr", flat=True))
        assert names == ["Cellule Montréal", "Table Sudbury"]
        assert not report_tables_for_user(None, Table.objects.all()).exists()


class PublishingOpensNothingElseTests(PublishedTestCase):
    def test_unsuppressed_page_of_a_published_table_is_404_to_non_members(self):
        for user in (self.outsider, self.member, self.coordinator):
            self.sign_in(user, mfa=True)
            response = self.client.get("/reports/unsuppressed/", {"table": self.other_table.pk})
            assert response.status_code == 404, user

    def test_narrative_of_a_published_table_is_404_to_non_members(self):
        self.sign_in(self.coordinator, mfa=True)
        response = self.client.get(f"/reports/tables/{self.other_table.pk}/narrative/")
        assert response.status_code == 404

    def test_provincial_export_of_a_published_table_is_404_to_non_members(self):
        for user in (self.outsider, self.coordinator):
            self.sign_in(user, mfa=True)
            response = self.client.post(
                "/reports/exports/provincial/", {"table": self.other_table.pk}
            )
            assert response.status_code == 404, user
        assert not Export.objects.exists()

    def test_published_table_gives_no_unsuppressed_or_provincial_link(self):
        self.sign_in(self.outsider, mfa=True)
        response = self.client.get("/reports/", {"table": self.other_table.pk})
        assert response.context["may_unsuppress"] is False
        assert response.context["may_export_provincial"] is False

    def test_person_without_a_seat_may_export_the_suppressed_workbook(self):
        immediate = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
        with (
            tempfile.TemporaryDirectory() as folder,
            override_settings(EXPORTS_DIR=folder, TASKS=immediate),
        ):
            self.sign_in(self.outsider, mfa=True)
            with self.captureOnCommitCallbacks(execute=True):
                response = self.client.post(
                    "/reports/exports/new/", {"table": self.other_table.pk, "kind": "workbook"}
                )
            assert response.status_code == 302
            export = Export.objects.get()
            assert export.status == ExportStatus.DONE, export.error
            download = self.client.get(f"/reports/exports/{export.pk}/download/")
            assert download.status_code == 200


class DemoPublishingTests(TestCase):
    def test_the_demo_publishes_the_sudbury_table_only(self):
        call_command("seed_demo", situations=0, stdout=io.StringIO())
        published = Table.objects.filter(publishes_figures=True)
        assert list(published.values_list("name_en", flat=True)) == [
            "Sudbury Rapid Mobilization Table"
        ]
        nobody = get_user_model().objects.get(username="sanstable")
        visible = report_tables_for_user(nobody, Table.objects.all())
        assert list(visible) == list(published)
        elsewhere = get_user_model().objects.get(username="autre")
        assert report_tables_for_user(elsewhere, Table.objects.all()).count() == 2
