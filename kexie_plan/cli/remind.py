"""`kexie remind`: the units to chase, and for what."""

from __future__ import annotations

from typing import Annotated

import typer

from kexie_plan.cli import options as opt
from kexie_plan.cli.app import app
from kexie_plan.cli.env import Env, shown_path
from kexie_plan.cli.output import emit
from kexie_plan.cli.parse import days_of

DEFAULT_DAYS = 30


@app.command()
def remind(
    plan: opt.PlanOption = None,
    as_of: opt.AsOfOption = None,
    days: Annotated[str | None, typer.Option("--days", metavar="N")] = None,
    output_format: opt.FormatOption = "table",
    output: opt.OutputOption = None,
    lang: opt.LangOption = None,
) -> None:
    from kexie_plan.progress import status_report
    from kexie_plan.render import units as view
    from kexie_plan.units import reminders

    env = Env.create(lang, plan)
    within = days_of("--days", days)
    book = env.book()
    day, clamped = env.as_of(as_of, book.plan)
    standing = status_report(book.plan, book.totals, day, clamped)
    found = reminders(book.plan, standing, book.totals, DEFAULT_DAYS if within is None else within)
    path = shown_path(book.plan_path)
    ui = env.lang
    emit(
        env,
        output_format,
        {
            "table": lambda: view.reminders_view(found, book.plan, ui),
            "text": lambda: view.reminders_as_text(found, book.plan, ui),
            "markdown": lambda: view.reminders_as_markdown(found, book.plan, ui),
            "json": lambda: view.reminders_as_json(found, book.plan, path),
        },
        output,
    )
