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
        typer.Option(
            "--format",
            help="table (default), text (a message for WeChat, 企业微信 or 钉钉), markdown "
            "(a message for a chat or e-mail that renders Markdown) or json.",
        ),
    ] = "table",
    output: opt.OutputOption = None,
    lang: opt.LangOption = None,
) -> None:
    """List the units to chase, with what for: each unit that owns or co-owns a target
    that is behind, overdue, or due within N days and not met; or an activity that is
    overdue, or not held and planned to start within N days; and each unit with work in
    the plan that has recorded nothing (records with `by` set to it) in the last N days.

    Needs `units` in the plan, and owners (owner, co_owners) on measures, targets or
    activities. What needs attention but names no unit is counted at the end.
    --format text gives plain text ready to paste into 企业微信, 钉钉 or WeChat (which show
    Markdown as it is typed); --format markdown a message for chats and e-mail that render
    Markdown.

    Example: kexie remind --days 14 --as-of 2021-06-30 --format text
    """
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
