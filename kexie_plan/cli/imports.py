"""`kexie import FILE…`: append the rows of filled forms (XLSX or CSV) to the ledger.

Everything is read and checked before the ledger is touched: every bad cell is reported
(`FILE:SHEET!C7: error: …`, a CSV's `FILE:7:3`) and nothing is written while any is
bad. Rows imported before are recognised by their record's id (forms.imported_id) and
left out. The rest are shown, confirmed once, and appended under one lock in one write.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kexie_plan.cli import options as opt
from kexie_plan.cli import recording
from kexie_plan.cli.app import app
from kexie_plan.cli.env import Env, shown_path
from kexie_plan.cli.output import emit
from kexie_plan.errors import PlanError, PlanErrors, UsageProblem

if TYPE_CHECKING:
    from kexie_plan.forms import FormRow, RawSheet
    from kexie_plan.plan import Plan


@app.command("import")
def import_(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE...",
            show_default=False,
        ),
    ],
    dry_run: opt.DryRunOption = False,
    yes: opt.YesOption = False,
    plan: opt.PlanOption = None,
    lang: opt.LangOption = None,
) -> None:
    from kexie_plan.forms import read_form
    from kexie_plan.render.imports import import_notes, import_preview
    from kexie_plan.render.template import own_sheets
    from kexie_plan.sheetfile import read_sheets

    env = Env.create(lang, plan)
    if not yes and not dry_run and not recording.interactive():
        raise UsageProblem(PlanError("import.needs_yes"))
    ledger = recording.ledger_for(env.plan_path())
    book = env.book()
    loaded = book.plan
    sheets, problems, seen = [], [], []
    for path in files:
        if any(_same(path, other) for other in seen):
            continue  # the same file named twice is read once
        seen.append(path)
        found, wrong = read_sheets(path, shown_path(path))
        sheets += found
        problems += wrong
    if problems:
        raise PlanErrors(problems)
    reading = read_form(loaded, sheets, env.today, own_sheets())
    for line in import_notes(reading.notes, env.lang):
        typer.echo(line)
    env.warn(reading.warnings)
    shown = book.shown_ledger
    new, skipped = _new_rows(ledger, shown, reading.rows)
    problems = reading.problems + _too_long(new) + _conflicts(loaded, ledger, shown, new, env.lang)
    if problems:
        raise PlanErrors(_in_file_order(problems, sheets))
    emit(env, "table", {"table": lambda: import_preview(loaded, new, skipped, env.lang)})
    if not new:
        return
    if dry_run:
        typer.echo(env.say("import.dry_run"))
        return
    if not yes and not recording.agrees(env, "import.confirm", count=len(new), ledger=shown):
        raise recording.declined(env)

    def guard() -> None:
        again, _ = _new_rows(ledger, shown, new)
        if len(again) != len(new):
            raise UsageProblem(PlanError("import.changed", {"count": len(new) - len(again)}))
        found = _conflicts(loaded, ledger, shown, new, env.lang, earlier=False)
        if found:
            raise PlanErrors(found)

    from kexie_plan.ledger import append_records

    append_records(ledger, [row.record for row in new], shown, guard)
    try:
        typer.echo(env.say("import.written", count=len(new), ledger=shown))
        sys.stdout.flush()
    except OSError as exc:
        # The records are written: say so where it can still be read, and succeed.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - nothing more may reach the old one
        reason = exc.strerror or type(exc).__name__
        sys.stderr.write(env.say("import.unconfirmed", count=len(new), reason=reason) + "\n")


def _in_file_order(problems: list[PlanError], sheets: list[RawSheet]) -> list[PlanError]:
    """Return the problems by file and sheet (in the order they were read), row, column."""
    order = {(sheet.source, sheet.name): n for n, sheet in enumerate(sheets)}
    first = {sheet.source: n for n, sheet in reversed(list(enumerate(sheets)))}

    def key(p: PlanError) -> tuple[int, int, int]:
        return (order.get((p.path, p.sheet), first.get(p.path, 0)), p.line or 0, p.col or 0)

    return sorted(problems, key=key)


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


def _too_long(rows: list[FormRow]) -> list[PlanError]:
    """Return a problem for each row whose record would be too long a ledger line."""
    from kexie_plan.ledger import MAX_LINE_BYTES, format_record

    found = []
    for row in rows:
        size = len(format_record(row.record).encode("utf-8", "surrogatepass"))
        if size > MAX_LINE_BYTES:
            params = {"size": size, "limit": MAX_LINE_BYTES}
            found.append(row.at("note", "record_too_long", params))
    return found


def _new_rows(ledger: Path, shown: str, rows: list[FormRow]) -> tuple[list[FormRow], int]:
    """Return the rows whose record the ledger does not hold yet (nor an earlier row of
    this import: the same row in two files), and how many others there are."""
    from kexie_plan.loader import recorded_ids

    held = recorded_ids(ledger, shown, {row.record.id for row in rows})
    new = []
    for row in rows:
        if row.record.id not in held:
            held.add(row.record.id)
            new.append(row)
    return new, len(rows) - len(new)


def _conflicts(
    plan: Plan, ledger: Path, shown: str, rows: list[FormRow], lang: str, earlier: bool = True
) -> list[PlanError]:
    """Return why rows may not be written as the ledger stands (an activity held, a
    milestone done), and, with `earlier`, as the import's earlier rows would leave it."""
    from kexie_plan.loader import conflict
    from kexie_plan.render.imports import row_place

    found = []
    records = [row.record for row in rows]
    place = {row.record.id: row for row in rows}
    for index, row in enumerate(rows):
        problem = conflict(plan, ledger, shown, row.record)
        if problem is not None:
            found.append(row.at("item", problem.code, problem.params))
            continue
        if not earlier:
            continue
        problem = conflict(plan, None, shown, row.record, records[:index])
        if problem is not None:
            first = place[problem.params["record"]]
            params = {**problem.params, "record": row_place(first, lang)}
            code = {
                "record.held_twice": "import.held_twice",
                "record.done_twice": "import.done_twice",
            }
            found.append(row.at("item", code[problem.code], params))
    return found
