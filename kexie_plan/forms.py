"""The 填报表, the office's monthly form, as data: its columns and the header names they go
by, what a unit is asked (`form_of`), and how filled rows become records (`read_form`).

A form goes out as a workbook (render/template.py) and comes back filled in, or as any
CSV or XLSX export with the same columns; `sheetfile` reads either into `RawSheet`s of
plain cell values. `read_form` finds each sheet's header row by its names (Chinese or
English, any order), turns every other non-blank row into a `Record` the way `kexie
record` would (a REF resolved by `refs`, a unit by `refs`, the record's own rules by
`checks.RecordRules`), and reports every bad cell as a `PlanError` placed at that cell:
nothing is half read.

A row is recognised by its content (docs/format.md, "Imported records"): its record's
id is "I" and 15 base-32 characters of a hash of the date, the item, the amount, done,
the unit, the note, the evidence and how many identical rows came before it in the
same file. Importing the same rows again gives the same ids, which the ledger already
holds; two identical rows in one file (two salons on one day with the same note) are
two records, and stay two when imported again.

Pure: no I/O, no clock (the caller passes today). Imports errors, plan, record, refs,
checks and progress of ours.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from kexie_plan.checks import RecordRules, after_today
from kexie_plan.errors import PlanError
from kexie_plan.plan import MAX_DIGITS, Plan, Unit
from kexie_plan.progress import (
    ActivityStatus,
    MeasureStatus,
    StatusReport,
    TargetStatus,
    goal_in_force,
)
from kexie_plan.record import Record, base32
from kexie_plan.refs import resolve_ref, resolve_reporter

# --- the columns ------------------------------------------------------------------------

COLUMNS = ("date", "item", "amount", "done", "note", "evidence", "by")
# The header names a column goes by (compared without case, spaces, `*` and a trailing
# hint in brackets: "数量（场）" is 数量). The first name is the Chinese template's, the
# second the English template's. Several item columns may stand side by side (target,
# activity, measure in an export): each row fills one of them.
HEADER_NAMES: dict[str, tuple[str, ...]] = {
    "date": ("日期", "date"),
    "item": ("事项", "item", "目标", "活动", "措施", "ref", "target", "activity", "measure"),
    "amount": ("数量", "amount"),
    "done": ("完成", "done"),
    "note": ("说明", "note", "备注"),
    "evidence": ("佐证", "evidence"),
    "by": ("填报单位", "by"),
}
REQUIRED = ("date", "item")
HEADER_ROWS = 20  # a sheet's header row is looked for in its first rows
# What the done column takes (compared without case), beside Excel's TRUE and FALSE.
YES = frozenset({"是", "yes", "y", "true", "1", "√", "✓", "✔", "已完成", "完成", "done"})
NO = frozenset({"否", "no", "n", "false", "0", "×", "✗", "未完成"})
IMPORTED_PREFIX = "I"  # not in Crockford's alphabet: never the start of a time-made id

_KEY_OF = {name.casefold(): key for key, names in HEADER_NAMES.items() for name in names}
_HINT_RE = re.compile(r"[(（][^()（）]*[)）]\Z")
_SPACE_RE = re.compile(r"[\s*＊]+")
_DATE_RE = re.compile(
    r"([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*日?"
    r"(?:[ T][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]*)?)?)?\Z"
)
_COMPACT_DATE_RE = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})\Z")
_WHOLE_RE = re.compile(r"([0-9]+)(?:\.0*)?\Z")
EXCEL_EPOCH = dt.date(1899, 12, 30)  # day 0 of Excel's 1900 date system (after its 1900 bug)
EXCEL_LAST_SERIAL = 2958465  # 9999-12-31


def header_key(value: Any) -> str | None:
    """Return the column (date, item …) a header cell names, or None."""
    if not isinstance(value, str):
        return None
    name = _SPACE_RE.sub("", value)
    return _KEY_OF.get((_HINT_RE.sub("", name) or name).casefold())


def header_name(key: str, lang: str) -> str:
    """Return the header a template writes for a column, in Chinese or English."""
    return HEADER_NAMES[key][0 if lang == "zh" else 1]


# --- what a unit is asked ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FormItem:
    """Something a unit may report on: a target, an activity or a measure."""

    kind: str  # target, activity or measure
    id: str
    name: str
    choice: str  # what the drop-down offers: the name, or the id where the name is not unique


@dataclass(frozen=True)
class Form:
    """A 填报表 for one unit (or for all): the items, the days, where things stand."""

    plan_title: str
    unit: Unit | None
    units: tuple[Unit, ...]  # the units a row may name (the plan's)
    start: dt.date  # the first and last day a row may be dated
    end: dt.date
    period: str | None  # Q1 … YEAR or YYYY-MM, as --period named it
    as_of: dt.date  # the day the standing is taken at
    items: tuple[FormItem, ...]
    targets: tuple[TargetStatus, ...]
    activities: tuple[ActivityStatus, ...]
    measures: tuple[MeasureStatus, ...]


def form_of(
    plan: Plan,
    report: StatusReport,
    measures: Sequence[MeasureStatus],
    unit: str | None,
    start: dt.date,
    end: dt.date,
    period: str | None = None,
) -> Form:
    """Return the form for `unit` (what it owns or co-owns; everything when None): its
    items in plan order (targets, activities, measures), dated from start to end."""

    def mine(owner: str | None, co_owners: Iterable[str]) -> bool:
        return unit is None or owner == unit or unit in co_owners

    targets = tuple(t for t in report.targets if mine(t.owner, t.co_owners))
    activities = tuple(a for a in report.activities if mine(a.owner, a.co_owners))
    measures = tuple(m for m in measures if mine(m.owner, m.co_owners))
    things = list(plan.things())
    names = [name for _, _, name in things]
    ids = {ident for _, ident, _ in things}

    def item(kind: str, ident: str, name: str) -> FormItem:
        unique = names.count(name) == 1 and name not in ids
        return FormItem(kind, ident, name, name if unique else ident)

    items = (
        [item("target", t.id, t.name) for t in targets]
        + [item("activity", a.id, a.name) for a in activities]
        + [item("measure", m.id, m.title) for m in measures]
    )
    chosen = next((u for u in plan.units if u.id == unit), None)
    return Form(
        plan.title,
        chosen,
        plan.units,
        start,
        end,
        period,
        report.as_of,
        tuple(items),
        targets,
        activities,
        measures,
    )


# --- what comes back --------------------------------------------------------------------


@dataclass(frozen=True)
class RawSheet:
    """A table as a reader found it: rows of plain cell values (text, numbers, dates,
    booleans, None), each with its row number (a worksheet's row; a CSV's line)."""

    source: str  # the file, as messages name it
    name: str | None  # the worksheet; None for a CSV file
    rows: Sequence[tuple[int, Sequence[Any]]]
    hidden: bool = False
    encoding: str | None = None  # a CSV file's: UTF-8, UTF-8-BOM, GB18030 …


@dataclass(frozen=True, slots=True)
class FormRow:
    """One filled row, become a record whose id recognises the row."""

    record: Record
    source: str
    sheet: str | None
    row: int
    cols: tuple[tuple[str, int], ...]  # (column key, 1-based column) of the row's cells
    name: str  # the item's name in the plan
    occurrence: int  # 1 for the first row with this content in its file, 2 for the next …

    def at(self, key: str, code: str, params: dict[str, Any], warning: bool = False) -> PlanError:
        """Return a problem placed at this row's cell of column `key` (its item's when the
        row has no such column)."""
        cols = dict(self.cols)
        col = cols.get(key) or cols["item"]
        return PlanError(
            code, params, self.source, self.row, col, warning=warning, sheet=self.sheet
        )

    @property
    def place(self) -> tuple[str, str | None, int]:
        """Return where the row is: file, sheet, row."""
        return self.source, self.sheet, self.row


@dataclass
class Reading:
    """What files of filled forms hold: their rows as records, and what was wrong."""

    rows: list[FormRow] = field(default_factory=list)
    problems: list[PlanError] = field(default_factory=list)  # errors, in file order
    warnings: list[PlanError] = field(default_factory=list)
    notes: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # what was read


def read_form(
    plan: Plan,
    sheets: Sequence[RawSheet],
    today: dt.date,
    quiet: frozenset[str] = frozenset(),
) -> Reading:
    """Return the records the sheets' rows make, and every bad cell.

    A sheet's header row is the first of its first HEADER_ROWS rows that names a date
    and an item column. Hidden sheets are not read. Sheets without a header row are
    passed over, and said to be unless named in `quiet` (the template's own other
    sheets). A file with no sheet to read is one error.
    """
    reading = Reading()
    rules = RecordRules(plan)
    resolved: dict[str, tuple[str, str] | PlanError] = {}  # an item's text -> what it names
    by_file: dict[str, list[RawSheet]] = {}
    for sheet in sheets:
        by_file.setdefault(sheet.source, []).append(sheet)
    for source, found in by_file.items():
        rows: list[FormRow] = []
        skipped = []
        read = 0
        for sheet in found:
            if sheet.encoding is not None:
                reading.notes.append(
                    ("import.encoding", {"file": source, "encoding": sheet.encoding})
                )
            if sheet.hidden:
                continue
            header = _header(sheet)
            if header is None:
                if sheet.name not in quiet and _has_cells(sheet):
                    skipped.append(sheet.name or source)
                continue
            read += 1
            rows += _sheet_rows(plan, sheet, header, today, rules, resolved, reading)
        if not read:
            reading.problems.append(PlanError("import.no_header", {}, source))
        elif skipped:
            reading.notes.append(
                ("import.sheets_skipped", {"file": source, "sheets": ", ".join(skipped)})
            )
        reading.rows += _numbered(rows)
    return reading


@dataclass(frozen=True)
class _Header:
    row: int  # the header's index in the sheet's rows
    cols: dict[int, str]  # 0-based column -> key (date, item …); several may be item


def _header(sheet: RawSheet) -> _Header | None:
    """Return the sheet's header: the first of its first rows naming a date and an item."""
    for index, (_, cells) in enumerate(sheet.rows[:HEADER_ROWS]):
        keys = {c: key for c, value in enumerate(cells) if (key := header_key(value)) is not None}
        if all(key in keys.values() for key in REQUIRED):
            return _Header(index, keys)
    return None


