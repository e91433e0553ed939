"""Every command's help, and Click's own words, in the run's language.

The texts live in the catalogue (i18n, blocks `help` and `Click's words`), not in the
command files: a command declares its parameters with no `help=` and no docstring, and
`command_tree(app, lang)` builds the click command tree from the Typer app and writes into
it, before click reads anything:

- each command's help from `help.COMMAND` (its first paragraph is also the summary that
  `kexie --help` lists), each parameter's from `help.COMMAND.KEY`, else `help.opt.KEY`
  (`help_code` says which; KEY is an option's long name or an argument's name);
- the layout's words (Usage, Options, [OPTIONS] …) through `Formatter`, which also wraps
  Chinese (a line may break between two Chinese characters, never before a closing
  punctuation mark) and measures it in terminal columns (a Chinese character takes two).

`usage_error` turns what Click refuses (an unknown option, a missing argument …) into a
`PlanError` (one line `kexie: error: …`, exit 2) in the same words. Click's exceptions
are read by their class and attributes; the two that carry only a message (an unknown
command, extra arguments) by its stable start, and anything else keeps Click's message.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from typer.core import TyperGroup

from kexie_plan.errors import PlanError
from kexie_plan.i18n import MESSAGES, NO_LINE_END, NO_LINE_START, text

if TYPE_CHECKING:
    import typer


def _click() -> Any:
    """Return the click that Typer uses: its own copy (typer._click, from 0.26 on) or the
    click package (before); both have the core, exceptions and formatting modules."""
    import typer.core

    return getattr(typer.core, "_click", None) or typer.core.click


click = _click()

ROOT = "kexie"  # the code of the root command: help.kexie, help.kexie.version
HEADINGS = {
    "Arguments": "help.heading.arguments",
    "Positional arguments": "help.heading.arguments",  # click 8.5 names them so
    "Options": "help.heading.options",
    "Commands": "help.heading.commands",
}
# Typer appends "  [required]" to a required parameter's help (and "[default: …]", which
# no kexie parameter shows: its help says the default in words).
REQUIRED = "  [required]"


def command_tree(app: typer.Typer, lang: str) -> Any:
    """Return the click command tree of the app, its help and words in `lang`.

    Each command is built when it is first asked for (`LazyGroup`): Typer reads every
    command's signature to build it (about 1 ms each), and a run needs one of them."""
    import typer.main

    registered = app.registered_commands
    app.registered_commands = []  # the root alone: its options and callback
    try:
        root = typer.main.get_command(app)
    finally:
        app.registered_commands = registered
    root.__class__ = LazyGroup
    root.pending = {info.name or typer.main.get_command_name(info.callback.__name__): info
                    for info in registered}  # fmt: skip
    root.lang = lang
    root.build = lambda info: typer.main.get_command_from_info(
        info,
        pretty_exceptions_short=app.pretty_exceptions_short,
        rich_markup_mode=app.rich_markup_mode,
    )
    apply_help(root, lang)
    return root


class LazyGroup(TyperGroup):
    """The root group, whose commands are built (and given their help) when asked for."""

    pending: dict[str, Any]
    lang: str
    build: Any

    def list_commands(self, ctx: Any) -> list[str]:
        return sorted({*self.commands, *self.pending})

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        info = self.pending.pop(cmd_name, None)
        if info is not None:
            command = self.build(info)
            self.commands[cmd_name] = command
            names = self.context_settings.get("help_option_names", ["--help"])
            _apply(command, (cmd_name,), self.lang, names)
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """List the commands with their summaries, as Typer does, without building them:
        `kexie --help` reads each summary from the catalogue (the first paragraph of
        help.COMMAND, the short help `_apply` gives a built command)."""
        rows = []
        for name in self.list_commands(ctx):
            built, info = self.commands.get(name), self.pending.get(name)
            if built is not None and not built.hidden:
                rows.append((name, built.get_short_help_str()))
            elif built is None and info is not None and not info.hidden:
                code = command_code((name,))
                summary = summary_of(text(code, self.lang)) if code in MESSAGES else ""
                rows.append((name, inspect.cleandoc(summary).strip()))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def commands(root: Any) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Yield (path, command) for the root and every command below it; the root's path is ()."""
    yield (), root
    if isinstance(root, TyperGroup):
        for name in root.list_commands(None):
            for path, command in commands(root.get_command(None, name)):
                yield (name, *path), command


def summary_of(help_text: str) -> str:
    """Return a command's summary, the line `kexie --help` lists: its help's first paragraph."""
    return help_text.split("\n\n")[0]


