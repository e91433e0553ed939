"""The command line: one file per command, all registered on the one Typer `app`.

The only package that reads the environment and the clock (through `env.Env`), prints,
and exits. `main` is the one boundary that maps outcomes to exit codes (`ExitStatus`):
0 ok, 1 invalid files, 2 usage, 3 a bug in kexie, 4 declined at a prompt. Heavy imports
(pydantic, rich) happen inside commands, so that `--help` stays fast. No command imports
another; what several share lives in app, env, helptext, options, parse, output and
recording. The help and Click's own messages speak the run's language (helptext).
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import NoReturn

from kexie_plan.cli import (  # noqa: F401 - registers the commands
    activities,
    completion,
    config,
    diff,
    draft,
    imports,
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
    template,
    validate,
)
from kexie_plan.cli.app import app
from kexie_plan.cli.env import current, lang_of_command_line
from kexie_plan.cli.output import fence
from kexie_plan.errors import ExitStatus, PlanError, PlanErrors, UsageProblem, exit_status
from kexie_plan.i18n import text

__all__ = ["app", "main"]


def main() -> None:
    """Run the CLI inside the one error boundary that maps outcomes to exit codes (and,
    in GitHub Actions, inside the fence that keeps its output from acting as commands).

    The language is decided before click parses anything, so that the help and Click's
    own messages speak it too; each command decides it again the same way (env.lang_of).
    When a shell asks on Tab ($_KEXIE_COMPLETE), it prints the completions instead."""
    _tolerant_streams()
    instruction = os.environ.get(completion.COMPLETE_VAR)
    fence.start()
    args = sys.argv[1:]
    current.clear()  # one run's language is not the next's (tests run many in one process)
    lang = lang_of_command_line(args)
    try:
        if instruction:
            raise SystemExit(completion.complete(instruction))
        _run(args, lang)
    except SystemExit:
        raise
    except BaseException:
        _report(current.get("lang") or lang)
    finally:
        fence.stop()


def _run(args: list[str], lang: str) -> NoReturn:
    """Run the command line with the help in `lang`; Click's refusals become usage problems."""
    import typer

    from kexie_plan.cli.helptext import click, command_tree, usage_error

    command = command_tree(app, lang)
    try:
        # args=None: click reads sys.argv itself, and on Windows expands wildcards in it
        result = command.main(None, prog_name="kexie", standalone_mode=False)
    except click.exceptions.NoArgsIsHelpError as exc:  # `kexie` alone: the help, on stderr
        sys.stderr.write(exc.format_message() + "\n")
        raise SystemExit(ExitStatus.USAGE) from None
    except click.exceptions.UsageError as exc:
        raise UsageProblem(usage_error(exc, command, args)) from None
    except click.exceptions.ClickException as exc:
        params = {"problem": exc.format_message(), "command": "kexie"}
        raise UsageProblem(PlanError("usage.other", params)) from None
    except typer.Abort:  # the input ended at a prompt: as good as no
        sys.stderr.write(text("usage.aborted", current.get("lang") or lang) + "\n")
        raise SystemExit(ExitStatus.DECLINED) from None
    raise SystemExit(result if isinstance(result, int) else ExitStatus.OK)


def _tolerant_streams() -> None:
    """Let text that the console's encoding cannot hold (GBK on a Chinese Windows, an emoji
    in a name) come out as an escape instead of an exception. UTF-8 streams are left as
    they are; the formats written as bytes (JSON, CSV, Markdown …) are always UTF-8."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            with contextlib.suppress(ValueError, OSError):
                stream.reconfigure(errors="backslashreplace")


def _report(lang: str) -> NoReturn:
    """Print the exception being handled as one line and exit with its code."""
    from kexie_plan.render.text import error_line
    from kexie_plan.render.words import visible

    try:
        raise
    except UsageProblem as exc:
        sys.stderr.write(error_line(exc.error, lang) + "\n")
        raise SystemExit(ExitStatus.USAGE) from None
    except PlanErrors as exc:
        for error in exc.errors:
            sys.stderr.write(error_line(error, lang) + "\n")
        raise SystemExit(exit_status(exc.errors)) from None
    except KeyboardInterrupt:
        raise SystemExit(ExitStatus.INTERRUPTED) from None
    except BrokenPipeError:
        raise SystemExit(ExitStatus.OK) from None
    except Exception as exc:
        if os.environ.get("KEXIE_DEBUG") == "1":
            import traceback

            traceback.print_exc()
        detail = visible(f"{type(exc).__name__}: {exc}".splitlines()[0])
        message = text("internal_error", lang, detail=detail)
        sys.stderr.write(f"{message} ({text('debug_hint', lang)})\n")
        raise SystemExit(ExitStatus.BUG) from None
