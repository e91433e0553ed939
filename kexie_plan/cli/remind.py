"""`kexie remind`: the units to chase — something behind, overdue or due soon, or no
record in the last N days."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from kexie_plan.cli.activities import days_of
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
from kexie_plan.cli.status import load_plan_and_records

FORMATS = ("table", "markdown", "json")
DEFAULT_DAYS = 30


@app.command()
def remind(
    plan: PlanOption = None,
    as_of: AsOfOption = None,
    days: Annotated[
        str | None,
        typer.Option(
            "--days",
            metavar="N",
            help="Due soon: within N days; silent: no record (by the unit) in the last N "
            f"days. Default: {DEFAULT_DAYS}.",
        ),
    ] = None,
    output_format: Annotated[
        str,
        typer.Option("--format", help="table (default), markdown (a message to paste) or json."),
    ] = "table",
    lang: LangOption = None,
) -> None:
    """List the units to chase, with what for: each unit that owns or co-owns a target
    that is behind, overdue, or due within N days and not met; or an activity that is
    overdue, or not held and planned to start within N days; and each unit with work in
    the plan that has recorded nothing (records with `by` set to it) in the last N days.

    Needs `units` in the plan, and owners (owner, co_owners) on measures, targets or
    activities. What needs attention but names no unit is counted at the end.
    --format markdown gives a text ready to paste into a message.

    Example: kexie remind --days 14 --as-of 2021-06-30 --format markdown
    """
    from kexie_plan.progress import status_report
    from kexie_plan.units import reminders

    ui = lang_of(lang)
    fmt = choice_of("--format", output_format, FORMATS)
    today = date.today()
    within = days_of("--days", days)
    within = DEFAULT_DAYS if within is None else within
    path = find_plan(plan, today)
    loaded, records = load_plan_and_records(path, ui)
    day, clamped = as_of_of(as_of, loaded, today)
    standing = status_report(loaded, records, day, clamped=clamped)
    found = reminders(loaded, standing, records, within)

    if fmt == "json":
        from kexie_plan.render.units import reminders_as_json

        typer.echo(reminders_as_json(found, loaded, shown_path(path)))
    elif fmt == "markdown":
        from kexie_plan.render.units import reminders_as_markdown

        typer.echo(reminders_as_markdown(found, loaded, ui), nl=False)
    else:
        from kexie_plan.cli.common import output_console
        from kexie_plan.render.units import reminders_view

        output_console().print(reminders_view(found, loaded, ui))
