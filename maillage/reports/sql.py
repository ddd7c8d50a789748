"""The one figure written in SQL: pairs of sectors named together on a discussion.

A discussion's sectors are its lead agency's and its assisting agencies', each once: a union of
two lists, which the ORM cannot group over. The same statement gives the live count and the
monthly summaries' rows, on PostgreSQL and SQLite; ``tests/test_summaries.py`` compares it with
the pairs worked out from the ORM's rows.
"""

from django.db import connection
from django.db.models import QuerySet

from maillage.situations.models import Situation

# The sectors of each discussion among ``{ids}`` (a subquery), then their pairs.
PAIRS = (
    "WITH involved AS ("
    "SELECT s.id AS sid, s.table_id AS t, s.discussion_type AS d, o.sector_id AS sector "
    "FROM {situation} s JOIN {organization} o ON o.id = s.lead_organization_id "
    "WHERE s.id IN ({ids}) "
    "UNION SELECT s.id, s.table_id, s.discussion_type, o.sector_id FROM {assisting} a "
    "JOIN {situation} s ON s.id = a.situation_id "
    "JOIN {organization} o ON o.id = a.organization_id WHERE s.id IN ({ids})) "
    "SELECT {selected}a.sector AS first, b.sector AS second, COUNT(*) AS n "
    "FROM involved a JOIN involved b ON a.sid = b.sid AND a.sector < b.sector "
    "GROUP BY {grouped}a.sector, b.sector"
)
# The summaries keep each table's and discussion type's pairs apart.
BY_TABLE_AND_TYPE = {"selected": "a.t AS t, a.d AS d, ", "grouped": "a.t, a.d, "}
ALL_TOGETHER = {"selected": "", "grouped": ""}


def _statement(situations: QuerySet, keys: dict) -> tuple[str, list]:
    ids, params = situations.values("id").query.sql_with_params()
    names = {
        "situation": Situation._meta.db_table,
        "organization": Situation._meta.get_field("lead_organization").related_model._meta.db_table,
        "assisting": Situation.assisting_organizations.through._meta.db_table,
    }
    statement = PAIRS.format(ids=ids, **keys, **names)
    return statement, [*params, *params]


def sector_pairs(situations: QuerySet) -> dict[tuple[int, int], int]:
    """How many of these discussions name each pair of sectors, the smaller id first."""
    statement, params = _statement(situations, ALL_TOGETHER)
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return {(first, second): n for first, second, n in cursor.fetchall()}


def sector_pair_summary(situations: QuerySet) -> tuple[str, list]:
    """SQL selecting the summary rows (``t``, ``d``, ``first``, ``second``, ``n``)."""
    return _statement(situations, BY_TABLE_AND_TYPE)
