"""`kexie report`: a quarter's, half-year's, month's or the year's report as a document."""

from __future__ import annotations

from typing import Annotated

import typer

from kexie_plan.cli import options as opt
from kexie_plan.cli.app import app
from kexie_plan.cli.env import Env
from kexie_plan.cli.output import emit
from kexie_plan.cli.parse import choice_of
from kexie_plan.errors import PlanError, UsageProblem

TABLES = ("targets", "activities", "records")
ANNEX_ROWS = 1000  # the records (and measure notes) a Markdown or HTML report lists


@app.command()
def report(
    period: Annotated[str, typer.Option("--period", metavar="PERIOD")] = "YEAR",
    as_of: opt.AsOfOption = None,
    output_format: opt.FormatOption = "markdown",
    output: opt.OutputOption = None,
    table: Annotated[str | None, typer.Option("--table", metavar="TABLE")] = None,
    plan: opt.PlanOption = None,
    lang: opt.LangOption = None,
) -> None:
    from kexie_plan.render import report_docx, report_html, report_markdown, report_rows
    from kexie_plan.render.sheet import sheets_as_xlsx
    from kexie_plan.report import PERIODS, period_bounds, period_records, period_report

    env = Env.create(lang, plan)
    if table is not None:
        choice_of("--table", table, TABLES)
        if output_format != "csv":
            raise UsageProblem(PlanError("report.table_csv_only", {}))
    if output_format in ("xlsx", "docx") and output is None:
        raise UsageProblem(PlanError("report.needs_output", {"format": output_format}))
    book = env.book()
    loaded = book.plan
    day, _ = env.as_of(as_of, loaded)
    bounds = period_bounds(loaded, period)
    if bounds is None:
        raise UsageProblem(PlanError("bad_period", {"value": period}))
    if day < bounds[0]:
        params = {"value": period, "start": bounds[0].isoformat(), "as_of": day.isoformat()}
        raise UsageProblem(PlanError("report.period_not_started", params))
    name = period.upper() if period.upper() in PERIODS else period
    start, end = bounds
    # A document lists the first ANNEX_ROWS records and notes by date and counts the rest;
    # a spreadsheet gets every record of the period, streamed (the ledger is read once
    # either way).
    document = output_format in ("markdown", "html", "docx")
    records = book.records() if document else ()
    result = period_report(loaded, book.totals, records, start, end, day, name, ANNEX_ROWS)
    ui = env.lang

    def letterhead() -> report_docx.Letterhead:
        settings = env.report_settings()
        signature = settings.get("signature")
        signed = settings.get("date", env.today if signature else None)
        return report_docx.Letterhead(settings.get("number"), signature, signed)

    def sheets() -> list:
        entries = period_records(loaded, book.totals, book.records(), start, min(end, day))
        return report_rows.report_sheets(result, loaded, ui, entries)

    emit(
        env,
        output_format,
        {
            "markdown": lambda: report_markdown.report_as_markdown(result, loaded, ui),
            "html": lambda: report_html.report_as_html(result, loaded, ui),
            "docx": lambda: report_docx.report_as_docx(result, loaded, ui, letterhead()),
            "csv": lambda: sheets()[TABLES.index(table or "targets")],
            "xlsx": lambda: sheets_as_xlsx(sheets(), report_rows.report_title(result, loaded, ui)),
        },
        output,
    )
