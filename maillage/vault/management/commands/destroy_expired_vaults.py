from django.core.management.base import BaseCommand, CommandError

from maillage.privacy.models import DataClass
from maillage.privacy.retention import run_purge


class Command(BaseCommand):
    help = (
        "Destroy the vaults of situations concluded before the retention period of the identity "
        "vault (Privacy > Retention). `maillage purge` runs this too, with every other class."
    )

    def handle(self, *args, **options) -> None:
        report = run_purge(only=[DataClass.VAULT])
        if not report.complete:
            problem = report.failed.get(DataClass.VAULT, "no purger is registered")
            raise CommandError(f"The vaults could not be destroyed: {problem}.")
        self.stdout.write(f"Destroyed {report.destroyed[DataClass.VAULT]} vaults.")
