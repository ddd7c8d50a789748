"""Panel downloads: standard CSV, CSV for Excel in French, XLSX; labels and numbers per language."""

import csv
import io
from datetime import date

from django.test import SimpleTestCase
from django.utils import translation
from openpyxl import load_workbook

from maillage.reports import services
from maillage.reports.exports import EXCEL_FRENCH_CSV, panel_csv, sheet_title
from maillage.reports.forms import FilterForm, scope_from
from maillage.reports.panels import Panel, period_label

from .base import ReportTestCase, inside_last_quarter


def scope_for(user, table):
    form = FilterForm({"table": table.pk}, user=user)
    assert form.is_valid(), form.errors
    return scope_from(form)


class PanelDownloadTests(ReportTestCase):
    def get(self, name: str, **filters):
        self.sign_in(self.member)
        return self.client.get(f"/reports/download/{name}", {"table": self.table.pk, **filters})

    def test_standard_csv_is_utf8_with_commas_and_says_so(self):
        response = self.get("volume.csv")
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert response["Content-Disposition"] == 'attachment; filename="maillage-volume.csv"'
        assert not response.content.startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8"))))
        assert rows[0] == ["Période", "Discussions"]

    def test_excel_french_csv_has_a_byte_order_mark_and_semicolons(self):
        response = self.get("volume.fr.csv")
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert "maillage-volume-excel-fr.csv" in response["Content-Disposition"]
        assert response.content.startswith(b"\xef\xbb\xbf")
        text = response.content.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text), delimiter=";"))
        assert rows[0] == ["Période", "Discussions"]
        month = inside_last_quarter().date()
        assert rows[1][0].endswith(str(month.year)) and "-" not in rows[1][0]

    def test_periods_read_as_months_in_the_persons_language(self):
        self.sign_in(self.member)
        page = self.client.get("/reports/", {"table": self.table.pk})
        volume = next(p for p in page.context["panels"] if p[0].key == "volume")[0]
        month = inside_last_quarter().date()
        names = {2: "févr.", 5: "mai", 8: "août", 11: "nov."}
        assert volume.rows[0][0] == f"{names[month.month]} {month.year}"
        with translation.override("en-ca"):
            assert period_label(date(2025, 12, 1), "month") == "Dec. 2025"
            assert period_label(date(2025, 10, 1), "quarter") == "Q4 2025"
        with translation.override("fr-ca"):
            assert period_label(date(2025, 12, 1), "month") == "déc. 2025"
            assert period_label(date(2025, 10, 1), "quarter") == "T4 2025"

    def test_an_unknown_format_is_404(self):
        assert self.get("volume.txt").status_code == 404
        assert self.get("all.fr.csv").status_code == 404

    def test_the_panel_offers_both_csv_forms_and_names_them(self):
        self.sign_in(self.member)
        page = self.client.get("/reports/", {"table": self.table.pk}).content.decode()
        assert "CSV (Excel, français)" in page and "CSV (standard)" in page
        assert "/reports/download/volume.fr.csv?" in page

    def test_workbook_sheet_names_are_cut_between_words(self):
        response = self.get("all.xlsx")
        book = load_workbook(io.BytesIO(response.content))
        names = book.sheetnames
        with translation.override("fr-ca"):
            panels = services.compute(scope_for(self.member, self.table))
            titles = [str(p.title) for p in panels]
        for title, name in zip(titles, names[1:], strict=True):
            assert title == name or title.startswith(name + " "), (title, name)
        for name in names:
            assert len(name) <= 31
        assert len(set(names)) == len(names)


class CsvFormTests(SimpleTestCase):
    def test_decimal_comma_in_the_french_form_and_point_in_the_standard_one(self):
        panel = Panel("response", "Réponse", "Mesure", ["Valeur"], rows=[("Médiane", [22.5])])
        assert "22,5" in panel_csv(panel, EXCEL_FRENCH_CSV).decode("utf-8-sig")
        assert "22.5" in panel_csv(panel).decode()
        assert '"22,5"' not in panel_csv(panel, EXCEL_FRENCH_CSV).decode("utf-8-sig")

    def test_a_long_title_is_cut_at_a_word_and_kept_unique(self):
        used: set[str] = set()
        long = "Facteurs de risque les plus souvent consignés ensemble"
        first = sheet_title(long, used)
        assert first == "Facteurs de risque les plus"
        second = sheet_title(long, used)
        assert second != first and len(second) <= 31 and second.endswith("(2)")
        assert sheet_title("Âge: [groupe]/genre?", used) == "Âge   groupe  genre"

    def test_numbers_on_the_page_follow_the_language(self):
        from maillage.reports.templatetags.reports import figure

        with translation.override("fr-ca"):
            assert figure(1234) in ("1\xa0234", "1\u202f234", "1 234")
            assert figure(22.5) == "22,5"
        with translation.override("en-ca"):
            assert figure(22.5) == "22.5"
        assert figure(None) is None and figure("") == ""
