"""`kexie revert ID`: append a reversal that cancels an earlier record."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kexie_plan.cli.common import (
    LangOption,
    PlanOption,
    UsageProblem,
    app,
    find_plan,
    lang_of,
    shown_path,
)
from kexie_plan.cli.record import (
    ByOption,
    DateOption,
    DryRunOption,
    NoteOption,
    YesOption,
    given_text,
    ledger_for,
    ledger_totals_and_warn,
    reporter,
    reversal_date,
    write_and_report,
)
from kexie_plan.errors import PlanError

if TYPE_CHECKING:
    from kexie_plan.record import Record


@app.command()
def revert(
    record_id: Annotated[str, typer.Argument(metavar="ID", help="The id of the record to cancel.")],
    note: NoteOption = None,
    date_: DateOption = None,
    by: ByOption = None,
    dry_run: DryRunOption = False,
    yes: YesOption = False,
    plan: PlanOption = None,
    lang: LangOption = None,
) -> None:
    """Cancel a record by appending a reversal; nothing in the ledger is edited or deleted.

    A record can be reverted once; a reversal cannot be reverted (record it again instead).

    Example: kexie revert 01M8K1KA6Z484GAB --note 录入错误
    """
    import difflib

    from kexie_plan.ledger import new_record_id
    from kexie_plan.planfile import load_plan
    from kexie_plan.record import Record

    ui = lang_of(lang)
    today = date.today()
    plan_path = find_plan(plan)
    ledger = ledger_for(plan_path)
    loaded = load_plan(plan_path)
    counted = ledger_totals_and_warn(ledger, ui)
    wanted = record_id.strip()
    # ids are Crockford base32: case does not matter
    target, earlier = records_naming(ledger, wanted)
    if target is None:
        target, earlier = records_naming(ledger, wanted.upper())
    if target is None:
        from kexie_plan.ledger import read_ledger

        # Only to suggest the closest id: the one time revert reads every line.
        ids = list(dict.fromkeys(r.id for r in read_ledger(ledger).records))
        close = difflib.get_close_matches(wanted, ids, n=1, cutoff=0.6)
        params = {"kind": "record", "id": record_id, "hint": close[0] if close else ""}
        raise UsageProblem(PlanError("unknown_ref", params))
    if target.revert is not None:
        raise UsageProblem(PlanError("revert_of_revert", {"id": target.id}))
    if earlier is not None:
        params = {"id": target.id, "by": earlier.id, "date": earlier.date.isoformat()}
        raise UsageProblem(PlanError("revert.already", params))
    new = Record(
        id=new_record_id(),
        date=reversal_date(date_, today, target),
        revert=target.id,
        by=reporter(loaded, by),
        note=given_text("--note", note),
    )
    write_and_report(ledger, new, target, loaded, ui, dry_run, yes, counted)


def records_naming(ledger: Path, ident: str) -> tuple[Record | None, Record | None]:
    """Return the record with this id (the last, if several) and the first reversal of it.

    Searches the ledger for the id's bytes and parses only the lines that hold them.
    """
    from kexie_plan.ledger import iter_ledger
    from kexie_plan.record import Record

    found, reversal = None, None
    if ident:
        needle = ident.encode("utf-8", "surrogatepass")
        for item in iter_ledger(ledger, shown_path(ledger), containing=needle):
            if type(item) is not Record:
                continue
            if item.id == ident:
                found = item
            elif item.revert == ident and reversal is None:
                reversal = item
    return found, reversal
