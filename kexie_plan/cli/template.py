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
            help="The form to write: FILE.xlsx (a workbook) or FILE.csv. A CSV form may "
            "go to the terminal.",
        ),
    ] = None,
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit",
            metavar="UNIT",
            help="The unit that fills it in (id or name): only what it owns or co-owns, "
            "its name filled in. Default: every item, for any unit.",
        ),
    ] = None,
    period: Annotated[
        str,
        typer.Option(
            "--period",
            metavar="PERIOD",
            help="The days the rows may be dated: Q1-Q4, H1, H2, YEAR or a month YYYY-MM. "
            "Default: YEAR (the plan's period).",
        ),
    ] = "YEAR",
    output_format: Annotated[
        str | None,
        typer.Option("--format", help="xlsx or csv. Default: from FILE's extension."),
    ] = None,
    plan: opt.PlanOption = None,
    lang: opt.LangOption = None,
) -> None:
    """Write a 填报表: a form a department or association fills in and sends back, for
    `kexie import` to read.

    The workbook's first sheet has one row per record: 日期 (date), 事项 (the item, from
    a drop-down of the plan's names), 数量 (amount), 完成 (是/否, for milestones and
    measures), 说明 (note), 佐证 (evidence) and 填报单位 (the unit, filled in with
    --unit). Excel and WPS check every cell as it is typed: dates within --period,
    whole numbers from 1, items and units from their lists. The header is frozen and
    protected (without a password). A second sheet shows where the unit's targets stand
    today (goal, actual, 序时进度, state); a third explains how to fill it in. A CSV
    template has the same columns, for those without Excel.

    Example: kexie template --unit 海智办 --period 2021-03 -o 海智办-2021-03.xlsx
    """
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
