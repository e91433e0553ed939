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
        typer.Argument(
            metavar="ID",
            help="The record to cancel: its id, or the start of it (at least 4 characters) "
            "that no other id starts with.",
        ),
    ] = None,
    last: Annotated[
        bool,
        typer.Option(
            "--last",
            help="Cancel the latest record that still counts (not reverted, not a reversal); "
            "with --by, the latest of that unit.",
        ),
    ] = False,
    note: opt.NoteOption = None,
    date_: opt.DateOption = None,
    by: opt.ByOption = None,
    dry_run: opt.DryRunOption = False,
    yes: opt.YesOption = False,
    plan: opt.PlanOption = None,
    lang: opt.LangOption = None,
) -> None:
    """Cancel a record by appending a reversal; nothing in the ledger is edited or deleted.

    ID may be the start of an id, as git takes a commit's (01M8K2HS for
    01M8K2HSQAECX8BZ), when no other id starts with it; case does not matter for kexie's
    own ids. --last takes the record written last that still counts; with --by UNIT, the
    last of that unit (who then records the reversal too). The record to cancel is shown
    before anything is written (and asked about, on a terminal).

    A record can be reverted once; a reversal cannot be reverted (record it again instead).
    Without --date the reversal is dated today, also after the plan's period (January's
    corrections); it is never dated before the record it reverts.

    Example: kexie revert 01M8K1KA --note 录入错误
    """
    from kexie_plan.ledger import new_record_id
    from kexie_plan.record import Record

    env = Env.create(lang, plan)
    if last == (record_id is not None):
        raise UsageProblem(PlanError("revert.id_and_last" if last else "revert.which"))
    recording.ledger_for(env.plan_path())
    book = env.book()
    reporter = reporter_of(book.plan, by)
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
        by=reporter,
        note=text_of("--note", note),
    )
    recording.write_and_report(env, book, new, target, dry_run, yes)
