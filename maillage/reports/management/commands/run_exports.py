"""Recovery: build every export still waiting, e.g. one whose queued task was lost."""

from django.core.management.base import BaseCommand

from maillage.reports import services
from maillage.reports.models import Export
from maillage.reports.scope import scope_for_export


class Command(BaseCommand):
    help = "Build the exports people asked for that are still waiting."

    def handle(self, *args, **options) -> None:
        for export in Export.objects.pending().order_by("pk"):
            try:
                scope = scope_for_export(export)
            except Exception:  # access withdrawn or filters no longer valid
                export.fail("Http404")
                continue
            services.build(export, scope)
            self.stdout.write(f"{export}: {export.get_status_display()}")
