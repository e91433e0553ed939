"""`kexie record REF [AMOUNT]`: append one record to the progress ledger.

Everything the user gave is checked before the ledger is touched; a refusal is one line
and exit 2, with the ledger's bytes unchanged. Also holds what `revert` shares with it:
the ledger beside a plan, the date and text checks, prompts, and the standing line.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kexie_plan.cli.common import (
    BUNDLED_PLAN,
    EXIT_INVALID,
    LangOption,
    PlanOption,
    UsageProblem,
    app,
    cache_folder,
    config_setting,
    date_of,
    find_plan,
    lang_of,
    shown_path,
)
from kexie_plan.errors import PlanError
from kexie_plan.i18n import text

if TYPE_CHECKING:
    from kexie_plan.plan import Plan
    from kexie_plan.record import Record
    from kexie_plan.totals import Totals
    from kexie_plan.totals_cache import LedgerTotals

DateOption = Annotated[
    str | None,
    typer.Option("--date", metavar="YYYY-MM-DD", help="When it happened. Default: today."),
]
NoteOption = Annotated[str | None, typer.Option("--note", help="What happened, in your words.")]
ByOption = Annotated[
    str | None,
    typer.Option("--by", help="Who reports it: a unit id (or name) when the plan lists units."),
]
YesOption = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]
DryRunOption = Annotated[
    bool, typer.Option("--dry-run", help="Show the record that would be written; write nothing.")
]


def interactive() -> bool:
    """Return whether a person can answer prompts (stdin is a terminal)."""
    return sys.stdin.isatty()


def ledger_for(plan_path: Path) -> Path:
    """Return the ledger to write beside the plan; the bundled plan's folder is not ours."""
    from kexie_plan.ledger import ledger_path_for

    if plan_path.resolve() == BUNDLED_PLAN.resolve():
        raise UsageProblem(PlanError("record.bundled_plan"))
    return ledger_path_for(plan_path)


def record_date(plan: Plan, value: str | None, today: date) -> date:
    """Return the record's date: --date or today; refuse one outside the period or in the future."""
    day = not_in_future(date_of("--date", value, today), today)
    span = plan.span
    if value is None and today > span.end:
        # January's late records: the event happened in the period, so ask for its day.
        params = {"end": span.end.isoformat(), "today": today.isoformat()}
        raise UsageProblem(PlanError("record.period_ended", params))
    if not span.start <= day <= span.end:
        params = {"date": day.isoformat(), "start": span.start, "end": span.end}
        raise UsageProblem(PlanError("record.date_outside", params))
    return day


def not_in_future(day: date, today: date) -> date:
    """Return `day`, refusing (exit 2) a day after today."""
    if day > today:
        params = {"date": day.isoformat(), "today": today.isoformat()}
        raise UsageProblem(PlanError("record.future", params))
    return day


def reversal_date(value: str | None, today: date, reverted: Record) -> date:
    """Return a reversal's date: --date or today, on or after the record it reverts. It may
    fall after the plan's period: the year's corrections arrive in January."""
    day = not_in_future(date_of("--date", value, today), today)
    if day < reverted.date:
        params = {"id": reverted.id, "record_date": reverted.date.isoformat()}
        raise UsageProblem(PlanError("revert_before_record", {**params, "date": day.isoformat()}))
    return day


def given_text(option: str, value: str | None) -> str | None:
    """Return an option's text as given (None when empty); refuse text that is not Unicode."""
    if not value:
        return None
    if any("\ud800" <= char <= "\udfff" for char in value):
        # What a terminal sent was not UTF-8; Python kept the raw bytes as lone surrogates.
        raise UsageProblem(PlanError("record.not_unicode", {"option": option}))
    return value


def reporter(plan: Plan, value: str | None) -> str | None:
    """Return the `by` to store: a unit id (given as id or name) when the plan lists units."""
    import difflib

    value = given_text("--by", value)
    if value is None or not plan.units:
        return value
    for unit in plan.units:
        if value in (unit.id, unit.name):
            return unit.id
    ids = [u.id for u in plan.units]
    close = difflib.get_close_matches(value, ids + [u.name for u in plan.units], n=1, cutoff=0.5)
    hint = next((u.id for u in plan.units if close and close[0] in (u.id, u.name)), "")
    raise UsageProblem(PlanError("unknown_ref", {"kind": "unit", "id": value, "hint": hint}))


