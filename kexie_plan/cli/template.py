"""`kexie template -o FILE`: the 填报表 (a form to fill) for a unit, as XLSX or CSV."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kexie_plan.cli import options as opt
from kexie_plan.cli.app import app
from kexie_plan.cli.env import Env
from kexie_plan.cli.output import emit
from kexie_plan.cli.parse import choice_of, unit_of
from kexie_plan.errors import PlanError, UsageProblem


@app.command()
def template(
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            metavar="FILE",
        ),
    ] = None,
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit",
            metavar="UNIT",
        ),
    ] = None,
    period: Annotated[
        str,
        typer.Option(
            "--period",
            metavar="PERIOD",
        ),
    ] = "YEAR",
    output_format: Annotated[
        str | None,
        typer.Option("--format"),
    ] = None,
    plan: opt.PlanOption = None,
    lang: opt.LangOption = None,
) -> None:
    from kexie_plan.cli.output import visible_path
    from kexie_plan.forms import form_of
    from kexie_plan.progress import measure_statuses, status_report
    from kexie_plan.render import template as view
    from kexie_plan.render.sheet import sheet_as_csv
    from kexie_plan.report import PERIODS, period_bounds

    env = Env.create(lang, plan)
    if output_format is None:
        suffix = output.suffix.lower().lstrip(".") if output is not None else ""
        output_format = suffix if suffix in ("xlsx", "csv") else "xlsx"
    choice_of("--format", output_format, ("xlsx", "csv"))
    if output_format == "xlsx" and output is None:
        raise UsageProblem(PlanError("template.needs_output"))
    book = env.book()
    loaded = book.plan
    bounds = period_bounds(loaded, period)
    if bounds is None:
        raise UsageProblem(PlanError("bad_period", {"value": period}))
    chosen = unit_of(loaded, unit)
    day, _ = env.as_of(None, loaded)
    report = status_report(loaded, book.totals, day)
    measures = measure_statuses(loaded, book.totals, day)
    name = period.upper() if period.upper() in PERIODS else period
    form = form_of(loaded, report, measures, chosen, *bounds, name)
    if not form.items:
        raise UsageProblem(PlanError("template.nothing", {"unit": unit or ""}))
    ui = env.lang
    emit(
        env,
        output_format,
        {
            "xlsx": lambda: view.template_workbook(form, ui),
            "csv": lambda: sheet_as_csv(view.template_sheet(form, ui)),
        },
        output,
    )
    if output is not None:
        typer.echo(env.say("template.written", path=visible_path(output), count=len(form.items)))