def command_code(path: tuple[str, ...]) -> str:
    """Return the catalogue code of a command's help: help.status, help.new_year, help.kexie."""
    return "help." + ("_".join(path).replace("-", "_") if path else ROOT)


def param_key(param: Any) -> str:
    """Return a parameter's key: its long option name, else its first one, else (for an
    argument) its name; with _ for -."""
    if param.param_type_name == "option":
        names = [o for o in param.opts if o.startswith("--")] or param.opts
        return names[0].lstrip("-").replace("-", "_")
    return (param.name or "").replace("-", "_")


def help_code(path: tuple[str, ...], param: Any) -> str | None:
    """Return the code of a parameter's help: the command's own, else the shared one; None
    when the catalogue has neither."""
    key = param_key(param)
    for code in (f"{command_code(path)}.{key}", f"help.opt.{key}"):
        if code in MESSAGES:
            return code
    return None


def help_option(command: Any, names: Sequence[str]) -> Any:
    """Return the command's -h/--help option (click makes it when first asked, once)."""
    return command.get_help_option(command.context_class(command, help_option_names=list(names)))


def apply_help(root: Any, lang: str) -> None:
    """Write the catalogue's help in `lang` into every command and parameter of the tree,
    and make its help speak `lang`. A text the catalogue lacks is left as Typer made it
    (tests/test_help.py makes sure there is none)."""
    names = root.context_settings.get("help_option_names", ["--help"])
    if isinstance(root, LazyGroup):
        _apply(root, (), lang, names)  # the others when they are built
        return
    for path, command in commands(root):
        _apply(command, path, lang, names)


def _apply(command: Any, path: tuple[str, ...], lang: str, names: Sequence[str]) -> None:
    """Write the catalogue's help in `lang` into one command and its parameters."""
    code = command_code(path)
    if code in MESSAGES:
        command.help = text(code, lang)
        command.short_help = summary_of(command.help)
    command.context_class = speaking(command.context_class, lang)
    command.options_metavar = text("help.options_metavar", lang)
    if isinstance(command, TyperGroup):
        command.subcommand_metavar = text("help.subcommand_metavar", lang)
    for param in [*command.params, help_option(command, names)]:
        if param is None:
            continue
        param.show_default = False
        found = help_code(path, param)
        if found is not None:
            param.help = text(found, lang)


# --- the layout ---------------------------------------------------------------------------


def columns(words: str) -> int:
    """Return how many terminal columns `words` take: two for a wide (CJK) character."""
    from unicodedata import east_asian_width

    return len(words) + sum(1 for c in words if not c.isascii() and east_asian_width(c) in "WF")


def _pieces(line: str) -> list[tuple[str, bool, int]]:
    """Return the line as the pieces a line break may separate, each with whether a space
    came before it and its width in columns: words, and single wide characters with their
    punctuation."""
    from unicodedata import east_asian_width

    pieces: list[list] = []  # [text, space before, columns, ends wide]
    space = False
    for char in line:
        if char == " ":
            space = True
            continue
        wide = not char.isascii() and east_asian_width(char) in "WF"
        last = pieces[-1] if pieces else None
        if (
            last is not None
            and not space
            and (char in NO_LINE_START or last[0][-1] in NO_LINE_END or not (wide or last[3]))
        ):
            last[0] += char
            last[2] += 2 if wide else 1
            last[3] = wide
        else:
            pieces.append([char, space, 2 if wide else 1, wide])
        space = False
    return [(piece, before, width) for piece, before, width, _ in pieces]


def wrap(words: str, width: int, first: str = "", rest: str = "") -> str:
    """Return `words` filled into lines of at most `width` columns (a piece longer than
    that gets a line of its own), the first line starting with `first`, the others with
    `rest`. A newline in `words` is kept; no line ends in a space."""
    lines: list[str] = []
    for given in words.split("\n"):
        line = first if not lines else rest
        used, empty = columns(line), True
        for piece, space, size in _pieces(given):
            gap = " " if space and not empty else ""
            if not empty and used + len(gap) + size > width:
                lines.append(line)
                line, used, gap = rest, columns(rest), ""
            line += gap + piece
            used += len(gap) + size
            empty = False
        lines.append(line.rstrip())
    return "\n".join(lines)


