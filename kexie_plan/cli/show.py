"""`kexie show REF`: one target, activity or measure, its records and its progress over time."""

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
    find_plan,
    lang_of,
    output_console,
)
from kexie_plan.cli.status import load_plan_and_records
from kexie_plan.errors import PlanError

if TYPE_CHECKING:
    from kexie_plan.plan import Plan

MAX_CANDIDATES = 8


def named_things(plan: Plan) -> list[tuple[str, str, str]]:
    """Return (kind, id, name) for every target, activity and measure, in plan order."""
    return [
        *(("target", t.id, t.name) for t in plan.targets),
        *(("activity", a.id, a.name) for a in plan.activities),
        *(("measure", m.id, m.title) for m in plan.measures()),
    ]


def resolve_ref(plan: Plan, ref: str) -> tuple[str, str]:
    """Return (kind, id) that REF names: an id, an exact name, or an unambiguous part of one.

    Ambiguous or unknown: a usage problem (exit 2) listing the candidates with their ids,
    or suggesting the closest id or name.
    """
    import difflib

    things = named_things(plan)
    wanted = ref.strip()
    for matches in (
        [x for x in things if x[1] == wanted],
        [x for x in things if x[2] == wanted],
        [x for x in things if wanted and wanted.casefold() in x[2].casefold()],
    ):
        if len(matches) == 1:
            return matches[0][0], matches[0][1]
        if matches:
            shown = [f"{ident} ({name})" for _, ident, name in matches[:MAX_CANDIDATES]]
            if len(matches) > MAX_CANDIDATES:
                shown.append("…")
            params = {"ref": ref, "candidates": ", ".join(shown)}
            raise UsageProblem(PlanError("ref_ambiguous", params))
    words = [x[1] for x in things] + [x[2] for x in things]
    close = difflib.get_close_matches(wanted, words, n=1, cutoff=0.5)
    raise UsageProblem(PlanError("ref_unknown", {"ref": ref, "hint": close[0] if close else ""}))


@app.command()
def show(
    ref: Annotated[
        str,
        typer.Argument(
            metavar="REF",
            help="A target, activity or measure: its id, its name, or an unambiguous part "
            "of its name.",
        ),
    ],
    plan: PlanOption = None,
    as_of: AsOfOption = None,
    lang: LangOption = None,
) -> None:
    """Show one target, activity or measure: its plan text, goal, records and progress.

    For a counted target, a month-by-month chart compares the cumulative actual with
    the expected line (序时进度). Reverted records are shown struck through, with the
    record that reverted them.

    Example: kexie show 海智沙龙 --as-of 2021-06-30
    """
    from kexie_plan.progress import records_about, status_report, target_history
    from kexie_plan.render import activity_view, measure_view, target_view

    ui = lang_of(lang)
    today = date.today()
    path = find_plan(plan, today)
    loaded, records = load_plan_and_records(path, ui)
    day, clamped = as_of_of(as_of, loaded, today)
    kind, ident = resolve_ref(loaded, ref)
    report = status_report(loaded, records, day, clamped=clamped)
    lines = records_about(loaded, records, ident, day)
    if kind == "target":
        status = next(t for t in report.targets if t.id == ident)
        history = target_history(loaded, records, ident, day)
        view = target_view(loaded, status, history, lines, day, ui, clamped)
    elif kind == "activity":
        status = next(a for a in report.activities if a.id == ident)
        view = activity_view(loaded, status, lines, day, ui, clamped)
    else:
        from kexie_plan.progress import measure_statuses

        standing = next(m for m in measure_statuses(loaded, records, day) if m.id == ident)
        view = measure_view(loaded, ident, report, lines, ui, standing)
    output_console().print(view)
