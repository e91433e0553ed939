"""`kexie measures`: the plan's measures by section, with owner, records and state."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from kexie_plan.cli.activities import UnitOption, unit_of
from kexie_plan.cli.common import (
    AsOfOption,
    LangOption,
    PlanOption,
    app,
    as_of_of,
    choice_of,
    find_plan,
    lang_of,
    shown_path,
)
from kexie_plan.cli.status import check_filter, load_plan_and_records

FORMATS = ("table", "json", "csv", "markdown")


@app.command()
def measures(
    plan: PlanOption = None,
    as_of: AsOfOption = None,
    section: Annotated[
        str | None,
        typer.Option("--section", metavar="ID", help="Only the measures of this section."),
    ] = None,
    by: UnitOption = None,
    output_format: Annotated[
        str, typer.Option("--format", help="table (default), json, csv or markdown.")
    ] = "table",
    lang: LangOption = None,
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

    ui = lang_of(lang)
    fmt = choice_of("--format", output_format, FORMATS)
    today = date.today()
    path = find_plan(plan, today)
    loaded, records = load_plan_and_records(path, ui)
    day, clamped = as_of_of(as_of, loaded, today)
    check_filter("--section", "section", section, [s.id for s in loaded.sections])
    unit = unit_of(loaded, by)
    chosen = tuple(
        m
        for m in measure_statuses(loaded, records, day)
        if (section is None or m.section == section)
        and (unit is None or m.owner == unit or unit in m.co_owners)
    )

    if fmt == "json":
        from kexie_plan.render.measures import measures_as_json

        typer.echo(measures_as_json(chosen, loaded, shown_path(path), day))
    elif fmt == "csv":
        from kexie_plan.render.measures import measures_as_csv

        typer.echo(measures_as_csv(chosen), nl=False)
    elif fmt == "markdown":
        from kexie_plan.render.measures import measures_as_markdown

        typer.echo(measures_as_markdown(chosen, loaded, day, ui, clamped), nl=False)
    else:
        from kexie_plan.cli.common import output_console
        from kexie_plan.render.measures import MeasuresView

        output_console().print(MeasuresView(chosen, loaded, day, ui, clamped))
