"""The one user-facing error type.

A `PlanError` names a problem in a user's file (or a usage problem) by a message code
and its parameters, plus where it is. The words live in `i18n`; this module imports
nothing of ours, so every layer can raise or collect it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import IntEnum
from typing import Any


@dataclass(frozen=True)
class PlanError:
    """One located problem: `code` names the message, `params` fill it in."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)
    path: str | None = None
    line: int | None = None  # 1-based
    col: int | None = None  # 1-based
    # Where in the document, before it is placed: ("targets", 3, "goal"). Pure checks
    # set it; the loader turns it into line and column.
    loc: tuple[Any, ...] = ()
    at_key: bool = False  # point at the key rather than its value
    other: tuple[Any, ...] | None = None  # a second place the message names (first definition)
    # A warning, not an error: something to look at that leaves the files valid (two
    # clones said the same thing twice, and a merge kept both). It counts once.
    warning: bool = False
    # A worksheet: then line and col are a cell's row and column, and the place is shown
    # as Excel names a cell (`file:Sheet!C7`). None for any other file.
    sheet: str | None = None

    def at(self, path: str | None, line: int | None, col: int | None) -> PlanError:
        """Return a copy of this error placed at path:line:col."""
        return replace(self, path=path, line=line, col=col)

    def sort_key(self) -> tuple[str, int, int]:
        """Return the key that orders errors by file, then position."""
        return (self.path or "", self.line or 0, self.col or 0)


class PlanErrors(Exception):
    """Raised by loaders when a file is invalid; carries every problem found."""

    def __init__(self, errors: list[PlanError]):
        super().__init__(f"{len(errors)} error(s)")
        self.errors = errors


# The most of one argument a usage message quotes: a 100 KB argument is not echoed back.
ARGUMENT_SHOWN = 200
# Parameters that are kexie's own lists (the choices, the matching names), never clipped.
OWN_PARAMS = frozenset({"allowed", "candidates"})


def clipped(value: Any) -> Any:
    """Return `value` as a message may quote it: text longer than ARGUMENT_SHOWN is cut,
    with the count of characters left out."""
    if isinstance(value, str) and len(value) > ARGUMENT_SHOWN:
        return f"{value[:ARGUMENT_SHOWN]}…(+{len(value) - ARGUMENT_SHOWN})"
    return value


class UsageProblem(Exception):
    """How kexie was called is wrong (an option, a REF, a missing file): one line, exit 2.
    The arguments it quotes are clipped (`clipped`)."""

    def __init__(self, error: PlanError):
        super().__init__(error.code)
        params = {k: v if k in OWN_PARAMS else clipped(v) for k, v in error.params.items()}
        self.error = replace(error, params=params)


class ExitStatus(IntEnum):
    """What a run's exit code says, the same for every command."""

    OK = 0  # done; warnings may have been printed
    INVALID = 1  # a file is invalid (validate), or --strict found warnings
    USAGE = 2  # how kexie was called: a bad option, an unknown REF, a missing file
    BUG = 3  # kexie itself failed: one line `internal error: …`
    DECLINED = 4  # the user answered no at a prompt: nothing was written
    INTERRUPTED = 130  # Ctrl-C


# Problems with how kexie was called (exit 2), as opposed to problems inside a file (exit 1).
USAGE_CODES = frozenset(
    {
        "file_missing",
        "file_unreadable",
        "not_regular_file",
        "bad_config",
        "bad_lang",
        # the ledger cannot be written (read-only, disk full) or a record is too long to write
        "ledger_unwritable",
        "record_too_long",
        "output_unwritable",
        "output_is_input",
    }
)


def exit_status(errors: list[PlanError]) -> ExitStatus:
    """Return the exit status for these problems: usage when each is about how kexie was
    called, invalid when any is about a file's content, ok when there are none."""
    if not errors:
        return ExitStatus.OK
    if all(e.code in USAGE_CODES for e in errors):
        return ExitStatus.USAGE
    return ExitStatus.INVALID
