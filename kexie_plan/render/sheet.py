"""Tables for spreadsheets: every CSV and every workbook kexie writes is made here.

A view that has a table for a spreadsheet returns a `Sheet` (headers, rows of typed
cells); `sheet_as_csv` and `sheets_as_xlsx` are the only writers, so that every CSV
starts with a UTF-8 BOM (Excel and WPS then read Chinese right) and no text cell can run
as a formula (a leading = + - @ tab or CR gets an apostrophe in CSV; in a workbook every
text cell is a string, flagged quotePrefix when it looks like a formula). Numbers and
dates are never altered; a `Percent` is a whole number in CSV and a fraction shown as
`0%` in a workbook.

Every worksheet opens and prints as an office expects: a bold header row, frozen, with
an auto-filter; columns as wide as their text (a Chinese character counts two), capped,
longer text wrapped; landscape, one page wide, the header row on every printed page.

openpyxl is imported only when a workbook is made. Returns bytes; never prints. Imports
render.words of ours.
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
    from openpyxl.styles import Alignment
    from openpyxl.worksheet.worksheet import Worksheet


@dataclass(frozen=True, slots=True)
class Percent:
    """A share as a whole percent (67 for 67%): CSV writes 67, a workbook 0.67 shown as 67%."""

    whole: int


Cell = str | int | float | dt.date | Percent | None
BOM = "\ufeff"
# A cell starting with one of these is a formula to Excel, LibreOffice and WPS.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
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
    if isinstance(value, Percent):
        return str(value.whole)
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
# Column widths, in characters of the default font (a Chinese character counts two): a
# column is as wide as its widest cell and 2 more, at most MAX_COLUMN_WIDTH (longer text
# wraps); a header wider than its column wraps too, within MAX_HEADER_WIDTH.
MIN_COLUMN_WIDTH = 6
MAX_COLUMN_WIDTH = 40
MAX_HEADER_WIDTH = 14
PADDING = 2
DATE_FORMAT = "yyyy-mm-dd"
PERCENT_FORMAT = "0%"


def display_width(value: str) -> int:
    """Return how many columns `value` takes in a monospaced cell: two for a wide (CJK)
    character, one for any other."""
    import unicodedata

    if value.isascii():
        return len(value)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in value)


def _cell_width(value: Cell) -> int:
    """Return the width a cell's value needs, as Excel shows it."""
    if value is None:
        return 0
    if isinstance(value, str):
        return display_width(_text(value))
    if isinstance(value, dt.date):
        return len(DATE_FORMAT)
    if isinstance(value, Percent):
        return len(f"{value.whole}%")
    return len(cell_text(value))


def _wider(shown: str, width: int) -> bool:
    """Return whether text needs more than `width` columns (counting its display width
    only when its length cannot tell)."""
    if len(shown) + PADDING > width:
        return True
    return 2 * len(shown) + PADDING > width and display_width(shown) + PADDING > width


def column_widths(headers: tuple[str, ...], rows: list[tuple[Cell, ...]]) -> list[int]:
    """Return each column's width: its widest cell in `rows` (or its header, up to
    MAX_HEADER_WIDTH) and PADDING, from MIN_COLUMN_WIDTH to MAX_COLUMN_WIDTH."""
    widths = [min(display_width(_text(h)), MAX_HEADER_WIDTH) for h in headers]
    for row in rows:
        for c, value in enumerate(row[: len(widths)]):
            widths[c] = max(widths[c], _cell_width(value))
    return [min(max(w + PADDING, MIN_COLUMN_WIDTH), MAX_COLUMN_WIDTH) for w in widths]


def _set_up(ws: Worksheet, widths: list[int]) -> None:
    """Set what a worksheet says before its first row: the column widths, the frozen
    header, and the printing (landscape, one page wide, the header row on every page)."""
    from openpyxl.utils import get_column_letter

    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.freeze_panes = "A2"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as it takes
    ws.print_title_rows = "1:1"
    ws.print_options.gridLines = True


def _header_cells(ws: Worksheet, sheet: Sheet) -> list[object]:
    """Return the header row: bold, wrapped when wider than its column."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    cells = []
    for h in sheet.headers:
        cell = WriteOnlyCell(ws, value=_text(h))
        cell.data_type = "s"
        cell.font = bold
        cell.alignment = wrap
        cells.append(cell)
    return cells


def _row_cells(
    ws: Worksheet, row: tuple[Cell, ...], widths: list[int], wrap: Alignment
) -> list[object]:
    """Return a row's cells: text as strings (quotePrefix when it looks like a formula,
    wrapped when wider than its column), dates as dates, percents as fractions."""
    from openpyxl.cell import WriteOnlyCell

    cells: list[object] = []
    for c, value in enumerate(row):
        if isinstance(value, str):
            shown = _text(value)
            cell = WriteOnlyCell(ws, value=shown)
            cell.data_type = "s"  # openpyxl would make "=…" a formula
            if shown.startswith(FORMULA_STARTS):
                cell.quotePrefix = True
            if c < len(widths) and _wider(shown, widths[c]):
                cell.alignment = wrap
            cells.append(cell)
        elif isinstance(value, dt.date):
            cell = WriteOnlyCell(ws, value=value)
            cell.number_format = DATE_FORMAT
            cells.append(cell)
        elif isinstance(value, Percent):
            cell = WriteOnlyCell(ws, value=value.whole / 100)
            cell.number_format = PERCENT_FORMAT
            cells.append(cell)
        else:
            cells.append(value)
    return cells


def _fill(ws: Worksheet, sheet: Sheet) -> None:
    """Write the sheet into a write-only worksheet: set up, the header row, every row as
    it comes, then the auto-filter over all of them."""
    import itertools

    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    rows = iter(sheet.rows)
    sample = list(itertools.islice(rows, WIDTH_SAMPLE_ROWS))
    widths = column_widths(sheet.headers, sample)
    _set_up(ws, widths)
    wrap = Alignment(wrap_text=True, vertical="top")
    ws.append(_header_cells(ws, sheet))
    last = 1
    for last, row in enumerate(itertools.chain(sample, rows), start=2):
        if last > MAX_XLSX_ROWS:
            params = {"sheet": sheet.name, "limit": MAX_XLSX_ROWS - 1}
            raise UsageProblem(PlanError("xlsx_too_many_rows", params))
        ws.append(_row_cells(ws, row, widths, wrap))
    if sheet.headers:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(sheet.headers))}{last}"


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
