"""The progress ledger's bytes: read them (fast, reporting bad lines), append to them (safely).

The ledger (docs/format.md) holds one record per line, each a YAML flow mapping:
`- {id: 01J…, date: 2021-03-12, target: haizhi-salons, amount: 1, note: 第一期}`. The
whole file is a YAML sequence that any YAML tool reads; git merges it line by line.

Reading streams the file line by line. Lines in the form `format_record` writes take a
fast path (a regex, no YAML parser, no pydantic); anything else (a line written by
hand) goes through PyYAML's event parser. A plain (unquoted) value of a text key is
taken as written (`note: no` is the text "no", as YAML 1.2 reads it); `format_record`
quotes every value that any YAML reader might take for something else. Either way a
line becomes a `Record` or a located `PlanError`; a half-written last line is torn.

Appending takes an exclusive `flock` on the ledger, writes the whole line (or every line of
an import) with one `os.write`, and `fsync`s; it reads only the file's last byte, never
the whole file. A write that fails (disk full) is cut back off, so no torn line is left
behind.

Imports errors and model of ours; never planfile, render, cli or progress.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import errno
import json
import os
import re
import stat
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from kexie_plan.decoding import guess_encoding, looks_utf16
from kexie_plan.errors import PlanError, PlanErrors
from kexie_plan.plan import MAX_DIGITS
from kexie_plan.record import CROCKFORD, Record, base32  # noqa: F401 - CROCKFORD: ids' alphabet

MAX_LINE_BYTES = 64 * 1024
# Flags that exist on some systems only; 0 (no effect) where they do not.
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_BINARY = getattr(os, "O_BINARY", 0)  # Windows: never translate line ends

HEADER = (
    "# kexie progress ledger: one record per line, appended by `kexie record`.\n"
    "# Never edit or delete a record; correct a mistake with `kexie revert ID`.\n"
    "# 进度台账：每行一条记录，由 kexie record 追加；请勿修改或删除，更正请用 kexie revert ID。\n"
)

# Keys in the order the format (docs/format.md) writes them.
KEYS = (
    "id",
    "date",
    "target",
    "activity",
    "measure",
    "revert",
    "amount",
    "done",
    "by",
    "note",
    "evidence",
)
REFERENCE_KEYS = ("target", "activity", "measure", "revert")
TEXT_KEYS = frozenset({"id", "target", "activity", "measure", "revert", "by", "note", "evidence"})

ID_PATTERN = r"[0-9A-Za-z][0-9A-Za-z_.-]{0,63}"
_ID_RE = re.compile(ID_PATTERN + r"\Z")
_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_INT_RE = re.compile(r"-?(?:0|[1-9][0-9]*)\Z")
_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})


def ledger_path_for(plan_path: Path) -> Path:
    """Return the ledger that belongs to a plan: plans/2021.yaml → plans/2021.progress.yaml."""
    plan_path = Path(plan_path)
    stem = plan_path.name.removesuffix(".yaml").removesuffix(".yml")
    return plan_path.with_name(stem + ".progress.yaml")


def plan_path_for(ledger_path: Path) -> Path | None:
    """Return the plan a ledger belongs to, or None when the name is not `*.progress.yaml`."""
    ledger_path = Path(ledger_path)
    if not ledger_path.name.endswith(".progress.yaml"):
        return None
    return ledger_path.with_name(ledger_path.name.removesuffix(".progress.yaml") + ".yaml")


# --- ids ----------------------------------------------------------------------------


def new_record_id(now_ns: int | None = None) -> str:
    """Return a fresh record id: 10 chars of milliseconds, then 6 random chars (30 bits).

    Sorting ids sorts records by when they were made; two clones recording in the same
    millisecond still differ with odds of a billion to one, and no counter is shared.
    """
    import secrets  # only `record` and `revert` make ids

    millis = (time.time_ns() if now_ns is None else now_ns) // 1_000_000
    return base32(millis, 10) + base32(secrets.randbits(30), 6)


# --- writing ------------------------------------------------------------------------

# A string is written without quotes only when every YAML reader (1.1 and 1.2) reads it
# back as that same string: letters, digits, `_ . / -` and any printable non-ASCII
# character, not starting with `- . /`, not a boolean or null word, not number-like.
_PLAIN_TEXT_RE = re.compile(r"(?![-./])(?:[A-Za-z0-9_./-]|[^\x00-\x7f])+\Z")
_NUMBER_LIKE_RE = re.compile(r"[0-9][0-9eE._-]*\Z|0[xXoObB]")
_WORDS = frozenset({"y", "n", "yes", "no", "true", "false", "on", "off", "null"})


def is_plain_text(value: str) -> bool:
    """Return whether `value` can be written unquoted and still read back as this string."""
    return (
        _PLAIN_TEXT_RE.match(value) is not None
        and value.isprintable()
        and value.lower() not in _WORDS
        and _NUMBER_LIKE_RE.match(value) is None
    )


_SHORT_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def quote(value: str) -> str:
    """Return `value` as a double-quoted scalar that YAML 1.1, 1.2 and JSON read alike.

    Every character that is not printable (controls, escapes, bidi overrides, line
    separators) is written as an escape, so the file shows it instead of hiding it.
    """
    if value.isprintable() and '"' not in value and "\\" not in value:
        return f'"{value}"'
    out = ['"']
    for char in value:
        if char in _SHORT_ESCAPES:
            out.append(_SHORT_ESCAPES[char])
        elif char.isprintable():
            out.append(char)
        elif "\ud800" <= char <= "\udfff":
            raise ValueError("a lone surrogate cannot be written to the ledger")
        elif ord(char) <= 0xFFFF:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(f"\\U{ord(char):08x}")
    out.append('"')
    return "".join(out)


def _scalar(value: str) -> str:
    return value if is_plain_text(value) else quote(value)


def format_record(record: Record) -> str:
    """Return the record as one ledger line (with its newline), keys in the format's order."""
    parts = [f"id: {_scalar(record.id)}", f"date: {record.date.isoformat()}"]
    for key in REFERENCE_KEYS:
        value = getattr(record, key)
        if value is not None:
            parts.append(f"{key}: {_scalar(value)}")
    if record.amount is not None:
        parts.append(f"amount: {int(record.amount)}")
    if record.done:
        parts.append("done: true")
    for key in ("by", "note", "evidence"):
        value = getattr(record, key)
        if value is not None:
            parts.append(f"{key}: {_scalar(value)}")
    return "- {" + ", ".join(parts) + "}\n"


