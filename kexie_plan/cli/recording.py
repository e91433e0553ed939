"""What `kexie record` and `kexie revert` share: the ledger to write, dates, prompts, the
write itself, and the standing printed after it.

Everything the user gave is checked before the ledger is touched; a refusal is one line
and exit 2, with the ledger's bytes unchanged.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from kexie_plan.cli.env import BUNDLED_PLAN, Env, shown_path
from kexie_plan.cli.parse import date_of
from kexie_plan.errors import ExitStatus, PlanError, UsageProblem

if TYPE_CHECKING:
    from kexie_plan.loader import Book
    from kexie_plan.plan import Plan
    from kexie_plan.record import Record


def interactive() -> bool:
    """Return whether a person can answer prompts (stdin is a terminal)."""
    return sys.stdin.isatty()


def ledger_for(plan_path: Path) -> Path:
    """Return the ledger to write beside the plan; the bundled plan's folder is not ours."""
    from kexie_plan.ledger import ledger_path_for

    if plan_path.resolve() == BUNDLED_PLAN.resolve():
        raise UsageProblem(PlanError("record.bundled_plan"))
    return ledger_path_for(plan_path)


def not_in_future(day: date, today: date) -> date:
    """Return `day`, refusing (exit 2) a day after today."""
    from kexie_plan.checks import after_today

    problem = after_today(day, today)
    if problem is not None:
        raise UsageProblem(problem)
    return day


def record_date(env: Env, plan: Plan, value: str | None) -> date:
    """Return a record's date: --date or today; refuse one outside the period or in the
    future. After the period, the day must be given: the event happened in it."""
    given = env.today if value is None else date_of("--date", value, env.today, plan)
    day = not_in_future(given, env.today)
    span = plan.span
    if value is None and env.today > span.end:
        params = {"end": span.end.isoformat(), "today": env.today.isoformat()}
        raise UsageProblem(PlanError("record.period_ended", params))
    if not span.start <= day <= span.end:
        params = {"date": day.isoformat(), "start": span.start, "end": span.end}
        raise UsageProblem(PlanError("record.date_outside", params))
    return day


def reversal_date(env: Env, plan: Plan, value: str | None, reverted: Record) -> date:
    """Return a reversal's date: --date or today, on or after the record it reverts. It may
    fall after the plan's period: the year's corrections arrive in January."""
    given = env.today if value is None else date_of("--date", value, env.today, plan)
    day = not_in_future(given, env.today)
    if day < reverted.date:
        params = {"id": reverted.id, "record_date": reverted.date.isoformat()}
        raise UsageProblem(PlanError("revert_before_record", {**params, "date": day.isoformat()}))
    return day


def record_line(record: Record) -> str:
    """Return the line the record is (or would be) written as, refusing one that is too long."""
    from kexie_plan.ledger import MAX_LINE_BYTES, format_record

    line = format_record(record)
    size = len(line.encode("utf-8"))
    if size > MAX_LINE_BYTES:
        raise UsageProblem(PlanError("record_too_long", {"size": size, "limit": MAX_LINE_BYTES}))
    return line


def ask(env: Env, code: str, **params: object) -> str:
    """Ask the person at the terminal for a value."""
    from rich.prompt import Prompt
    from rich.text import Text

    return Prompt.ask(Text(env.say(code, **params)))


# The answers a yes/no question takes, in either language.
ANSWERS = {"y": True, "yes": True, "是": True, "n": False, "no": False, "否": False}


def agrees(env: Env, code: str, **params: object) -> bool:
    """Ask the person at the terminal a yes/no question (yes by default); another answer
    is asked again, in the run's language."""
    from rich.prompt import Confirm, InvalidResponse
    from rich.text import Text

    class Question(Confirm):
        validate_error_message = Text(env.say("prompt.yes_no"), style="prompt.invalid")

        def process_response(self, value: str) -> bool:
            answer = ANSWERS.get(value.strip().lower())
            if answer is None:
                raise InvalidResponse(self.validate_error_message)
            return answer

    return Question.ask(Text(env.say(code, **params)), default=True)


