"""An export asked for in a page waits in the queue; the worker builds it, outside the request."""

import tempfile

from django.conf import settings
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from maillage.reports.models import Export, ExportStatus

from .base import ReportTestCase
from .queue import run_worker


class ExportQueueTests(ReportTestCase):
    def setUp(self):
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        exports_dir = override_settings(EXPORTS_DIR=folder.name)
        exports_dir.enable()
        self.addCleanup(exports_dir.disable)

    def request_export(self) -> Export:
        self.sign_in(self.member, mfa=True)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                "/reports/exports/new/", {"table": self.table.pk, "kind": "workbook"}
            )
        assert response.status_code == 302, response.status_code
        return Export.objects.latest("pk")

    def test_the_site_queues_tasks_in_the_database_by_default(self):
        assert settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"

    def test_the_request_returns_before_the_export_is_built(self):
        export = self.request_export()
        assert export.status == ExportStatus.PENDING
        queued = DBTaskResult.objects.get()
        assert queued.task_path == "maillage.reports.tasks.build_export"
        assert queued.args_kwargs["args"] == [export.pk]

    def test_the_worker_builds_the_queued_export(self):
        export = self.request_export()
        run_worker()
        export.refresh_from_db()
        assert export.status == ExportStatus.DONE, export.error
        assert export.path.is_file()
        assert self.client.get(f"/reports/exports/{export.pk}/download/").status_code == 200
