"""`kexie log [REF]`: the ledger's records, filtered; reverted records are marked as such."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from kexie_plan.cli.common import (
    LangOption,
    PlanOption,
    app,
    choice_of,
    date_of,
    find_plan,
    lang_of,
    output_console,
    read_ledger_and_warn,
)
from kexie_plan.cli.record import ByOption, reporter
from kexie_plan.i18n import text

FORMATS = ("table", "json", "csv")


@app.command()
def log(
    ref: Annotated[
        str | None,
        typer.Argument(
            metavar="REF", help="Only this target, activity or measure (id or part of its name)."
        ),
    ] = None,
    by: ByOption = None,
    since: Annotated[
        str | None, typer.Option("--since", metavar="YYYY-MM-DD", help="Records on or after.")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", metavar="YYYY-MM-DD", help="Records on or before.")
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", help="table (default), json or csv.")
    ] = "table",
    plan: PlanOption = None,
    lang: LangOption = None,
) -> None:
    """List the ledger's records by date; reverted records are marked, reversals listed.

    A target's records include those of the activities that count toward it.

    Example: kexie log 海智沙龙 --since 2021-04-01 --format csv
    """
    import json

    from kexie_plan.cli.show import resolve_ref
    from kexie_plan.ledger import ledger_path_for
    from kexie_plan.planfile import load_plan
    from kexie_plan.progress import log_rows
    from kexie_plan.render import _json_safe
    from kexie_plan.render.log import log_as_csv, log_as_data, log_table

    ui = lang_of(lang)
    choice_of("--format", output_format, FORMATS)
    plan_path = find_plan(plan)
    loaded = load_plan(plan_path)
    about = None if ref is None else resolve_ref(loaded, ref)
    reporting = reporter(loaded, by)
    since_day = date_of("--since", since, date.min)
    until_day = date_of("--until", until, date.max)
    ledger = ledger_path_for(plan_path)
    records, _ = read_ledger_and_warn(ledger, ui, loaded)
    rows = log_rows(loaded, records, about, reporting, since_day, until_day)
    if output_format == "json":
        typer.echo(_json_safe(json.dumps(log_as_data(rows), ensure_ascii=False, indent=2)))
    elif output_format == "csv":
        typer.echo(log_as_csv(rows), nl=False)
    elif not rows:
        typer.echo(text("log.empty", ui))
    else:
        output_console().print(log_table(loaded, rows, records, ui))
