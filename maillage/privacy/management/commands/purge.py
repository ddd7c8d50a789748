"""Apply the retention schedule. Run daily (see docs/security.md for the systemd timer)."""

from django.core.management.base import BaseCommand

from maillage.privacy.retention import run_purge


class Command(BaseCommand):
    help = "Destroy or anonymise what is past its retention period; safe to run again."

    def handle(self, *args, **options) -> None:
        report = run_purge()
        for data_class, count in sorted(report.destroyed.items()):
            self.stdout.write(f"{data_class}: {count}")
        for data_class in report.kept:
            self.stdout.write(f"{data_class}: kept (append-only)")
        for data_class, path in sorted(report.skipped.items()):
            self.stderr.write(f"{data_class}: skipped, {path} is not installed")
        self.stdout.write(f"total: {report.total}")
