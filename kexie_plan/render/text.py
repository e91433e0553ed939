"""Plain lines for errors and warnings: `path:line:col: error: …`, JSON and GitHub forms.

Every string that may come from a user file passes through `visible`, so that control
characters, terminal escapes and bidi overrides are shown as escapes instead of acting
on the terminal. Returns strings; never prints.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from kexie_plan.errors import PlanError
from kexie_plan.i18n import text
from kexie_plan.render.words import json_text, visible


def error_message(error: PlanError, lang: str) -> str:
    """Return the error's message in `lang`, made safe to print."""
    return visible(text(error.code, lang, **error.params))


def error_place(error: PlanError) -> str:
    """Return `path:line:col` (as much of it as is known; `kexie` for no file), safe to print."""
    parts = [visible(error.path or "kexie")]
    if error.line is not None:
        parts.append(str(error.line))
        if error.col is not None:
            parts.append(str(error.col))
    return ":".join(parts)


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
            "message": text(e.code, lang, **e.params),
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