# --- reading ------------------------------------------------------------------------


@dataclass
class LedgerRead:
    """What a ledger holds: every well-formed record, and every problem, located."""

    records: list[Record] = field(default_factory=list)
    problems: list[PlanError] = field(default_factory=list)


# The fast path: `- {key: value, …}` with plain or double-quoted values, nothing else.
_LINE_RE = re.compile(r"- \{(.*)\}\Z")
# A key is plain (`id: x`, a space after the colon) or JSON's quoted (`"id": x`, `"id":x`).
_PAIR_RE = re.compile(
    r' *(?:([a-z]+): +|"([a-z]+)": *)(?:"((?:[^"\\]|\\.)*)"|([^ ,"{}\[\]]*)) *(?:,|\Z)'
)
_ESCAPE_RE = re.compile(r"\\(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|(.))")
_YAML_ESCAPES = {
    "0": "\0",
    "a": "\a",
    "b": "\b",
    "t": "\t",
    "\t": "\t",
    "n": "\n",
    "v": "\v",
    "f": "\f",
    "r": "\r",
    "e": "\x1b",
    " ": " ",
    '"': '"',
    "/": "/",
    "\\": "\\",
    "N": "\x85",
    "_": "\xa0",
    "L": "\u2028",
    "P": "\u2029",
}


class _NotFast(Exception):
    """The line is not in the writer's own form: let the YAML parser read it."""


# A plain value the fast paths take as written: no YAML indicator, no space, not null, not
# starting with `- . /`. (Anything else, such as 'single quotes', &anchors or `a b`, goes to
# the YAML parser.) The first character has its own class: cheaper than a lookahead.
_PLAIN_TOKEN = (
    r"(?!(?:null|Null|NULL)(?:[,}]|\Z))"
    r"[^\x00-\x2f\x3a-\x40\x5b-\x5e\x60\x7b-\x7f][^\x00-\x2c\x3a-\x40\x5b-\x5e\x60\x7b-\x7f]*"
)
_PLAIN_TOKEN_RE = re.compile(_PLAIN_TOKEN + r"\Z")
_QUOTED = r'"[^"\\]*(?:\\.[^"\\]*)*"'  # "…" with escapes, unrolled: no backtracking
_VALUE = r"(" + _PLAIN_TOKEN + r"|" + _QUOTED + r")"
_PLAIN_ID = r"(?!(?:null|Null|NULL),)" + ID_PATTERN
# The whole line exactly as `format_record` writes it: one regex match per record. Exactly
# one of target, activity, measure and revert, so they are one alternation.
_CANONICAL_RE = re.compile(
    r"- \{id: (" + _PLAIN_ID + r"|" + _QUOTED + r"), date: ([0-9]{4}-[0-9]{2}-[0-9]{2})"
    r", (target|activity|measure|revert): " + _VALUE + r"(?:, amount: ([1-9][0-9]{0,8}))?"
    r"(?:, done: (true))?"
    r"(?:, by: " + _VALUE + r")?(?:, note: " + _VALUE + r")?(?:, evidence: " + _VALUE + r")?"
    r"\}\Z"
)


