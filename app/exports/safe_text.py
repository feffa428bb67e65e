"""Text we write into files that leave the office: never a formula, never a control code.

Task texts come from plans and workbooks written by others. A text that starts with
"=", "+", "-" or "@" (or a tab or carriage return before one) is a formula to Excel and
LibreOffice: `=cmd|' /C calc'!A0` in a workbook sent to a unit runs a program there
(formula/DDE injection). Every writer goes through here:

- .xlsx cells (`put`, `text_cell`): data type string, and the quote prefix that keeps
  Excel from reading the text as a formula when the cell is edited; the value itself is
  unchanged, so a workbook read back (`collect`) gives the original text;
- .csv fields (`csv_field`): a leading apostrophe, the usual defence for a file opened
  by double-click (a CSV cannot carry a cell type);
- every text (`clean`): control characters that no file format takes (NUL, ESC, BEL…)
  are dropped; tab and line breaks stay.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from openpyxl.cell import Cell

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# C0 controls but tab, line feed and carriage return; DEL; C1 controls.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    """`text` without control characters (tab and line breaks kept)."""
    return _CONTROL.sub("", text)


def formula_like(text: str) -> bool:
    """Would a spreadsheet program read this text as a formula?"""
    return text.startswith(FORMULA_START)


def put(cell: Cell, value: object) -> None:
    """Set an openpyxl cell; a str is written as text (never a formula, never a control)."""
    if not isinstance(value, str):
        # openpyxl checks the value itself (numbers, dates, None) and refuses others
        cell.value = value  # type: ignore[assignment]
        return
    text = clean(value)
    cell.value = text
    cell.data_type = "s"
    if formula_like(text):
        cell.quotePrefix = True


def text_cell(ws: Any, value: object) -> object:
    """A cell for a write-only sheet's `append`: text stays text (see `put`)."""
    from openpyxl.cell import WriteOnlyCell

    if not isinstance(value, str):
        return value
    cell = WriteOnlyCell(ws)
    put(cell, value)
    return cell


def text_row(ws: Any, values: Iterable[object]) -> list[object]:
    return [text_cell(ws, v) for v in values]


def csv_field(value: object) -> object:
    """A CSV field that a spreadsheet program opens as text, not as a formula."""
    if not isinstance(value, str):
        return value
    text = clean(value)
    return "'" + text if formula_like(text) else text
