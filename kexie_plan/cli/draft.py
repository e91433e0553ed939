"""`kexie draft`: a draft plan from the year's 工作意见 / 工作要点 document."""

from __future__ import annotations

import contextlib
import os
import re
import sys
from pathlib import Path
from typing import Annotated

import typer

from kexie_plan.cli.app import app
from kexie_plan.cli.env import Env, shown_path
from kexie_plan.cli.options import LangOption
from kexie_plan.cli.output import refuse_inputs, write_output, write_stdout
from kexie_plan.errors import PlanError, PlanErrors, UsageProblem


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

    Exit 0 with a draft; 1 when the document holds no plan (or no year); 2 when it
    cannot be read (missing, over 2 MiB of text, not a document) or FILE exists (without
    --force). FILE's folder is made when it does not exist.

    Example: kexie draft 2022年工作要点.docx -o plans/2022.yaml
    """
    from kexie_plan.documents import read_document
    from kexie_plan.draft import parse
    from kexie_plan.planfile import MAX_PLAN_BYTES, load_plan_text
    from kexie_plan.render.draft import Source, draft_yaml, summary_lines
    from kexie_plan.render.words import visible

    env = Env.create(lang)
    ui = env.lang
    shown = shown_path(document)
    target = visible(shown_path(output)) if output is not None else None
    reads: dict[str, Path] = {}
    if output is not None:
        # What -o may never replace: the document, the ledger of the plan kexie finds here
        # and kexie.toml. Not the plan itself: drafting into the plan `kexie init` made is
        # how a year starts (--force replaces it).
        reads = {"input.document": document}
        reads.update((what, path) for what, path in env.inputs().items() if what != "input.plan")
        refuse_inputs(output, env, reads)
        if os.path.lexists(output) and not force:
            raise UsageProblem(PlanError("draft.would_overwrite", {"path": target}))
    try:
        read = read_document(document, shown)
    except PlanErrors as exc:
        raise UsageProblem(exc.errors[0]) from None
    hint = None
    if output is not None and re.fullmatch(r"[0-9]{4}\.yaml", output.name):
        hint = int(output.name[:4])
    plan = parse(read.lines, year_hint=hint)
    if plan.overflow is not None:
        code, limit = plan.overflow
        raise UsageProblem(PlanError(code, {"limit": limit}, shown))
    if plan.is_empty:
        raise PlanErrors([PlanError("draft.no_plan", {}, shown)])
    if plan.year is None:
        raise PlanErrors([PlanError("draft.no_year", {}, shown)])
    source = Source(shown, read.format, read.encoding, read.places, read.place_word)
    body = draft_yaml(plan, source, ui)
    size = len(body.encode("utf-8"))
    if size > MAX_PLAN_BYTES:  # kexie validate would refuse to read it
        params = {"size": size, "limit": MAX_PLAN_BYTES}
        raise UsageProblem(PlanError("draft.plan_too_large", params, shown))
    try:
        load_plan_text(body, target or "<stdout>")
        invalid: list[PlanError] = []
    except PlanErrors as exc:  # never seen; the draft is still worth keeping, so say so
        invalid = exc.errors
    if output is None:
        write_stdout(body.encode("utf-8"))
    else:
        made = _make_folders(output, target or "")
        try:
            # Written whole (a temporary file, then a rename), never through a symbolic
            # link nor over what the run reads; LF line ends on every platform.
            write_output(output, body.encode("utf-8"), env, reads)
        except UsageProblem:
            for folder in reversed(made):  # nothing is left behind
                with contextlib.suppress(OSError):
                    folder.rmdir()
            raise
    # The summary comes once the draft is out, so that a failure to write is the one line.
    for line in summary_lines(plan, source, ui, target):
        sys.stderr.write(line + "\n")
    if invalid:
        raise PlanErrors(invalid)


def _make_folders(output: Path, shown: str) -> list[Path]:
    """Make the folders `output` goes into (plans/ in a new repository) when they are
    missing; return those made, outermost first."""
    from kexie_plan.ledger import os_reason

    made: list[Path] = []
    try:
        for folder in reversed(output.parents):
            if str(folder) != "." and not folder.is_dir():
                folder.mkdir()
                made.append(folder)
    except OSError as exc:
        for folder in reversed(made):
            with contextlib.suppress(OSError):
                folder.rmdir()
        params = {"path": shown, "reason": os_reason(exc)}
        raise UsageProblem(PlanError("output_unwritable", params)) from None
    return made
