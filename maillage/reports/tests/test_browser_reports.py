"""A coordinator reads the figures of their table in the pages and takes them away as files."""

import base64
import csv
import io
import json
import tempfile
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from openpyxl import load_workbook

from maillage.reports import summaries
from maillage.reports.models import Export, ExportKind, ExportStatus
from maillage.reports.provincial import FIELDS
from maillage.situations.models import Situation, Status
from maillage.tables.browser import BrowserTestCase

from .base import make_discussions
from .queue import run_worker

pytestmark = pytest.mark.browser

THRESHOLD = settings.REPORTS_SUPPRESSION_THRESHOLD
DECISIONS = "Discussions par type et par décision"
REPEATS = "Situations récurrentes"
# A task backend that records exports without building them: the page shows them waiting.
QUEUED_TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


def small_counts(values) -> list:
    """The published values that are counts from 1 to threshold - 1."""
    found = []
    for value in values:
        try:
            number = float(value)
        except (TypeError, ValueError):
            continue  # "x", a label or an empty cell
        if 0 < number < THRESHOLD:
            found.append(value)
    return found


class ReportBrowserTestCase(BrowserTestCase):
    """Sudbury with 13 discussions (one rejected: a small count), Montréal with 7.

    Most discussions are old enough to be read from the monthly summaries; the recent ones
    are counted live, as the dashboard does between two refreshes.
    """

    def setUp(self):
        super().setUp()
        people = [self.city, self.police, self.school]
        make_discussions(self.table, people, 8, days_ago=45)
        make_discussions(self.table, people, 4, start_number=50, days_ago=10)
        rejected = make_discussions(self.table, [self.police, self.city], 1, start_number=100)[0]
        Situation.objects.filter(pk=rejected.pk).update(
            status=Status.REJECTED, aer_met=False, lead_organization=None
        )
        make_discussions(self.other_table, [self.shelter, self.police], 7)
        summaries.refresh(everything=True)

    def use_export_folder(self) -> Path:
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        setting = override_settings(EXPORTS_DIR=folder.name)
        setting.enable()
        self.addCleanup(setting.disable)
        return Path(folder.name)

    def drawing(self, chart) -> str:
        """The SVG an ``img.report-chart`` shows, once the browser has loaded it.

        A chart drawn before is inline; a new one is a link the page's browser fetches.
        """
        source = chart.get_attribute("src") or ""
        if source.startswith("data:image/svg+xml;base64,"):
            return base64.b64decode(source.split(",", 1)[1]).decode()
        self.page.wait_for_function(
            "image => image.complete && image.naturalWidth > 0", arg=chart.element_handle()
        )
        response = self.page.request.get(self.url(source))
        self.assertEqual(response.headers["content-type"], "image/svg+xml")
        return response.text()

    def open_dashboard_of_the_table(self) -> None:
        """The table's figures as they leave it: suppressed (its members land elsewhere)."""
        page = self.page
        page.goto(self.url(reverse("reports:dashboard") + "?period=month"))
        page.get_by_label("Table", exact=True).select_option(label="Table Sudbury")
        page.get_by_role("button", name="Afficher", exact=True).click()
        page.wait_for_url("**table=*")
        page.locator("#panel-decisions").wait_for()

    def panel(self, key: str):
        return self.page.locator(f"section[aria-labelledby=panel-{key}]")

    def download(self, link) -> Path:
        with self.page.expect_download() as info:
            link.click()
        return Path(info.value.path())


