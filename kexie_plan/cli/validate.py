"""`kexie validate`: check plan files, report every problem, exit 0, 1 or 2."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

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

FORMATS = ("text", "github", "json")


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
    lang: LangOption = None,
) -> None:
    """Check plan files and report every problem, one line each, as path:line:col.

    Exit 0 when all files are valid, 1 when any is invalid, 2 when a file is missing.

    Example: kexie validate plans/2021.yaml --format github
    """
    from kexie_plan.planfile import load_plan
    from kexie_plan.render import error_line, errors_as_github, errors_as_json, visible

    ui = lang_of(lang)
    if output_format not in FORMATS:
        raise typer.BadParameter(f"{output_format!r} is not one of {', '.join(FORMATS)}")
    errors: list[PlanError] = []
    oks: list[str] = []
    for path in list(paths) if paths else [find_plan(plan)]:
        shown = shown_path(path)
        try:
            loaded = load_plan(path)
        except PlanErrors as exc:
            errors.extend(e.at(shown, e.line, e.col) for e in exc.errors)
            continue
        summary = text(
            "validate.plan_summary",
            ui,
            sections=len(loaded.sections),
            measures=len(loaded.measures()),
            targets=len(loaded.targets),
            activities=len(loaded.activities),
        )
        oks.append(text("validate.ok", ui, path=visible(shown), summary=summary))
    usage_only = bool(errors) and all(e.code in USAGE_CODES for e in errors)
    code = EXIT_OK if not errors else (EXIT_USAGE if usage_only else EXIT_INVALID)
    if output_format == "json":
        typer.echo(errors_as_json(errors, ui))
        raise typer.Exit(code)
    if output_format == "github":
        for line in errors_as_github(errors, ui):
            typer.echo(line)
    else:
        for error in errors:
            sys.stderr.write(error_line(error, ui) + "\n")
    for line in oks:
        typer.echo(line)
    if errors:
        failed = len({e.path for e in errors})
        sys.stderr.write(
            text("validate.failed", ui, errors=len(errors), files=failed, ok=len(oks)) + "\n"
        )
    raise typer.Exit(code)
