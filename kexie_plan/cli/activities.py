"""`kexie activities`: the major activities month by month, also as an iCalendar file."""

from __future__ import annotations

from typing import Annotated

import typer

from kexie_plan.cli import options as opt
from kexie_plan.cli.app import app
from kexie_plan.cli.env import Env, shown_path
from kexie_plan.cli.output import emit
from kexie_plan.cli.parse import alarm_of, days_of, month_of, unit_of
from kexie_plan.errors import PlanError, UsageProblem


@app.command()
def activities(
    plan: opt.PlanOption = None,
    as_of: opt.AsOfOption = None,
    month: Annotated[str | None, typer.Option("--month", metavar="1-12")] = None,
    upcoming: Annotated[str | None, typer.Option("--upcoming", metavar="DAYS")] = None,
    overdue: Annotated[bool, typer.Option("--overdue")] = False,
    by: opt.UnitOption = None,
    output_format: opt.FormatOption = "table",
    output: opt.OutputOption = None,
    alarm: Annotated[
        list[str] | None,
        typer.Option(
            "--alarm",
            metavar="BEFORE",
        ),
    ] = None,
    lang: opt.LangOption = None,
) -> None:
    from kexie_plan.progress import activities_selected, activity_revisions, status_report
    from kexie_plan.render import calendar as view

    env = Env.create(lang, plan)
    alarms = tuple(alarm_of(value) for value in alarm or ())
    if alarms and output_format != "ics":
        raise UsageProblem(PlanError("activities.alarm_ics_only", {}))
    wanted_month = month_of(month)
    within = days_of("--upcoming", upcoming)
    book = env.book()
    loaded = book.plan
    day, clamped = env.as_of(as_of, loaded)
    unit = unit_of(loaded, by)
    report = status_report(loaded, book.totals, day, clamped)
    chosen = activities_selected(loaded, report, wanted_month, within, overdue, unit)
    path = shown_path(book.plan_path)
    ui = env.lang
    emit(
        env,
        output_format,
        {
            "table": lambda: view.ActivitiesView(chosen, loaded, day, ui, clamped),
            "json": lambda: view.activities_as_data(chosen, loaded, path, day),
            "csv": lambda: view.activities_sheet(chosen),
            "markdown": lambda: view.activities_as_markdown(chosen, loaded, day, ui, clamped),
            # bytes, so that no text layer turns the CRLF line ends into anything else
            "ics": lambda: view.activities_as_ics(
                chosen, loaded, day, ui, activity_revisions(book.totals), alarms
            ).encode("utf-8"),
        },
        output,
    )