class DashboardTests(ReportBrowserTestCase):
    def test_coordinator_reads_the_charts_of_the_table_and_of_the_region(self):
        page = self.page
        self.sign_in_with_mfa(self.coordinator)
        self.open_dashboard_of_the_table()
        self.assert_accessible("reports-01-dashboard")
        self.screenshot("reports-01-dashboard")

        key = page.locator("dl.key-figures")
        self.assertIn("13", key.locator("dd").first.inner_text())
        self.assertEqual(key.locator("dd").nth(2).inner_text().strip(), "x")  # one rejected
        decisions = self.panel("decisions")
        table = decisions.get_by_role("table", name=DECISIONS)
        self.assertEqual(table.locator("tbody abbr[title=supprimé]").first.inner_text(), "x")
        # Every count of it hidden but the total: no chart of empty axes, the table says it.
        self.assertEqual(decisions.locator("img.report-chart").count(), 0)
        repeats = self.panel("repeats")
        self.assertTrue(repeats.get_by_role("img", name=REPEATS).is_visible())
        self.assertIn("<svg", self.drawing(repeats.locator("img.report-chart")))
        charts = page.locator("main img.report-chart").count()
        self.assertGreater(charts, 5)
        self.assertGreaterEqual(page.locator("main table.report-table").count(), charts)

        # The region: every table of the territory the coordinator may see, Sudbury alone.
        page.get_by_label("Table", exact=True).select_option(label="Toutes mes tables")
        page.get_by_label("Territoire").select_option(label="Grand Sudbury (Municipalité)")
        page.get_by_role("button", name="Afficher", exact=True).click()
        page.wait_for_url("**territory=*")
        self.assertIn("13", page.locator("dl.key-figures dd").first.inner_text())
        self.assert_accessible("reports-02-region")

        decisions = self.panel("decisions")
        decisions.get_by_role("link", name="Définition").click()
        page.get_by_role("heading", name="Définitions des chiffres").wait_for()
        self.assertTrue(page.url.endswith("#decisions"))
        self.assertTrue(page.locator("dt#decisions").is_visible())
        self.assert_accessible("reports-03-definitions")
        self.screenshot("reports-03-definitions")


class EnglishDashboardTests(ReportBrowserTestCase):
    def test_coordinator_switches_the_dashboard_to_english(self):
        page = self.page
        self.sign_in_with_mfa(self.coordinator)
        self.open_dashboard_of_the_table()
        page.get_by_role("button", name="English").click()
        page.get_by_role("heading", name="Figures and trends").wait_for()

        title = "Repeat situations"
        repeats = self.panel("repeats")
        self.assertTrue(repeats.get_by_role("heading", name=title).is_visible())
        self.assertTrue(repeats.get_by_role("table", name=title).is_visible())
        chart = repeats.get_by_role("img", name=title)
        self.assertIn(f"Chart: {title}.", chart.get_attribute("alt") or "")
        drawn = self.drawing(chart)
        self.assertIn("First time at the table", drawn)
        self.assertNotIn("Première fois", drawn)
        self.assertTrue(page.locator("#panel-risk_factors").inner_text().startswith("Risk factors"))
        self.assert_accessible("reports-04-english")
        self.screenshot("reports-04-english")


class MemberLandingTests(ReportBrowserTestCase):
    def test_a_member_lands_on_the_figures_of_the_table_with_small_counts(self):
        page = self.page
        self.sign_in_with_mfa(self.member)
        page.goto(self.url(reverse("reports:dashboard")))
        page.wait_for_url("**/reports/unsuppressed/?table=*")
        banner = page.get_by_role("status").filter(has_text="réservés aux membres de la table")
        self.assertTrue(banner.is_visible())
        key = page.locator("dl.key-figures")
        self.assertEqual(key.locator("dd").nth(2).inner_text().strip(), "1")  # the rejection
        self.assertEqual(page.locator("main abbr[title=supprimé]").count(), 0)
        self.assertGreater(page.locator("main img.report-chart").count(), 5)
        self.assertEqual(page.locator("main .report-downloads").count(), 0)
        self.assert_accessible("reports-00-member-landing")
        self.screenshot("reports-00-member-landing")

        # Another period: still the table's own figures, small counts shown.
        page.get_by_label("Par", exact=True).select_option(label="Trimestre")
        page.get_by_role("button", name="Afficher", exact=True).click()
        page.wait_for_url("**/reports/unsuppressed/?*period=quarter*")
        self.assertEqual(key.locator("dd").nth(2).inner_text().strip(), "1")

        # What leaves the table: the same figures, suppressed.
        page.get_by_role("link", name="Cacher les petits nombres").click()
        page.locator("#panel-decisions").wait_for()
        self.assertEqual(key.locator("dd").nth(2).inner_text().strip(), "x")


