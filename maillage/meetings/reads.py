"""What the agenda and meeting mode read, in a few hand-written statements.

These pages are drawn on every visit and, in meeting mode, on each follower's screen every time
the coordinator records something. Through the ORM their reads cost several times the
database's own work in building each query (``bench/pages.py`` measures the pages); written
once here, in SQL that SQLite and PostgreSQL both run, they cost little more than the round
trips. Each returns plain values. The tests compare every read with the same read made
through the ORM, and who sees which situation still comes from ``core.permissions``.
"""

from collections import defaultdict
from collections.abc import Mapping
from functools import cache
from typing import Any

from django.db import connection

from maillage.core.i18n import Names
from maillage.core.permissions import hidden_statuses, seat_at
from maillage.organizations.models import Organization
from maillage.situations.models import RiskCategory, Situation, Task
from maillage.tables.models import TableOrganization

from .models import AgendaItem, Attendance, Decision


@cache
def _sql(statement: str) -> str:
    """``statement`` with the tables' names as the models declare them."""
    return statement.format(
        **{
            "item": AgendaItem._meta.db_table,
            "situation": Situation._meta.db_table,
            "age": Situation._meta.get_field("age_group").related_model._meta.db_table,
            "gender": Situation._meta.get_field("gender").related_model._meta.db_table,
            "categories": Situation.risk_categories.through._meta.db_table,
            "category": RiskCategory._meta.db_table,
            "decision": Decision._meta.db_table,
            "decision_assisting": Decision.assisting_organizations.through._meta.db_table,
            "organization": Organization._meta.db_table,
            "task": Task._meta.db_table,
            "attendance": Attendance._meta.db_table,
            "seated": TableOrganization._meta.db_table,
            "assisting": Situation.assisting_organizations.through._meta.db_table,
        }
    )


def _fetch(statement: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(_sql(statement), params)
        return cursor.fetchall()


# The listed items of a meeting with what the pages show of their situation, one line per risk
# category (or one line without), in the agenda's order and the reference list's.
AGENDA = """
SELECT i.id, i.reason, i.notes, s.id, s.number, s.status, s.version, s.discussion_type,
       s.originating_organization_id, s.lead_organization_id,
       a.name_fr, a.name_en, g.name_fr, g.name_en, c.id, c.name_fr, c.name_en
FROM {item} i
JOIN {situation} s ON s.id = i.situation_id
LEFT JOIN {age} a ON a.id = s.age_group_id
LEFT JOIN {gender} g ON g.id = s.gender_id
LEFT JOIN {categories} sc ON sc.situation_id = s.id
LEFT JOIN {category} c ON c.id = sc.riskcategory_id
WHERE i.meeting_id = %s AND i.removed_at IS NULL AND s.table_id = %s
  AND (s.status NOT IN ({hidden}) OR s.originating_organization_id = %s)
ORDER BY i.position, i.id, c.position, c.name_fr
"""
AGENDA_KEYS = (
    "item_pk reason_code notes situation_pk situation_number status_code version "
    "discussion_type originating_pk lead_pk age_fr age_en gender_fr gender_en"
).split()


def agenda(meeting, user) -> list[dict[str, Any]]:
    """The items this person may see (``core.permissions.situation_visibility``), each with
    its situation's columns and ``categories``: [(id, name_fr, name_en)] in the list's order."""
    seat = seat_at(user, meeting.table)
    if seat is None:
        return []
    role, organization_id = seat
    hidden = hidden_statuses(role)
    sql = AGENDA.replace("{hidden}", ", ".join(["%s"] * len(hidden)))  # one per status
    found: list[dict[str, Any]] = []
    params = [meeting.pk, meeting.table_id, *map(str, hidden), organization_id]
    for line in _fetch(sql, params):
        if not found or found[-1]["item_pk"] != line[0]:
            found.append(dict(zip(AGENDA_KEYS, line, strict=False), categories=[]))
        if line[14] is not None:
            found[-1]["categories"].append(line[14:])
    return found


# The decisions taken at a meeting, one line per assisting agency (or one line without).
DECISIONS = """
SELECT d.id, d.situation_id, d.kind, d.aer_met, d.decision_method, d.votes_for,
       d.votes_against, l.name_fr, l.name_en, t.title, t.due_on, o.name_fr, o.name_en,
       a.name_fr, a.name_en
FROM {decision} d
LEFT JOIN {organization} l ON l.id = d.lead_organization_id
LEFT JOIN {task} t ON t.id = d.task_id
LEFT JOIN {organization} o ON o.id = t.owner_organization_id
LEFT JOIN {decision_assisting} da ON da.decision_id = d.id
LEFT JOIN {organization} a ON a.id = da.organization_id
WHERE d.meeting_id = %s
ORDER BY d.at, d.id, a.name_fr
"""
DECISION_KEYS = "pk situation_id kind aer_met decision_method votes_for votes_against".split()


def _names(fr: str | None, en: str | None) -> Names | None:
    return None if fr is None and en is None else Names(fr or "", en or "")


def decisions(meeting_id: int) -> dict[int, list[dict[str, Any]]]:
    """situation id → the decisions taken about it at this meeting, in order: ``lead``,
    ``owner`` and each of ``assisting`` (alphabetical) as ``Names``, ``task_title``, ``due_on``."""
    found: dict[int, list[dict[str, Any]]] = defaultdict(list)
    last: dict[str, Any] = {}
    for line in _fetch(DECISIONS, [meeting_id]):
        if last.get("pk") != line[0]:
            last = dict(zip(DECISION_KEYS, line, strict=False))
            last.update(lead=_names(*line[7:9]), task_title=line[9], due_on=line[10])
            last.update(owner=_names(*line[11:13]), assisting=[])
            found[last["situation_id"]].append(last)
        if assisting := _names(*line[13:15]):
            last["assisting"].append(assisting)
    return found


ATTENDANCE = """
SELECT a.id, a.organization_id, a.status, o.name_fr, o.name_en
FROM {attendance} a JOIN {organization} o ON o.id = a.organization_id
WHERE a.meeting_id = %s
ORDER BY o.name_fr, a.id
"""


def attendance(meeting_id: int) -> list[tuple[int, int, str, str, str]]:
    """(id, agency id, status, name_fr, name_en) of each agency's attendance line."""
    return _fetch(ATTENDANCE, [meeting_id])


# The agencies seated at a table; ``involved`` says whether one is the situation's originating,
# lead or assisting agency.
SEATED = """
SELECT o.id, o.name_fr, o.name_en,
       CASE WHEN o.id IN (%s, %s) OR EXISTS (
         SELECT 1 FROM {assisting} x WHERE x.situation_id = %s AND x.organization_id = o.id
       ) THEN 1 ELSE 0 END
FROM {organization} o JOIN {seated} t ON t.organization_id = o.id
WHERE t.table_id = %s
ORDER BY o.name_fr, o.id
"""


def seated(table_id: int, row: Mapping[str, Any] | None = None) -> list[tuple[int, str, str, int]]:
    """(id, name_fr, name_en, involved) of the agencies seated at the table; ``involved`` is
    1 for the originating, lead and assisting agencies of ``row``'s situation."""
    if row is None:
        params = [None, None, None, table_id]
    else:
        params = [row["originating_pk"], row["lead_pk"], row["situation_pk"], table_id]
    return _fetch(SEATED, params)
