"""A name typed into Maillage never becomes a formula in a file opened in a spreadsheet."""

import csv
import io
import tempfile
import zipfile
from pathlib import Path

from django.test import override_settings
from openpyxl import load_workbook

from maillage.core.spreadsheets import safe_cell
from maillage.reports.models import Export, ExportStatus
from maillage.situations.models import AgeGroup, Situation

from .base import ReportTestCase

FORMULA = '=HYPERLINK("https://attacker.example","click")'
IMMEDIATE_TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def test_text_that_starts_like_a_formula_is_made_plain_text():
    for text in ["=1+1", "+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1"]:
        assert safe_cell(text) == "'" + text


def test_other_values_are_written_as_they_are():
    for value in ["Sudbury", "1-2 ans", "", -3, 4.5, None]:
        assert safe_cell(value) == value


class FormulaInjectionTests(ReportTestCase):
    """A coordinator named an age group of their table like a formula."""

    def setUp(self):
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        overridden = override_settings(EXPORTS_DIR=folder.name, TASKS=IMMEDIATE_TASKS)
        overridden.enable()
        self.addCleanup(overridden.disable)
        evil = AgeGroup.objects.create(
            code="evil", name_fr=FORMULA, name_en=FORMULA, table=self.table, position=99
        )
        Situation.objects.filter(table=self.table).update(age_group=evil)

    def export(self, url, user, **data) -> Export:
        self.sign_in(user, mfa=True)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(url, {"table": self.table.pk, **data})
        export = Export.objects.latest("pk")
        assert export.status == ExportStatus.DONE, export.error
        return export

    def test_panel_csv_writes_the_name_as_text(self):
        self.sign_in(self.member)
        response = self.client.get("/reports/download/age_gender.csv", {"table": self.table.pk})
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        labels = [row[0] for row in rows]
        assert "'" + FORMULA in labels
        assert FORMULA not in labels

    def test_panel_xlsx_has_no_formula_cell(self):
        self.sign_in(self.member)
        response = self.client.get("/reports/download/all.xlsx", {"table": self.table.pk})
        book = load_workbook(io.BytesIO(response.content))
        cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
        assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
        assert "'" + FORMULA in [cell.value for cell in cells]

    def test_open_data_figures_write_the_name_as_text(self):
        export = self.export("/reports/exports/new/", self.member, kind="open_data")
        with zipfile.ZipFile(export.path) as archive:
            figures = list(csv.DictReader(io.StringIO(archive.read("figures.csv").decode())))
        rows = {row["row"] for row in figures}
        assert "'" + FORMULA in rows and FORMULA not in rows

    def test_workbook_export_has_no_formula_cell(self):
        export = self.export("/reports/exports/new/", self.member, kind="workbook")
        book = load_workbook(Path(export.path))
        formulas = [
            cell.coordinate
            for sheet in book.worksheets
            for row in sheet.iter_rows()
            for cell in row
            if cell.data_type == "f"
        ]
        assert formulas == []

    def test_provincial_export_writes_the_name_as_text(self):
        export = self.export("/reports/exports/provincial/", self.coordinator)
        rows = list(csv.DictReader(export.path.open(encoding="utf-8")))
        assert {row["age_group"] for row in rows} == {"'" + FORMULA}