class PanelDownloadTests(ReportBrowserTestCase):
    def test_member_downloads_a_panel_and_every_table_without_small_counts(self):
        # The dashboard's files are suppressed for everyone, the table's members included.
        page = self.page
        self.sign_in_with_mfa(self.member)
        self.open_dashboard_of_the_table()

        decisions = self.panel("decisions")
        link = decisions.get_by_role("link", name="CSV (Excel, français)")
        raw = self.download(link).read_bytes()
        self.assertTrue(raw.startswith(b"\xef\xbb\xbf"))  # Excel reads UTF-8 after this mark
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
        self.assertEqual(rows[0][0], "Type de discussion")
        self.assertEqual(rows[1][0], "Personne")
        path = self.download(decisions.get_by_role("link", name="CSV (standard)"))
        self.assertEqual(list(csv.reader(io.StringIO(path.read_text(encoding="utf-8")))), rows)
        published = [value for row in rows[1:] for value in row[1:]]
        self.assertIn("x", published)
        self.assertEqual(small_counts(published), [])
        self.assertIn("13", published)  # the total, never hidden

        link = page.get_by_role("link", name="Tous les tableaux (XLSX)")
        book = load_workbook(io.BytesIO(self.download(link).read_bytes()))
        self.assertEqual(len(book.sheetnames), 14)
        for sheet in book.worksheets[1:]:
            if sheet.title == "Intervention":  # hours and days, not counts of discussions
                continue
            values = [v for row in sheet.iter_rows(min_row=2, values_only=True) for v in row[1:]]
            self.assertEqual(small_counts(values), [], sheet.title)


class ImpossiblePeriodTests(ReportBrowserTestCase):
    def test_an_end_before_the_start_is_refused_with_a_clear_message(self):
        page = self.page
        self.sign_in_with_mfa(self.coordinator)
        self.open_dashboard_of_the_table()
        page.get_by_label("Du", exact=True).fill("2026-06-30")
        page.get_by_label("Au", exact=True).fill("2026-01-01")
        page.get_by_role("button", name="Afficher", exact=True).click()
        alert = page.get_by_role("alert")
        alert.wait_for()
        self.assertEqual(alert.inner_text().strip(), "La date de fin précède la date de début.")
        self.assertEqual(page.locator("section.report-panel").count(), 0)
        self.assert_accessible("reports-05-impossible-period")
        self.screenshot("reports-05-impossible-period")


class BackgroundExportTests(ReportBrowserTestCase):
    def setUp(self):
        super().setUp()
        self.folder = self.use_export_folder()
        queued = override_settings(TASKS=QUEUED_TASKS)
        queued.enable()
        self.addCleanup(queued.disable)

    def row(self, kind: str):
        export = Export.objects.get(kind=kind)
        return self.page.locator(f"#export-{export.pk}")

    def test_coordinator_prepares_the_open_data_and_provincial_files_and_downloads_them(self):
        page = self.page
        self.sign_in_with_mfa(self.coordinator)
        self.open_dashboard_of_the_table()
        page.get_by_role("button", name="Paquet de données ouvertes").click()
        page.get_by_role("heading", name="Exportations").wait_for()
        page.go_back()
        provincial = "Format provincial (une ligne par discussion)"
        page.get_by_role("button", name=provincial).click()
        page.get_by_role("heading", name="Exportations").wait_for()

        # Both wait for the worker; the page asks again until they are finished.
        for kind in (ExportKind.OPEN_DATA, ExportKind.PROVINCIAL):
            row = self.row(kind)
            self.assertIn("En attente", row.inner_text())
            self.assertTrue(row.get_by_role("progressbar", name="Avancement").is_visible())
        self.assert_accessible("reports-06-exports-waiting")
        self.screenshot("reports-06-exports-waiting")
        call_command("run_exports", stdout=io.StringIO())
        for kind in (ExportKind.OPEN_DATA, ExportKind.PROVINCIAL):
            self.row(kind).get_by_role("link", name="Télécharger").wait_for()
        self.assertEqual(set(Export.objects.values_list("status", flat=True)), {"done"})
        self.assert_accessible("reports-07-exports-done")
        self.screenshot("reports-07-exports-done")

        link = self.row(ExportKind.OPEN_DATA).get_by_role("link", name="Télécharger")
        with zipfile.ZipFile(self.download(link)) as archive:
            self.assertIn("datapackage.json", archive.namelist())
            package = json.loads(archive.read("datapackage.json"))
            figures = list(csv.DictReader(io.StringIO(archive.read("figures.csv").decode())))
        self.assertEqual([r["name"] for r in package["resources"]], ["figures", "dictionary"])
        counts = [row["value"] for row in figures if row["panel"] != "response"]
        self.assertEqual(small_counts(counts), [])
        self.assertTrue(any(row["suppressed"] == "true" for row in figures))

        link = self.row(ExportKind.PROVINCIAL).get_by_role("link", name="Télécharger")
        with self.download(link).open(encoding="utf-8") as file:
            rows = list(csv.DictReader(file))
        self.assertEqual(list(rows[0]), FIELDS)
        self.assertEqual(len(rows), 13)  # Sudbury's discussions only


