"""`kexie log [REF]`: the ledger's records, filtered; reverted records are marked as such."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from kexie_plan.cli import options as opt
from kexie_plan.cli.app import app
from kexie_plan.cli.env import Env
from kexie_plan.cli.output import emit
from kexie_plan.cli.parse import date_of, ref_of, reporter_of


@app.command()
def log(
    ref: Annotated[
        str | None,
        typer.Argument(
            metavar="REF", help="Only this target, activity or measure (id or part of its name)."
        ),
    ] = None,
    by: opt.ByOption = None,
    since: Annotated[
        str | None, typer.Option("--since", metavar="YYYY-MM-DD", help="Records on or after.")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", metavar="YYYY-MM-DD", help="Records on or before.")
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", help="table (default), json or csv.")
    ] = "table",
    output: opt.OutputOption = None,
    plan: opt.PlanOption = None,
    lang: opt.LangOption = None,
) -> None:
    """List the ledger's records by date; reverted records are marked, reversals listed.

    A target's records include those of the activities that count toward it.

    Example: kexie log 海智沙龙 --since 2021-04-01 --format csv
    """
    from kexie_plan.progress import log_rows
    from kexie_plan.render.log import log_as_data, log_sheet, log_table

    env = Env.create(lang, plan)
    book = env.book()
    loaded = book.plan
    about = None if ref is None else ref_of(loaded, ref)
    reporting = reporter_of(loaded, by)
    since_day = date.min if since is None else date_of("--since", since, env.today, loaded)
    until_day = date.max if until is None else date_of("--until", until, env.today, loaded)
    records = list(book.records())
    rows = log_rows(loaded, records, about, reporting, since_day, until_day)
    emit(
        env,
        output_format,
        {
            "table": lambda: (
                log_table(loaded, rows, records, env.lang) if rows else env.say("log.empty") + "\n"
            ),
            "json": lambda: log_as_data(rows),
            "csv": lambda: log_sheet(rows),
        },
        output,
    )
