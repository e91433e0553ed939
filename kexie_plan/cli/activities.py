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
    month: Annotated[
        str | None,
        typer.Option("--month", metavar="1-12", help="Only activities planned in this month."),
    ] = None,
    upcoming: Annotated[
        str | None,
        typer.Option(
            "--upcoming",
            metavar="DAYS",
            help="Only activities not held and planned to start within DAYS (or running now).",
        ),
    ] = None,
    overdue: Annotated[
        bool,
        typer.Option("--overdue", help="Only overdue activities (with --upcoming: both)."),
    ] = False,
    by: opt.UnitOption = None,
    output_format: Annotated[
        str,
        typer.Option("--format", help="table (default), json, csv, markdown or ics (iCalendar)."),
    ] = "table",
    output: opt.OutputOption = None,
    alarm: Annotated[
        list[str] | None,
        typer.Option(
            "--alarm",
            metavar="BEFORE",
            help="With --format ics: remind this long before each activity not yet held "
            "(7d, 2d, 12h, 30m, 1w); may be given more than once.",
        ),
    ] = None,
    lang: opt.LangOption = None,
) -> None:
    """List the major activities month by month: held, this month, upcoming, overdue.

    An activity is planned for its window when it has one, else its date, else its whole
    month; a month that is only the office's estimate (tentative) shows as 约N月 and is
    never overdue: past it, the activity is "not held".

    --format ics writes an iCalendar file (RFC 5545) for Outlook, WPS and phone calendars:
    one all-day event per activity, on the day it was held, else on its planned date or
    window, else (a month only) on the month's first working day, titled 5月：… (约5月：…
    for an estimate). Its UID is made of the organisation, the plan's year and the
    activity's id, and its SEQUENCE grows with each record that holds the activity or
    reverts a holding, so that importing a newer file updates the events instead of
    adding them twice. --alarm adds a reminder before each event not yet held.

    --format json: {plan, as_of, activities:
    [{id, name, month, date, window, starts, ends, state, held, late, tentative, target,
    target_name, measure, owner, owner_name, co_owners}], summary}; its state includes
    this_month (kexie status's does not).

    Example: kexie activities --upcoming 30 --overdue --as-of 2021-06-15
    """
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
