"""Background work: exports run through Django's task framework.

With the default immediate backend the export is built right after the request commits; a
deployment with a queue backend runs it in its worker. ``maillage run_exports`` picks up any
export still waiting (e.g. after a restart).
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
