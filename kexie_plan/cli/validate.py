"""`kexie validate`: check plan files, report every problem, exit 0, 1 or 2."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kexie_plan.cli.common import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    USAGE_CODES,
    LangOption,
    PlanOption,
    app,
    find_plan,
    lang_of,
    shown_path,
)
from kexie_plan.errors import PlanError, PlanErrors
from kexie_plan.i18n import text

if TYPE_CHECKING:
    from kexie_plan.plan import Plan

FORMATS = ("text", "github", "json")


def plans_of(paths: list[Path]) -> list[Path]:
    """Return the plans to check: a ledger given by name stands for its plan; no repeats."""
    from kexie_plan.ledger import plan_path_for

    plans: list[Path] = []
    for path in paths:
        path = plan_path_for(path) or path
        if path not in plans:
            plans.append(path)
    return plans


def check_ledger(
    plan_path: Path, plan: Plan | None, lang: str
) -> tuple[list[PlanError], list[str]]:
    """Return the problems of the ledger beside a plan, or its ok line; nothing when it is absent.

    Without a valid plan only the ledger's lines are checked, not what they refer to.
    The records stream past the checks and are not kept (issue 7): a million of them
    would not fit in the memory that CI gives.
    """
    import gc

    from kexie_plan.checks import RecordChecks
    from kexie_plan.ledger import iter_ledger, ledger_path_for, read_reversals
    from kexie_plan.record import Record
    from kexie_plan.render import visible

    ledger = ledger_path_for(plan_path)
    if not ledger.exists():
        return [], []
    shown = shown_path(ledger)
    checks = None
    if plan is not None:
        reversals = read_reversals(ledger, shown)
        checks = RecordChecks(plan, (r.revert or "" for r in reversals), unique_ids=True)
    problems: list[PlanError] = []
    count = 0
    collecting = gc.isenabled()
    gc.disable()  # nothing read here makes a reference cycle
    try:
        for item in iter_ledger(ledger, shown):
            if type(item) is Record:
                count += 1
                if checks is not None:
                    checks.add(item)
            else:
                problems.append(item)  # type: ignore[arg-type]
        if checks is not None:
            problems += [p.at(shown, p.line, p.col) for p in checks.problems()]
    finally:
        if collecting:
            gc.enable()
    problems.sort(key=PlanError.sort_key)
    if any(not p.warning for p in problems):
        return problems, []
    summary = text("validate.ledger_summary", lang, records=count)
    if problems:
        summary += text("validate.with_warnings", lang, count=len(problems))
    return problems, [text("validate.ok", lang, path=visible(shown), summary=summary)]


@app.command()
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Plan files to check. Default: the plan kexie finds (see --plan)."),
    ] = None,
    plan: PlanOption = None,
    output_format: Annotated[
        str,
        typer.Option("--format", help="text (default), github (Actions annotations) or json."),
    ] = "text",
    against: Annotated[
        str | None,
        typer.Option(
            "--against",
            metavar="REV",
            help="Also refuse a goal changed since git revision REV without a matching "
            "adjustments entry (its reason).",
        ),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Fail (exit 1) on warnings too: what a merge said twice (a record reverted "
            "twice, an activity held twice, a milestone done twice).",
        ),
    ] = False,
    lang: LangOption = None,
) -> None:
    """Check plan files and report every problem, one line each, as path:line:col.

    Exit 0 when all files are valid, 1 when any is invalid, 2 when a file is missing.
    Warnings (what two clones both recorded, kept twice by a merge; it counts once) are
    printed and leave the exit code 0, unless --strict.
    With --against REV (e.g. origin/main in CI), a target whose goal differs from the plan
    at REV is an error unless the target has an adjustment to that goal.

    Example: kexie validate plans/2021.yaml --format github
    """
    from kexie_plan.planfile import load_plan
    from kexie_plan.render import errors_as_github, errors_as_json, problem_line, visible

    ui = lang_of(lang)
    if output_format not in FORMATS:
        raise typer.BadParameter(f"{output_format!r} is not one of {', '.join(FORMATS)}")
    errors: list[PlanError] = []
    oks: list[str] = []
    for path in plans_of(list(paths) if paths else [find_plan(plan)]):
        shown = shown_path(path)
        loaded: Plan | None = None
        try:
            loaded = load_plan(path)
        except PlanErrors as exc:
            errors.extend(e.at(shown, e.line, e.col) for e in exc.errors)
        unexplained: list[PlanError] = []
        if loaded is not None and against is not None:
            from kexie_plan.cli.diff import unexplained_since

            unexplained = unexplained_since(against, path, loaded, shown)
            errors.extend(unexplained)
        if loaded is not None and not unexplained:
            summary = text(
                "validate.plan_summary",
                ui,
                sections=len(loaded.sections),
                measures=len(loaded.measures()),
                targets=len(loaded.targets),
                activities=len(loaded.activities),
            )
            oks.append(text("validate.ok", ui, path=visible(shown), summary=summary))
        ledger_errors, ledger_ok = check_ledger(path, loaded, ui)
        errors.extend(ledger_errors)
        oks.extend(ledger_ok)
    failing = [e for e in errors if strict or not e.warning]
    usage_only = bool(failing) and all(e.code in USAGE_CODES for e in failing)
    code = EXIT_OK if not failing else (EXIT_USAGE if usage_only else EXIT_INVALID)
    if output_format == "json":
        typer.echo(errors_as_json(errors, ui))
        raise typer.Exit(code)
    if output_format == "github":
        for line in errors_as_github(errors, ui):
            typer.echo(line)
    else:
        for error in errors:
            sys.stderr.write(problem_line(error, ui) + "\n")
    for line in oks:
        typer.echo(line)
    real = [e for e in errors if not e.warning]
    if real:
        failed = len({e.path for e in real})
        sys.stderr.write(
            text("validate.failed", ui, errors=len(real), files=failed, ok=len(oks)) + "\n"
        )
    elif failing:
        sys.stderr.write(text("validate.strict_failed", ui, count=len(failing)) + "\n")
    raise typer.Exit(code)