def record_line(record: Record) -> str:
    """Return the line the record is (or would be) written as, refusing one that is too long."""
    from kexie_plan.ledger import MAX_LINE_BYTES, format_record

    line = format_record(record)
    size = len(line.encode("utf-8"))
    if size > MAX_LINE_BYTES:
        raise UsageProblem(PlanError("record_too_long", {"size": size, "limit": MAX_LINE_BYTES}))
    return line


def confirmed(line: str, lang: str, yes: bool) -> bool:
    """Return whether to write: yes without asking under --yes or without a terminal."""
    if yes or not interactive():
        return True
    from rich.prompt import Confirm
    from rich.text import Text

    from kexie_plan.render import visible

    typer.echo(visible(line.rstrip("\n")))
    return Confirm.ask(Text(text("record.confirm", lang)), default=True)


def cancelled(lang: str) -> typer.Exit:
    """Return the exit for a prompt the user declined: nothing written, exit 1."""
    typer.echo(text("record.cancelled", lang), err=True)
    return typer.Exit(EXIT_INVALID)


def standing(plan: Plan, totals: Totals, about: Record, lang: str) -> list[str]:
    """Return the lines that show where the record's target, activity or measure now stands.

    `about` is the record written, or for a reversal the record it cancels.
    """
    from kexie_plan.render import visible

    if about.revert is not None:
        return []
    as_of = max(date.today(), totals.latest or date.today())
    activities = {a.id: a for a in plan.activities}
    measures = {m.id: m for m in plan.measures()}
    targets = {t.id: t for t in plan.targets}
    lines = []
    target_id = about.target
    activity = activities.get(about.activity or "")
    if activity is not None:
        held = totals.held_by(activity.id)
        if held is not None:
            words = text("record.held", lang, date=held[1].isoformat())
        else:
            words = text("record.not_held", lang)
        lines.append(text("record.standing", lang, name=activity.name, id=activity.id, words=words))
        target_id = activity.target
    measure = measures.get(about.measure or "")
    if measure is not None:
        count = totals.measures.get(measure.id, 0)
        words = text("record.measure_count", lang, count=count)
        lines.append(text("record.standing", lang, name=measure.title, id=measure.id, words=words))
    target = targets.get(target_id or "")
    if target is not None:
        if target.kind == "milestone":
            done = totals.completion(plan, target.id)
            words = (
                text("record.done_on", lang, date=done[1].isoformat())
                if done
                else text("record.not_done", lang)
            )
        else:
            from kexie_plan.progress import goal_in_force

            actual = totals.amount(plan, target.id)
            words = f"{actual} / {goal_in_force(target, as_of)} {target.unit}"
        lines.append(text("record.standing", lang, name=target.name, id=target.id, words=words))
    return [visible(line) for line in lines]


def ledger_totals_and_warn(
    ledger: Path, lang: str, since: LedgerTotals | None = None
) -> LedgerTotals:
    """Return what the whole ledger adds up to, printing its bad lines as warnings.

    Reads only the lines that the cache ($XDG_CACHE_HOME/kexie) or `since` (an earlier
    result) does not cover, so an append does not read a large ledger again (issue 7).
    Prints nothing when `since` is given: its problems were printed then.
    """
    from kexie_plan.render import warning_line
    from kexie_plan.totals_cache import ledger_totals

    counted = ledger_totals(ledger, shown_path(ledger), cache_folder(), since)
    if since is None:
        for problem in counted.problems:
            sys.stderr.write(warning_line(problem, lang) + "\n")
    return counted


def write_and_report(
    ledger: Path,
    new: Record,
    about: Record,
    plan: Plan,
    lang: str,
    dry_run: bool,
    yes: bool,
    before: LedgerTotals,
) -> None:
    """Append the record (unless a dry run or declined), then print it and the new standing
    of `about` (the record itself, or the record a reversal cancels). `before` is what
    the ledger added up to before the append."""
    from kexie_plan.ledger import append_record
    from kexie_plan.render import visible

    line = record_line(new)
    if dry_run:
        typer.echo(text("record.dry_run", lang, line=visible(line.rstrip("\n"))))
        return
    if not confirmed(line, lang, yes):
        raise cancelled(lang)
    line = append_record(ledger, new, shown_path(ledger))
    typer.echo(text("record.written", lang, line=visible(line.rstrip("\n"))))
    totals = ledger_totals_and_warn(ledger, lang, since=before).totals
    for words in standing(plan, totals, about, lang):
        typer.echo(words)


