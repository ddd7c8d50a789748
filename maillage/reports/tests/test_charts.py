"""Charts not drawn yet are linked from the page and drawn when the browser asks for them."""

import re
from unittest import mock

from django.db import OperationalError
from django.test import Client

from maillage.accounts.testing import sign_in
from maillage.reports.models import ChartDrawing

from .base import ReportTestCase

LINK = re.compile(r'class="report-chart" src="(/reports/charts/[^"]+\.svg)"')


class LazyChartTests(ReportTestCase):
    def links(self, user) -> list[str]:
        self.sign_in(user)
        response = self.client.get("/reports/", {"table": self.table.pk})
        return LINK.findall(response.content.decode())

    def test_a_new_chart_is_linked_then_drawn_on_request_and_shown_inline_afterwards(self):
        links = self.links(self.member)
        assert links
        assert ChartDrawing.objects.filter(svg="").count() == len(links)
        response = self.client.get(links[0])
        assert response.status_code == 200
        assert response["Content-Type"] == "image/svg+xml"
        assert response.content.startswith(b"<svg")
        assert ChartDrawing.objects.filter(svg="").count() == len(links) - 1
        again = self.client.get("/reports/", {"table": self.table.pk}).content.decode()
        assert again.count('src="data:image/svg+xml;base64,') == 1
        assert len(LINK.findall(again)) == len(links) - 1

    def test_a_chart_link_draws_nothing_for_someone_else(self):
        link = self.links(self.member)[0]
        other = Client()
        sign_in(other, self.coordinator, mfa=True)
        assert other.get(link).status_code == 404
        assert Client().get(link).status_code in (302, 404)  # signed out: to the sign-in page
        assert ChartDrawing.objects.exclude(svg="").count() == 0

    def test_a_tampered_chart_link_is_refused(self):
        link = self.links(self.member)[0]
        assert self.client.get(link.replace(".svg", "x.svg")).status_code == 404
        assert self.client.get("/reports/charts/nonsense.svg").status_code == 404

    def test_the_pdf_report_draws_every_chart_itself(self):
        from maillage.reports import charts, services
        from maillage.reports.forms import FilterForm, scope_from

        form = FilterForm({"period": "month", "table": self.table.pk}, user=self.member)
        assert form.is_valid(), form.errors
        figures = services.compute(scope_from(form), suppressed=True)
        self.links(self.member)  # specifications stored, nothing drawn
        uris = [uri for uri in charts.data_uris(figures) if uri]
        assert uris and all(uri.startswith("data:image/svg+xml;base64,") for uri in uris)
        assert ChartDrawing.objects.filter(svg="").count() == 0

    def test_the_report_page_carries_its_charts_inline_for_a_saved_copy(self):
        self.sign_in(self.member)
        response = self.client.get("/reports/report/", {"table": self.table.pk})
        html = response.content.decode()
        assert 'class="report-chart" src="data:image/svg+xml;base64,' in html
        assert not LINK.findall(html)


class ChartsNeverFailAPageTests(ReportTestCase):
    def test_a_chart_that_cannot_be_drawn_leaves_the_report_with_its_tables(self):
        self.sign_in(self.member)
        with mock.patch("vl_convert.vegalite_to_svg", side_effect=ValueError("no font")):
            response = self.client.get("/reports/report/", {"table": self.table.pk})
        assert response.status_code == 200
        html = response.content.decode()
        assert "report-chart" not in html
        assert html.count("<caption>") == len(response.context["panels"])
        assert not ChartDrawing.objects.exists()

    def test_a_chart_link_that_cannot_be_drawn_is_404_not_500(self):
        links = LazyChartTests.links(self, self.member)
        with mock.patch("vl_convert.vegalite_to_svg", side_effect=ValueError("no font")):
            assert self.client.get(links[0]).status_code == 404

    def test_a_drawing_the_database_refuses_to_store_does_not_fail_the_page(self):
        self.sign_in(self.member)
        locked = OperationalError("database is locked")
        with mock.patch.object(ChartDrawing.objects, "bulk_create", side_effect=locked):
            page = self.client.get("/reports/", {"table": self.table.pk})
            report = self.client.get("/reports/report/", {"table": self.table.pk})
        assert page.status_code == 200 and not LINK.findall(page.content.decode())
        assert report.status_code == 200
        assert 'src="data:image/svg+xml;base64,' in report.content.decode()

    def test_a_chart_drawn_on_request_is_sent_even_if_it_cannot_be_stored(self):
        links = LazyChartTests.links(self, self.member)
        locked = OperationalError("database is locked")
        with mock.patch("django.db.models.query.QuerySet.update", side_effect=locked):
            response = self.client.get(links[0])
        assert response.status_code == 200
        assert response.content.startswith(b"<svg")

    def test_a_fully_suppressed_panel_has_no_chart(self):
        from maillage.reports.charts import spec
        from maillage.reports.panels import Panel

        hidden = Panel("x", "Hidden", "Row", ["Discussions"], rows=[("a", [None]), ("b", [0])])
        assert spec(hidden) is None
        shown = Panel("x", "Shown", "Row", ["Discussions"], rows=[("a", [None]), ("b", [7])])
        assert spec(shown) is not None