def declined(env: Env) -> typer.Exit:
    """Return the exit for a prompt the user declined: nothing written."""
    typer.echo(env.say("record.cancelled"), err=True)
    return typer.Exit(ExitStatus.DECLINED)


def write_and_report(
    env: Env, book: Book, new: Record, about: Record, dry_run: bool, yes: bool
) -> None:
    """Append the record (unless a dry run or declined), then print it and where `about`
    (the record itself, or the record a reversal cancels) now stands.

    Whether the record may be written (an activity not yet held, a milestone not yet
    done, a record not yet reverted) is decided from the ledger's bytes: once before
    asking, and again under the ledger's lock, right before the write. Once the record
    is on disk the run succeeds: if the confirmation cannot be printed (a closed or full
    standard output), that is said on stderr and the exit code stays 0, so that nobody
    records it again.
    """
    from dataclasses import replace

    from kexie_plan.checks import RecordRules
    from kexie_plan.ledger import append_record
    from kexie_plan.loader import conflict
    from kexie_plan.render.words import visible

    line = record_line(new)
    ledger = ledger_for(book.plan_path)
    shown = shown_path(ledger)

    def guard() -> None:
        found = conflict(book.plan, ledger, shown, new)
        if found is not None:
            raise UsageProblem(found)

    guard()
    env.warn(RecordRules(book.plan).warnings(new, book.totals, book.recent_records_on(new.date)))
    # A reversal says what it cancels, in words, wherever its line is shown.
    undoes = []
    if new.revert is not None:
        from kexie_plan.render.log import record_summary

        undoes = [env.say("revert.undoes", what=record_summary(book.plan, about, env.lang))]
    if dry_run:
        typer.echo(env.say("record.dry_run", line=visible(line.rstrip("\n"))))
        for words in undoes:
            typer.echo(words)
        return
    if not yes and interactive():
        typer.echo(visible(line.rstrip("\n")))
        for words in undoes:
            typer.echo(words)
        if not agrees(env, "record.confirm"):
            raise declined(env)
    line = append_record(ledger, new, shown, guard)
    written = replace(new, line=0)  # its line number is for warnings, not for sums
    if written.revert is not None:
        book.totals.note_reversal(written)
        book.totals.remove(about)
    book.totals.add(written)
    lines = [env.say("record.written", line=visible(line.rstrip("\n"))), *undoes]
    lines += standing(env, book, about)
    try:
        for words in lines:
            typer.echo(words)
        sys.stdout.flush()
    except OSError as exc:
        # The record is written: say so where it can still be read, and succeed.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - nothing more may reach the old one
        reason = exc.strerror or type(exc).__name__
        sys.stderr.write(env.say("record.unconfirmed", id=new.id, reason=reason) + "\n")


def standing(env: Env, book: Book, about: Record) -> list[str]:
    """Return the lines that show where the record's activity, measure or target now
    stands (as `kexie status` and `kexie measures` would show it today)."""
    from kexie_plan.progress import measure_statuses, status_report
    from kexie_plan.render.words import visible

    plan = book.plan
    day, _ = env.as_of(None, plan)
    report = status_report(plan, book.totals, day)
    lines = []
    target_id = about.target
    activity = next((a for a in report.activities if a.id == about.activity), None)
    if activity is not None:
        if activity.held is not None:
            words = env.say("record.held", date=activity.held.isoformat())
        else:
            words = env.say("record.not_held")
        lines.append(env.say("record.standing", name=activity.name, id=activity.id, words=words))
        target_id = activity.target
    if about.measure is not None:
        measures = measure_statuses(plan, book.totals, day)
        measure = next((m for m in measures if m.id == about.measure), None)
        if measure is not None:
            words = env.say("record.measure_count", count=measure.records)
            lines.append(env.say("record.standing", name=measure.title, id=measure.id, words=words))
    target = next((t for t in report.targets if t.id == target_id), None)
    if target is not None:
        if target.goal is None:
            done = target.done
            words = (
                env.say("record.done_on", date=done.isoformat())
                if done
                else env.say("record.not_done")
            )
        else:
            words = f"{target.actual} / {target.goal} {target.unit}"
        lines.append(env.say("record.standing", name=target.name, id=target.id, words=words))
    return [visible(line) for line in lines]