def _has_cells(sheet: RawSheet) -> bool:
    return any(_text(value) is not None for _, cells in sheet.rows for value in cells)


def _sheet_rows(
    plan: Plan,
    sheet: RawSheet,
    header: _Header,
    today: dt.date,
    rules: RecordRules,
    resolved: dict[str, tuple[str, str] | PlanError],
    reading: Reading,
) -> list[FormRow]:
    """Return the rows of one sheet as records; put its problems into `reading`."""
    number, head = sheet.rows[header.row]

    def at(row: int, col: int, code: str, params: dict[str, Any] | None = None) -> PlanError:
        return PlanError(code, params or {}, sheet.source, row, col + 1, sheet=sheet.name)

    first: dict[str, int] = {}
    for col, key in sorted(header.cols.items()):
        if key in first and key != "item":
            name = _text(head[first[key]])
            reading.problems.append(at(number, col, "import.column_twice", {"name": name}))
        first.setdefault(key, col)
    items = [col for col, key in sorted(header.cols.items()) if key == "item"]
    ignored = [
        _text(value) or "" for c, value in enumerate(head) if c not in header.cols and _text(value)
    ]
    unnamed: set[int] = set()  # columns with cells but no header
    out = []
    for number, cells in sheet.rows[header.row + 1 :]:
        unnamed.update(
            c for c in range(len(cells)) if c not in header.cols and _text(cells[c]) is not None
        )
        values = {key: cells[col] if col < len(cells) else None for key, col in first.items()}
        filled = [c for c in items if c < len(cells) and _text(cells[c]) is not None]
        if not filled and all(
            _text(v) is None for k, v in values.items() if k not in ("by", "item")
        ):
            continue  # a blank row (the template fills in the unit on rows to come)
        if len(filled) > 1:
            reading.problems.append(at(number, filled[1], "import.item_twice"))
            continue
        item_col = filled[0] if filled else items[0]
        cols = {key: col + 1 for key, col in first.items()} | {"item": item_col + 1}
        values["item"] = cells[item_col] if item_col < len(cells) else None
        row = _row(plan, sheet, number, cols, values, today, rules, resolved, reading)
        if row is not None:
            out.append(row)
    unnamed -= {c for c, value in enumerate(head) if _text(value)}  # those are in `ignored`
    ignored += [_column_words(c + 1) for c in sorted(unnamed)]
    if ignored:
        where = sheet.source if sheet.name is None else f"{sheet.source}:{sheet.name}"
        reading.notes.append(
            ("import.columns_ignored", {"place": where, "columns": ", ".join(ignored)})
        )
    return out


