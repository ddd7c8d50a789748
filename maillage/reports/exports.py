"""Files built from the panels: CSV, XLSX, the provincial format and the open data package.

Every file is written beside its final place and moved in only once complete, so a failure
leaves nothing half-written (``write_atomically``).
"""

import csv
import io
import json
import os
import re
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
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


@dataclass(frozen=True)
class CsvForm:
    """How a CSV file is written: the standard form, or the one Excel opens in French."""

    delimiter: str
    decimal: str
    bom: bool  # Excel reads UTF-8 only after a byte order mark; other programs need none


STANDARD_CSV = CsvForm(delimiter=",", decimal=".", bom=False)
# Excel in a French locale splits on ";" (the comma is its decimal separator) and reads a file
# without a byte order mark in the system's legacy code page (accents become "Ã©").
EXCEL_FRENCH_CSV = CsvForm(delimiter=";", decimal=",", bom=True)


def _csv_value(value, form: CsvForm) -> str:
    if isinstance(value, float):
        return repr(value).replace(".", form.decimal)
    return shown(value)


def panel_csv(panel: Panel, form: CsvForm = STANDARD_CSV) -> bytes:
    """The panel as CSV in UTF-8 (served as ``text/csv; charset=utf-8``)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=form.delimiter)
    for row in panel_rows(panel):
        writer.writerow([_csv_value(v, form) for v in safe_row(row)])
    return ("\ufeff" if form.bom else "").encode() + out.getvalue().encode("utf-8")


SHEET_TITLE = 31  # Excel's limit
NOT_IN_TITLES = re.compile(r"[\[\]:*?/\\]")


def sheet_title(title: str, used: set[str]) -> str:
    """A sheet name Excel accepts, cut between words rather than inside one, and unique."""
    title = NOT_IN_TITLES.sub(" ", title).strip()
    suffix, number = "", 1
    while True:
        room = SHEET_TITLE - len(suffix)
        cut = title if len(title) <= room else title[: room + 1].rsplit(" ", 1)[0]
        cut = cut.rstrip(" ,;–-") or title[:room]
        if cut + suffix not in used:
            used.add(cut + suffix)
            return cut + suffix
        number += 1
        suffix = f" ({number})"


def workbook(panels: list[Panel], notes: list[str]) -> Workbook:
    book = Workbook()
    sheet = book.active
    used: set[str] = set()
    sheet.title = sheet_title(_("Notes"), used)
    for line in notes:
        sheet.append(safe_row([line]))
    for panel in panels:
        sheet = book.create_sheet(sheet_title(str(panel.title), used))
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
