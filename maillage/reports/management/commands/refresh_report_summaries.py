"""Rebuild the dashboard's monthly summaries: scheduled, and after bulk loads."""

from datetime import datetime

from django.core.management.base import BaseCommand, CommandParser

from maillage.reports import charts, summaries


def _month(text: str):
    return datetime.strptime(text, "%Y-%m").date()


class Command(BaseCommand):
    help = (
        "Rebuild the monthly report summaries of every month with discussions saved since its "
        "last refresh (or of the months given, or of all). Safe to run at any time, repeatedly."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--all", action="store_true", help="Rebuild every month.")
        parser.add_argument(
            "--month", action="append", type=_month, help="Rebuild this month (YYYY-MM)."
        )
        parser.add_argument(
            "--jobs", type=int, default=1, help="Months rebuilt at once (e.g. 2 after a bulk load)."
        )

    def handle(self, *args, **options) -> None:
        done = summaries.refresh(
            everything=options["all"],
            months=options["month"],
            jobs=max(1, options["jobs"]),
            stdout=self.stdout,
        )
        self.stdout.write(f"{len(done)} month(s) refreshed")
        forgotten = charts.forget_old_drawings()
        if forgotten:
            self.stdout.write(f"{forgotten} old chart drawing(s) forgotten")
