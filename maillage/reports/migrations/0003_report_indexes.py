"""Indexes the dashboard reads through, on PostgreSQL (where the summaries are used).

The indexes on the situation table belong to the reports' access pattern, so they are kept
with the reports app rather than in ``situations``: ``(table_id, presented_at)`` covering the
response-time columns (time to mobilize and to conclusion read it without the table), and
``presented_at`` and ``updated_at`` for the monthly refresh and its freshness check.
"""

from django.db import migrations

INDEXES = [
    (
        "reports_situation_presented",
        "situations_situation (table_id, presented_at) INCLUDE (status, discussion_type, "
        "agencies_named_at, first_contact_at, decided_at, concluded_at)",
    ),
    ("reports_situation_month", "situations_situation (presented_at)"),
    ("reports_situation_updated", "situations_situation (updated_at)"),
    (
        "reports_monthlycount_read",
        "reports_monthlycount (figure, month, table_id) "
        "INCLUDE (discussion_type, first, second, n)",
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


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_monthly_summaries"),
        ("situations", "0003_default_risk_instrument"),
    ]

    operations = [migrations.RunPython(create, drop)]
