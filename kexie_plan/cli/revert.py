"""`kexie revert ID`: append a reversal that cancels an earlier record."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from kexie_plan.cli.common import (
    LangOption,
    PlanOption,
    UsageProblem,
    app,
    find_plan,
    lang_of,
    read_ledger_and_warn,
)
from kexie_plan.cli.record import (
    ByOption,
    DateOption,
    DryRunOption,
    NoteOption,
    YesOption,
    given_text,
    ledger_for,
    record_date,
    reporter,
    write_and_report,
)
from kexie_plan.errors import PlanError


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
    from kexie_plan.model import Record
    from kexie_plan.planfile import load_plan

    ui = lang_of(lang)
    today = date.today()
    plan_path = find_plan(plan)
    ledger = ledger_for(plan_path)
    loaded = load_plan(plan_path)
    records, _ = read_ledger_and_warn(ledger, ui)
    by_id = {r.id: r for r in records}
    wanted = record_id.strip()
    if wanted not in by_id and wanted.upper() in by_id:
        wanted = wanted.upper()  # ids are Crockford base32: case does not matter
    target = by_id.get(wanted)
    if target is None:
        close = difflib.get_close_matches(wanted, list(by_id), n=1, cutoff=0.6)
        params = {"kind": "record", "id": record_id, "hint": close[0] if close else ""}
        raise UsageProblem(PlanError("unknown_ref", params))
    if target.revert is not None:
        raise UsageProblem(PlanError("revert_of_revert", {"id": target.id}))
    earlier = next((r for r in records if r.revert == target.id), None)
    if earlier is not None:
        params = {"id": target.id, "by": earlier.id, "date": earlier.date.isoformat()}
        raise UsageProblem(PlanError("revert.already", params))
    new = Record(
        id=new_record_id(),
        date=record_date(loaded, date_, today),
        revert=target.id,
        by=reporter(loaded, by),
        note=given_text("--note", note),
    )
    write_and_report(ledger, new, records, loaded, ui, dry_run, yes)
