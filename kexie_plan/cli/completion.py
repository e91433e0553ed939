"""`kexie completion SHELL`: the script that makes bash, zsh, fish or PowerShell complete
kexie's words on Tab; and `complete`, which answers each Tab.

On Tab the shell runs `kexie` with $_KEXIE_COMPLETE set (typer's protocol: complete_bash,
complete_zsh, complete_fish, complete_powershell, with the words typed so far in
$COMP_WORDS or $_TYPER_COMPLETE_ARGS). `cli.main` then calls `complete`, which gives
each parameter its completer by the parameter's name, wherever it is declared (a REF,
--by, --owner, --section, --only, --format, --lang, revert's ID …), and lets typer's
shell classes print the candidates. It runs on every Tab, so it reads the plan from the
plan cache and never the ledger, except for revert's record ids (the latest records,
read backwards from the ledger's end). It prints candidates and nothing else: a plan
that cannot be read gives none.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kexie_plan.cli import options as opt
from kexie_plan.cli.app import app
from kexie_plan.cli.parse import choice_of

if TYPE_CHECKING:
    from kexie_plan.cli.env import Env

COMPLETE_VAR = "_KEXIE_COMPLETE"
SHELLS = ("bash", "zsh", "fish", "powershell")
# Each command's --format values, as its `emit` knows them (a test holds them equal).
FORMATS = {
    "activities": ("table", "json", "csv", "markdown", "ics"),
    "diff": ("table", "markdown", "json"),
    "log": ("table", "json", "csv"),
    "measures": ("table", "json", "csv", "markdown"),
    "remind": ("table", "text", "markdown", "json"),
    "report": ("markdown", "html", "docx", "csv", "xlsx"),
    "status": ("table", "json", "csv", "markdown"),
    "validate": ("text", "github", "json"),
}
RECORD_IDS = 30  # the latest standing records revert's ID offers
# A candidate a shell would split or expand (a space, a quote, parentheses, a glob …) is
# offered by its id instead of its name.
_SHELL_SPECIAL = r"[\s\"'\\$`()<>|&;*?\[\]{}!#~=:]"

# The PowerShell script: typer's protocol, without typer's installer (which sets the
# execution policy to Unrestricted and rebinds Tab). Python writes UTF-8 and PowerShell
# reads it as such, on a console whose code page is GBK too; the settings it changes are
# put back after each Tab. A candidate with a space is quoted.
POWERSHELL_SCRIPT = """\
# kexie: complete REFs, units, record ids, states and formats on Tab.
Register-ArgumentCompleter -Native -CommandName kexie -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)
    $savedEncoding = [Console]::OutputEncoding
    $savedPythonEncoding = $Env:PYTHONIOENCODING
    try {
        [Console]::OutputEncoding = [System.Text.Encoding]::UTF8
        $Env:PYTHONIOENCODING = "utf-8"
        $Env:_KEXIE_COMPLETE = "complete_powershell"
        $Env:_TYPER_COMPLETE_ARGS = $commandAst.ToString()
        $Env:_TYPER_COMPLETE_WORD_TO_COMPLETE = $wordToComplete
        kexie | ForEach-Object {
            $value, $help = $_ -split ":::", 2
            if (-not $help -or -not $help.Trim()) { $help = $value }
            $text = $value
            if ($value -match "\\s") { $text = "'" + $value.Replace("'", "''") + "'" }
            [System.Management.Automation.CompletionResult]::new(
                $text, $value, 'ParameterValue', $help)
        }
    } finally {
        [Console]::OutputEncoding = $savedEncoding
        $Env:PYTHONIOENCODING = $savedPythonEncoding
        Remove-Item Env:_KEXIE_COMPLETE, Env:_TYPER_COMPLETE_ARGS, `
            Env:_TYPER_COMPLETE_WORD_TO_COMPLETE -ErrorAction SilentlyContinue
    }
}
"""


@app.command()
def completion(
    shell: Annotated[str, typer.Argument(metavar="SHELL")],
    lang: opt.LangOption = None,
) -> None:
    from kexie_plan.cli.env import lang_of

    lang_of(lang)  # the language of a refusal
    name = "powershell" if shell.strip().lower() == "pwsh" else shell.strip().lower()
    choice_of("SHELL", name, SHELLS)
    if name == "powershell":
        typer.echo(POWERSHELL_SCRIPT, nl=False)
        return
    from typer.completion import get_completion_script

    script = get_completion_script(prog_name="kexie", complete_var=COMPLETE_VAR, shell=name)
    typer.echo(script)


def complete(instruction: str) -> int:
    """Print the candidates for the word being completed (the shell and the words typed so
    far are in the environment, per `instruction`); return the exit code."""
    import typer.main
    from typer.completion import completion_init, shell_complete

    from kexie_plan.cli.env import current

    current.clear()  # the language is that of the words typed (--lang), else the default's
    completion_init()  # typer's shell classes: their output is what the scripts read
    command = typer.main.get_command(app)
    commands = [("", command), *getattr(command, "commands", {}).items()]
    for name, each in commands:
        for param in each.params:
            completer = _completer(name, param)
            if completer is not None:
                param._custom_shell_complete = completer  # click's shell_complete=
    return shell_complete(command, {}, "kexie", COMPLETE_VAR, instruction)


# --- the completers ------------------------------------------------------------------------

Completer = Callable[[Any, Any, str], list[Any]]


def _completer(command: str, param: Any) -> Completer | None:
    """Return the completer of a command's parameter, by the parameter's name."""
    from typer.models import TyperPath

    name = param.name
    if isinstance(param.type, TyperPath):
        return _files
    if name == "ref":
        return _quiet(_refs)
    if name in ("by", "owner"):
        return _quiet(_units)
    if name == "section":
        return _quiet(_sections)
    if name == "only":
        return _quiet(_states)
    if name == "record_id":
        return _quiet(_record_ids)
    if name in ("date_", "as_of", "since", "until"):
        return _quiet(_days)
    if name == "output_format" and command in FORMATS:
        return _words(FORMATS[command])
    if name == "lang":
        return _words(("zh", "en"))
    if name == "shell":
        return _words(SHELLS)
    if name == "group":
        return _words(("owner",))
    if name == "table":
        return _words(("targets", "activities", "records"))
    if name == "period":
        return _quiet(_periods)
    return None


def _quiet(completer: Completer) -> Completer:
    """Return the completer made silent: on a Tab, anything that goes wrong (a plan that
    cannot be read, a bad --plan or --lang typed before) means no candidates, never a
    message inside the command line being typed. KEXIE_DEBUG=1 lets it through."""

    def quiet(ctx: Any, param: Any, incomplete: str) -> list[Any]:
        try:
            return completer(ctx, param, incomplete)
        except Exception:
            if os.environ.get("KEXIE_DEBUG") == "1":
                raise
            return []

    return quiet


def _files(ctx: Any, param: Any, incomplete: str) -> list[Any]:
    """No candidates: each shell then completes file names itself."""
    return []


def _words(words: Iterable[str]) -> Completer:
    """Return a completer offering fixed words."""

    def offer(ctx: Any, param: Any, incomplete: str) -> list[Any]:
        return [_item(w) for w in words if w.startswith(incomplete.strip().lower())]

    return offer


def _item(value: str, help: str | None = None) -> Any:
    from typer._click.shell_completion import CompletionItem

    return CompletionItem(value, help=help)


def _env(ctx: Any) -> Env:
    """Return the Env of the command line being completed: its --plan and --lang."""
    from kexie_plan.cli.env import Env

    plan = lang = None
    while ctx is not None:
        plan = plan or ctx.params.get("plan")
        lang = lang or ctx.params.get("lang")
        ctx = ctx.parent
    return Env.create(lang, plan)


def _plain(word: str) -> bool:
    """Return whether a shell takes the word as it is (no quoting needed)."""
    return not re.search(_SHELL_SPECIAL, word)


def _named(things: Iterable[tuple[str, str, str]], incomplete: str) -> list[Any]:
    """Return the candidates among (id, name, help) triples: ids starting with what was
    typed (ignoring case), else names holding it; a name a shell would split is offered
    by its id."""
    typed = incomplete.strip().casefold()
    found = []
    for ident, name, help in things:
        if typed and ident.startswith(typed):
            found.append(_item(ident, name))
        elif typed in name.casefold():
            found.append(_item(name, help) if _plain(name) else _item(ident, name))
    return found


def _refs(ctx: Any, param: Any, incomplete: str) -> list[Any]:
    """Targets, activities and measures: ids, and names (as a REF takes part of one)."""
    from kexie_plan.render.words import kind_words

    env = _env(ctx)
    plan = env.plan()
    return _named(
        ((i, n, f"{kind_words(k, env.lang)} {i}") for k, i, n in plan.things()), incomplete
    )


def _units(ctx: Any, param: Any, incomplete: str) -> list[Any]:
    """The plan's units: ids and names."""
    plan = _env(ctx).plan()
    return _named(((u.id, u.name, u.id) for u in plan.units), incomplete)


def _sections(ctx: Any, param: Any, incomplete: str) -> list[Any]:
    """The plan's sections, by id (their titles as help)."""
    plan = _env(ctx).plan()
    typed = incomplete.strip().casefold()
    return [_item(s.id, s.title) for s in plan.sections if s.id.startswith(typed)]


def _states(ctx: Any, param: Any, incomplete: str) -> list[Any]:
    """Target states for --only, in English and in Chinese; after a comma, the next one."""
    from kexie_plan.i18n import text
    from kexie_plan.states import TargetState

    lang = _env(ctx).lang
    done, _, typed = incomplete.rpartition(",")
    before = f"{done}," if done else ""
    found = []
    for state in TargetState:
        english, chinese = state.value, text(state.words_key(False), "zh")
        for word in (english, chinese):
            if word.startswith(typed.strip()):
                found.append(_item(before + word, text(state.words_key(False), lang)))
    return found


def _record_ids(ctx: Any, param: Any, incomplete: str) -> list[Any]:
    """The ids of the latest records revert can cancel (standing, not reversals), the
    latest first; those that start with what was typed (as typed, else in capitals)."""
    from kexie_plan.render.log import record_summary

    env = _env(ctx)
    book = env.book(warn=False)
    typed = incomplete.strip()
    for needle in dict.fromkeys((typed, typed.upper())):
        found = []
        for r in book.standing_latest_first(needle.encode("utf-8", "surrogatepass") or None):
            if r.id.startswith(needle):
                found.append(_item(r.id, record_summary(book.plan, r, env.lang)))
                if len(found) >= RECORD_IDS:
                    break
        if found:
            return found
    return []


def _days(ctx: Any, param: Any, incomplete: str) -> list[Any]:
    """今天, 昨天, 前天 and their English words, with the day each names."""
    from datetime import timedelta

    from kexie_plan.cli.parse import RELATIVE_DAYS

    today = _env(ctx).today
    typed = incomplete.strip().lower()
    return [
        _item(word, (today - timedelta(days=back)).isoformat())
        for word, back in RELATIVE_DAYS.items()
        if word.startswith(typed)
    ]


def _periods(ctx: Any, param: Any, incomplete: str) -> list[Any]:
    """Report periods: Q1-Q4, H1, H2, YEAR and the plan's months."""
    from kexie_plan.report import PERIODS

    span = _env(ctx).plan().span
    months = []
    year, month = span.start.year, span.start.month
    while (year, month) <= (span.end.year, span.end.month):
        months.append(f"{year}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    typed = incomplete.strip().upper()
    return [_item(p) for p in (*PERIODS, *months) if p.startswith(typed)]
