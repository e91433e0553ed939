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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kexie_plan.errors import PlanError, UsageProblem
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
    # The rows: a tuple, or a stream read once (a ledger's million records are never
    # held), in which case the sheet is written once.
    rows: Iterable[tuple[Cell, ...]]


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
    return b"".join(sheet_chunks(sheet))


CSV_CHUNK_ROWS = 2000


def sheet_chunks(sheet: Sheet) -> Iterator[bytes]:
    """Yield the sheet as CSV (see `sheet_as_csv`) in chunks of CSV_CHUNK_ROWS rows, as its
    rows come."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    out.write(BOM)
    writer.writerow([defused(visible(h)) for h in sheet.headers])
    for count, row in enumerate(sheet.rows, start=1):
        writer.writerow(
            [
                defused(visible(value)) if isinstance(value, str) else cell_text(value)
                for value in row
            ]
        )
        if count % CSV_CHUNK_ROWS == 0:
            yield out.getvalue().encode("utf-8")
            out.seek(0)
            out.truncate()
    yield out.getvalue().encode("utf-8")


def _text(value: str) -> str:
    """Return text an XLSX cell can hold: control characters shown as escapes."""
    return visible(value) if any(c in _ILLEGAL for c in value) or not value.isprintable() else value


# The rows of one worksheet, and the rows whose widths set the columns' (a stream is
# written as it comes: its first rows stand for the rest).
MAX_XLSX_ROWS = 1_048_576
WIDTH_SAMPLE_ROWS = 500


def _fill(ws: Worksheet, sheet: Sheet) -> None:
    """Write the sheet into a write-only worksheet: a bold header row, frozen; text cells
    as strings (quotePrefix when they look like a formula); dates as dates."""
    import itertools

    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    rows = iter(sheet.rows)
    sample = list(itertools.islice(rows, WIDTH_SAMPLE_ROWS))
    widths = [max(len(h) * 2, 8) for h in sheet.headers]
    for row in sample:
        for c, value in enumerate(row):
            if isinstance(value, str):
                widths[c] = max(widths[c], min(len(_text(value)) * 2, MAX_COLUMN_WIDTH))
            elif isinstance(value, dt.date):
                widths[c] = max(widths[c], 12)
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = min(width, MAX_COLUMN_WIDTH)
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for h in sheet.headers:
        cell = WriteOnlyCell(ws, value=_text(h))
        cell.font = bold
        header.append(cell)
    ws.append(header)
    for count, row in enumerate(itertools.chain(sample, rows), start=2):
        if count > MAX_XLSX_ROWS:
            params = {"sheet": sheet.name, "limit": MAX_XLSX_ROWS - 1}
            raise UsageProblem(PlanError("xlsx_too_many_rows", params))
        cells: list[object] = []
        for value in row:
            if isinstance(value, str):
                shown = _text(value)
                cell = WriteOnlyCell(ws, value=shown)
                cell.data_type = "s"  # openpyxl would make "=…" a formula
                if shown.startswith(FORMULA_STARTS):
                    cell.quotePrefix = True
                cells.append(cell)
            elif isinstance(value, dt.date):
                cell = WriteOnlyCell(ws, value=value)
                cell.number_format = "yyyy-mm-dd"
                cells.append(cell)
            else:
                cells.append(value)
        ws.append(cells)


def sheets_as_xlsx(sheets: list[Sheet], title: str) -> bytes:
    """Return an XLSX workbook with one worksheet per sheet, in order. Rows are written as
    they come (openpyxl's write-only mode): a streamed sheet is never held whole."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    for sheet in sheets:
        _fill(book.create_sheet(sheet.name[:31]), sheet)
    book.properties.title = _text(title)
    book.properties.creator = "kexie"
    # A fixed timestamp: the same report gives the same bytes.
    book.properties.created = book.properties.modified = dt.datetime(2000, 1, 1)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write_text(cell: Any, value: str) -> None:
    """Put text into a cell of a workbook made in openpyxl's normal mode (the template's),
    as `_fill` puts it into a streamed one: a string, never a formula, quotePrefix when it
    starts like one, control characters shown as escapes."""
    shown = _text(value)
    cell.value = shown
    cell.data_type = "s"  # openpyxl would make "=…" a formula
    if shown.startswith(FORMULA_STARTS):
        cell.quotePrefix = True
