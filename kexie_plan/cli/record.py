"""`kexie record REF [AMOUNT]`: append one record to the progress ledger."""

from __future__ import annotations

from typing import Annotated

import typer

from kexie_plan.cli import options as opt
from kexie_plan.cli import recording
from kexie_plan.cli.app import app
from kexie_plan.cli.env import Env
from kexie_plan.cli.parse import amount_of, ref_of, text_of
from kexie_plan.errors import PlanError, UsageProblem


@app.command()
def record(
    ref: Annotated[
        str | None,
        typer.Argument(
            metavar="REF",
            help="Target, activity or measure: its id, its name, or an unambiguous part of it.",
        ),
    ] = None,
    amount: Annotated[
        str | None,
        typer.Argument(metavar="AMOUNT", help="How many, for a counted target. Default: 1."),
    ] = None,
    date_: opt.DateOption = None,
    note: opt.NoteOption = None,
    by: opt.ByOption = None,
    evidence: Annotated[
        str | None, typer.Option("--evidence", help="A URL or a path that shows it happened.")
    ] = None,
    done: Annotated[
        bool, typer.Option("--done", help="Mark a milestone (or a measure) as done.")
    ] = False,
    dry_run: opt.DryRunOption = False,
    yes: opt.YesOption = False,
    plan: opt.PlanOption = None,
    lang: opt.LangOption = None,
) -> None:
    """Append one record to the plan's progress ledger (plans/<year>.progress.yaml).

    REF is an id, a name, or an unambiguous part of a name. A counted target takes an
    AMOUNT (default 1); a milestone takes --done; an activity counts 1 toward its target
    (or completes its milestone). Refusals print one line, exit 2, and leave the ledger
    unchanged.

    Example: kexie record 海智沙龙 1 --date 2021-03-12 --note 第一期海智沙龙
    """
    from kexie_plan.checks import RecordRules
    from kexie_plan.ledger import new_record_id
    from kexie_plan.record import Record

    env = Env.create(lang, plan)
    recording.ledger_for(env.plan_path())
    book = env.book()
    loaded = book.plan
    if ref is None:
        if not recording.interactive():
            raise UsageProblem(PlanError("record.ref_missing"))
        ref = recording.ask(env, "record.ask_ref")
    kind, ident = ref_of(loaded, ref)
    fields: dict[str, object] = {kind: ident}
    number = None if amount is None else amount_of(amount)
    if kind == "target":
        target = next(t for t in loaded.targets if t.id == ident)
        if target.kind == "milestone":
            if number is not None:
                raise UsageProblem(PlanError("record_amount_milestone", {"id": ident}))
            if not done:
                if not recording.interactive():
                    raise UsageProblem(PlanError("record.needs_done", {"id": ident}))
                from kexie_plan.render.words import visible

                if not recording.agrees(env, "record.ask_done", name=visible(target.name)):
                    raise recording.declined(env)
            fields["done"] = True
        else:
            if done:
                raise UsageProblem(PlanError("record.done_counted", {"id": ident}))
            fields["amount"] = 1 if number is None else number
    else:
        if number is not None:
            raise UsageProblem(PlanError("record.amount_not_target", {"id": ident, "kind": kind}))
        if done and kind == "activity":
            raise UsageProblem(PlanError("record_done_not_allowed", {"kind": kind}))
        if done:
            fields["done"] = True
    new = Record(
        id=new_record_id(),
        date=recording.record_date(env, loaded, date_),
        by=env.reporter(loaded, by),
        note=text_of("--note", note),
        evidence=text_of("--evidence", evidence),
        **fields,  # type: ignore[arg-type]
    )
    recording.record_line(new)
    problems = RecordRules(loaded).problems(new)
    if problems:  # the checks above should have caught it; never write what validate refuses
        raise UsageProblem(problems[0])
    recording.write_and_report(env, book, new, new, dry_run, yes)