def _column_words(col: int) -> str:
    """Return a column without a header as the notes name it: its letter and number."""
    letters = ""
    number = col
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"#{col} ({letters})"


# Where the record's own rules (checks.RecordRules) point in a row, and the words they
# take in a form (done and amount are columns there, not keys).
_RULE_CELLS: dict[str, tuple[str, str | None]] = {
    "date_outside": ("date", None),
    "record_amount_not_target": ("amount", "import.amount_not_target"),
    "record_amount_milestone": ("amount", "import.amount_milestone"),
    "record_done_not_allowed": ("done", "import.done_not_allowed"),
    "record_done_counted": ("done", "import.done_counted"),
    "record_needs_done": ("done", "import.needs_done"),
}


def _row(
    plan: Plan,
    sheet: RawSheet,
    number: int,
    cols: dict[str, int],
    values: dict[str, Any],
    today: dt.date,
    rules: RecordRules,
    resolved: dict[str, tuple[str, str] | PlanError],
    reading: Reading,
) -> FormRow | None:
    """Return one row as a record, or None after putting its problems into `reading`."""
    bad: dict[str, PlanError] = {}  # column key -> its problem

    def fail(key: str, code: str, params: dict[str, Any] | None = None) -> None:
        col = cols.get(key) or cols["item"]
        bad.setdefault(
            key, PlanError(code, params or {}, sheet.source, number, col, sheet=sheet.name)
        )

    day = _date(values.get("date"))
    if day is None:
        fail("date", "import.date_missing")
    elif isinstance(day, str):
        fail("date", "import.bad_date", {"value": day})
    else:
        problem = after_today(day, today)
        if problem is not None:
            fail("date", problem.code, problem.params)
    text = _text(values.get("item"))
    subject: tuple[str, str] | None = None
    if text is None:
        fail("item", "import.item_missing")
    else:
        found = resolved.get(text)
        if found is None:
            found = resolved[text] = resolve_ref(plan, text)
        if isinstance(found, PlanError):
            fail("item", found.code, found.params)
        else:
            subject = found
    amount = _amount(values.get("amount"))
    if isinstance(amount, str):
        fail("amount", "record.amount", {"value": amount})
        amount = None
    done = _done(values.get("done"))
    if isinstance(done, str):
        fail("done", "import.bad_done", {"value": done})
        done = None
    by = _text(values.get("by"))
    if by is not None:
        who = resolve_reporter(plan, by)
        if isinstance(who, PlanError):
            fail("by", who.code, who.params)
            by = None
        else:
            by = who
    if subject is None:
        reading.problems += sorted(bad.values(), key=lambda p: p.col or 0)
        return None
    kind, ident = subject
    dated = isinstance(day, dt.date)
    target = plan.target(ident) if kind == "target" else None
    if target is not None and target.kind != "milestone" and amount is None:
        amount = 1  # as `kexie record` takes a counted target's default
    record = Record(
        id="",
        date=day if isinstance(day, dt.date) else plan.span.start,  # the rules' other cells
        amount=amount,
        done=bool(done),
        by=by,
        note=_text(values.get("note")),
        evidence=_text(values.get("evidence")),
        **{kind: ident},  # type: ignore[arg-type]
    )
    for problem in rules.problems(record):
        key, code = _RULE_CELLS.get(problem.code, ("item", None))
        if problem.code == "unknown_ref" and problem.params.get("kind") == "unit":
            key = "by"
        if key != "date" or dated:
            fail(key, code or problem.code, problem.params)
    if bad:
        reading.problems += sorted(bad.values(), key=lambda p: p.col or 0)
        return None
    name = next(n for k, i, n in plan.things() if (k, i) == subject)
    row = FormRow(record, sheet.source, sheet.name, number, tuple(cols.items()), name, 0)
    warning = implausible_amount(plan, record)
    if warning is not None:
        reading.warnings.append(row.at("amount", warning.code, warning.params, warning=True))
    return row


