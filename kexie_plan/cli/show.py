"""`kexie show REF`: one target, activity or measure, its records and its progress over time."""

from __future__ import annotations

from typing import Annotated

import typer

from kexie_plan.cli.app import app
from kexie_plan.cli.env import Env
from kexie_plan.cli.options import AsOfOption, LangOption, PlanOption
from kexie_plan.cli.parse import ref_of


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
    from kexie_plan.progress import (
        measure_statuses,
        records_about,
        status_report,
        target_history,
    )
    from kexie_plan.render.show import activity_view, measure_view, target_view

    env = Env.create(lang, plan)
    book = env.book()
    loaded = book.plan
    day, clamped = env.as_of(as_of, loaded)
    kind, ident = ref_of(loaded, ref)
    report = status_report(loaded, book.totals, day, clamped)
    lines = records_about(loaded, book.records(), ident, day)
    if kind == "target":
        status = next(t for t in report.targets if t.id == ident)
        history = target_history(loaded, book.totals, ident, day)
        view = target_view(loaded, status, history, lines, day, env.lang, clamped)
    elif kind == "activity":
        status = next(a for a in report.activities if a.id == ident)
        view = activity_view(loaded, status, lines, day, env.lang, clamped)
    else:
        standing = next(m for m in measure_statuses(loaded, book.totals, day) if m.id == ident)
        view = measure_view(loaded, ident, report, lines, env.lang, standing)
    env.console().print(view)
