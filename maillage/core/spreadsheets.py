"""Cells for files people open in a spreadsheet: text never becomes a formula.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula (and an XLSX
cell written as such *is* a formula), so a name typed into Maillage could compute, fetch or
launch something on the reader's machine. Text starting with one of these, or with a tab or a
carriage return that some spreadsheets skip before reading on, is written with a leading
apostrophe, which every spreadsheet shows as plain text. Numbers are written as they are: a
negative count is not a formula. Every CSV and XLSX writer passes its cells through ``safe_cell``.
"""

from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell[T](value: T) -> T | str:
    """``value``, with text that a spreadsheet would run as a formula made inert."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values: Iterable) -> list:
    return [safe_cell(value) for value in values]