def _text_value(value: str | None) -> str | None:
    """Return a value matched by _VALUE as text; raise _NotFast when it needs a closer look."""
    if value is None or value[0] != '"':
        return value
    body = value[1:-1]
    if "\\" not in body:
        return body
    text = _unescape(body)
    if any("\ud800" <= char <= "\udfff" for char in text):
        raise _NotFast
    return text


def _unescape(body: str) -> str:
    """Return the value of a double-quoted scalar's body (YAML escapes)."""

    def one(match: re.Match[str]) -> str:
        hex_value = match.group(1) or match.group(2) or match.group(3)
        if hex_value is not None:
            code = int(hex_value, 16)
            if code > 0x10FFFF:
                raise _NotFast
            return chr(code)
        named = _YAML_ESCAPES.get(match.group(4))
        if named is None:
            raise _NotFast
        return named

    text = _ESCAPE_RE.sub(one, body)
    if any("\ud800" <= char <= "\udfff" for char in text):
        # JSON writes a character beyond U+FFFF as a surrogate pair ("\ud83d\ude00"): one
        # character. A lone surrogate stays, and the record check refuses it.
        with contextlib.suppress(UnicodeDecodeError):
            text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le")
    return text


# A field as read: its value, the 1-based columns of value and key, and whether it was plain.
Field = tuple[str, int, int, bool]


_DATES: dict[str, dt.date] = {}  # a ledger repeats a few hundred dates a million times
_AMOUNTS = {str(n): n for n in range(1, 100)}
_intern = sys.intern


_json_loads = json.JSONDecoder().decode
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_KEY_SET = frozenset(KEYS)
_AMOUNT_LIMIT = 10**MAX_DIGITS


def _json_record(text: str, number: int) -> Record | None:
    """Return the record on a line written in JSON style (`- {"id": "p1", "date": …}`, what
    other tools write), or None for anything that needs the located reader: json.loads
    reads it at C speed, and any doubt (a duplicate key, a number that is not a positive
    9-digit integer, a lone surrogate, an unknown key …) goes the slow way, which accepts
    exactly the same lines and says where the others are wrong."""
    if not text.isprintable():  # a raw control character: YAML refuses what JSON may take
        return None
    try:
        data = _json_loads(text[2:])
    except (ValueError, RecursionError):
        return None
    # A key written twice leaves one in the dict: then the count of `":` is higher.
    if type(data) is not dict or not data.keys() <= _KEY_SET or text.count('":') != len(data):
        return None
    ident, day = data.get("id"), data.get("date")
    if type(ident) is not str or type(day) is not str or _ID_RE.match(ident) is None:
        return None
    date = _DATES.get(day)
    if date is None:
        if _DATE_RE.match(day) is None:
            return None
        try:
            date = dt.date.fromisoformat(day)
        except ValueError:
            return None
    target, activity = data.get("target"), data.get("activity")
    measure, revert = data.get("measure"), data.get("revert")
    ref = target or activity or measure or revert
    if type(ref) is not str or ((target, activity, measure, revert).count(None) != 3):
        return None
    amount, done = data.get("amount"), data.get("done")
    if done is not None and done is not True:
        return None
    if amount is not None and (type(amount) is not int or not 0 < amount < _AMOUNT_LIMIT):
        return None
    by, note, evidence = data.get("by"), data.get("note"), data.get("evidence")
    for value in (by, note, evidence):
        if value is not None and type(value) is not str:
            return None
    # Only a \u escape can give a lone surrogate (the line itself is valid UTF-8).
    if "\\u" in text and any(
        value is not None and _SURROGATE_RE.search(value)
        for value in (ident, ref, by, note, evidence)
    ):
        return None
    return Record(
        ident,
        date,
        target,
        activity,
        measure,
        revert,
        amount,
        done is True,
        by,
        note,
        evidence,
        number,
    )


