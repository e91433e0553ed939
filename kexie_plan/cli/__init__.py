"""The command line: one file per command, all registered on the one Typer `app`.

The only package that reads the environment and the clock, prints, and exits. `main`
is the one boundary that maps outcomes to exit codes: 0 ok, 1 invalid files, 2 usage,
3 a bug in kexie. Heavy imports (pydantic, rich) happen inside commands, so `--help`
stays fast.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated, NoReturn

import typer

from kexie_plan import __version__
from kexie_plan.cli import (  # noqa: F401 - registers the commands
    activities,
    diff,
    draft,
    init,
    log,
    measures,
    new_year,
    record,
    remind,
    report,
    revert,
    schema,
    show,
    status,
    validate,
)
from kexie_plan.cli.common import (
    EXIT_BUG,
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    USAGE_CODES,
    UsageProblem,
    app,
    chosen_lang,
)
from kexie_plan.errors import PlanErrors
from kexie_plan.i18n import choose_lang, text

__all__ = ["app", "main"]


@app.callback(invoke_without_command=True)
def _root(
    version: Annotated[bool, typer.Option("--version", help="Show the version and exit.")] = False,
) -> None:
    if version:
        typer.echo(f"kexie {__version__}")
        raise typer.Exit(EXIT_OK)


def main() -> None:
    """Run the CLI inside the one error boundary that maps outcomes to exit codes."""
    try:
        app(prog_name="kexie")
    except SystemExit:
        raise
    except BaseException:
        lang = chosen_lang.get("lang") or choose_lang(None)
        _report(lang)


def _report(lang: str) -> NoReturn:
    """Print the exception being handled as one line and exit with its code."""
    from kexie_plan.render import error_line, visible

    try:
        raise
    except UsageProblem as exc:
        sys.stderr.write(error_line(exc.error, lang) + "\n")
        raise SystemExit(EXIT_USAGE) from None
    except PlanErrors as exc:
        for error in exc.errors:
            sys.stderr.write(error_line(error, lang) + "\n")
        usage_only = all(e.code in USAGE_CODES for e in exc.errors)
        raise SystemExit(EXIT_USAGE if usage_only else EXIT_INVALID) from None
    except KeyboardInterrupt:
        raise SystemExit(130) from None
    except BrokenPipeError:
        raise SystemExit(EXIT_OK) from None
    except Exception as exc:
        if os.environ.get("KEXIE_DEBUG") == "1":
            import traceback

            traceback.print_exc()
        detail = visible(f"{type(exc).__name__}: {exc}".splitlines()[0])
        message = text("internal_error", lang, detail=detail)
        sys.stderr.write(f"{message} ({text('debug_hint', lang)})\n")
        raise SystemExit(EXIT_BUG) from None