class Formatter(click.formatting.HelpFormatter):
    """Click's help formatter, in `lang`'s words, wrapping by terminal columns."""

    lang = "en"

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        head = f"{text('help.usage', self.lang) if prefix is None else prefix}{prog} "
        self.write(wrap(args, self.width, head, " " * columns(head)) + "\n")

    def write_heading(self, heading: str) -> None:
        code = HEADINGS.get(heading)
        words = text(code, self.lang) if code else heading
        line = text("help.heading", self.lang, heading=words)
        self.write(f"{'':>{self.current_indent}}{line}\n")

    def write_text(self, words: str) -> None:
        indent = " " * self.current_indent
        paragraphs = words.strip("\n").split("\n\n")
        self.write("\n\n".join(wrap(p, self.width, indent, indent) for p in paragraphs) + "\n")

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        rows = list(rows)
        first = min(max((columns(term) for term, _ in rows), default=0), col_max) + col_spacing
        indent = " " * (first + self.current_indent)
        for term, definition in rows:
            if definition.endswith(REQUIRED):
                definition = f"{definition[: -len(REQUIRED)]}  {text('help.required', self.lang)}"
            self.write(f"{'':>{self.current_indent}}{term}")
            if not definition:
                self.write("\n")
                continue
            if columns(term) <= first - col_spacing:
                self.write(" " * (first - columns(term)))
            else:
                self.write("\n" + indent)
            lines = wrap(definition, max(self.width - first - 2, 10)).split("\n")
            self.write(
                "\n".join([lines[0], *(indent + line if line else "" for line in lines[1:])])
            )
            self.write("\n")


_SPEAKING: dict[tuple[type, str], type] = {}


def speaking(context_class: type, lang: str) -> type:
    """Return the context class whose help speaks `lang` (made once per class and language)."""
    if getattr(context_class, "speaks", None) is not None:
        context_class = context_class.__bases__[0]
    key = (context_class, lang)
    if key not in _SPEAKING:
        formatter = type(f"Formatter_{lang}", (Formatter,), {"lang": lang})
        attributes = {"formatter_class": formatter, "speaks": lang}
        _SPEAKING[key] = type(f"Context_{lang}", (context_class,), attributes)
    return _SPEAKING[key]


# --- Click's usage errors -----------------------------------------------------------------

_NO_SUCH_COMMAND = re.compile(r"No such command (['\"])(?P<name>.*?)\1")
_EXTRA = re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((?P<args>.*)\)$", re.S)


def _named(param: Any) -> str:
    """Return how an error names a parameter: 'REF', '--from' (as Click does, without what
    some Typer versions add)."""
    if param is None:
        return "?"
    if param.param_type_name == "option":
        return " / ".join(f"'{name}'" for name in param.opts)
    return f"'{param.metavar or (param.name or '').upper()}'"


def usage_error(exc: Any, root: Any, args: Sequence[str]) -> PlanError:
    """Return the PlanError that says what Click refused, in the catalogue's words; it
    names the command whose help to read (when Click does not say which, the first of the
    root's commands on the command line `args`)."""
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        path = ctx.command_path
    else:
        named = [arg for arg in args if arg in getattr(root, "commands", {})]
        path = f"{ROOT} {named[0]}" if named else ROOT
    where = {"command": path}
    message = exc.message
    errors = click.exceptions
    if isinstance(exc, errors.NoSuchOption):
        hint = exc.possibilities[0] if exc.possibilities else ""  # the closest first
        return PlanError("usage.no_such_option", {"option": exc.option_name, "hint": hint, **where})
    if isinstance(exc, errors.MissingParameter):
        argument = getattr(exc.param, "param_type_name", "") == "argument"
        code = "usage.missing_argument" if argument else "usage.missing_option"
        return PlanError(code, {"name": _named(exc.param), **where})
    if isinstance(exc, errors.BadOptionUsage):
        code = "usage.takes_no_value" if "does not take" in message else "usage.needs_value"
        return PlanError(code, {"option": exc.option_name, **where})
    if isinstance(exc, errors.BadParameter):
        return PlanError(
            "usage.bad_value", {"name": _named(exc.param), "problem": message, **where}
        )
    found = _NO_SUCH_COMMAND.match(message)
    if found and ctx is not None and isinstance(ctx.command, TyperGroup):
        import difflib

        name = found["name"]
        close = difflib.get_close_matches(name, ctx.command.list_commands(ctx), n=1)
        return PlanError(
            "usage.no_such_command", {"name": name, "hint": close[0] if close else "", **where}
        )
    found = _EXTRA.match(message)
    if found:
        extra = found["args"]
        return PlanError(
            "usage.extra_arguments", {"args": extra, "count": len(extra.split()), **where}
        )
    return PlanError("usage.other", {"problem": message, **where})
