from django.core.management.base import BaseCommand, CommandError

from maillage.vault import crypto
from maillage.vault.rotation import rotate_master_key


class Command(BaseCommand):
    help = (
        "Rewrap every live vault key under MAILLAGE_VAULT_KEY. Set MAILLAGE_VAULT_KEY to the new "
        "key and MAILLAGE_VAULT_KEY_OLD to the previous one while it runs (see docs/vault.md)."
    )

    def handle(self, *args, **options) -> None:
        if crypto.old_master_key() is None:
            self.stderr.write(
                "MAILLAGE_VAULT_KEY_OLD is not set: only keys already under the current key "
                "can be opened."
            )
        result = rotate_master_key()
        self.stdout.write(f"Rewrapped {result.rewrapped} vault keys under key {result.key_id}.")
        if result.failed:
            ids = ", ".join(str(i) for i in result.failed)
            raise CommandError(
                f"{len(result.failed)} vault keys could not be opened with MAILLAGE_VAULT_KEY "
                f"or MAILLAGE_VAULT_KEY_OLD (situations {ids}). Nothing was lost: set the key "
                "they were wrapped with as MAILLAGE_VAULT_KEY_OLD and run the command again."
            )
