"""A table of a period report as CSV: UTF-8 with a BOM, so that Excel reads Chinese right.

Text cells that a spreadsheet would run as a formula (=, +, -, @ …) get a leading
apostrophe (`report_rows.defused`); numbers and dates are written plainly. Returns a string.
"""

from __future__ import annotations

import csv
import io

from kexie_plan.render.report_rows import Sheet, cell_text, defused
from kexie_plan.render.text import visible

BOM = "\ufeff"


def sheet_as_csv(sheet: Sheet) -> str:
    """Return the sheet as CSV text starting with a BOM, one header row then its rows."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(sheet.headers)
    for row in sheet.rows:
        writer.writerow(
            [
                defused(visible(value)) if isinstance(value, str) else cell_text(value)
                for value in row
            ]
        )
    return BOM + out.getvalue()
