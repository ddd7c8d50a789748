from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from maillage.core.chain import (
    CheckpointError,
    chain_pending,
    compare_to_checkpoint,
    head,
    last_checkpoint,
    verify_chain,
    write_checkpoint,
)


class Command(BaseCommand):
    help = (
        "Chain any entry left unchained, check the audit trail's chain and compare it to the last "
        "checkpoint; with --checkpoint, record a new signed checkpoint."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--checkpoint",
            action="store_true",
            help="After a successful check, append the signed head to AUDIT_CHECKPOINT_PATH.",
        )
        parser.add_argument(
            "--allow-empty",
            action="store_true",
            help="Accept an empty trail (a new installation before its first entry).",
        )

    def handle(self, *args, checkpoint: bool, allow_empty: bool, **options) -> None:
        path = Path(settings.AUDIT_CHECKPOINT_PATH) if settings.AUDIT_CHECKPOINT_PATH else None
        if checkpoint and path is None:
            raise CommandError("Set AUDIT_CHECKPOINT_PATH to record checkpoints.")
        chain_pending()
        broken = next(verify_chain(), None)
        if broken is not None:
            raise CommandError(f"Audit trail broken at entry #{broken.entry_id}: {broken.reason}.")
        try:
            last = last_checkpoint(path) if path is not None else None
        except CheckpointError as error:
            raise CommandError(f"Audit checkpoint refused: {error}.") from error
        problem = compare_to_checkpoint(last) if last is not None else None
        if problem is not None:
            raise CommandError(f"Audit trail shortened or rewritten: {problem}.")
        count = head().count
        if count == 0 and not allow_empty:
            raise CommandError("The audit trail is empty.")
        if last is None:
            self.stdout.write(self.style.WARNING("No checkpoint to compare with yet."))
        if checkpoint and path is not None:
            write_checkpoint(path)
        self.stdout.write(self.style.SUCCESS(f"Audit trail intact: {count} entries verified."))
