"""Plain lines for errors and warnings: `path:line:col: error: …`, JSON and GitHub forms.

Every string that may come from a user file passes through `visible`, so that control
characters, terminal escapes and bidi overrides are shown as escapes instead of acting
on the terminal. Returns strings; never prints.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable
from typing import Any

from kexie_plan.errors import PlanError
from kexie_plan.i18n import text
from kexie_plan.render.words import json_text, kind_words, visible


def _type_words(name: str, lang: str) -> str:
    return text("type." + name, lang)


def _hint_words(hint: str, lang: str) -> str:
    return text("did_you_mean", lang, name=hint) if hint else ""


def _states_words(states: str, lang: str) -> str:
    """Return target states (ids, comma-separated) as their words: 超额、达标… or exceeded, …"""
    words = [text("state." + state, lang) for state in states.split(",")]
    return ("、" if lang == "zh" else ", ").join(words)


# The parameters that hold a machine word rather than text to show as it is, by message
# code. A PlanError keeps the word itself (kind="unit", expected="integer", hint="name":
# the closest known name, or ""), the same in every language, for JSON, the ledger's
# cache and tests; `error_params` says it in the reader's language: a kind by its noun
# (KIND_WORDS), a YAML type by its words (type.*), a hint as "; did you mean 'name'?" (or
# nothing). No other parameter is translated, and `text()` translates none.
WORD_PARAMS: dict[str, tuple[str, ...]] = {
    "expected": ("expected", "got"),
    "unknown_key": ("hint",),
    "unknown_ref": ("kind", "hint"),
    "ref_unknown": ("hint",),
    "record_amount_not_target": ("kind",),
    "record_done_not_allowed": ("kind",),
    "record.amount_not_target": ("kind",),
    "bad_state": ("states", "hint"),
    "usage.no_such_option": ("hint",),
    "usage.no_such_command": ("hint",),
    "import.amount_not_target": ("kind",),
    "import.done_not_allowed": ("kind",),
}
WORDS_OF: dict[str, Callable[[str, str], str]] = {
    "kind": kind_words,
    "expected": _type_words,
    "got": _type_words,
    "hint": _hint_words,
    "states": _states_words,
}


def error_params(error: PlanError, lang: str) -> dict[str, Any]:
    """Return the error's parameters for its message in `lang`: those WORD_PARAMS lists for
    its code said in words, the others as they are."""
    params = dict(error.params)
    for name in WORD_PARAMS.get(error.code, ()):
        if name in params:
            params[name] = WORDS_OF[name](str(params[name]), lang)
    return params


def error_text(error: PlanError, lang: str) -> str:
    """Return the error's message in `lang`, as it is (for JSON)."""
    return text(error.code, lang, **error_params(error, lang))


def error_message(error: PlanError, lang: str) -> str:
    """Return the error's message in `lang`, made safe to print."""
    return visible(error_text(error, lang))


def error_place(error: PlanError) -> str:
    """Return `path:line:col` (as much of it as is known; `kexie` for no file), or
    `path:Sheet!C7` for a worksheet's cell, safe to print."""
    parts = [visible(error.path or "kexie")]
    if error.sheet is not None and error.line is not None and error.col is not None:
        return f"{parts[0]}:{visible(cell_name(error.sheet, error.line, error.col))}"
    if error.line is not None:
        parts.append(str(error.line))
        if error.col is not None:
            parts.append(str(error.col))
    return ":".join(parts)


def column_letters(col: int) -> str:
    """Return a 1-based column number as a spreadsheet names it: 1 A, 27 AA."""
    letters = ""
    while col > 0:
        col, rest = divmod(col - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def cell_name(sheet: str, row: int, col: int) -> str:
    """Return a cell as Excel names it: `填报表!C7`, or `'My sheet'!C7` when the sheet's name
    needs quotes (anything but letters, digits and _, or a leading digit)."""
    if not sheet.replace("_", "a").isalnum() or sheet[0].isdigit():
        sheet = "'" + sheet.replace("'", "''") + "'"
    return f"{sheet}!{column_letters(col)}{row}"


def error_line(error: PlanError, lang: str) -> str:
    """Return the one-line form: `path:line:col: error: message`."""
    return f"{error_place(error)}: error: {error_message(error, lang)}"


def problem_line(error: PlanError, lang: str) -> str:
    """Return `path:line:col: error: message`, or `…: warning: …` for a warning."""
    return warning_line(error, lang) if error.warning else error_line(error, lang)


def errors_as_json(errors: Iterable[PlanError], lang: str) -> str:
    """Return the problems as a JSON list of {path, line, col, message, severity}."""
    rows = [
        {
            "path": e.path,
            "line": e.line,
            "col": e.col,
            "message": error_text(e, lang),
            "severity": "warning" if e.warning else "error",
        }
        for e in errors
    ]
    return json_text(rows)


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def errors_as_github(errors: list[PlanError], lang: str) -> list[str]:
    """Return GitHub Actions `::error` (and `::warning`) annotations, then the plain lines
    fenced off.

    The annotations escape user text so none can end the line; the readable lines that
    follow are wrapped in `::stop-commands::` so no text in them can act as a command.
    """
    lines = []
    for e in errors:
        props = [f"file={_escape_property(e.path or '')}"]
        if e.line is not None:
            props.append(f"line={e.line}")
        if e.col is not None:
            props.append(f"col={e.col}")
        kind = "warning" if e.warning else "error"
        lines.append(f"::{kind} {','.join(props)}::{_escape_data(error_message(e, lang))}")
    if errors:
        fence = secrets.token_hex(16)
        lines.append(f"::stop-commands::{fence}")
        lines.extend(problem_line(e, lang) for e in errors)
        lines.append(f"::{fence}::")
    return lines


def warning_line(error: PlanError, lang: str) -> str:
    """Return the one-line warning form: `path:line:col: warning: message`."""
    return f"{error_place(error)}: warning: {error_message(error, lang)}"
