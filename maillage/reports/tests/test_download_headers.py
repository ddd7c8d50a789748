"""What the browser is told about a downloaded panel and a chart."""

import re

from .base import ReportTestCase


class PanelDownloadTests(ReportTestCase):
    def get(self, path: str):
        self.sign_in(self.member)
        return self.client.get(path, {"table": self.table.pk})

    def test_csv_is_served_as_utf8(self):
        response = self.get("/reports/download/decisions.csv")
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        self.assertIn('filename="maillage-decisions.csv"', response["Content-Disposition"])

    def test_xlsx_is_served_as_a_workbook(self):
        response = self.get("/reports/download/all.xlsx")
        self.assertEqual(
            response["Content-Type"],
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )

    def test_any_other_extension_is_not_found(self):
        for fmt in ("html", "svg", "exe", "xlsx.html"):
            with self.subTest(fmt=fmt):
                self.assertEqual(self.get(f"/reports/download/all.{fmt}").status_code, 404)


class ChartCacheTests(ReportTestCase):
    def test_a_chart_is_never_kept_in_a_cache(self):
        self.sign_in(self.member)
        page = self.client.get("/reports/", {"table": self.table.pk}).content.decode()
        links = re.findall(r'src="(/reports/charts/[^"]+)"', page)
        self.assertTrue(links)
        response = self.client.get(links[0])
        self.assertEqual(response["Content-Type"], "image/svg+xml")
        self.assertEqual(response["Cache-Control"], "no-store")