class ReportPageTests(ReportBrowserTestCase):
    def setUp(self):
        super().setUp()
        self.use_export_folder()

    def test_coordinator_reads_the_report_page_and_downloads_it_as_pdf(self):
        page = self.page
        self.sign_in_with_mfa(self.coordinator)
        self.open_dashboard_of_the_table()
        page.get_by_role("link", name="Rapport", exact=True).click()
        page.get_by_role("heading", name="Rapport de Table Sudbury").wait_for()
        self.assertTrue(page.get_by_role("heading", name="Chiffres clés").is_visible())
        self.assertGreater(page.locator("main img.report-chart").count(), 5)
        self.assertEqual(page.locator("main .report-downloads").count(), 0)
        self.assert_accessible("reports-08-report")
        self.screenshot("reports-08-report")

        page.go_back()
        page.get_by_role("button", name="Rapport (PDF)").click()
        page.get_by_role("heading", name="Exportations").wait_for()
        row = page.locator(f"#export-{Export.objects.get(kind=ExportKind.PDF).pk}")
        link = row.get_by_role("link", name="Télécharger")
        run_worker()  # the page asks again until the worker has built the file
        link.wait_for()
        self.assertEqual(Export.objects.get().status, ExportStatus.DONE)
        self.assertTrue(self.download(link).read_bytes().startswith(b"%PDF"))


class PublishedFiguresTests(ReportBrowserTestCase):
    def test_a_table_publishes_its_figures_and_a_person_without_a_seat_reads_them(self):
        page = self.page
        self.sign_in_with_mfa(self.other_member)  # coordinates the Montréal cell
        page.goto(self.url(reverse("tables:edit", args=[self.other_table.pk])))
        box = page.get_by_label("Publier ses chiffres, petits nombres supprimés")
        self.assertFalse(box.is_checked())
        self.assert_accessible("reports-09-publish")
        box.check()
        page.get_by_role("button", name="Enregistrer").click()
        page.get_by_text("Publiés pour toute personne connectée").wait_for()
        self.screenshot("reports-09-publish")

        self.sign_in_with_mfa(self.outsider)  # works for an agency, sits at no table
        page.goto(self.url(reverse("reports:dashboard")))
        choices = page.get_by_label("Table", exact=True).locator("option").all_inner_texts()
        self.assertEqual(choices, ["Toutes mes tables", "Cellule Montréal"])
        page.get_by_label("Table", exact=True).select_option(label="Cellule Montréal")
        page.get_by_role("button", name="Afficher", exact=True).click()
        page.wait_for_url("**table=*")
        self.assertIn("7", page.locator("dl.key-figures dd").first.inner_text())
        actions = page.locator("main p.actions")
        self.assertEqual(actions.get_by_role("link", name="Afficher les petits nombres").count(), 0)
        self.assert_accessible("reports-10-published")
        self.screenshot("reports-10-published")