def _numbered(rows: list[FormRow]) -> list[FormRow]:
    """Return the rows of one file with their occurrence and their record's id."""
    seen: dict[str, int] = {}
    out = []
    for row in rows:
        key = content_key(row.record)
        seen[key] = occurrence = seen.get(key, 0) + 1
        record = replace(row.record, id=imported_id(row.record, occurrence))
        out.append(replace(row, record=record, occurrence=occurrence))
    return out


def content_key(record: Record) -> str:
    """Return what recognises a row: every field of its record but the id, as JSON."""
    return json.dumps(_content(record), ensure_ascii=False, separators=(",", ":"))


def _content(record: Record) -> list[Any]:
    return [
        record.date.isoformat(),
        record.kind.value,
        record.ref,
        record.amount,
        record.done,
        record.by,
        record.note,
        record.evidence,
    ]


def imported_id(record: Record, occurrence: int) -> str:
    """Return the id of the `occurrence`th row with this record's content in a file: "I"
    and 15 base-32 characters (the first 75 bits) of the SHA-256 of the JSON array
    [date, kind, id, amount, done, by, note, evidence, occurrence] (UTF-8, no spaces)."""
    key = json.dumps([*_content(record), occurrence], ensure_ascii=False, separators=(",", ":"))
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).digest()
    return IMPORTED_PREFIX + base32(int.from_bytes(digest[:10], "big") >> 5, 15)


