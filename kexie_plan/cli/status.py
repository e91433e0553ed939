"""`kexie status`: every target against its goal and against the calendar (序时进度)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kexie_plan.cli.common import (
    AsOfOption,
    FormatOption,
    LangOption,
    PlanOption,
    UsageProblem,
    app,
    as_of_of,
    choice_of,
    find_plan,
    lang_of,
    output_console,
    read_ledger_and_warn,
    shown_path,
    status_from_ledger,
)
from kexie_plan.errors import PlanError

if TYPE_CHECKING:
    from kexie_plan.plan import Plan
    from kexie_plan.record import Record

FORMATS = ("table", "json", "csv", "markdown")


def load_plan_and_records(path: Path, lang: str) -> tuple[Plan, list[Record]]:
    """Return the plan at `path` and every complete record of its ledger.

    An invalid plan raises (exit 1); problems in the ledger are printed as warnings.
    """
    from kexie_plan.ledger import ledger_path_for
    from kexie_plan.planfile import load_plan

    plan = load_plan(path)
    records, _ = read_ledger_and_warn(ledger_path_for(path), lang, plan)
    return plan, records


def states_of(value: str | None) -> list[str] | None:
    """Return the states that --only names (comma-separated), refusing unknown ones."""
    from kexie_plan.progress import TARGET_STATES

    if value is None:
        return None
    states = [part.strip().replace("-", "_") for part in value.split(",") if part.strip()]
    for state in states:
        choice_of("--only", state, TARGET_STATES)
    return states


def check_filter(option: str, kind: str, value: str | None, known: list[str]) -> None:
    """Refuse (exit 2) a --section or --owner id that the plan does not define."""
    import difflib

    if value is not None and value not in known:
        close = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
        params = {"kind": kind, "id": value, "hint": close[0] if close else ""}
        raise UsageProblem(PlanError("unknown_ref", params))


@app.command()
def status(
    plan: PlanOption = None,
    as_of: AsOfOption = None,
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
    output_format: FormatOption = "table",
    lang: LangOption = None,
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
    from kexie_plan.ledger import ledger_path_for
    from kexie_plan.planfile import load_plan
    from kexie_plan.progress import selected

    ui = lang_of(lang)
    fmt = choice_of("--format", output_format, FORMATS)
    today = date.today()
    wanted = states_of(only)
    if group is not None:
        choice_of("--group", group, ("owner",))
    path = find_plan(plan, today)
    loaded = load_plan(path)
    day, clamped = as_of_of(as_of, loaded, today)
    check_filter("--section", "section", section, [s.id for s in loaded.sections])
    check_filter("--owner", "unit", owner, [u.id for u in loaded.units])
    # The ledger streams into the sums, so memory does not grow with it (issue 7).
    standing = status_from_ledger(ledger_path_for(path), ui, loaded, day, clamped)
    report = selected(standing, section, owner, wanted)
    if group is not None:
        from kexie_plan.render import units as by_unit
        from kexie_plan.units import owner_rollup

        loads = owner_rollup(loaded, report)
        if fmt == "table":
            output_console().print(by_unit.owners_table(loads, loaded, day, ui, clamped))
        elif fmt == "json":
            typer.echo(by_unit.owners_as_json(loads, loaded, shown_path(path), day.isoformat()))
        elif fmt == "csv":
            typer.echo(by_unit.owners_as_csv(loads), nl=False)
        else:
            typer.echo(by_unit.owners_as_markdown(loads, loaded, day, ui, clamped), nl=False)
    elif fmt == "json":
        from kexie_plan.render import status_as_json

        typer.echo(status_as_json(report, loaded, shown_path(path)))
    elif fmt == "csv":
        from kexie_plan.render import status_as_csv

        typer.echo(status_as_csv(report), nl=False)
    elif fmt == "markdown":
        from kexie_plan.render import status_as_markdown

        typer.echo(status_as_markdown(report, loaded, ui))
    else:
        from kexie_plan.render import StatusView

        output_console().print(StatusView(report, loaded, ui))
