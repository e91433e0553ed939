"""`kexie log`: the chosen records as a Rich table, JSON-ready rows and CSV.

Every user string is shown through `visible()`, never as markup. Returns things; never
prints.
"""

from __future__ import annotations

from dataclasses import fields
from typing import TYPE_CHECKING

from kexie_plan.i18n import text
from kexie_plan.record import Record
from kexie_plan.render.sheet import Sheet
from kexie_plan.render.words import table as plain_table
from kexie_plan.render.words import visible

if TYPE_CHECKING:
    from rich.table import Table

    from kexie_plan.plan import Plan
    from kexie_plan.progress import LogRow

# A record's fields in the order the ledger writes them (docs/format.md).
FIELDS = tuple(f.name for f in fields(Record) if f.name != "line")


def _names(plan: Plan) -> dict[str, str]:
    return {
        **{m.id: m.title for m in plan.measures()},
        **{a.id: a.name for a in plan.activities},
        **{t.id: t.name for t in plan.targets},
    }


def _about(record: Record, by_id: dict[str, Record], names: dict[str, str]) -> str:
    """Return what the record is about, by name (for a reversal: what the reverted one was)."""
    if record.revert is not None:
        record = by_id.get(record.revert, record)
    return names.get(record.ref, record.ref)


def _state(row: LogRow, lang: str) -> str:
    if row.record.revert is not None:
        return text("log.reverts", lang, id=row.record.revert)
    if row.reverted_by is not None:
        return text("col.reverted", lang)  # the reversal's own row names the id
    return ""


def log_table(plan: Plan, rows: list[LogRow], records: list[Record], lang: str) -> Table:
    """Return the rows as a Rich table; every user string is Text, made visible, never markup.

    Evidence is left to --format json and csv: eight columns do not fit a terminal.
    """
    from rich.text import Text

    by_id = {r.id: r for r in records}
    names = _names(plan)
    table = plain_table(padding=(0, 1), collapse_padding=True)
    # Columns that would be empty for every row are left out; about and note share
    # what width is left, note taking more, so that short notes stay on one line.
    has_by = any(row.record.by for row in rows)
    has_state = any(_state(row, lang) for row in rows)
    table.add_column(text("col.record", lang), no_wrap=True)
    table.add_column(text("col.date", lang), no_wrap=True)
    table.add_column(text("col.about", lang), overflow="fold", min_width=8, ratio=2)
    table.add_column(text("col.amount", lang), justify="right", no_wrap=True)
    if has_by:
        table.add_column(text("col.by", lang), overflow="fold", max_width=16)
    table.add_column(text("col.note", lang), overflow="fold", min_width=8, ratio=3)
    if has_state:
        table.add_column(text("col.state", lang), overflow="fold")
    for row in rows:
        r = row.record
        amount = str(r.amount) if r.amount is not None else text("log.done", lang) if r.done else ""
        cells = [r.id, r.date.isoformat(), _about(r, by_id, names), amount]
        if has_by:
            cells.append(r.by or "")
        cells.append(r.note or "")
        if has_state:
            cells.append(_state(row, lang))
        style = "dim" if row.reverted_by is not None or r.revert is not None else ""
        table.add_row(*(Text(visible(cell)) for cell in cells), style=style)
    return table


def log_as_data(rows: list[LogRow]) -> list[dict]:
    """Return the rows as JSON-ready dicts: every ledger field (null when absent), reverted_by."""
    out = []
    for row in rows:
        r = row.record
        item: dict[str, object] = {key: getattr(r, key) for key in FIELDS}
        item["date"] = r.date.isoformat()
        item["done"] = r.done
        item["line"] = r.line
        item["reverted_by"] = row.reverted_by
        out.append(item)
    return out


def log_sheet(rows: list[LogRow]) -> Sheet:
    """Return the rows as a sheet: every ledger field, then reverted_by."""
    keys = (*FIELDS, "reverted_by")
    table = []
    for item in log_as_data(rows):
        if item["done"] is False:
            item["done"] = None  # only a record that says done says so
        table.append(tuple(item[key] for key in keys))
    return Sheet("records", keys, tuple(table))
