"""`kexie measures`: the plan's measures by section, with their records and state."""

from __future__ import annotations

from typing import Annotated

import typer

from kexie_plan.cli import options as opt
from kexie_plan.cli.app import app
from kexie_plan.cli.env import Env, shown_path
from kexie_plan.cli.output import emit
from kexie_plan.cli.parse import section_of, unit_of


@app.command()
def measures(
    plan: opt.PlanOption = None,
    as_of: opt.AsOfOption = None,
    section: Annotated[str | None, typer.Option("--section", metavar="SECTION")] = None,
    by: opt.UnitOption = None,
    output_format: opt.FormatOption = "table",
    output: opt.OutputOption = None,
    lang: opt.LangOption = None,
) -> None:
    from kexie_plan.progress import measure_statuses
    from kexie_plan.render import measures as view

    env = Env.create(lang, plan)
    book = env.book()
    loaded = book.plan
    day, clamped = env.as_of(as_of, loaded)
    section_id = section_of(loaded, section)
    unit = unit_of(loaded, by)
    chosen = tuple(
        m
        for m in measure_statuses(loaded, book.totals, day)
        if (section_id is None or m.section == section_id)
        and (unit is None or m.owner == unit or unit in m.co_owners)
    )
    path = shown_path(book.plan_path)
    ui = env.lang
    emit(
        env,
        output_format,
        {
            "table": lambda: view.MeasuresView(chosen, loaded, day, ui, clamped),
            "json": lambda: view.measures_as_data(chosen, loaded, path, day),
            "csv": lambda: view.measures_sheet(chosen),
            "markdown": lambda: view.measures_as_markdown(chosen, loaded, day, ui, clamped),
        },
        output,
    )
