"""Indexes on the response times, for reading a few of them by rank (PostgreSQL only).

The dashboard finds the ranks it needs in the monthly histograms of the durations, then reads
the durations of one or two buckets in order (``queries.sorted_durations``). Each index is on
the same expression as ``queries.Hours``, limited to the discussions measured, and carries the
columns of the dashboard's filters so that a bucket is read from the index alone.

The histograms are new figures of the summaries: the months summarised before are forgotten,
counted live until the next ``refresh_report_summaries`` rebuilds them with the histograms.
"""

from django.db import migrations

HOURS = "(EXTRACT(EPOCH FROM ({end} - {start})) / 3600.0)"
INDEXES = [
    (
        "reports_situation_mobilize",
        f"situations_situation ({HOURS.format(end='first_contact_at', start='agencies_named_at')}) "
        "INCLUDE (table_id, presented_at, status, discussion_type, agencies_named_at, "
        "first_contact_at) WHERE agencies_named_at IS NOT NULL AND first_contact_at IS NOT NULL",
    ),
    (
        "reports_situation_conclusion",
        f"situations_situation ({HOURS.format(end='concluded_at', start='decided_at')}) "
        "INCLUDE (table_id, presented_at, status, discussion_type, decided_at, concluded_at) "
        "WHERE status = 'concluded' AND decided_at IS NOT NULL AND concluded_at IS NOT NULL",
    ),
]


def create(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, target in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")


def drop(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _target in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


def forget_summaries(apps, schema_editor) -> None:
    apps.get_model("reports", "SummaryMonth").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0005_chart_drawings")]

    operations = [
        migrations.RunPython(create, drop),
        migrations.RunPython(forget_summaries, migrations.RunPython.noop),
    ]