def _canonical(text: str, number: int) -> Record | None:
    """Return the record on a line in the writer's exact form, or None for any other line."""
    match = _CANONICAL_RE.match(text)
    if match is None or not text.isprintable():
        return None
    ident, day, kind, ref, amount, done, by, note, evidence = match.groups()
    if '"' in text:
        try:
            ident, ref = _text_value(ident), _text_value(ref)
            by, note, evidence = _text_value(by), _text_value(note), _text_value(evidence)
        except _NotFast:
            return None
        if _ID_RE.match(ident) is None:  # type: ignore[arg-type]
            return None
    date = _DATES.get(day)
    if date is None:
        try:
            date = dt.date.fromisoformat(day)
        except ValueError:
            return None
        if len(_DATES) < 10_000:
            _DATES[day] = date
    # A million records name a few dozen targets and units: share one string for each.
    count = None if amount is None else _AMOUNTS.get(amount) or int(amount)
    if by is not None:
        by = _intern(by)
    if kind == "target":
        return Record(ident, date, _intern(ref), None, None, None, count, done is not None, by,
                      note, evidence, number)  # fmt: skip
    if kind == "activity":
        return Record(ident, date, None, _intern(ref), None, None, count, done is not None, by,
                      note, evidence, number)  # fmt: skip
    if kind == "measure":
        return Record(ident, date, None, None, _intern(ref), None, count, done is not None, by,
                      note, evidence, number)  # fmt: skip
    return Record(ident, date, None, None, None, ref, count, done is not None, by, note, evidence,
                  number)  # fmt: skip


def _fast_fields(text: str) -> dict[str, Field]:
    """Return the fields of a line in the writer's form; raise _NotFast for anything else."""
    match = _LINE_RE.match(text)
    if match is None or not text.isprintable():
        raise _NotFast
    inner, pos, end = match.group(1), 0, len(match.group(1))
    fields: dict[str, Field] = {}
    while pos < end:
        pair = _PAIR_RE.match(inner, pos)
        if pair is None:
            raise _NotFast
        plain_key, quoted_key, quoted, plain = pair.groups()
        key = plain_key or quoted_key
        if key in fields:
            raise _NotFast  # a duplicate key: let the slow path name it
        # Columns are 1-based in the whole line, which starts with the 3 characters "- {".
        key_col = pair.start(1) + 4 if plain_key else pair.start(2) + 3
        if quoted is not None:
            value = _unescape(quoted) if "\\" in quoted else quoted
            fields[key] = (value, pair.start(3) + 3, key_col, False)
        else:
            if key in TEXT_KEYS and _PLAIN_TOKEN_RE.match(plain) is None:
                raise _NotFast
            fields[key] = (plain, pair.start(4) + 4, key_col, True)
        pos = pair.end()
    return fields