def implausible_amount(plan: Plan, record: Record) -> PlanError | None:
    """Return a warning when one record's amount is more than its target's whole goal (the
    top of the goal in force on its date; the lower bound of an N+ goal): more likely a
    slip (30 for 3, a date or a phone number in the wrong cell) than one event."""
    target = plan.target(record.target) if record.target is not None else None
    if target is None or record.amount is None:
        return None
    goal = goal_in_force(target, record.date)
    if goal is None:
        return None
    top = goal.max if goal.max is not None else goal.min
    if record.amount <= top:
        return None
    params = {
        "amount": record.amount,
        "id": target.id,
        "goal": str(goal),
        "unit": target.unit or "",
    }
    return PlanError("import.amount_implausible", params, warning=True)


# --- cells ------------------------------------------------------------------------------


def _text(value: Any) -> str | None:
    """Return a cell as text without surrounding spaces; None when it is empty."""
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _date(value: Any) -> dt.date | str | None:
    """Return the date a cell holds (a date, an Excel serial number, or text such as
    2021-03-12, 2021/3/12 or 2021年3月12日); its text when it holds none; None if empty."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer() and 1 <= value <= EXCEL_LAST_SERIAL:
            return EXCEL_EPOCH + dt.timedelta(days=int(value))
        return _text(value)
    text = _text(value)
    if text is None:
        return None
    match = _DATE_RE.match(text) or _COMPACT_DATE_RE.match(text)
    if match is None:
        return text
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        return text


def _amount(value: Any) -> int | str | None:
    """Return the whole number from 1 to 999999999 a cell holds (3.0 is 3); its text when
    it holds none; None if empty."""
    if isinstance(value, bool):
        return _text(value)
    if isinstance(value, int):
        return value if 0 < value < 10**MAX_DIGITS else str(value)
    if isinstance(value, float):
        return int(value) if value.is_integer() and 0 < value < 10**MAX_DIGITS else repr(value)
    text = _text(value)
    if text is None:
        return None
    match = _WHOLE_RE.match(text)
    if match is None or not text.isascii():
        return text
    digits = match.group(1).lstrip("0")
    if not digits or len(digits) > MAX_DIGITS:
        return text
    return int(digits)


def _done(value: Any) -> bool | str | None:
    """Return whether a done cell says yes (是, yes, TRUE, 1 …); its text when it says
    neither yes nor no; None if empty."""
    if isinstance(value, bool):
        return value
    text = _text(value)
    if text is None:
        return None
    folded = text.casefold()
    if folded in YES:
        return True
    if folded in NO:
        return False
    return text
