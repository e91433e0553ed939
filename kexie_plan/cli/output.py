"""Where every command's result goes: the terminal, standard output, or -o FILE.

A command picks its format and hands `emit` what the view made for it: a Rich renderable
(printed to the terminal, or as plain text into a file), text, JSON values, a `Sheet`
(CSV, through the one CSV writer) or bytes (a workbook). A file is written whole (a
temporary file beside it, then a rename), and never over a file kexie reads.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from kexie_plan.cli.env import Env, shown_path
from kexie_plan.cli.parse import choice_of
from kexie_plan.errors import PlanError, UsageProblem


def emit(
    env: Env,
    fmt: str,
    views: Mapping[str, Callable[[], Any]],
    output: Path | None = None,
) -> None:
    """Make the view for `fmt` (one of `views`' keys) and send it where it goes."""
    from kexie_plan.render.sheet import Sheet, sheet_as_csv
    from kexie_plan.render.words import json_text

    choice_of("--format", fmt, tuple(views))
    value = views[fmt]()
    if isinstance(value, Sheet):
        value = sheet_as_csv(value)
    elif isinstance(value, dict | list):
        value = json_text(value) + "\n"
    if isinstance(value, str):
        value = value.encode("utf-8")
    if isinstance(value, bytes):
        if output is None:
            write_stdout(value)
        else:
            write_output(output, value)
        return
    if output is None:
        env.console().print(value)
    else:
        write_output(output, rendered_text(value).encode("utf-8"))


def write_stdout(data: bytes) -> None:
    """Write bytes to standard output as they are (no newline translation)."""
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:  # a test's captured text stream
        sys.stdout.write(data.decode("utf-8"))
    else:
        sys.stdout.flush()
        stream.write(data)
        stream.flush()


def rendered_text(value: Any, width: int = 100) -> str:
    """Return a Rich renderable as plain text, `width` columns wide."""
    import io

    from rich.console import Console

    out = io.StringIO()
    Console(file=out, width=width, highlight=False, emoji=False, markup=False).print(value)
    return out.getvalue()


def write_output(path: Path, data: bytes) -> None:
    """Write `data` to `path` whole: a temporary file beside it, then a rename."""
    import tempfile

    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=".kexie-", dir=folder)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        params = {"path": shown_path(path), "reason": exc.strerror or type(exc).__name__}
        raise UsageProblem(PlanError("output_unwritable", params)) from None
