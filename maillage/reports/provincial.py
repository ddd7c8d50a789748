"""One row per de-identified discussion, in the fields of the provincial tracking database.

Documented field by field in docs/provincial-export.md. Rows are read in chunks with their
lists prefetched, so memory stays flat whatever the table's size.
"""

import csv
from collections.abc import Callable
from pathlib import Path

from django.db.models import Prefetch

from maillage.core.spreadsheets import safe_row
from maillage.situations.models import RiskFactor, Situation, Status

FIELDS = [
    "discussion_id",
    "date_presented",
    "decision",
    "discussion_type",
    "age_group",
    "gender",
    "risk_factors",
    "risk_categories",
    "protective_factors",
    "study_flags",
    "originating_sector",
    "lead_sector",
    "assisting_sectors",
    "services_mobilized",
    "hours_to_mobilize",
    "conclusion",
]
CHUNK = 2000
DECISION = {True: "accepted", False: "rejected", None: "pending"}


def rows_of(qs):
    return (
        qs.select_related(
            "table__situation_settings",
            "age_group",
            "gender",
            "originating_organization__sector",
            "lead_organization__sector",
            "conclusion_category",
        )
        .prefetch_related(
            Prefetch("risk_factors", RiskFactor.objects.select_related("category")),
            "risk_categories",
            "protective_factors",
            "study_flags",
            "assisting_organizations__sector",
            "services",
        )
        .order_by("table_id", "number")
    )


def _names(items) -> str:
    return "; ".join(sorted(item.name_en for item in items))


def row(s: Situation) -> list:
    hours = s.time_to_mobilize
    return [
        s.reference,
        s.presented_at.date().isoformat() if s.presented_at else "",
        DECISION[s.aer_met],
        s.discussion_type,
        s.age_group.name_en if s.age_group else "",
        s.gender.name_en if s.gender else "",
        "; ".join(sorted(f"{f.category.name_en} – {f.name_en}" for f in s.risk_factors.all())),
        _names(s.risk_categories.all()),
        _names(s.protective_factors.all()),
        _names(s.study_flags.all()),
        s.originating_organization.sector.name_en,
        s.lead_organization.sector.name_en if s.lead_organization else "",
        "; ".join(sorted({o.sector.name_en for o in s.assisting_organizations.all()})),
        _names(s.services.all()),
        round(hours.total_seconds() / 3600, 1) if hours is not None else "",
        s.conclusion_category.name_en if s.conclusion_category else "",
    ]


def write(path: Path, qs, progress: Callable[[int], None] = lambda pct: None) -> int:
    qs = qs.exclude(status=Status.DRAFT)
    total = qs.count() or 1
    written = 0
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(FIELDS)
        for situation in rows_of(qs).iterator(chunk_size=CHUNK):
            writer.writerow(safe_row(row(situation)))
            written += 1
            if written % CHUNK == 0:
                progress(100 * written // total)
    return written
