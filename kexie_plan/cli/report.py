"""`kexie report`: a quarter's, half-year's, month's or the year's report as a document."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from kexie_plan.cli.common import (
    AsOfOption,
    LangOption,
    PlanOption,
    UsageProblem,
    app,
    as_of_of,
    choice_of,
    find_plan,
    lang_of,
)
from kexie_plan.errors import PlanError

FORMATS = ("markdown", "html", "csv", "xlsx")
TABLES = ("targets", "activities", "records")


def write_output(path: Path, data: bytes) -> None:
    """Write the report to `path` whole: a temporary file beside it, then a rename."""
    import os
    import tempfile

    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=".kexie-report-", dir=folder)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except OSError as exc:
        params = {"path": str(path), "reason": exc.strerror or type(exc).__name__}
        raise UsageProblem(PlanError("output_unwritable", params)) from None


@app.command()
def report(
    period: Annotated[
        str,
        typer.Option(
            "--period",
            metavar="PERIOD",
            help="Q1, Q2, Q3, Q4, H1, H2, YEAR (the plan's period) or a month YYYY-MM.",
        ),
    ] = "YEAR",
    as_of: AsOfOption = None,
    output_format: Annotated[
        str, typer.Option("--format", help="markdown (default), html, csv or xlsx.")
    ] = "markdown",
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            metavar="FILE",
            help="Write the report to FILE (needed for xlsx). Default: standard output.",
        ),
    ] = None,
    table: Annotated[
        str | None,
        typer.Option(
            "--table", help="With --format csv: targets (default), activities or records."
        ),
    ] = None,
    plan: PlanOption = None,
    lang: LangOption = None,
) -> None:
    """Write the report of a period: quarter, half-year, month or the whole year.

    Figures are taken at the period's end, or at --as-of (default today) when that is
    earlier. The report has the plan's title and the period; a summary in the usual
    form (16项指标：已完成 5，达进度 4，欠进度 6，逾期 1，未开始 0); per section, each
    target's goal, its gain in the period, the cumulative actual, 完成率, the expected
    value by the period's end (序时进度) and its state; goals adjusted during the year
    beside their original; the activities held in the period and those that slipped; the
    notes recorded against measures; and an annex of every record of the period.

    --format html is one self-contained page (inline CSS and SVG charts) that prints on
    A4; xlsx is a workbook with sheets for targets, activities and records; csv is one of
    those tables (--table), UTF-8 with a BOM so that Excel reads Chinese.

    Example: kexie report --period Q2 --format html -o 2021-Q2.html
    """
    from kexie_plan.cli.status import load_plan_and_records
    from kexie_plan.report import PERIODS, period_bounds, period_report

    ui = lang_of(lang)
    fmt = choice_of("--format", output_format, FORMATS)
    if table is not None:
        choice_of("--table", table, TABLES)
        if fmt != "csv":
            raise UsageProblem(PlanError("report_table_csv_only", {}))
    if fmt == "xlsx" and output is None:
        raise UsageProblem(PlanError("report_needs_output", {"format": fmt}))
    today = date.today()
    path = find_plan(plan, today)
    loaded, records = load_plan_and_records(path, ui)
    day, _ = as_of_of(as_of, loaded, today)
    bounds = period_bounds(loaded, period)
    if bounds is None:
        raise UsageProblem(PlanError("bad_period", {"value": period}))
    if day < bounds[0]:
        params = {"value": period, "start": bounds[0].isoformat(), "as_of": day.isoformat()}
        raise UsageProblem(PlanError("period_not_started", params))
    name = period.upper() if period.upper() in PERIODS else period
    result = period_report(loaded, records, bounds[0], bounds[1], day, name)

    if fmt == "markdown":
        from kexie_plan.render.report_markdown import report_as_markdown

        data = report_as_markdown(result, loaded, ui).encode("utf-8")
    elif fmt == "html":
        from kexie_plan.render.report_html import report_as_html

        data = report_as_html(result, loaded, ui).encode("utf-8")
    elif fmt == "csv":
        from kexie_plan.render.report_csv import sheet_as_csv
        from kexie_plan.render.report_rows import report_sheets

        sheets = report_sheets(result, loaded, ui)
        data = sheet_as_csv(sheets[TABLES.index(table or "targets")]).encode("utf-8")
    else:
        from kexie_plan.render.report_rows import report_sheets, report_title
        from kexie_plan.render.report_xlsx import sheets_as_xlsx

        sheets = report_sheets(result, loaded, ui)
        data = sheets_as_xlsx(sheets, report_title(result, loaded, ui))

    if output is None:
        typer.echo(data.decode("utf-8"), nl=False)
    else:
        write_output(output, data)
