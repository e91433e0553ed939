"""`kexie activities`: the major activities month by month; also the --by UNIT and
--days/--month options that `measures` and `remind` share with it."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from kexie_plan.cli.common import (
    AsOfOption,
    LangOption,
    PlanOption,
    UsageProblem,
    app,
    as_of_of,
    choice_of,
    find_plan,
    lang_of,
    shown_path,
    status_from_ledger,
)
from kexie_plan.errors import PlanError

if TYPE_CHECKING:
    from kexie_plan.plan import Plan

FORMATS = ("table", "json", "csv", "markdown", "ics")
MAX_DAYS = 366

UnitOption = Annotated[
    str | None,
    typer.Option(
        "--by",
        metavar="UNIT",
        help="Only what this unit (id or name) owns or co-owns; the plan must list units.",
    ),
]


def unit_of(plan: Plan, value: str | None) -> str | None:
    """Return the unit id that --by names (its id or its name); a usage problem (exit 2)
    when the plan lists no units or none is called that."""
    import difflib

    if value is None:
        return None
    if not plan.units:
        raise UsageProblem(PlanError("no_units"))
    for unit in plan.units:
        if value in (unit.id, unit.name):
            return unit.id
    words = [u.id for u in plan.units] + [u.name for u in plan.units]
    close = difflib.get_close_matches(value, words, n=1, cutoff=0.5)
    hint = next((u.id for u in plan.units if close and close[0] in (u.id, u.name)), "")
    raise UsageProblem(PlanError("unknown_ref", {"kind": "unit", "id": value, "hint": hint}))


def days_of(option: str, value: str | None) -> int | None:
    """Return a number of days (0 to 366) that an option gives; a usage problem otherwise."""
    if value is None:
        return None
    cleaned = value.strip()
    if not cleaned.isdecimal() or int(cleaned) > MAX_DAYS:
        raise UsageProblem(PlanError("bad_days", {"option": option, "value": value}))
    return int(cleaned)


def month_of(value: str | None) -> int | None:
    """Return the month (1 to 12) that --month gives; a usage problem otherwise."""
    if value is None:
        return None
    cleaned = value.strip()
    if not cleaned.isdecimal() or not 1 <= int(cleaned) <= 12:
        raise UsageProblem(PlanError("bad_month", {"value": value}))
    return int(cleaned)


@app.command()
def activities(
    plan: PlanOption = None,
    as_of: AsOfOption = None,
    month: Annotated[
        str | None,
        typer.Option("--month", metavar="N", help="Only the activities planned in month N."),
    ] = None,
    upcoming: Annotated[
        str | None,
        typer.Option(
            "--upcoming",
            metavar="DAYS",
            help="Only those not held and planned to start within DAYS (or running now).",
        ),
    ] = None,
    overdue: Annotated[
        bool,
        typer.Option(
            "--overdue", help="Only the overdue ones (with --upcoming: those and the overdue)."
        ),
    ] = False,
    by: UnitOption = None,
    output_format: Annotated[
        str,
        typer.Option("--format", help="table (default), json, csv, markdown or ics (iCalendar)."),
    ] = "table",
    lang: LangOption = None,
) -> None:
    """List the major activities month by month: when planned, whether held, the state
    (held, this month, upcoming, overdue), the target each counts toward, the owner.

    An activity is planned for its window when it has one, else its date, else its whole
    month. "this month": not held and planned to start (or still running) in the month of
    --as-of; "overdue": not held and its last planned day is past. Held after its last
    planned day is shown as late.

    --format ics writes an iCalendar file (RFC 5545) for Outlook, WPS and phone calendars:
    one all-day event per activity, each with a UID made of the plan's year and the
    activity's id, so importing a newer export updates the events rather than adding
    them twice. --format json: {plan, as_of, activities: [{id, name, month, date, window,
    starts, ends, state, held, late, target, target_name, measure, owner, owner_name,
    co_owners}], summary}; its state includes this_month (kexie status's does not).

    Example: kexie activities --upcoming 30 --overdue --as-of 2021-06-15
    """
    from kexie_plan.ledger import ledger_path_for
    from kexie_plan.planfile import load_plan
    from kexie_plan.progress import activities_selected

    ui = lang_of(lang)
    fmt = choice_of("--format", output_format, FORMATS)
    today = date.today()
    wanted_month = month_of(month)
    within = days_of("--upcoming", upcoming)
    path = find_plan(plan, today)
    loaded = load_plan(path)
    day, clamped = as_of_of(as_of, loaded, today)
    unit = unit_of(loaded, by)
    report = status_from_ledger(ledger_path_for(path), ui, loaded, day, clamped)
    chosen = activities_selected(loaded, report, wanted_month, within, overdue, unit)

    if fmt == "json":
        from kexie_plan.render.calendar import activities_as_json

        typer.echo(activities_as_json(chosen, loaded, shown_path(path), day))
    elif fmt == "csv":
        from kexie_plan.render.calendar import activities_as_csv

        typer.echo(activities_as_csv(chosen), nl=False)
    elif fmt == "markdown":
        from kexie_plan.render.calendar import activities_as_markdown

        typer.echo(activities_as_markdown(chosen, loaded, day, ui, clamped), nl=False)
    elif fmt == "ics":
        from kexie_plan.render.calendar import activities_as_ics

        # bytes, so that no text layer turns the CRLF line ends into anything else
        typer.echo(activities_as_ics(chosen, loaded, day, ui).encode("utf-8"), nl=False)
    else:
        from kexie_plan.cli.common import output_console
        from kexie_plan.render.calendar import ActivitiesView

        output_console().print(ActivitiesView(chosen, loaded, day, ui, clamped))
