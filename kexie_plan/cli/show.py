"""`kexie show REF`: one target, activity or measure, its records and its progress over time."""

from __future__ import annotations

from typing import Annotated

import typer

from kexie_plan.cli.app import app
from kexie_plan.cli.env import Env
from kexie_plan.cli.options import AsOfOption, LangOption, PlanOption
from kexie_plan.cli.parse import ref_of

# The records `show` lists: the latest ones (kexie log REF lists them all). A target with
# 400,000 records is shown in the time and memory of one with 50.
SHOWN_RECORDS = 50


@app.command()
def show(
    ref: Annotated[str, typer.Argument(metavar="REF")],
    plan: PlanOption = None,
    as_of: AsOfOption = None,
    lang: LangOption = None,
) -> None:
    from kexie_plan.progress import (
        latest_about,
        measure_statuses,
        status_report,
        subjects_of,
        target_history,
    )
    from kexie_plan.render.show import activity_view, measure_view, target_view

    env = Env.create(lang, plan)
    book = env.book()
    loaded = book.plan
    day, clamped = env.as_of(as_of, loaded)
    kind, ident = ref_of(loaded, ref)
    report = status_report(loaded, book.totals, day, clamped)
    about = book.records_about(subjects_of(loaded, kind, ident))
    lines = latest_about(loaded, book.totals, about, kind, ident, day, SHOWN_RECORDS)
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
