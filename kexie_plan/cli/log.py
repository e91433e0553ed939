"""`kexie log [REF]`: the ledger's records, filtered; reverted records are marked as such."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from kexie_plan.cli.common import (
    LangOption,
    PlanOption,
    app,
    choice_of,
    date_of,
    find_plan,
    lang_of,
    read_ledger_and_warn,
)
from kexie_plan.cli.record import ByOption, reporter
from kexie_plan.i18n import text

if TYPE_CHECKING:
    from rich.table import Table

    from kexie_plan.model import Plan, Record

FORMATS = ("table", "json", "csv")
FIELDS = (
    "id",
    "date",
    "target",
    "activity",
    "measure",
    "revert",
    "amount",
    "done",
    "by",
    "note",
    "evidence",
)


@dataclass(frozen=True, slots=True)
class LogRow:
    """A record as `log` lists it, with the reversal that cancels it, if any."""

    record: Record
    reverted_by: str | None


def log_rows(
    plan: Plan,
    records: list[Record],
    about: tuple[str, str] | None,
    by: str | None,
    since: date,
    until: date,
) -> list[LogRow]:
    """Return the records to list, by date then ledger order, each with what reverts it.

    `about` is (kind, id): a target's records include those of the activities that count
    toward it; the reversals of every chosen record are chosen too.
    """
    reverted_by: dict[str, str] = {}
    for r in records:
        if r.revert is not None:
            reverted_by.setdefault(r.revert, r.id)
    chosen = records
    if about is not None:
        kind, ident = about
        activities = {a.id for a in plan.activities if kind == "target" and a.target == ident}
        if kind == "activity":
            activities.add(ident)
        picked = {
            r.id
            for r in records
            if (kind == "target" and r.target == ident)
            or (kind == "measure" and r.measure == ident)
            or r.activity in activities
        }
        chosen = [r for r in records if r.id in picked or r.revert in picked]
    if by is not None:
        chosen = [r for r in chosen if r.by == by]
    chosen = [r for r in chosen if since <= r.date <= until]
    chosen = sorted(chosen, key=lambda r: (r.date, r.line))
    return [LogRow(r, reverted_by.get(r.id)) for r in chosen]


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
        return text("log.reverted", lang)  # the reversal's own row names the id
    return ""


def log_table(plan: Plan, rows: list[LogRow], records: list[Record], lang: str) -> Table:
    """Return the rows as a Rich table; every user string is Text, made visible, never markup.

    Evidence is left to --format json and csv: eight columns do not fit a terminal.
    """
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from kexie_plan.render import visible

    by_id = {r.id: r for r in records}
    names = _names(plan)
    table = Table(
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        header_style="bold",
        padding=(0, 1),
        collapse_padding=True,
    )
    # Columns that would be empty for every row are left out; about and note share
    # what width is left, note taking more, so that short notes stay on one line.
    has_by = any(row.record.by for row in rows)
    has_state = any(_state(row, lang) for row in rows)
    table.add_column(text("col.record", lang), no_wrap=True)
    table.add_column(text("col.date", lang), no_wrap=True)
    table.add_column(text("log.about", lang), overflow="fold", min_width=8, ratio=2)
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


def log_as_csv(rows: list[LogRow]) -> str:
    """Return the rows as CSV with a header row; user text is made visible."""
    import csv
    import io

    from kexie_plan.render import visible

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*FIELDS, "reverted_by"])
    for item in log_as_data(rows):
        cells = []
        for key in (*FIELDS, "reverted_by"):
            value = item[key]
            if value is None:
                cells.append("")
            elif isinstance(value, bool):
                cells.append("true" if value else "")
            else:
                cells.append(visible(str(value)))
        writer.writerow(cells)
    return out.getvalue()


@app.command()
def log(
    ref: Annotated[
        str | None,
        typer.Argument(
            metavar="REF", help="Only this target, activity or measure (id or part of its name)."
        ),
    ] = None,
    by: ByOption = None,
    since: Annotated[
        str | None, typer.Option("--since", metavar="YYYY-MM-DD", help="Records on or after.")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", metavar="YYYY-MM-DD", help="Records on or before.")
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", help="table (default), json or csv.")
    ] = "table",
    plan: PlanOption = None,
    lang: LangOption = None,
) -> None:
    """List the ledger's records by date; reverted records are marked, reversals listed.

    A target's records include those of the activities that count toward it.

    Example: kexie log 海智沙龙 --since 2021-04-01 --format csv
    """
    import json

    from kexie_plan.cli.show import resolve_ref
    from kexie_plan.ledger import ledger_path_for
    from kexie_plan.planfile import load_plan
    from kexie_plan.render import _json_safe

    ui = lang_of(lang)
    choice_of("--format", output_format, FORMATS)
    plan_path = find_plan(plan)
    loaded = load_plan(plan_path)
    about = None if ref is None else resolve_ref(loaded, ref)
    reporting = reporter(loaded, by)
    since_day = date_of("--since", since, date.min)
    until_day = date_of("--until", until, date.max)
    ledger = ledger_path_for(plan_path)
    records, _ = read_ledger_and_warn(ledger, ui, loaded)
    rows = log_rows(loaded, records, about, reporting, since_day, until_day)
    if output_format == "json":
        typer.echo(_json_safe(json.dumps(log_as_data(rows), ensure_ascii=False, indent=2)))
    elif output_format == "csv":
        typer.echo(log_as_csv(rows), nl=False)
    elif not rows:
        typer.echo(text("log.empty", ui))
    else:
        from rich.console import Console

        console = Console(highlight=False, emoji=False, markup=False)
        console.print(log_table(loaded, rows, records, ui))
