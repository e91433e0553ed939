"""What `kexie import` shows before it writes: what it read, and the records it would append.

`import_notes` words what the reader noticed (a CSV file's encoding, columns passed over,
sheets without a header); `import_preview` is the table of the rows to append (where each
came from, its date, item, amount, done, unit and note) with the count of rows already
imported. Every string from a file passes through `visible`; a Rich table never reads
markup. Returns text and renderables; never prints.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from kexie_plan.i18n import text
from kexie_plan.render.words import table, unit_names, visible

if TYPE_CHECKING:
    from rich.console import RenderableType

    from kexie_plan.forms import FormRow
    from kexie_plan.plan import Plan

PREVIEW_ROWS = 100  # a longer import shows its first rows and says how many more
MIN_NAME = 16  # columns an item's name keeps however narrow the terminal (8 characters)
MAX_NOTE = 30  # columns of a note the table shows (the rest is cut, with an ellipsis)


def import_notes(notes: Sequence[tuple[str, dict[str, Any]]], lang: str) -> list[str]:
    """Return one line for each thing the reader noticed, safe to print."""
    return [visible(text(code, lang, **params)) for code, params in notes]


def file_words(row: FormRow) -> str:
    """Return the file (its name, without folders) and the sheet a row is on."""
    name = os.path.basename(row.source) or row.source
    return name if row.sheet is None else f"{name} {row.sheet}"


def row_place(row: FormRow, lang: str) -> str:
    """Return where a row came from: 海智办.xlsx 填报表 第5行, a.csv line 5."""
    name = os.path.basename(row.source) or row.source
    if row.sheet is None:
        return text("import.place_line", lang, file=name, row=row.row)
    return text("import.place_row", lang, file=name, sheet=row.sheet, row=row.row)


def import_preview(plan: Plan, rows: Sequence[FormRow], skipped: int, lang: str) -> RenderableType:
    """Return the rows to append as a table (the file and sheet at the first of its rows,
    the row's number, what the record says), with a line counting them and the rows that
    were imported before (and so are left out)."""
    from rich.cells import cell_len
    from rich.console import Group
    from rich.text import Text

    units = unit_names(plan)
    shown_rows = rows[:PREVIEW_ROWS]

    def least(values: list[str], most: int) -> int:
        """Return the width a column keeps however narrow the terminal: its widest cell's,
        up to `most`."""
        return min(most, max((cell_len(value) for value in values), default=1))

    names = least([row.name for row in shown_rows], MIN_NAME)
    by = least([units.get(r.record.by or "", r.record.by or "") for r in shown_rows], MIN_NAME // 2)
    grid = table()
    grid.add_column(Text(text("import.col_file", lang)), overflow="fold")
    grid.add_column(Text(text("import.col_row", lang)), justify="right", no_wrap=True)
    grid.add_column(Text(text("col.date", lang)), no_wrap=True)
    grid.add_column(Text(text("col.about", lang)), overflow="fold", min_width=names)
    grid.add_column(Text(text("col.amount", lang)), justify="right", no_wrap=True)
    grid.add_column(Text(text("log.done", lang)), no_wrap=True)
    grid.add_column(Text(text("col.by", lang)), overflow="fold", min_width=by)
    grid.add_column(
        Text(text("col.note", lang)), overflow="ellipsis", no_wrap=True, max_width=MAX_NOTE
    )
    shown = None
    for row in shown_rows:
        r = row.record
        where = file_words(row)
        cells = (
            where if where != shown else "",  # a file's name heads its rows
            str(row.row),
            r.date.isoformat(),
            row.name,
            "" if r.amount is None else str(r.amount),
            text("template.yes", lang) if r.done else "",
            units.get(r.by, r.by) if r.by is not None else "",
            r.note or "",
        )
        grid.add_row(*(Text(visible(cell)) for cell in cells))
        shown = where
    parts: list[Any] = []
    if rows:
        parts.append(grid)
    if len(rows) > PREVIEW_ROWS:
        parts.append(Text(text("import.more_rows", lang, count=len(rows) - PREVIEW_ROWS)))
    files = len({row.source for row in rows})
    if rows:
        words = text("import.summary", lang, count=len(rows), files=files, skipped=skipped)
    else:
        words = text("import.nothing_new", lang, skipped=skipped)
    parts.append(Text(words))
    return Group(*parts)
