"""The Typer app every command registers on, and the options before the command."""

from __future__ import annotations

from typing import Annotated

import typer

from kexie_plan import __version__
from kexie_plan.cli.env import current, lang_of
from kexie_plan.errors import ExitStatus

app = typer.Typer(
    name="kexie",
    help=(
        "kexie: track a yearly work plan (targets, measures, activities) kept as YAML in git.\n\n"
        "科协年度工作计划跟踪工具：目标、措施、重大活动。"
    ),
    no_args_is_help=True,
    # Not typer's --install-completion / --show-completion (they would cost no start-up
    # time: measured): its PowerShell installer sets the execution policy to Unrestricted
    # and rebinds Tab, and its words are English only. `kexie completion SHELL` prints
    # the scripts (cli/completion.py); each Tab is answered there too.
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback(invoke_without_command=True)
def _root(
    version: Annotated[bool, typer.Option("--version", help="Show the version and exit.")] = False,
    lang: Annotated[
        str | None,
        typer.Option("--lang", help="zh or en, for every command that follows."),
    ] = None,
) -> None:
    current.clear()  # one run's language is not the next's (tests run many in one process)
    if lang is not None:
        lang_of(lang)
    if version:
        typer.echo(f"kexie {__version__}")
        raise typer.Exit(ExitStatus.OK)
