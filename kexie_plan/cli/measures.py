"""`kexie measures`: the plan's measures by section, with their records and state."""

from __future__ import annotations

from typing import Annotated

import typer

from kexie_plan.cli import options as opt
from kexie_plan.cli.app import app
from kexie_plan.cli.env import Env, shown_path
from kexie_plan.cli.output import emit
from kexie_plan.cli.parse import known_id, unit_of


@app.command()
def measures(
    plan: opt.PlanOption = None,
    as_of: opt.AsOfOption = None,
    section: Annotated[
        str | None,
        typer.Option("--section", metavar="ID", help="Only the measures of this section."),
    ] = None,
    by: opt.UnitOption = None,
    output_format: opt.FormatOption = "table",
    output: opt.OutputOption = None,
    lang: opt.LangOption = None,
) -> None:
    """List the plan's measures (主要工作措施) by section: owner, number of records, the
    latest note with its date, and the state.

    The state comes from the records against the measure (kexie record MEASURE --note …,
    with --done when it is finished): not started (no record), in progress, or done (a
    record says --done). Reverted records do not count; records after --as-of are
    ignored. kexie show MEASURE lists its tasks and every note.

    Example: kexie measures --as-of 2021-06-30 --format markdown
    """
    from kexie_plan.progress import measure_statuses
    from kexie_plan.render import measures as view

    env = Env.create(lang, plan)
    book = env.book()
    loaded = book.plan
    day, clamped = env.as_of(as_of, loaded)
    known_id("--section", "section", section, [s.id for s in loaded.sections])
    unit = unit_of(loaded, by)
    chosen = tuple(
        m
        for m in measure_statuses(loaded, book.totals, day)
        if (section is None or m.section == section)
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
