"""The reports' indexes are now declared on the models they index (``Meta.indexes``).

Migrations 0003 and 0006 made them by hand, on PostgreSQL only; those are dropped here. The
situations' indexes are made again by ``situations`` 0004 under new names, and the summaries'
covering read index by this migration, on every database.
"""

from django.db import migrations, models

MADE_BY_HAND = [
    "reports_situation_presented",
    "reports_situation_month",
    "reports_situation_updated",
    "reports_situation_mobilize",
    "reports_situation_conclusion",
    "reports_monthlycount_read",
]


def drop(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in MADE_BY_HAND:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0007_chart_specifications"),
        ("situations", "0004_report_indexes"),
        ("tables", "0002_table_publishes_figures"),
    ]

    operations = [
        migrations.RunPython(drop, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="monthlycount",
            index=models.Index(
                fields=["figure", "month", "table"],
                include=("discussion_type", "first", "second", "n"),
                name="reports_monthlycount_read",
            ),
        ),
    ]
