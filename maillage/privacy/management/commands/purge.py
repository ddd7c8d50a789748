"""Apply the retention schedule. Run daily (see docs/security.md for the systemd timer)."""

from django.core.management.base import BaseCommand, CommandError

from maillage.privacy.retention import run_purge


class Command(BaseCommand):
    help = (
        "Destroy or anonymise what is past its retention period; safe to run again. Fails when "
        "a class of data could not be purged."
    )

    def handle(self, *args, **options) -> None:
        report = run_purge()
        for data_class, count in sorted(report.destroyed.items()):
            self.stdout.write(f"{data_class}: {count}")
        for data_class in report.kept:
            self.stdout.write(f"{data_class}: kept on purpose (append-only)")
        if report.vacuumed:
            self.stdout.write(f"vacuumed: {', '.join(report.vacuumed)}")
        self.stdout.write(f"total: {report.total}")
        problems = [f"{data_class}: no purger is registered" for data_class in report.missing]
        problems += [f"{data_class}: {error}" for data_class, error in report.failed.items()]
        if problems:
            raise CommandError("Not purged, nothing changed:\n" + "\n".join(problems))
