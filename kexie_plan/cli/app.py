"""The Typer app every command registers on, the options before the command, and the
command class for commands whose arguments may look like options (a negative amount).

Help texts are not here, nor in the command files: they are the catalogue's (i18n), and
`cli.helptext` writes them into the command tree in the run's language.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any

import typer
from typer.core import TyperCommand

from kexie_plan import __version__
from kexie_plan.cli.env import current, lang_of
from kexie_plan.errors import ExitStatus

app = typer.Typer(
    name="kexie",
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
    ctx: typer.Context,
    version: Annotated[bool, typer.Option("--version")] = False,
    lang: Annotated[str | None, typer.Option("--lang", metavar="zh|en")] = None,
) -> None:
    current.clear()  # one run's language is not the next's (tests run many in one process)
    if lang is not None:
        lang_of(lang)
    if version:
        typer.echo(f"kexie {__version__}")
        raise typer.Exit(ExitStatus.OK)
    if ctx.invoked_subcommand is None:  # `kexie --lang zh`: as `kexie` alone, the help
        from kexie_plan.cli.helptext import click

        raise click.exceptions.NoArgsIsHelpError(ctx)


def negative_numbers_last(args: Sequence[str], params: Sequence[Any]) -> list[str]:
    """Return the command line with every token that looks like a negative number (-1,
    -2.5) moved behind a `--`, so that it reaches the arguments (and kexie's own refusal)
    instead of being taken for an unknown option. The value of an option stays with it."""
    takes_value = {
        name
        for param in params
        if getattr(param, "param_type_name", "") == "option" and not param.is_flag
        for name in param.opts
    }
    kept: list[str] = []
    numbers: list[str] = []
    at = 0
    while at < len(args) and args[at] != "--":
        token = args[at]
        if token in takes_value:
            kept += args[at : at + 2]
            at += 2
            continue
        looks_negative = token[:1] == "-" and token[1:2].isdecimal()
        (numbers if looks_negative else kept).append(token)
        at += 1
    if not numbers:
        return list(args)
    return [*kept, "--", *numbers, *args[at + 1 :]]


class NegativeNumbers(TyperCommand):
    """A command whose arguments take numbers: `kexie record 科普 -1` reaches AMOUNT, whose
    check refuses it in kexie's words, instead of Click's "no such option: -1"."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        return super().parse_args(ctx, negative_numbers_last(args, self.get_params(ctx)))
