"""`kexie draft`: a draft plan from the year's 工作意见 / 工作要点 document."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from kexie_plan.cli.common import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    LangOption,
    app,
    lang_of,
    shown_path,
)
from kexie_plan.errors import PlanError, PlanErrors
from kexie_plan.i18n import text


def _fail(error: PlanError, lang: str, code: int) -> NoReturn:
    """Print one error line and exit with `code`."""
    from kexie_plan.render import error_line

    sys.stderr.write(error_line(error, lang) + "\n")
    raise typer.Exit(code)


@app.command("draft")
def draft(
    document: Annotated[
        Path,
        typer.Argument(
            metavar="DOCUMENT",
            help="The year's work plan: plain text (UTF-8 or GB18030), .docx, or a saved "
            "web page (.html).",
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output", metavar="FILE", help="Write the draft here. Default: stdout."
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace FILE when it exists.")] = False,
    lang: LangOption = None,
) -> None:
    """Draft a plan from the year's 工作意见 / 工作要点 document, for a person to review.

    Reads the title (year, org), 指导思想, the targets of 二、工作目标 (举办3-5场…,
    …2所以上, 不少于8家; one-off deliverables as milestones), the (一)(二)… sections of
    三、主要工作措施 with their 一是/二是… measures and every sentence as a task, and the
    count of 四、重大活动安排. Each entry says which line it came from (# source:), and
    each guess is marked # review:. Nothing the document does not say is invented: no
    owners, no due dates, no months. What it found, guessed and could not place goes
    to stderr.

    Exit 0 with a draft; 1 when the document holds no plan; 2 when it cannot be read
    (missing, over 2 MiB of text, not a document) or FILE exists (without --force).

    Example: kexie draft 2022年工作要点.docx -o plans/2022.yaml
    """
    from kexie_plan.documents import read_document
    from kexie_plan.draft import parse
    from kexie_plan.planfile import MAX_PLAN_BYTES, load_plan_text
    from kexie_plan.render import error_line
    from kexie_plan.render.draft import Source, draft_yaml, summary_lines

    ui = lang_of(lang)
    shown = shown_path(document)
    target = shown_path(output) if output is not None else None
    if output is not None and output.exists() and not force:
        _fail(PlanError("draft.would_overwrite", {"path": target}), ui, EXIT_USAGE)
    try:
        read = read_document(document, shown)
    except PlanErrors as exc:
        _fail(exc.errors[0], ui, EXIT_USAGE)
    hint = None
    if output is not None and re.fullmatch(r"[0-9]{4}\.yaml", output.name):
        hint = int(output.name[:4])
    plan = parse(read.lines, year_hint=hint)
    if plan.overflow is not None:
        what, limit = plan.overflow
        params = {"what": text(f"draft.what.{what}", ui), "limit": limit}
        _fail(PlanError("draft.too_many", params, shown), ui, EXIT_USAGE)
    if plan.is_empty:
        _fail(PlanError("draft.no_plan", {}, shown), ui, EXIT_INVALID)
    if plan.year is None:
        _fail(PlanError("draft.no_year", {}, shown), ui, EXIT_INVALID)
    source = Source(shown, read.format, read.encoding, read.places, read.place_word)
    body = draft_yaml(plan, source, ui)
    size = len(body.encode("utf-8"))
    if size > MAX_PLAN_BYTES:  # kexie validate would refuse to read it
        params = {"size": size, "limit": MAX_PLAN_BYTES}
        _fail(PlanError("draft.plan_too_large", params, shown), ui, EXIT_USAGE)
    for line in summary_lines(plan, source, ui, target):
        sys.stderr.write(line + "\n")
    try:
        load_plan_text(body, target or "<stdout>")
        invalid: list[PlanError] = []
    except PlanErrors as exc:  # never seen; the draft is still worth keeping, so say so
        invalid = exc.errors
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(body.encode("utf-8"))
        sys.stdout.buffer.flush()
    else:
        _write(output, target or "", body, force, ui)
    for error in invalid:
        sys.stderr.write(error_line(error, ui) + "\n")
    raise typer.Exit(EXIT_INVALID if invalid else EXIT_OK)


def _write(output: Path, target: str, body: str, force: bool, ui: str) -> None:
    """Write the draft to `output` (a new file unless `force`), UTF-8 with LF line ends."""
    from kexie_plan.render import visible

    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        with open(output, "w" if force else "x", encoding="utf-8", newline="\n") as out:
            out.write(body)
    except FileExistsError:
        _fail(PlanError("draft.would_overwrite", {"path": target}), ui, EXIT_USAGE)
    except OSError as exc:
        params = {"path": target, "reason": exc.strerror or str(exc)}
        _fail(PlanError("draft.cannot_write", params), ui, EXIT_USAGE)
    sys.stderr.write(text("draft.wrote", ui, path=visible(target)) + "\n")
