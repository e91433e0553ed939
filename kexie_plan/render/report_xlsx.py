"""A period report as an Excel workbook: one sheet each for targets, activities and records.

Header rows are frozen; numbers are numbers and dates are dates. Every text cell is
stored as a string (never as a formula, whatever it starts with) and one that a
spreadsheet would take for a formula is also flagged quotePrefix, as Excel does when
someone types a leading apostrophe. openpyxl is imported here only, so that no other
command pays for it. Returns bytes.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING

from kexie_plan.render.report_rows import FORMULA_STARTS, Sheet
from kexie_plan.render.text import visible

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

MAX_COLUMN_WIDTH = 60
# openpyxl refuses the C0 controls other than tab, newline and carriage return.
_ILLEGAL = {chr(c) for c in range(32)} - {"\t", "\n", "\r"}


def _text(value: str) -> str:
    """Return text an XLSX cell can hold: control characters shown as escapes."""
    return visible(value) if any(c in _ILLEGAL for c in value) or not value.isprintable() else value


def _fill(ws: Worksheet, sheet: Sheet) -> None:
    from openpyxl.styles import Font

    ws.append(list(sheet.headers))
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
    from openpyxl.utils import get_column_letter

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
