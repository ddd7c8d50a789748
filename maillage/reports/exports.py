"""Files built from the panels: CSV, XLSX, the provincial format and the open data package.

Every file is written beside its final place and moved in only once complete, so a failure
leaves nothing half-written (``write_atomically``).
"""

import csv
import io
import json
import os
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from django.utils.translation import gettext as _
from openpyxl import Workbook

from maillage.core.spreadsheets import safe_row

from .models import export_dir
from .panels import Panel

SUPPRESSED = "x"


def shown(value) -> str:
    if value is None:
        return SUPPRESSED
    return str(value)


def panel_rows(panel: Panel) -> list[list]:
    rows = [[str(panel.label_header), *(str(c) for c in panel.columns)]]
    rows += [[str(label), *values] for label, values in panel.rows]
    return rows


def panel_csv(panel: Panel) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    for row in panel_rows(panel):
        writer.writerow(safe_row([row[0], *(shown(v) for v in row[1:])]))
    return out.getvalue()


def workbook(panels: list[Panel], notes: list[str]) -> Workbook:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Notes")[:31]
    for line in notes:
        sheet.append(safe_row([line]))
    used: set[str] = set()
    for panel in panels:
        title = str(panel.title)[:28]
        while title in used:
            title = title[:26] + str(len(used))
        used.add(title)
        sheet = book.create_sheet(title)
        for row in panel_rows(panel):
            sheet.append(safe_row([row[0], *(SUPPRESSED if v is None else v for v in row[1:])]))
    return book


def xlsx_bytes(panels: list[Panel], notes: list[str]) -> bytes:
    out = io.BytesIO()
    workbook(panels, notes).save(out)
    return out.getvalue()


def write_atomically(name: str, write: Callable[[Path], None]) -> str:
    """Call ``write(temporary path)``, then move the file to ``name``; clean up on any failure."""
    folder = export_dir()
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".partial-")
    os.close(handle)
    try:
        write(Path(temporary))
        os.replace(temporary, folder / name)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return name


def long_rows(panels: list[Panel]) -> list[list]:
    """Every published figure as one row: panel, row, column, value (empty when suppressed)."""
    rows = []
    for panel in panels:
        for label, values in panel.rows:
            for column, value in zip(panel.columns, values, strict=False):
                if value == "":
                    continue
                rows.append(
                    [
                        panel.key,
                        str(label),
                        str(column),
                        "" if value is None else value,
                        "true" if value is None else "false",
                    ]
                )
    return rows


DICTIONARY = [
    (
        "panel",
        "string",
        "Tableau du tableau de bord (voir la page des définitions).",
        "Dashboard panel (see the definitions page).",
    ),
    (
        "row",
        "string",
        "Ligne du tableau : période, catégorie, secteur…",
        "Row of the panel: period, category, sector…",
    ),
    ("column", "string", "Colonne du tableau.", "Column of the panel."),
    (
        "value",
        "number",
        "Nombre de discussions ou mesure; vide si supprimé.",
        "Number of discussions or measure; empty when suppressed.",
    ),
    (
        "suppressed",
        "boolean",
        "Vrai si la valeur est cachée pour protéger les personnes (petits nombres).",
        "True when the value is hidden to protect people (small counts).",
    ),
]


def open_data_zip(path: Path, panels: list[Panel], notes: list[str]) -> None:
    data = io.StringIO()
    writer = csv.writer(data)
    writer.writerow([name for name, *_rest in DICTIONARY])
    writer.writerows(safe_row(row) for row in long_rows(panels))
    dictionary = io.StringIO()
    csv.writer(dictionary).writerows(
        [["field", "type", "description_fr", "description_en"], *DICTIONARY]
    )
    package = {
        "name": "maillage-figures",
        "title": "Maillage – figures publiées / published figures",
        "description": "\n".join(notes),
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}],
        "resources": [
            {
                "name": "figures",
                "path": "figures.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": [
                        {"name": n, "type": t, "description": f"{fr} / {en}"}
                        for n, t, fr, en in DICTIONARY
                    ],
                    "missingValues": [""],
                },
            },
            {"name": "dictionary", "path": "dictionary.csv", "format": "csv"},
        ],
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("figures.csv", data.getvalue())
        archive.writestr("dictionary.csv", dictionary.getvalue())
        archive.writestr("datapackage.json", json.dumps(package, ensure_ascii=False, indent=2))
