from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from maillage.organizing import project_services as services
from maillage.organizing.indicators import curve, import_values, record_value
from maillage.organizing.projects import IndicatorValue, LogicRow

from .base import OrganizingTestCase


class IndicatorTests(OrganizingTestCase):
    def setUp(self):
        self.project = services.create_project(
            team=self.team, data={"title": "Cuisines collectives"}, by=self.organiser
        )
        self.indicator = services.add_indicator(
            project=self.project,
            data={
                "name": "Familles rejointes",
                "group": "better_off",
                "unit": "%",
                "polarity": "higher",
                "minimum": 0,
                "maximum": 100,
                "baseline": 20,
                "baseline_on": date(2024, 1, 1),
                "target": 60,
                "target_on": date(2027, 1, 1),
            },
            by=self.organiser,
        )

    def test_a_value_outside_the_units_range_is_refused_and_nothing_is_written(self):
        with self.assertRaises(ValidationError):
            record_value(
                indicator=self.indicator, on=date(2025, 1, 1), value=Decimal(120), by=self.organiser
            )
        self.assertFalse(IndicatorValue.objects.exists())

    def test_a_csv_with_wrong_columns_is_refused_whole(self):
        report = import_values(
            indicator=self.indicator, text="jour,valeur\n2025-01-01,30\n", by=self.organiser
        )
        self.assertEqual(report.written, 0)
        self.assertEqual(report.rejected[0].line, 1)
        self.assertFalse(IndicatorValue.objects.exists())

    def test_one_bad_line_refuses_the_whole_file_and_names_the_line(self):
        text = "date,value\n2025-01-01,30\n2025-06-01,abc\n2025-12-01,150\n"
        report = import_values(indicator=self.indicator, text=text, by=self.organiser)
        self.assertEqual([r.line for r in report.rejected], [3, 4])
        self.assertFalse(IndicatorValue.objects.exists())

    def test_a_good_csv_is_written_and_reimporting_it_changes_nothing(self):
        text = "date,value\n2025-01-01,30\n2026-01-01,40\n"
        self.assertEqual(
            import_values(indicator=self.indicator, text=text, by=self.organiser).written, 2
        )
        import_values(indicator=self.indicator, text=text, by=self.organiser)
        self.assertEqual(IndicatorValue.objects.count(), 2)

    def test_the_curve_forecasts_the_recent_trend_to_the_target_date(self):
        import_values(
            indicator=self.indicator,
            text="date,value\n2025-01-01,30\n2026-01-01,40\n",
            by=self.organiser,
        )
        drawn = curve(self.indicator)
        self.assertTrue(drawn.has_values)
        self.assertEqual(len(drawn.actual.split()), 3)
        self.assertEqual(len(drawn.forecast.split()), 2)
        self.assertGreater(drawn.high, 40, "the forecast carries the trend upward")

    def test_the_import_page_lists_the_refused_lines(self):
        self.sign_in(self.organiser)
        upload = SimpleUploadedFile("v.csv", b"date,value\n2025-01-01,abc\n", "text/csv")
        response = self.client.post(
            reverse("organizing:indicator_import", args=[self.indicator.pk]), {"file": upload}
        )
        self.assertEqual(response.status_code, 422)
        self.assertContains(response, "<td>2</td>", status_code=422)

    def test_a_file_that_is_not_utf8_is_explained(self):
        self.sign_in(self.organiser)
        upload = SimpleUploadedFile("v.csv", "date,value\n2025-01-01,é\n".encode("latin-1"))
        response = self.client.post(
            reverse("organizing:indicator_import", args=[self.indicator.pk]), {"file": upload}
        )
        self.assertEqual(response.status_code, 422)
        self.assertFalse(IndicatorValue.objects.exists())

    def test_outsiders_get_404_on_indicators(self):
        self.sign_in(self.organiser2)
        for name in ("organizing:indicator", "organizing:indicator_value"):
            self.assertEqual(
                self.client.get(reverse(name, args=[self.indicator.pk])).status_code, 404
            )


class LogicModelTests(OrganizingTestCase):
    def test_rows_are_added_in_reading_order_and_drawn_on_the_page(self):
        project = services.create_project(
            team=self.team, data={"title": "Jardins"}, by=self.organiser
        )
        services.add_logic_row(
            project=project, level="activities", text="Ateliers de jardinage", by=self.organiser
        )
        services.add_logic_row(
            project=project, level="activities", text="Corvées collectives", by=self.organiser
        )
        positions = list(LogicRow.objects.values_list("position", flat=True))
        self.assertEqual(positions, [0, 1])
        self.sign_in(self.organiser)
        response = self.client.get(reverse("organizing:project", args=[project.pk]))
        self.assertContains(response, "Ateliers de jardinage")
        self.assertContains(response, "<svg", count=1)
