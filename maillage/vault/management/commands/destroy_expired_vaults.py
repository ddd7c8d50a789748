from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from maillage.vault.services import destroy_expired_vaults


class Command(BaseCommand):
    help = (
        "Destroy the vault keys of situations concluded more than VAULT_RETENTION_DAYS ago. "
        "`maillage purge` runs this too; this command is for running it alone."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=settings.VAULT_RETENTION_DAYS,
            help="Days after conclusion (default: VAULT_RETENTION_DAYS).",
        )

    def handle(self, *args, days: int, **options) -> None:
        if days < 0:
            raise CommandError("--days cannot be negative.")
        cutoff = timezone.now() - timedelta(days=days)
        count = destroy_expired_vaults(older_than=cutoff)
        self.stdout.write(f"Destroyed {count} vault keys of situations concluded before {cutoff}.")
