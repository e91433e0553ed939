"""`kexie log`: the chosen records as the lines of a table, JSON-ready rows and CSV, each
made as the records stream past (a ledger of a million records is never held).

Every user string is shown through `visible()`, never as markup. Returns things; never
prints.
"""

from __future__ import annotations

from dataclasses import fields
from typing import TYPE_CHECKING

from kexie_plan.i18n import text
from kexie_plan.record import Record
from kexie_plan.render.sheet import Sheet
from kexie_plan.render.words import visible

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from kexie_plan.plan import Plan
    from kexie_plan.progress import LogRow
    from kexie_plan.totals import Totals

# A record's fields in the order the ledger writes them (docs/format.md).
FIELDS = tuple(f.name for f in fields(Record) if f.name != "line")


def _names(plan: Plan) -> dict[str, str]:
    return {
        **{m.id: m.title for m in plan.measures()},
        **{a.id: a.name for a in plan.activities},
        **{t.id: t.name for t in plan.targets},
    }


# The first rows set the columns' widths; later rows fold into them.
SAMPLE_ROWS = 200
GAP = "  "


def log_lines(
    plan: Plan,
    totals: Totals,
    rows: Iterable[LogRow],
    lang: str,
    width: int | None,
    dim: tuple[str, str] = ("", ""),
) -> Iterator[str]:
    """Yield the rows as the lines of a table, as they come (a million rows are never held):
    a header, a rule, then a line (or, folded to `width`, a few) per record.

    The columns are the record's id, date, what it is about (by name; for a reversal, what
    the reverted record was about), amount, by and note; the note starts with the record's
    standing when a reversal cancels it ("reverted · ") or it is one ("reverts B1 · ").
    Their widths are those of the first SAMPLE_ROWS rows; with `width`, what is about and
    the note share what is left, each folded within its column, and a longer later cell
    folds too. Without `width` (a pipe), nothing is folded: one line per record. `dim`
    wraps reverted records and reversals (terminal codes, or nothing). Evidence is left
    to --format json and csv. Every user string is made `visible`.
    """
    import itertools

    from rich.cells import cell_len

    def size(cell: str) -> int:
        return len(cell) if cell.isascii() else cell_len(cell)

    names = _names(plan)
    done = text("log.done", lang)
    reverted = text("col.reverted", lang)

    def cells(row: LogRow) -> list[str]:
        """Return the row's cells, unpadded: id, date, about, amount, by, note."""
        r = row.record
        about = r.ref
        if r.revert is not None:
            about = (totals.subject_of_reverted(r.revert) or ("", r.revert))[1]
        amount = str(r.amount) if r.amount is not None else done if r.done else ""
        # What the record's standing is goes before its note: a reversal says what it
        # cancels, a cancelled record says so (its reversal's own row names the id).
        note = "" if not r.note else visible(r.note)
        if r.revert is not None:
            state = text("log.reverts", lang, id=r.revert)
            note = f"{state} · {note}" if note else state
        elif row.reverted_by is not None:
            note = f"{reverted} · {note}" if note else reverted
        # ids are ASCII letters, digits and _.- (the ledger refuses others): shown as they are
        name = visible(names.get(about, about))
        return [r.id, r.date.isoformat(), name, amount, visible(r.by or ""), note]

    rows = iter(rows)
    sample = list(itertools.islice(rows, SAMPLE_ROWS))
    if not sample:
        yield text("log.empty", lang) + "\n"
        return
    keys = ("col.record", "col.date", "col.about", "col.amount", "col.by", "col.note")
    header = [text(key, lang) for key in keys]
    widths = [
        max(size(c) for c in column)
        for column in zip(header, *(cells(row) for row in sample), strict=True)
    ]
    folded = width is not None
    if folded:
        widths[4] = min(widths[4], 16)  # by
        fixed = sum(widths[i] for i in (0, 1, 3, 4)) + len(GAP) * 5
        left = max(width - fixed, 16)
        # what it is about and the note share what is left, as far as they need it
        about = min(widths[2], max(8, left * 2 // 5))
        note = min(widths[5], max(8, left - about))
        widths[2], widths[5] = max(about, min(widths[2], left - note)), note
    w_id, w_amount, w_note = widths[0], widths[3], widths[5]

    def fold(row_cells: list[str]) -> list[str]:
        """Return the lines of a row whose cells do not all fit: each folded in its column."""
        parts = [
            chop_cells(cell, widths[i]) if size(cell) > widths[i] else [cell]
            for i, cell in enumerate(row_cells)
        ]
        out = []
        for k in range(max(len(p) for p in parts)):
            pieces = []
            for i, part in enumerate(parts):
                piece = part[k] if k < len(part) else ""
                gap = " " * max(widths[i] - size(piece), 0) if i != 5 else ""
                pieces.append(gap + piece if i == 3 else piece + gap)
            out.append(GAP.join(pieces).rstrip())
        return out

    # A padded cell and whether it fits, for the few names and units a ledger repeats.
    padded: dict[tuple[int, str], tuple[str, bool]] = {}

    def pad(column: int, cell: str) -> tuple[str, bool]:
        found = padded.get((column, cell))
        if found is None:
            gap = widths[column] - size(cell)
            found = (cell + " " * gap if gap > 0 else cell, gap >= 0)
            if len(padded) < 20_000:
                padded[(column, cell)] = found
        return found

    def line(row_cells: list[str]) -> list[str]:
        """Return the row's line (the fast path: every cell fits), else its folded lines."""
        ident, day, about, amount, by, note = row_cells
        about, about_fits = pad(2, about)
        by, by_fits = pad(4, by)
        if folded and not (
            about_fits and by_fits and len(ident) <= w_id and size(amount) <= w_amount
            and size(note) <= w_note
        ):  # fmt: skip
            return fold(row_cells)
        if not amount.isascii():
            amount = " " * (w_amount - size(amount)) + amount
        text_line = f"{ident:<{w_id}}  {day}  {about}  {amount:>{w_amount}}  {by}  {note}"
        return [text_line if note else text_line.rstrip()]

    head = fold(header)
    yield "\n".join(head) + "\n"
    yield "─" * (sum(widths) + len(GAP) * (len(widths) - 1)) + "\n"
    on, off = dim
    chunk: list[str] = []
    for row in itertools.chain(sample, rows):
        shown = line(cells(row))
        if on and (row.reverted_by is not None or row.record.revert is not None):
            shown = [on + text_line + off for text_line in shown]
        chunk.extend(shown)
        if len(chunk) >= 500:
            yield "\n".join(chunk) + "\n"
            chunk = []
    if chunk:
        yield "\n".join(chunk) + "\n"


def record_summary(plan: Plan, record: Record, lang: str) -> str:
    """Return one record in words, for a person to recognise it: its date, what it is
    about (by name, with the id), its amount (or done), who recorded it and its note:
    2021-04-02 国际学术交流论坛 (intl-forums) · 2 场 · by 海智办 · note: 第一期."""
    about = record.ref
    name = _names(plan).get(about, about)
    parts = [text("record.summary", lang, date=record.date.isoformat(), name=name, id=about)]
    target = plan.target(record.target) if record.target is not None else None
    if target is not None and target.kind != "milestone":
        parts.append(f"{record.counted} {target.unit or ''}".rstrip())
    elif record.done:
        parts.append(text("log.done", lang))
    if record.by:
        units = {u.id: u.name for u in plan.units}
        parts.append(text("record.summary_by", lang, by=units.get(record.by, record.by)))
    if record.note:
        parts.append(text("record.summary_note", lang, note=record.note))
    return visible(" · ".join(parts))


def chop_cells(cell: str, width: int) -> list[str]:
    """Return the cell cut into pieces of at most `width` terminal cells."""
    from rich.cells import chop_cells as chop

    return chop(cell, width) or [""]


def log_as_data(rows: Iterable[LogRow]) -> Iterator[dict]:
    """Yield the rows as JSON-ready dicts: every ledger field (null when absent), the
    record's line, reverted_by."""
    for row in rows:
        r = row.record
        item: dict[str, object] = {key: getattr(r, key) for key in FIELDS}
        item["date"] = r.date.isoformat()
        item["done"] = r.done
        item["line"] = r.line
        item["reverted_by"] = row.reverted_by
        yield item


def log_sheet(rows: Iterable[LogRow]) -> Sheet:
    """Return the rows as a sheet, streamed: every ledger field, then reverted_by."""
    keys = (*FIELDS, "reverted_by")

    def table() -> Iterator[tuple]:
        for item in log_as_data(rows):
            if item["done"] is False:
                item["done"] = None  # only a record that says done says so
            yield tuple(item[key] for key in keys)

    return Sheet("records", keys, table())
