import csv
import io
import json
import tempfile
import zipfile
from pathlib import Path
from unittest import mock

from django.test import override_settings
from openpyxl import load_workbook

from maillage.core.models import AuditEntry
from maillage.reports.audit import FIGURES_DOWNLOAD
from maillage.reports.models import Export, ExportStatus
from maillage.reports.provincial import FIELDS

from .base import ReportTestCase

# These tests read the finished file: the export runs as soon as the request commits.
IMMEDIATE_TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


class DownloadTests(ReportTestCase):
    def test_panel_csv_is_suppressed(self):
        self.sign_in(self.member)
        response = self.client.get("/reports/download/decisions.csv", {"table": self.table.pk})
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        assert rows[0][0] == "Type de discussion"
        published = [v for row in rows[1:] for v in row[1:]]
        assert "1" not in published and "x" in published
        assert AuditEntry.objects.filter(action=FIGURES_DOWNLOAD).exists()

    def test_xlsx_has_every_panel_and_no_small_count(self):
        self.sign_in(self.member)
        response = self.client.get("/reports/download/all.xlsx", {"table": self.table.pk})
        book = load_workbook(io.BytesIO(response.content))
        assert len(book.sheetnames) == 14
        for sheet in book.worksheets[1:]:
            for row in sheet.iter_rows(min_row=2, values_only=True):
                for value in row[1:]:
                    assert not (isinstance(value, int) and 0 < value < 5), (sheet.title, row)


class BackgroundExportTests(ReportTestCase):
    def setUp(self):
        self.folder = tempfile.TemporaryDirectory()
        self.settings = override_settings(EXPORTS_DIR=self.folder.name, TASKS=IMMEDIATE_TASKS)
        self.settings.enable()

    def tearDown(self):
        self.settings.disable()
        self.folder.cleanup()

    def request(self, url, user, **data):
        self.sign_in(user, mfa=True)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(url, {"table": self.table.pk, **data})
        assert response.status_code == 302, response.status_code
        return Export.objects.latest("pk")

    def files(self):
        return sorted(p.name for p in Path(self.folder.name).iterdir())

    def test_open_data_package_is_suppressed_with_a_dictionary(self):
        export = self.request("/reports/exports/new/", self.member, kind="open_data")
        assert export.status == ExportStatus.DONE
        with zipfile.ZipFile(export.path) as archive:
            package = json.loads(archive.read("datapackage.json"))
            figures = list(csv.DictReader(io.StringIO(archive.read("figures.csv").decode())))
            dictionary = archive.read("dictionary.csv").decode()
        assert [r["name"] for r in package["resources"]] == ["figures", "dictionary"]
        assert "description_fr" in dictionary and "description_en" in dictionary
        for row in figures:
            assert (
                row["value"] == "" or not 0 < float(row["value"]) < 5 or row["panel"] == "response"
            )
        assert any(row["suppressed"] == "true" for row in figures)

    def test_provincial_export_has_one_row_per_discussion(self):
        export = self.request("/reports/exports/provincial/", self.coordinator)
        assert export.status == ExportStatus.DONE
        rows = list(csv.DictReader(export.path.open(encoding="utf-8")))
        assert list(rows[0]) == FIELDS
        assert len(rows) == 13
        assert {r["decision"] for r in rows} == {"accepted", "rejected"}
        assert all(" – " in r["risk_factors"] for r in rows if r["decision"] == "accepted")
        download = self.client.get(f"/reports/exports/{export.pk}/download/")
        assert download.status_code == 200

    def test_member_may_not_export_the_provincial_format(self):
        self.sign_in(self.member, mfa=True)
        response = self.client.post("/reports/exports/provincial/", {"table": self.table.pk})
        assert response.status_code == 403
        assert not Export.objects.exists()

    def test_someone_else_cannot_download_an_export(self):
        export = self.request("/reports/exports/new/", self.member, kind="workbook")
        self.sign_in(self.coordinator)
        assert self.client.get(f"/reports/exports/{export.pk}/download/").status_code == 404

    def test_a_failed_export_leaves_nothing_written(self):
        def explode(path, *args, **kwargs):
            path.write_bytes(b"half a file")
            raise OSError("disk full")

        with mock.patch("maillage.reports.exports.open_data_zip", explode):
            export = self.request("/reports/exports/new/", self.member, kind="open_data")
        assert export.status == ExportStatus.FAILED
        assert export.file_name == ""
        assert self.files() == []
        assert self.client.get(f"/reports/exports/{export.pk}/download/").status_code == 404
        page = self.client.get("/reports/exports/")
        assert "Échec : rien n’a été écrit." in page.content.decode()

    def test_status_row_polls_until_finished(self):
        export = self.request("/reports/exports/new/", self.member, kind="workbook")
        response = self.client.get(f"/reports/exports/{export.pk}/")
        assert response.status_code == 200
        assert "hx-get" not in response.content.decode()
        Export.objects.filter(pk=export.pk).update(status=ExportStatus.RUNNING)
        assert "hx-get" in self.client.get(f"/reports/exports/{export.pk}/").content.decode()

    def test_pdf_report_is_written(self):
        export = self.request("/reports/exports/new/", self.member, kind="pdf")
        assert export.status == ExportStatus.DONE, export.error
        assert export.path.read_bytes().startswith(b"%PDF")
