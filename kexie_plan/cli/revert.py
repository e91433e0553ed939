"""`kexie revert ID`: append a reversal that cancels an earlier record."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from kexie_plan.cli import options as opt
from kexie_plan.cli import recording
from kexie_plan.cli.app import app
from kexie_plan.cli.env import Env
from kexie_plan.cli.parse import text_of
from kexie_plan.errors import PlanError, UsageProblem

if TYPE_CHECKING:
    from kexie_plan.loader import Book
    from kexie_plan.record import Record


@app.command()
def revert(
    record_id: Annotated[str, typer.Argument(metavar="ID", help="The id of the record to cancel.")],
    note: opt.NoteOption = None,
    date_: opt.DateOption = None,
    by: opt.ByOption = None,
    dry_run: opt.DryRunOption = False,
    yes: opt.YesOption = False,
    plan: opt.PlanOption = None,
    lang: opt.LangOption = None,
) -> None:
    """Cancel a record by appending a reversal; nothing in the ledger is edited or deleted.

    A record can be reverted once; a reversal cannot be reverted (record it again instead).
    Without --date the reversal is dated today, also after the plan's period (January's
    corrections); it is never dated before the record it reverts.

    Example: kexie revert 01M8K1KA6Z484GAB --note 录入错误
    """
    import difflib

    from kexie_plan.ledger import new_record_id
    from kexie_plan.record import Record

    env = Env.create(lang, plan)
    recording.ledger_for(env.plan_path())
    book = env.book()
    wanted = record_id.strip()
    # ids are Crockford base32: case does not matter
    target = record_named(book, wanted) or record_named(book, wanted.upper())
    if target is None:
        # Only to suggest the closest id: the one time revert reads every line.
        ids = list(dict.fromkeys(r.id for r in book.records()))
        close = difflib.get_close_matches(wanted, ids, n=1, cutoff=0.6)
        params = {"kind": "record", "id": record_id, "hint": close[0] if close else ""}
        raise UsageProblem(PlanError("unknown_ref", params))
    if target.revert is not None:
        raise UsageProblem(PlanError("revert_of_revert", {"id": target.id}))
    new = Record(
        id=new_record_id(),
        date=recording.reversal_date(env, book.plan, date_, target),
        revert=target.id,
        by=env.reporter(book.plan, by),
        note=text_of("--note", note),
    )
    recording.write_and_report(env, book, new, target, dry_run, yes)


def record_named(book: Book, ident: str) -> Record | None:
    """Return the record with this id (the last, if several), searching the ledger for the
    id's bytes and parsing only the lines that hold them."""
    found = None
    if ident:
        for item in book.records(containing=ident.encode("utf-8", "surrogatepass")):
            if item.id == ident:
                found = item
    return found
