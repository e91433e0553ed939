"""Tables for spreadsheets: every CSV and every workbook kexie writes is made here.

A view that has a table for a spreadsheet returns a `Sheet` (headers, rows of typed
cells); `sheet_as_csv` and `sheets_as_xlsx` are the only writers, so that every CSV
starts with a UTF-8 BOM (Excel and WPS then read Chinese right) and no text cell can run
as a formula (a leading = + - @ tab or CR gets an apostrophe in CSV; in a workbook every
text cell is a string, flagged quotePrefix when it looks like a formula). Numbers and
dates are never altered. openpyxl is imported only when a workbook is made. Returns
bytes; never prints. Imports render.text of ours.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kexie_plan.render.words import visible

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

Cell = str | int | float | dt.date | None
BOM = "\ufeff"
# A cell starting with one of these is a formula to Excel, LibreOffice and WPS.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_COLUMN_WIDTH = 60
# openpyxl refuses the C0 controls other than tab, newline and carriage return.
_ILLEGAL = {chr(c) for c in range(32)} - {"\t", "\n", "\r"}


@dataclass(frozen=True)
class Sheet:
    """One table: a name (the worksheet's), headers, and rows of typed cells."""

    name: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


def defused(value: str) -> str:
    """Return text that no spreadsheet will take for a formula: a leading ' where needed
    (OWASP "CSV injection")."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def cell_text(value: Cell) -> str:
    """Return a cell as plain text: dates as YYYY-MM-DD, None as empty, booleans as
    true/false."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def sheet_as_csv(sheet: Sheet) -> bytes:
    """Return the sheet as CSV: a UTF-8 BOM, a header row, then its rows (CRLF line ends,
    as RFC 4180 and Excel have them)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([defused(visible(h)) for h in sheet.headers])
    for row in sheet.rows:
        writer.writerow(
            [
                defused(visible(value)) if isinstance(value, str) else cell_text(value)
                for value in row
            ]
        )
    return (BOM + out.getvalue()).encode("utf-8")


def _text(value: str) -> str:
    """Return text an XLSX cell can hold: control characters shown as escapes."""
    return visible(value) if any(c in _ILLEGAL for c in value) or not value.isprintable() else value


def _fill(ws: Worksheet, sheet: Sheet) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    ws.append([_text(h) for h in sheet.headers])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    widths = [max(len(h) * 2, 8) for h in sheet.headers]
    for r, row in enumerate(sheet.rows, start=2):
        for c, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=c)
            if isinstance(value, str):
                shown = _text(value)
                cell.value = shown
                cell.data_type = "s"  # openpyxl would make "=…" a formula
                if shown.startswith(FORMULA_STARTS):
                    cell.quotePrefix = True
                widths[c - 1] = max(widths[c - 1], min(len(shown) * 2, MAX_COLUMN_WIDTH))
            elif isinstance(value, dt.date):
                cell.value = value
                cell.number_format = "yyyy-mm-dd"
                widths[c - 1] = max(widths[c - 1], 12)
            else:
                cell.value = value
    ws.freeze_panes = "A2"
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = min(width, MAX_COLUMN_WIDTH)


def sheets_as_xlsx(sheets: list[Sheet], title: str) -> bytes:
    """Return an XLSX workbook with one worksheet per sheet, in order."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for sheet in sheets:
        _fill(book.create_sheet(sheet.name[:31]), sheet)
    book.properties.title = _text(title)
    book.properties.creator = "kexie"
    # A fixed timestamp: the same report gives the same bytes.
    book.properties.created = book.properties.modified = dt.datetime(2000, 1, 1)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
