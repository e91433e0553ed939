"""`kexie status`: every target against its goal and against the calendar (序时进度)."""

from __future__ import annotations

from typing import Annotated

import typer

from kexie_plan.cli import options as opt
from kexie_plan.cli.app import app
from kexie_plan.cli.env import Env, shown_path
from kexie_plan.cli.output import emit
from kexie_plan.cli.parse import choice_of, section_of, states_of, unit_of


@app.command()
def status(
    plan: opt.PlanOption = None,
    as_of: opt.AsOfOption = None,
    section: Annotated[str | None, typer.Option("--section", metavar="SECTION")] = None,
    owner: Annotated[str | None, typer.Option("--owner", metavar="UNIT")] = None,
    only: Annotated[str | None, typer.Option("--only", metavar="STATE[,STATE]")] = None,
    group: Annotated[str | None, typer.Option("--group", metavar="owner")] = None,
    output_format: opt.FormatOption = "table",
    output: opt.OutputOption = None,
    lang: opt.LangOption = None,
) -> None:
    from kexie_plan.progress import selected, status_report

    env = Env.create(lang, plan)
    wanted = states_of(only)
    if group is not None:
        choice_of("--group", group, ("owner",))
    book = env.book()
    day, clamped = env.as_of(as_of, book.plan)
    section_id = section_of(book.plan, section)
    owner_id = unit_of(book.plan, owner)
    report = status_report(book.plan, book.totals, day, clamped)
    report = selected(report, section_id, owner_id, wanted)
    path = shown_path(book.plan_path)
    ui = env.lang
    if group is not None:
        from kexie_plan.render import units as by_unit
        from kexie_plan.units import owner_rollup

        loads = owner_rollup(book.plan, report)
        views = {
            "table": lambda: by_unit.owners_table(loads, book.plan, day, ui, clamped),
            "json": lambda: by_unit.owners_as_json(loads, book.plan, path, day.isoformat()),
            "csv": lambda: by_unit.owners_sheet(loads),
            "markdown": lambda: by_unit.owners_as_markdown(loads, book.plan, day, ui, clamped),
        }
    else:
        from kexie_plan.render import status as view

        views = {
            "table": lambda: view.StatusView(report, book.plan, ui),
            "json": lambda: view.status_as_data(report, book.plan, path),
            "csv": lambda: view.status_sheet(report),
            "markdown": lambda: view.status_as_markdown(report, book.plan, ui) + "\n",
        }
    emit(env, output_format, views, output)
