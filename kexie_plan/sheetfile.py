"""Spreadsheet files that come back to the office (a filled 填报表, any CSV or XLSX export),
read into `forms.RawSheet`s of plain cell values.

What a file is comes from its first bytes, not its name: a ZIP is a workbook (read by
openpyxl, values only, never a formula run), an OLE file (an old .xls, a WPS .et or an
encrypted workbook) is refused with what to do, anything else is CSV. A CSV file is
UTF-8 (with or without a BOM), else UTF-16 (Excel's "Unicode text"), else GB18030
(Excel and WPS on a Chinese Windows); the encoding it was read in is kept, to be said.
Its delimiter is the comma, unless its first line holds more tabs or semicolons.

Every problem is a `PlanError` naming the file (exit 2 for a file that cannot be read,
1 for one that can but is not a sheet): a missing file, anything but a regular file (a
FIFO would hang the read), more than MAX_FILE_BYTES, a workbook that unpacks to more
than MAX_UNPACKED_BYTES, more than MAX_ROWS rows. Rows are cut to MAX_COLUMNS cells.
Imports errors, decoding and forms of ours.
"""

from __future__ import annotations

import csv
import io
import os
import stat
from pathlib import Path
from typing import Any

from kexie_plan.decoding import guess_encoding, looks_utf16
from kexie_plan.errors import PlanError
from kexie_plan.forms import RawSheet

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_UNPACKED_BYTES = 512 * 1024 * 1024  # a workbook's parts, as its ZIP directory states
MAX_ROWS = 100_000  # rows of one file (a month's forms hold a few hundred)
MAX_COLUMNS = 64
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_BOM = b"\xef\xbb\xbf"


def read_sheets(path: Path, shown: str) -> tuple[list[RawSheet], list[PlanError]]:
    """Return the sheets of a CSV or XLSX file (a CSV file is one sheet), or the problems
    that kept it from being read."""
    data = _read(path, shown)
    if isinstance(data, PlanError):
        return [], [data]
    if data.startswith(_OLE):
        return [], [PlanError("import.old_workbook", {}, shown)]
    if data.startswith(_ZIP):
        return _workbook(data, shown)
    return _csv(data, shown)


def _read(path: Path, shown: str) -> bytes | PlanError:
    """Return the file's bytes, or why they cannot be read."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        return PlanError("file_missing", {}, shown)
    except OSError as exc:
        return PlanError("file_unreadable", {"reason": exc.strerror or type(exc).__name__}, shown)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return PlanError("not_regular_file", {}, shown)
        if info.st_size > MAX_FILE_BYTES:
            return PlanError(
                "import.too_large", {"size": info.st_size, "limit": MAX_FILE_BYTES}, shown
            )
        with os.fdopen(os.dup(fd), "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return PlanError("file_unreadable", {"reason": exc.strerror or type(exc).__name__}, shown)
    finally:
        os.close(fd)
    if len(data) > MAX_FILE_BYTES:
        return PlanError("import.too_large", {"size": len(data), "limit": MAX_FILE_BYTES}, shown)
    return data


# --- CSV ------------------------------------------------------------------------------


def decoded(data: bytes) -> tuple[str, str] | None:
    """Return CSV bytes as text and the name of the encoding they were in (UTF-8, UTF-8
    BOM, UTF-16, GB18030); None when they are in none of these."""
    if data.startswith(_BOM):
        try:
            return data[3:].decode("utf-8"), "UTF-8-BOM"
        except UnicodeDecodeError:
            return None
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    if looks_utf16(data):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            return None
    if guess_encoding(data) == "GB18030":
        return data.decode("gb18030"), "GB18030"
    return None


def _csv(data: bytes, shown: str) -> tuple[list[RawSheet], list[PlanError]]:
    found = decoded(data)
    if found is None:
        params = {"encoding": guess_encoding(data)}
        return [], [PlanError("import.encoding_unknown", params, shown)]
    text, encoding = found
    first = text.split("\n", 1)[0]
    delimiter = max((",", "\t", ";"), key=lambda d: (first.count(d), d == ","))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for cells in reader:
            if len(rows) >= MAX_ROWS:
                return [], [PlanError("import.too_many_rows", {"limit": MAX_ROWS}, shown, start)]
            rows.append((start, cells[:MAX_COLUMNS]))
            start = reader.line_num + 1
    except csv.Error as exc:
        return [], [PlanError("import.bad_csv", {"reason": str(exc)}, shown, reader.line_num)]
    return [RawSheet(shown, None, rows, encoding=encoding)], []


# --- workbooks ------------------------------------------------------------------------


def _workbook(data: bytes, shown: str) -> tuple[list[RawSheet], list[PlanError]]:
    """Read every worksheet's values (openpyxl's read-only mode: rows stream past)."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(part.file_size for part in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        return [], [PlanError("import.bad_workbook", {"reason": str(exc)}, shown)]
    if unpacked > MAX_UNPACKED_BYTES:
        params = {"size": unpacked, "limit": MAX_UNPACKED_BYTES}
        return [], [PlanError("import.too_large", params, shown)]
    from openpyxl import load_workbook

    sheets = []
    count = 0
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            for sheet in book.worksheets:
                rows: list[tuple[int, tuple[Any, ...]]] = []
                for number, cells in enumerate(
                    sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), start=1
                ):
                    if any(value is not None for value in cells):
                        count += 1
                        if count > MAX_ROWS:
                            params = {"limit": MAX_ROWS}
                            return [], [PlanError("import.too_many_rows", params, shown)]
                        rows.append((number, cells))
                hidden = sheet.sheet_state != "visible"
                sheets.append(RawSheet(shown, sheet.title, rows, hidden=hidden))
        finally:
            book.close()
    except Exception as exc:  # a broken or hostile workbook may raise anything
        reason = f"{type(exc).__name__}: {exc}".splitlines()[0]
        return [], [PlanError("import.bad_workbook", {"reason": reason}, shown)]
    return sheets, []
