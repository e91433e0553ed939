"""`kexie log [REF]`: the ledger's records, filtered; reverted records are marked as such."""

from __future__ import annotations

import os
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
        str | None,
        typer.Option(
            "--since", metavar="DATE", help="Records on or after DATE (2021-04-01, 4/1, 4月1日 …)."
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--until", metavar="DATE", help="Records on or before DATE (2021-06-30, 昨天 …)."
        ),
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", help="table (default), json or csv.")
    ] = "table",
    output: opt.OutputOption = None,
    no_pager: Annotated[
        bool, typer.Option("--no-pager", help="On a terminal, print everything at once.")
    ] = False,
    plan: opt.PlanOption = None,
    lang: opt.LangOption = None,
) -> None:
    """List the ledger's records in the order they were recorded; reverted records are
    marked, reversals listed.

    A target's records include those of the activities that count toward it, and the
    reversals of every record listed. On a terminal a long list goes through a pager
    (less, or $KEXIE_PAGER / $PAGER; --no-pager prints it all); in a pipe every record
    is one line. Records stream past: a million are listed in seconds.

    Example: kexie log 海智沙龙 --since 2021-04-01 --format csv
    """
    from kexie_plan.progress import log_rows
    from kexie_plan.render.log import log_as_data, log_lines, log_sheet
    from kexie_plan.render.words import json_stream

    env = Env.create(lang, plan)
    book = env.book()
    loaded = book.plan
    about = None if ref is None else ref_of(loaded, ref)
    reporting = reporter_of(loaded, by)
    since_day = date.min if since is None else date_of("--since", since, env.today, loaded)
    until_day = date.max if until is None else date_of("--until", until, env.today, loaded)
    rows = log_rows(loaded, book.totals, book.records(), about, reporting, since_day, until_day)
    console = env.console()
    terminal = console.is_terminal
    width = console.width if terminal or os.environ.get("COLUMNS") else None
    dim = ("\x1b[2m", "\x1b[0m") if terminal and console.color_system else ("", "")
    emit(
        env,
        output_format,
        {
            "table": lambda: log_lines(loaded, book.totals, rows, env.lang, width, dim),
            "json": lambda: json_stream(log_as_data(rows)),
            "csv": lambda: log_sheet(rows),
        },
        output,
        paged=not no_pager,
    )
