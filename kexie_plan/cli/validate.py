"""`kexie validate`: check plan files and their ledgers, report every problem, exit 0/1/2."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kexie_plan.cli.app import app
from kexie_plan.cli.env import Env, shown_path
from kexie_plan.cli.options import LangOption, PlanOption
from kexie_plan.cli.parse import choice_of
from kexie_plan.errors import PlanError, PlanErrors, exit_status

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


@app.command()
def validate(
    paths: Annotated[list[Path] | None, typer.Argument(metavar="[PLAN]...")] = None,
    plan: PlanOption = None,
    output_format: Annotated[str, typer.Option("--format", metavar="FORMAT")] = "text",
    against: Annotated[str | None, typer.Option("--against", metavar="REV")] = None,
    strict: Annotated[bool, typer.Option("--strict")] = False,
    lang: LangOption = None,
) -> None:
    from kexie_plan.render.text import errors_as_github, errors_as_json, problem_line
    from kexie_plan.render.words import visible

    env = Env.create(lang, plan)
    choice_of("--format", output_format, FORMATS)
    errors: list[PlanError] = []
    oks: list[str] = []
    for path in plans_of(list(paths) if paths else [env.plan_path()]):
        found, ok = check_plan_and_ledger(env, path, against)
        errors += found
        oks += [visible(line) for line in ok]
    failing = [e for e in errors if strict or not e.warning]
    code = exit_status(failing)
    if output_format == "json":
        typer.echo(errors_as_json(errors, env.lang))
        raise typer.Exit(code)
    if output_format == "github":
        from kexie_plan.cli.output import fence

        lines = errors_as_github(errors, env.lang)
        annotations = [line for line in lines if line.startswith(("::error ", "::warning "))]
        with fence.paused():  # these are meant to act: annotations on the pull request
            for line in annotations:
                typer.echo(line)
        for line in lines[len(annotations) :]:
            typer.echo(line)
    else:
        for error in errors:
            sys.stderr.write(problem_line(error, env.lang) + "\n")
    for line in oks:
        typer.echo(line)
    real = [e for e in errors if not e.warning]
    if real:
        failed = len({e.path for e in real})
        sys.stderr.write(
            env.say("validate.failed", errors=len(real), files=failed, ok=len(oks)) + "\n"
        )
    elif failing:
        sys.stderr.write(env.say("validate.strict_failed", count=len(failing)) + "\n")
    raise typer.Exit(code)


def check_plan_and_ledger(
    env: Env, path: Path, against: str | None
) -> tuple[list[PlanError], list[str]]:
    """Return the problems of a plan and of its ledger, and the ok lines of those without
    errors. Without a valid plan only the ledger's lines are checked."""
    from kexie_plan.ledger import ledger_path_for
    from kexie_plan.loader import ledger_lines, load_book

    shown = shown_path(path)
    ledger = ledger_path_for(path)
    shown_ledger = shown_path(ledger)
    errors: list[PlanError] = []
    oks: list[str] = []
    loaded: Plan | None = None
    try:
        book = load_book(path, full=True, shown_plan=shown, shown_ledger=shown_ledger)
    except PlanErrors as exc:
        errors += [e.at(shown, e.line, e.col) for e in exc.errors]
        problems, count = ledger_lines(ledger, shown_ledger)
    else:
        loaded = book.plan
        problems, count = book.problems, book.totals.records
    unexplained: list[PlanError] = []
    if loaded is not None and against is not None:
        from kexie_plan.gitrev import unexplained_since

        unexplained = unexplained_since(against, path, loaded, shown)
        errors += unexplained
    if loaded is not None and not unexplained:
        summary = env.say(
            "validate.plan_summary",
            sections=len(loaded.sections),
            measures=len(loaded.measures()),
            targets=len(loaded.targets),
            activities=len(loaded.activities),
        )
        oks.append(env.say("validate.ok", path=shown, summary=summary))
    errors += sorted(problems, key=PlanError.sort_key)
    if (ledger.exists() or problems) and all(p.warning for p in problems):
        summary = env.say("validate.ledger_summary", records=count)
        if problems:
            summary += env.say("validate.with_warnings", count=len(problems))
        oks.append(env.say("validate.ok", path=shown_ledger, summary=summary))
    return errors, oks
