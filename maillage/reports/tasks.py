"""Background work: exports run through Django's task framework.

The request that asks for an export commits it and queues this task in the database; the
worker (``maillage db_worker``) builds it. ``maillage run_exports`` builds any export still
waiting, e.g. one whose task was lost.
"""

from django.tasks import task

from .models import Export, ExportStatus


@task()
def build_export(export_id: int) -> None:
    from . import services
    from .scope import scope_for_export

    export = Export.objects.filter(pk=export_id, status=ExportStatus.PENDING).first()
    if export is None:
        return
    services.build(export, scope_for_export(export))