def parse_amount(value: str) -> int:
    """Return AMOUNT as a whole number above 0; refuse anything else."""
    cleaned = value.strip()
    if not cleaned.isdecimal() or int(cleaned) <= 0:
        raise UsageProblem(PlanError("record.amount", {"value": value}))
    return int(cleaned)


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
    date_: DateOption = None,
    note: NoteOption = None,
    by: ByOption = None,
    evidence: Annotated[
        str | None, typer.Option("--evidence", help="A URL or a path that shows it happened.")
    ] = None,
    done: Annotated[
        bool, typer.Option("--done", help="Mark a milestone (or a measure) as done.")
    ] = False,
    dry_run: DryRunOption = False,
    yes: YesOption = False,
    plan: PlanOption = None,
    lang: LangOption = None,
) -> None:
    """Append one record to the plan's progress ledger (plans/<year>.progress.yaml).

    REF is an id, a name, or an unambiguous part of a name. A counted target takes an
    AMOUNT (default 1); a milestone takes --done; an activity counts 1 toward its target.
    Refusals print one line, exit 2, and leave the ledger unchanged.

    Example: kexie record 海智沙龙 1 --date 2021-03-12 --note 第一期海智沙龙
    """
    from kexie_plan.checks import check_records
    from kexie_plan.cli.show import resolve_ref
    from kexie_plan.ledger import new_record_id
    from kexie_plan.planfile import load_plan
    from kexie_plan.record import Record

    ui = lang_of(lang)
    today = date.today()
    plan_path = find_plan(plan)
    ledger = ledger_for(plan_path)
    loaded = load_plan(plan_path)
    if ref is None:
        if not interactive():
            raise UsageProblem(PlanError("record.ref_missing"))
        from rich.prompt import Prompt
        from rich.text import Text

        ref = Prompt.ask(Text(text("record.ask_ref", ui)))
    kind, ident = resolve_ref(loaded, ref)
    fields: dict[str, object] = {kind: ident}
    number = None if amount is None else parse_amount(amount)
    if kind == "target":
        target = next(t for t in loaded.targets if t.id == ident)
        if target.kind == "milestone":
            if number is not None:
                raise UsageProblem(PlanError("record_amount_milestone", {"id": ident}))
            if not done:
                if not interactive():
                    raise UsageProblem(PlanError("record.needs_done", {"id": ident}))
                from rich.prompt import Confirm
                from rich.text import Text

                from kexie_plan.render import visible

                question = text("record.ask_done", ui, name=visible(target.name))
                if not Confirm.ask(Text(question), default=True):
                    raise cancelled(ui)
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
        date=record_date(loaded, date_, today),
        by=reporter(loaded, by if by is not None else config_setting("unit")),
        note=given_text("--note", note),
        evidence=given_text("--evidence", evidence),
        **fields,  # type: ignore[arg-type]
    )
    record_line(new)
    problems = check_records(loaded, [new])
    if problems:  # the checks above should have caught it; never write what validate refuses
        raise UsageProblem(problems[0])
    counted = ledger_totals_and_warn(ledger, ui)
    refuse_twice(loaded, counted.totals, new)
    write_and_report(ledger, new, new, loaded, ui, dry_run, yes, counted)


def refuse_twice(plan: Plan, totals: Totals, new: Record) -> None:
    """Refuse to hold an activity, or complete a milestone, that a standing record already
    holds or completes (naming that record): it would count twice."""
    if new.activity is not None:
        held = totals.held_by(new.activity)
        if held is not None:
            params = {"id": new.activity, "date": held[1].isoformat(), "record": held[0]}
            raise UsageProblem(PlanError("record.held_twice", params))
    elif new.target is not None and new.done:
        done = totals.completion(plan, new.target)
        if done is not None:
            params = {"id": new.target, "date": done[1].isoformat(), "record": done[0]}
            raise UsageProblem(PlanError("record.done_twice", params))
