from django.core.management.base import BaseCommand, CommandError

from maillage.core.audit import verify_chain
from maillage.core.models import AuditEntry


class Command(BaseCommand):
    help = "Check the hash chain of the audit trail and report the first broken link."

    def handle(self, *args, **options) -> None:
        broken = next(verify_chain(), None)
        if broken is not None:
            raise CommandError(f"Audit trail broken at entry #{broken.entry_id}: {broken.reason}.")
        count = AuditEntry.objects.count()
        self.stdout.write(self.style.SUCCESS(f"Audit trail intact: {count} entries verified."))