def _slow_fields(text: str, shown: str, number: int) -> dict[str, Field]:
    """Return the fields of a hand-written line read by PyYAML; raise PlanErrors if it is not
    one flow mapping of single values."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    def problem(code: str, col: int | None, **params: Any) -> PlanErrors:
        return PlanErrors([PlanError(code, params, shown, number, col)])

    expected = (yaml.StreamStartEvent, yaml.DocumentStartEvent, yaml.SequenceStartEvent)
    fields: dict[str, Field] = {}
    key: tuple[str, int] | None = None
    closed = -1  # the index of the event that closed the mapping
    try:
        # Events one at a time, stopping at the first problem: a line of 30,000 nested
        # brackets is refused at its second one, not after parsing all of them.
        for index, event in enumerate(yaml.parse(text, Loader=loader)):
            col = event.start_mark.column + 1
            if getattr(event, "anchor", None) is not None or isinstance(event, yaml.AliasEvent):
                raise problem("ledger_yaml_feature", col)
            if getattr(event, "tag", None) is not None:
                raise problem("ledger_yaml_feature", col)
            if index < 3:
                if not isinstance(event, expected[index]) or getattr(event, "flow_style", False):
                    raise problem("ledger_not_record", col)
            elif index == 3:
                if not isinstance(event, yaml.MappingStartEvent) or not event.flow_style:
                    raise problem("ledger_not_record", col)
            elif closed >= 0:
                # After the mapping only the ends of the sequence, document and stream.
                if index > closed + 3:
                    raise problem("ledger_not_record", col)
            elif isinstance(event, yaml.MappingEndEvent):
                closed = index
            elif not isinstance(event, yaml.ScalarEvent):
                raise problem("ledger_not_single_value", col)
            elif key is None:
                key = (event.value, col)
            else:
                name, key_col = key
                if name in fields:
                    raise problem("ledger_duplicate_key", key_col, key=_token(name))
                plain = event.style in (None, "")  # libyaml says "", pure PyYAML None
                fields[name] = (event.value, col, key_col, plain)
                key = None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        # Past the end of this one line, PyYAML points at the start of a next one.
        col = None if mark is None else mark.column + 1 if mark.line == 0 else len(text) + 1
        raise problem("yaml_syntax", col, problem=exc.problem or exc.context or "") from None
    except yaml.reader.ReaderError as exc:
        character = f"U+{exc.character:04X}" if isinstance(exc.character, int) else "?"
        raise problem("ledger_bad_char", exc.position + 1, char=character) from None
    except yaml.YAMLError as exc:
        raise problem("yaml_syntax", None, problem=str(exc).splitlines()[0]) from None
    if closed < 0:
        raise problem("ledger_not_record", 1)
    return fields


def _token(value: object) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:40] + "…"


def _record(fields: dict[str, Field], shown: str, number: int) -> Record | PlanError:
    """Return the Record the fields describe, or the first problem with them."""

    def bad(code: str, col: int | None, **params: Any) -> PlanError:
        return PlanError(code, params, shown, number, col)

    values: dict[str, Any] = {}
    for key, (raw, col, key_col, plain) in fields.items():
        if key not in KEYS:
            close = difflib.get_close_matches(key, KEYS, n=1, cutoff=0.6)
            params = {"key": _token(key), "hint": close[0] if close else "", "allowed": ""}
            return bad("unknown_key", key_col, **params)
        if plain and raw in _NULL:
            continue
        if key == "date":
            if not _DATE_RE.match(raw):
                return bad("expected", col, expected="date", got=_kind_of(raw, plain))
            try:
                values[key] = dt.date.fromisoformat(raw)
            except ValueError:
                return bad("expected", col, expected="date", got="text")
        elif key == "amount":
            if not plain or not _INT_RE.match(raw):
                return bad("expected", col, expected="integer", got=_kind_of(raw, plain))
            if len(raw.lstrip("-")) > MAX_DIGITS:  # before int(): 5000 digits would raise
                return bad("number_too_long", col, value=_token(raw))
            if int(raw) <= 0:
                return bad("record_amount", col, value=_token(raw))
            values[key] = int(raw)
        elif key == "done":
            if not plain or raw not in _TRUE:
                if plain and raw in _FALSE:
                    return bad("record_done", col)
                return bad("expected", col, expected="boolean", got=_kind_of(raw, plain))
            values[key] = True
        else:
            if _SURROGATE_RE.search(raw):
                return bad("ledger_surrogate", col, key=key)
            if key == "id" and not _ID_RE.match(raw):
                return bad("record_id", col, value=_token(raw))
            values[key] = raw
    for key in ("id", "date"):
        if key not in values:
            return bad("missing_key", None, key=key)
    named = [key for key in REFERENCE_KEYS if key in values]
    if len(named) != 1:
        return bad("record_ref_count", None, given=", ".join(named) or "-")
    return Record(line=number, **values)


def _kind_of(raw: str, plain: bool) -> str:
    if not plain:
        return "text"
    if raw in _TRUE or raw in _FALSE:
        return "boolean"
    if _INT_RE.match(raw) or re.fullmatch(r"-?[0-9]+\.[0-9]+", raw):
        return "number"
    if _DATE_RE.match(raw):
        return "date"
    return "text"


# What git leaves in a file it could not merge: <<<<<<< ours, ||||||| base, =======, >>>>>>>.
_CONFLICT_MARKER_RE = re.compile(r"(?:<{7}|\|{7}|={7}|>{7})(?: |\Z)")


def parse_line(text: str, shown: str = "<ledger>", number: int = 0) -> Record | PlanError | None:
    """Return the record on one ledger line (no newline), a located problem, or None for a
    blank or comment line."""
    record = _canonical(text, number)
    if record is None and text.startswith('- {"'):
        record = _json_record(text, number)
    if record is not None:
        return record
    try:
        fields = _fast_fields(text)
    except _NotFast:
        stripped = text.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            return None
        if _CONFLICT_MARKER_RE.match(text):
            return PlanError("ledger_conflict_marker", {}, shown, number, 1)
        try:
            fields = _slow_fields(text, shown, number)
        except PlanErrors as exc:
            return exc.errors[0]
    return _record(fields, shown, number)


@dataclass
class Position:
    """How far a read got: the byte offset just after the last complete line, and its number."""

    offset: int = 0
    line: int = 0


def iter_ledger(
    path: Path,
    shown: str | None = None,
    *,
    containing: bytes | None = None,
    start: Position | None = None,
    reached: Position | None = None,
) -> Iterator[Record | PlanError]:
    """Yield each record of the ledger in file order, and a located problem for each bad line.

    A missing ledger yields nothing. Memory stays bounded by the longest allowed line,
    however large the file. With `containing` (bytes without a newline), only lines that
    hold them are parsed and only their records are yielded, the same records a full
    read gives (a bytes search skips the other lines; bad lines are left out; lines with a
    backslash escape are parsed too, as they may spell the needle otherwise). With
    `start`, reading begins at that line boundary instead of the top. `reached` is kept up
    to date with how far the read got.
    """
    shown = str(path) if shown is None else shown
    opened = open_ledger(path, shown)
    if opened is None:
        return
    if isinstance(opened, PlanError):
        yield opened
        return
    reached = Position() if reached is None else reached
    reached.offset, reached.line = (start.offset, start.line) if start else (0, 0)
    with opened as handle:
        if reached.offset:
            handle.seek(reached.offset)
        else:
            wrong = _wrong_whole_file(handle.read(CHUNK_BYTES), shown)
            handle.seek(0)
            if wrong is not None:
                yield wrong
                return
        yield from _lines(handle, shown, containing, reached)


def open_ledger(path: Path, shown: str) -> BinaryIO | PlanError | None:
    """Open the ledger for reading: None when there is none; a problem when it is a symbolic
    link, not a regular file (a FIFO would make a read wait forever) or unreadable."""
    if os.path.islink(path):
        return PlanError("ledger_symlink", {}, shown)
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _BINARY | _CLOEXEC)
    except FileNotFoundError:
        return None
    except OSError as exc:
        return PlanError("file_unreadable", {"reason": os_reason(exc)}, shown)
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        return PlanError("not_regular_file", {}, shown)
    return os.fdopen(fd, "rb")


def _wrong_whole_file(head: bytes, shown: str) -> PlanError | None:
    """Return the one problem of a ledger saved in a form kexie cannot read line by line:
    UTF-16 (every line would fail), or lines ending in CR alone (one endless line)."""
    if looks_utf16(head):
        return PlanError("ledger_utf16", {}, shown, 1, None)
    if b"\r" in head and b"\n" not in head and head.count(b"\r") > 1:
        return PlanError("ledger_cr_only", {}, shown, 1, None)
    return None


CHUNK_BYTES = 1024 * 1024


def _lines(
    handle: BinaryIO, shown: str, containing: bytes | None, reached: Position
) -> Iterator[Record | PlanError]:
    """Yield what each line of an open ledger holds, reading it in chunks of CHUNK_BYTES."""
    number = reached.line
    base = reached.offset  # the file offset of `pending`
    pending = b""  # the start of a line whose end is not read yet
    skipping = False  # inside a line that is too long, until its newline
    first = base == 0
    while True:
        chunk = handle.read(CHUNK_BYTES)
        if not chunk:
            break
        if first:
            first = False
            if chunk.startswith(b"\xef\xbb\xbf"):
                chunk, base = chunk[3:], base + 3
        if skipping:
            cut = chunk.find(b"\n")
            if cut < 0:
                base += len(chunk)
                continue
            chunk, skipping, base = chunk[cut + 1 :], False, base + cut + 1
            reached.offset, reached.line = base, number
        data = pending + chunk
        end = data.rfind(b"\n")
        if end < 0:
            pending = data
        elif containing is not None:
            yield from _lines_containing(data, end, containing, shown, number)
            number += data.count(b"\n", 0, end + 1)
        else:
            try:
                lines: list[str] | list[bytes] = data[:end].decode("utf-8").split("\n")
            except UnicodeDecodeError:
                lines = data[:end].split(b"\n")  # find the bad line(s) one by one
            for line in lines:
                number += 1
                if len(line) > _LONG_LINE and len(_bytes(line)) > MAX_LINE_BYTES:
                    yield PlanError(
                        "ledger_line_too_long", {"limit": MAX_LINE_BYTES}, shown, number
                    )
                    continue
                # The common case first, inline: a line as format_record wrote it.
                record = _canonical(line, number) if type(line) is str else None
                if record is None and type(line) is str and line.startswith('- {"'):
                    record = _json_record(line, number)
                if record is not None:
                    yield record
                    continue
                result = _line(line, shown, number, complete=True)
                if result is not None:
                    yield result
        if end >= 0:
            pending, base = data[end + 1 :], base + end + 1
            reached.offset, reached.line = base, number
        if len(pending) > MAX_LINE_BYTES:
            number += 1
            if containing is None:
                yield PlanError("ledger_line_too_long", {"limit": MAX_LINE_BYTES}, shown, number)
            pending, skipping, base = b"", True, base + len(pending)
    if pending and (containing is None or containing in pending or b"\\" in pending):
        result = _line(pending, shown, number + 1, complete=False)
        if result is not None:
            yield result


def _lines_containing(
    data: bytes, end: int, needle: bytes, shown: str, number: int
) -> Iterator[Record | PlanError]:
    """Yield what the lines of data[:end] that hold `needle` hold; line 1 is number + 1."""
    counted = 0  # data[:counted] holds `number - (the first line's number - 1)` newlines
    hit = _find(data, needle, 0, end)
    while hit >= 0:
        line_start = data.rfind(b"\n", 0, hit) + 1
        line_end = data.find(b"\n", hit, end + 1)
        number += data.count(b"\n", counted, line_start)
        counted = line_start
        if line_end - line_start <= MAX_LINE_BYTES:
            result = _line(data[line_start:line_end], shown, number + 1, complete=True)
            if result is not None:
                yield result
        hit = _find(data, needle, line_end + 1, end)


def _find(data: bytes, needle: bytes, start: int, end: int) -> int:
    """Return where the next line that may hold `needle` has a hit: the needle itself, or a
    backslash (a quoted value may spell the needle with escapes, "\\x68aizhi")."""
    hit = data.find(needle, start, end)
    escape = data.find(b"\\", start, end if hit < 0 else hit)
    return escape if escape >= 0 else hit


_LONG_LINE = MAX_LINE_BYTES // 4  # a shorter line cannot pass the limit in UTF-8


def _bytes(line: str | bytes) -> bytes:
    return line.encode("utf-8") if isinstance(line, str) else line


def _line(raw: str | bytes, shown: str, number: int, complete: bool) -> Record | PlanError | None:
    """Return what one line holds (without its newline); a torn line when incomplete."""
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            col = len(raw[: exc.start].decode("utf-8", "replace")) + 1
            params = {"encoding": guess_encoding(raw)}
            return PlanError("ledger_not_utf8", params, shown, number, col)
    if raw.endswith("\r"):
        raw = raw[:-1]
    result = parse_line(raw, shown, number)
    if not complete and isinstance(result, PlanError):
        return PlanError("ledger_torn", {}, shown, number, None)
    return result


def records_backwards(
    path: Path,
    shown: str,
    end: Position,
    containing: bytes | None = None,
    within: int | None = None,
) -> Iterator[Record]:
    """Yield the records of the ledger's first `end.line` lines (its first `end.offset`
    bytes), the last first, reading the file backwards a chunk at a time: the latest
    records cost a read of the file's end, however large it is. Bad lines are skipped (a
    full read reports them), and with `containing`, lines that do not hold those bytes
    (nor a backslash escape that may spell them). With `within`, reading stops once about
    that many bytes before `end.offset` were read (whole chunks: a few more lines)."""
    opened = open_ledger(path, shown)
    if opened is None or isinstance(opened, PlanError):
        return
    with opened as handle:
        position, number = end.offset, end.line
        pending = b""  # a line whose start lies before `position`, with its newline
        skipping = False  # inside a line too long to parse, until its start is found
        while position > 0 and (within is None or end.offset - position < within):
            size = min(CHUNK_BYTES, position)
            position -= size
            handle.seek(position)
            data = handle.read(size)
            if len(data) != size:
                return  # cut short under us: what it held is not known
            if skipping:
                cut = data.rfind(b"\n")
                if cut < 0 and position > 0:
                    continue
                skipping, number, data = False, number - 1, data[: cut + 1]
            parts = (data + pending).split(b"\n")[:-1]  # every part ends in a newline
            pending = b""
            if position > 0 and parts:
                pending = parts.pop(0) + b"\n"  # its start is in the chunk before
            elif parts and parts[0].startswith(b"\xef\xbb\xbf"):
                parts[0] = parts[0][3:]
            for raw in reversed(parts):
                # A line too long is no record: a full read reports it.
                wanted = containing is None or containing in raw or b"\\" in raw
                if wanted and len(raw) <= MAX_LINE_BYTES:
                    item = _line(raw, shown, number, complete=True)
                    if type(item) is Record:
                        yield item
                number -= 1
            if len(pending) > MAX_LINE_BYTES + 1:
                pending, skipping = b"", True


def read_ledger(path: Path, shown: str | None = None) -> LedgerRead:
    """Return every well-formed record of the ledger and every problem (missing file: empty)."""
    import gc

    read = LedgerRead()
    records, problems = read.records, read.problems
    # A million new records make the cyclic collector rescan them again and again (a
    # quarter of the time); records hold no cycles, so pause it while they are built.
    collecting = gc.isenabled()
    gc.disable()
    try:
        for item in iter_ledger(path, shown):
            if type(item) is Record:
                records.append(item)
            else:
                problems.append(item)  # type: ignore[arg-type]
    finally:
        if collecting:
            gc.enable()
    return read


def read_reversals(path: Path, shown: str | None = None) -> list[Record]:
    """Return the ledger's reversals, in file order, parsing only the lines that say "revert".

    The first of two passes that let `status` stream the ledger: a record's amount counts
    only when no reversal cancels it, and reversals may come anywhere. Bad lines are left
    to the full pass, which reports them.
    """
    return [
        item
        for item in iter_ledger(path, shown, containing=b"revert")
        if type(item) is Record and item.revert is not None
    ]


# --- appending ----------------------------------------------------------------------


REPLACED_RETRIES = 20  # a ledger replaced under us this many times in a row: give up


def append_record(
    path: Path,
    record: Record,
    shown: str | None = None,
    guard: Callable[[], None] | None = None,
) -> str:
    """Append the record as one line, atomically and under an exclusive lock; return the line.

    See `append_records`, which this is for one record.
    """
    return append_records(path, [record], shown, guard)[0]


def append_records(
    path: Path,
    records: Sequence[Record],
    shown: str | None = None,
    guard: Callable[[], None] | None = None,
) -> list[str]:
    """Append the records, in order, one line each, with one write under one exclusive
    lock: all of them or none. Return the lines written.

    Creates the ledger (with its header comment) when missing; refuses a symbolic link or
    anything but a regular file. After taking the lock it checks that the file it holds
    is still the file at `path` (an editor or `git checkout` may have replaced it by a
    rename while it waited); if not, it starts again on the new file, so no record goes
    into a file that is no longer the ledger. `guard`, called under the lock before
    writing, may refuse by raising (it reads the ledger as it is now). When the file does
    not end in a newline (a write was cut short), a newline goes first. A failed write
    (disk full) is cut back off, so not one of the records stays. Errors name the ledger
    as `shown` (default: the path). No records: nothing is opened or written.
    """
    from kexie_plan.platform_lock import locked

    lines = [format_record(record) for record in records]
    if not lines:
        return []
    for line in lines:
        size = len(line.encode("utf-8"))
        if size > MAX_LINE_BYTES:
            raise PlanErrors(
                [PlanError("record_too_long", {"size": size, "limit": MAX_LINE_BYTES})]
            )
    data = "".join(lines).encode("utf-8")
    shown = str(path) if shown is None else shown
    for _ in range(REPLACED_RETRIES):
        fd = _open_for_append(path, shown)
        created = False
        try:
            with locked(fd, Path(path)):
                info = os.fstat(fd)
                if not _still_the_ledger(path, info):
                    continue
                if guard is not None:
                    guard()
                created = info.st_size == 0
                _write_locked(fd, data, info.st_size, shown)
                break
        finally:
            os.close(fd)
    else:
        reason = "it was replaced again and again while kexie waited to write"
        raise PlanErrors([PlanError("ledger_unwritable", {"reason": reason}, shown)])
    if created:
        _sync_folder(path)
    return lines


def _open_for_append(path: Path, shown: str) -> int:
    """Open (or create) the ledger for appending; refuse a link, a FIFO, a device."""
    if os.path.islink(path):
        raise PlanErrors([PlanError("ledger_symlink", {}, shown)])
    flags = os.O_RDWR | os.O_APPEND | os.O_CREAT | _CLOEXEC | _NOFOLLOW | _NONBLOCK
    try:
        fd = os.open(path, flags | _BINARY, 0o666)  # the umask decides: 0644 typically
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise PlanErrors([PlanError("ledger_symlink", {}, shown)]) from None
        raise PlanErrors(
            [PlanError("ledger_unwritable", {"reason": os_reason(exc)}, shown)]
        ) from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise PlanErrors([PlanError("not_regular_file", {}, shown)])
    return fd


def _still_the_ledger(path: Path, held: os.stat_result) -> bool:
    """Return whether the open file is still the one at `path` (not renamed over)."""
    try:
        now = os.stat(path, follow_symlinks=False)
    except OSError:
        return False
    return (now.st_ino, now.st_dev) == (held.st_ino, held.st_dev)


def _write_locked(fd: int, data: bytes, size: int, shown: str) -> None:
    """Write the lines (after the header into an empty ledger, after a newline after a torn
    line), whole, and fsync; on failure cut the file back to `size`."""
    if size == 0:
        data = HEADER.encode("utf-8") + data
    else:
        os.lseek(fd, size - 1, os.SEEK_SET)  # os.pread does not exist on Windows
        if os.read(fd, 1) != b"\n":
            data = b"\n" + data
    try:
        written = os.write(fd, data)
        if written != len(data):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        os.fsync(fd)
    except OSError as exc:
        _take_back(fd, size)
        raise PlanErrors(
            [PlanError("ledger_unwritable", {"reason": os_reason(exc)}, shown)]
        ) from None


def os_reason(exc: OSError) -> str:
    """Return why an OS call failed, in words: "file too large" for EFBIG (not "no space"),
    else the system's own words."""
    if exc.errno == errno.EFBIG:
        return "the file would be larger than the file system or a quota allows"
    return exc.strerror or type(exc).__name__


def _take_back(fd: int, size: int) -> None:
    """Cut the ledger back to `size` bytes after a failed write (disk full): nothing of the
    record stays behind, not even a torn line. Still under the lock; best effort."""
    try:
        os.ftruncate(fd, size)
        os.fsync(fd)
    except OSError:
        pass


def _sync_folder(path: Path) -> None:
    """Make a newly created ledger's directory entry durable (best effort)."""
    try:
        fd = os.open(Path(path).parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
