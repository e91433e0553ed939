"""`kexie revert ID` / `kexie revert --last`: append a reversal that cancels an earlier record."""

from __future__ import annotations

from typing import Annotated

import typer

from kexie_plan.cli import options as opt
from kexie_plan.cli import recording
from kexie_plan.cli.app import app
from kexie_plan.cli.env import Env
from kexie_plan.cli.parse import reporter_of, text_of
from kexie_plan.errors import PlanError, UsageProblem


@app.command()
def revert(
    record_id: Annotated[
        str | None,
        typer.Argument(metavar="ID"),
    ] = None,
    last: Annotated[
        bool,
        typer.Option("--last"),
    ] = False,
    note: opt.NoteOption = None,
    date_: opt.DateOption = None,
    by: opt.ByOption = None,
    dry_run: opt.DryRunOption = False,
    yes: opt.YesOption = False,
    plan: opt.PlanOption = None,
    lang: opt.LangOption = None,
) -> None:
    from kexie_plan.ledger import new_record_id
    from kexie_plan.record import Record

    env = Env.create(lang, plan)
    if last == (record_id is not None):
        raise UsageProblem(PlanError("revert.id_and_last" if last else "revert.which"))
    recording.ledger_for(env.plan_path())
    book = env.book()
    reporter = reporter_of(book.plan, by)  # with --last: whose latest record
    if record_id is not None:
        found = book.record_with_id(record_id)
        if isinstance(found, PlanError):
            raise UsageProblem(found)
        target = found
    else:
        needle = None if reporter is None else reporter.encode("utf-8", "surrogatepass")
        latest = book.standing_latest_first(needle)
        target = next((r for r in latest if reporter is None or r.by == reporter), None)
        if target is None:
            code = "revert.nothing" if reporter is None else "revert.nothing_by"
            raise UsageProblem(PlanError(code, {"by": reporter or ""}))
    if target.revert is not None:
        raise UsageProblem(PlanError("revert_of_revert", {"id": target.id}))
    new = Record(
        id=new_record_id(),
        date=recording.reversal_date(env, book.plan, date_, target),
        revert=target.id,
        by=env.reporter(book.plan, by),  # --by, else this person's own unit
        note=text_of("--note", note),
    )
    recording.write_and_report(env, book, new, target, dry_run, yes)
