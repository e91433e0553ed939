"""`kexie status`: every target against its goal and against the calendar (序时进度)."""

from __future__ import annotations

from typing import Annotated

import typer

from kexie_plan.cli import options as opt
from kexie_plan.cli.app import app
from kexie_plan.cli.env import Env, shown_path
from kexie_plan.cli.output import emit
from kexie_plan.cli.parse import choice_of, known_id, states_of


@app.command()
def status(
    plan: opt.PlanOption = None,
    as_of: opt.AsOfOption = None,
    section: Annotated[
        str | None,
        typer.Option("--section", metavar="ID", help="Only the targets of this section."),
    ] = None,
    owner: Annotated[
        str | None,
        typer.Option(
            "--owner",
            metavar="ID",
            help="Only the targets of this unit (the target's owner, else its measure's).",
        ),
    ] = None,
    only: Annotated[
        str | None,
        typer.Option(
            "--only",
            metavar="STATE[,STATE]",
            help="Only targets in these states: exceeded, met, done, on_track, behind, "
            "overdue, pending, open.",
        ),
    ] = None,
    group: Annotated[
        str | None,
        typer.Option(
            "--group",
            metavar="owner",
            help="owner: instead of the targets, one row per responsible unit with how "
            "many targets and activities it owns, met, behind and overdue.",
        ),
    ] = None,
    output_format: opt.FormatOption = "table",
    output: opt.OutputOption = None,
    lang: opt.LangOption = None,
) -> None:
    """Show every target against its goal and against the calendar (序时进度).

    Targets are grouped by section. For each: the goal in the plan's words, the actual
    (records up to --as-of, after reverts), the share of the goal's lower bound, a bar
    with the expected mark, the expected value by now, what is still missing, and the
    state with its light. Then the counts by state and the activities due within 30 days
    or overdue.

    Without --as-of: today, clamped into the plan's period (a finished plan is shown at
    its last day, and the header says so).

    --format json prints a stable shape, which tools may rely on: {"plan": {year, title,
    path}, "as_of", "as_of_clamped" (null, "ended" or "not_started"), "targets": [{id,
    name, unit, kind, goal: {min, max} or null, actual, expected, state, light, missing,
    done, percent}], "activities": [{id, name, month, held, state, date, tentative}],
    "summary": {targets, one count per state, activities, activities_held, days_elapsed,
    days_left}}. Keys may be added, never renamed or removed.

    --group owner rolls the targets and activities up by their owner (the target's or
    activity's own, else its measure's): {plan, as_of, owners: [{id, name, targets, met,
    on_track, behind, overdue, not_started, activities, activities_held,
    activities_overdue}]} in JSON; id null gathers what no unit owns.

    Example: kexie status --as-of 2021-06-30 --only behind,overdue
    """
    from kexie_plan.progress import selected, status_report

    env = Env.create(lang, plan)
    wanted = states_of(only)
    if group is not None:
        choice_of("--group", group, ("owner",))
    book = env.book()
    day, clamped = env.as_of(as_of, book.plan)
    known_id("--section", "section", section, [s.id for s in book.plan.sections])
    known_id("--owner", "unit", owner, [u.id for u in book.plan.units])
    report = selected(status_report(book.plan, book.totals, day, clamped), section, owner, wanted)
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
