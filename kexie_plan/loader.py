"""The one loader: a plan, what its ledger adds up to, and every problem, as one `Book`.

Every command asks `load_book` for "the plan and its ledger" and gets one object back:
the plan, the `Totals` that every view reads its numbers from, and the problems of the
ledger (bad lines, records that break the plan's rules, what the records say about each
other), located and in ledger order. Streaming, the reversal pass, the GC pause and the
caches live here and nowhere else:

- The ledger is read line by line and never held: first a bytes search finds the
  reversals (a reversal is retroactive, so the records it names must never count),
  then every record is checked and added up as it streams past.
- With a cache folder, the plan is read from its validated copy when its bytes are
  unchanged, and the ledger's totals and problems are kept with a fingerprint of the
  bytes they cover; a later run reads only the lines added since (another clone's
  records after a merge, the line `record` just wrote). The cache is written again only
  when those lines are many (their bytes at least a SAVE_RATIO-th of the cache's): reading
  a few lines is cheaper than rewriting a cache that holds a large ledger's reversals.
  The measure notes are kept in a second file, read only when a command asks for them
  (`Totals.measures_later`); when it is not the one the ledger's cache names, they are
  read from the ledger's lines again. A ledger cut short, rewritten or replaced is added
  up again from the top. The fingerprint is the hash of every covered byte for a ledger
  up to FULL_HASH_BYTES (16 MiB, about 120,000 records); past that, of its first 4 KiB,
  the 64 KiB before the end and 256 blocks of 4 KiB spread evenly between. The one
  change it can miss is an edit that keeps such a ledger's length and touches none of
  those blocks; `kexie validate` reads every line anyway.
- `full=True` (validate) reads every line without the cache and also looks for
  duplicate ids, which needs every id in memory.

Views that list records (`log`, `show`, `report`) stream them with `Book.records`.
Imports errors, plan, record, totals, checks, cache, ledger and planfile of ours; never
render or cli.
"""

from __future__ import annotations

import datetime as dt
import difflib
import gc
import hashlib
import os
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kexie_plan.cache import cached_size, key_of, read_cached, write_cached
from kexie_plan.checks import HINT_LIMIT, RecordRules, UniqueIds, ledger_problems, ordered
from kexie_plan.errors import PlanError
from kexie_plan.ledger import (
    Position,
    iter_ledger,
    ledger_path_for,
    open_ledger,
    records_backwards,
)
from kexie_plan.plan import Plan
from kexie_plan.planfile import load_plan
from kexie_plan.record import Record
from kexie_plan.totals import MeasureEntry, Totals

CACHE_VERSION = 5
FULL_HASH_BYTES = 16 * 1024 * 1024
HEAD_BYTES = 4096
TAIL_BYTES = 65536
SAMPLES = 256
SEARCH_LIMIT = 8  # more new reversals than this of older records: one pass, not a search each
MIN_ID_PREFIX = 4  # the shortest start of an id that names a record (git's minimum too)
MAX_CANDIDATES = 8  # the ids an ambiguous start of an id names in its message
RECENT_BYTES = 4 * 1024 * 1024  # where `record` looks for a double entry
SAVE_RATIO = 4  # the cache is rewritten once the lines read past it are 1/4 of its size
KEPT_PROBLEMS = 1000  # a book keeps this many problems of a bad ledger, and counts the rest
# Problems that mean the ledger as a whole cannot be read: no command may go on with zero
# progress as if it were empty.
UNREADABLE = frozenset(
    {"ledger_symlink", "not_regular_file", "file_unreadable", "ledger_utf16", "ledger_cr_only"}
)


# What a ledger's cache gives back: where it ends, the totals up to there (their measure
# notes to come from their own file when asked for), the problems kept and counted, and
# the key of the measure notes' file.
Cached = tuple[Position, Totals, list[PlanError], int, str]


@dataclass
class Book:
    """A plan and its ledger: what the records add up to, and the ledger's problems."""

    plan: Plan
    plan_path: Path
    ledger_path: Path
    shown_ledger: str
    totals: Totals = field(default_factory=Totals)
    problems: list[PlanError] = field(default_factory=list)  # located, in ledger order
    problem_count: int = 0  # every problem, also those past KEPT_PROBLEMS
    reread: bool = True  # whether every line was read (no usable cache)
    unreadable: list[PlanError] = field(default_factory=list)  # the ledger cannot be read
    reached: Position = field(default_factory=Position)  # the complete lines read

    def records(self, containing: bytes | None = None) -> Iterator[Record]:
        """Yield the ledger's records in file order (only those on lines holding
        `containing`, when given); bad lines are skipped: they are in `problems`."""
        with paused_gc():
            for item in iter_ledger(self.ledger_path, self.shown_ledger, containing=containing):
                if type(item) is Record:
                    yield item

    def records_about(self, subjects: Iterable[tuple[str, str]]) -> Iterator[Record]:
        """Yield each record about one of `subjects` ((kind, id) pairs) and every reversal,
        each once, in no particular order: a bytes search per id skips the other lines."""
        for kind, ident in sorted(set(subjects)):
            for r in self.records(containing=ident.encode("utf-8", "surrogatepass")):
                if r.revert is None and r.ref == ident and r.kind.value == kind:
                    yield r
        for r in self.records(containing=b"revert"):
            if r.revert is not None:
                yield r

    def reversals(self) -> list[Record]:
        """Return the ledger's reversals, in file order."""
        return [r for r in self.records(containing=b"revert") if r.revert is not None]

    def record_with_id(self, text: str) -> Record | PlanError:
        """Return the record an id names: the record with that id, or the one whose id
        starts with it (at least MIN_ID_PREFIX characters, as git takes a commit's) — as
        typed, else in capitals, as kexie writes ids. Else the problem: the start of
        several ids (naming them), too short, or no such record (with the closest id).

        A bytes search for the text finds the lines that may hold such an id; only those
        are parsed, however large the ledger.
        """
        wanted = text.strip()
        unknown = {"kind": "record", "id": text, "hint": ""}
        if not wanted:
            return PlanError("unknown_ref", unknown)
        for needle in dict.fromkeys((wanted, wanted.upper())):
            exact = None
            starting: dict[str, Record] = {}  # id -> its first record; one more than shown
            for r in self.records(containing=needle.encode("utf-8", "surrogatepass")):
                if r.id == needle:
                    exact = r  # the last, if a merge left several
                elif r.id.startswith(needle) and len(starting) <= MAX_CANDIDATES:
                    starting.setdefault(r.id, r)
            if exact is not None:
                return exact
            if starting and len(needle) < MIN_ID_PREFIX:
                return PlanError("record.id_short", {"id": text, "count": MIN_ID_PREFIX})
            if len(starting) == 1:
                return next(iter(starting.values()))
            if starting:
                shown = [f"{r.id} ({r.date.isoformat()} {r.ref})" for r in starting.values()]
                if len(shown) > MAX_CANDIDATES:
                    shown[MAX_CANDIDATES:] = ["…"]
                params = {"id": text, "candidates": ", ".join(shown)}
                return PlanError("record.id_ambiguous", params)
        if self.totals.records <= HINT_LIMIT:
            # Only to suggest the closest id: the one time this reads every line.
            ids = list(dict.fromkeys(r.id for r in self.records()))
            close = difflib.get_close_matches(wanted, ids, n=1, cutoff=0.6)
            unknown["hint"] = close[0] if close else ""
        return PlanError("unknown_ref", unknown)

    def recent_records_on(self, day: dt.date) -> Iterator[Record]:
        """Yield the records dated `day` among the ledger's last RECENT_BYTES (all of a
        ledger up to that size: about 30,000 records), the last first: a double entry is
        looked for there, so that a record costs the same on a ledger of any size."""
        needle = day.isoformat().encode("ascii")
        end = self.reached
        for r in records_backwards(self.ledger_path, self.shown_ledger, end, needle, RECENT_BYTES):
            if r.date == day:
                yield r

    def standing_latest_first(self, containing: bytes | None = None) -> Iterator[Record]:
        """Yield the records that stand (no reversal, and named by none), the last in the
        ledger first, reading the ledger backwards (only lines holding `containing`, when
        given): the latest records cost a read of the ledger's end."""
        cancelled = self.totals.reversals
        for r in records_backwards(self.ledger_path, self.shown_ledger, self.reached, containing):
            if r.revert is None and r.id not in cancelled:
                yield r


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector: records hold no cycles, and a million of them
    make it rescan the heap again and again (a quarter of the time)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def load_book(
    plan_path: Path,
    *,
    cache_dir: Path | None = None,
    full: bool = False,
    shown_plan: str | None = None,
    shown_ledger: str | None = None,
) -> Book:
    """Return the plan at `plan_path` and what its ledger adds up to, with every problem.

    Raises PlanErrors when the plan itself is invalid. A missing ledger is an empty one.
    """
    plan = load_plan(plan_path, cache_dir, shown_plan)
    ledger = ledger_path_for(plan_path)
    shown = str(ledger) if shown_ledger is None else shown_ledger
    book = Book(plan, Path(plan_path), ledger, shown)
    plan_key = key_of(repr(plan))
    cached = None if full else _load_cache(cache_dir, ledger, shown, plan_key)
    with paused_gc():
        own, count = _read(book, cached, full)
    if cache_dir is not None and not full and _worth_saving(cache_dir, book, cached):
        _save_cache(cache_dir, book, plan_key, own, count, cached[4] if cached else None)
    return book


def _worth_saving(cache_dir: Path, book: Book, cached: Cached | None) -> bool:
    """Return whether to write the ledger's cache again: when there was none, or when the
    lines read past it are many enough that reading them again each run would cost more
    than rewriting it (a record or two on a million-record ledger are not)."""
    if cached is None:
        return True
    read = book.reached.offset - cached[0].offset
    if read <= 0:
        return False
    return read * SAVE_RATIO >= cached_size(cache_dir, _cache_name(book.ledger_path))


def ledger_lines(ledger: Path, shown: str) -> tuple[list[PlanError], int]:
    """Return the problems of the ledger's lines alone, and how many records it holds (for
    a ledger whose plan is invalid: what the records refer to cannot be checked)."""
    problems: list[PlanError] = []
    count = 0
    with paused_gc():
        for item in iter_ledger(ledger, shown):
            if type(item) is Record:
                count += 1
            else:
                problems.append(item)  # type: ignore[arg-type]
    return problems, count


def _read(book: Book, cached: Cached | None, full: bool) -> tuple[list[PlanError], int]:
    """Read the ledger's lines the cache does not cover into the book; return the problems
    of the complete lines themselves (bad lines, records breaking a rule by themselves),
    as many as a cache keeps, and how many there are."""
    ledger, shown, plan = book.ledger_path, book.shown_ledger, book.plan
    start, totals, problems, count = (Position(), Totals(), [], 0) if cached is None else cached[:4]
    book.reread = cached is None
    rules = RecordRules(plan)
    unique = UniqueIds() if full else None
    # id a new reversal names -> the last line whose records with that id were counted
    counted_up_to: dict[str, int] = {}
    # The new lines' reversals first, so that a record they cancel is never counted.
    for item in iter_ledger(ledger, shown, containing=b"revert", start=start):
        if type(item) is Record and item.revert is not None and totals.note_reversal(item):
            counted_up_to[item.revert] = start.line
    reached = Position()
    found: list[PlanError] = []
    for item in iter_ledger(ledger, shown, start=start, reached=reached):
        if type(item) is not Record:
            found.append(item)  # type: ignore[arg-type]
            continue
        if item.revert is not None and totals.note_reversal(item):
            counted_up_to[item.revert] = item.line - 1  # appended since the search above
        totals.add(item)
        new = rules.problems(item)
        if unique is not None:
            duplicate = unique.problem(item)
            if duplicate is not None:
                new.append(duplicate)
        if new:
            found += new
    for record in _counted_before(ledger, shown, counted_up_to):
        totals.remove(record)
    placed = [p if p.path is not None else p.at(shown, p.line, p.col) for p in found]
    # A torn last line is not reached (it may still be completed): read again next time.
    kept = [p for p in placed if p.line is None or p.line <= reached.line]
    count += len(kept)
    problems = problems + kept if full else (problems + kept)[:KEPT_PROBLEMS]
    late = [p for p in placed if p.line is not None and p.line > reached.line]
    ids = list(unique.first) if unique is not None and len(unique.first) <= HINT_LIMIT else None
    across = [p.at(shown, p.line, p.col) for p in ledger_problems(plan, totals, ids)]
    book.unreadable = [p for p in placed if p.code in UNREADABLE]
    book.totals = totals
    book.problems = ordered([*problems, *late, *across])
    book.problem_count = count + len(late) + len(across)
    book.reached = reached
    return problems, count


def _counted_before(ledger: Path, shown: str, up_to: dict[str, int]) -> list[Record]:
    """Return the records whose id is a key of `up_to`, on or before that key's line.

    Ids are rare bytes in a ledger: a search for each reads few lines. Past SEARCH_LIMIT
    ids, one pass over the lines is cheaper.
    """
    wanted = {ident: line for ident, line in up_to.items() if line > 0}
    if not wanted:
        return []
    last = max(wanted.values())
    needles: list[bytes | None] = [None]
    if len(wanted) <= SEARCH_LIMIT:
        needles = [ident.encode("utf-8", "surrogatepass") for ident in wanted]
    found: dict[int, Record] = {}  # by line: a line may hold two of the ids
    for needle in needles:
        for item in iter_ledger(ledger, shown, containing=needle):
            if item.line is not None and item.line > last:
                break
            if type(item) is Record and item.line <= wanted.get(item.id, 0):
                found[item.line] = item
    return list(found.values())


# --- the cache of a ledger's totals -------------------------------------------------------


def fingerprint(ledger: Path, offset: int) -> str | None:
    """Return a fingerprint of the ledger's first `offset` bytes, or None if it has fewer
    (see the module's docstring for what it covers)."""
    opened = open_ledger(ledger, str(ledger))  # a regular file only: a FIFO never waits
    if not hasattr(opened, "read"):
        return None
    try:
        with opened as handle:  # type: ignore[union-attr]
            if os.fstat(handle.fileno()).st_size < offset:
                return None
            digest = hashlib.sha256(f"{offset}\n".encode())
            if offset <= FULL_HASH_BYTES:
                digest.update(handle.read(offset))
                return digest.hexdigest()
            blocks = [0, *(offset * k // (SAMPLES + 1) for k in range(1, SAMPLES + 1))]
            for start in blocks:
                handle.seek(start)
                digest.update(handle.read(HEAD_BYTES))
            handle.seek(offset - TAIL_BYTES)
            digest.update(handle.read(TAIL_BYTES))
    except OSError:
        return None
    return digest.hexdigest()


def _cache_name(ledger: Path) -> str:
    return f"ledger-{key_of(str(Path(ledger).resolve()))}.json"


def _notes_name(ledger: Path) -> str:
    return f"ledger-{key_of(str(Path(ledger).resolve()))}.measures.json"


def _load_cache(cache_dir: Path | None, ledger: Path, shown: str, plan_key: str) -> Cached | None:
    """Return what the cache holds for the ledger and this plan, or None when it is
    missing, stale or not to be trusted. The measure notes stay in their own file until
    asked for (`_notes_later`)."""
    value: Any = read_cached(cache_dir, _cache_name(ledger))
    if not isinstance(value, dict):
        return None
    try:
        if value["version"] != CACHE_VERSION or value["plan"] != plan_key:
            return None
        if value["ledger"] != str(Path(ledger).resolve()):
            return None
        start = Position(int(value["offset"]), int(value["line"]))
        if fingerprint(ledger, start.offset) != value["fingerprint"]:
            return None
        totals = Totals.from_json(value["totals"])
        problems = [
            PlanError(p["code"], p["params"], p["path"], p["line"], p["col"], warning=p["warning"])
            for p in value["problems"]
        ]
        count = int(value["problem_count"])
        notes_key = str(value["measures_key"])
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
    totals.measures_later = _notes_later(cache_dir, ledger, shown, notes_key, start, totals)
    return start, totals, problems, count, notes_key


def _notes_later(
    cache_dir: Path | None, ledger: Path, shown: str, key: str, start: Position, totals: Totals
) -> Callable[[], dict[str, list[MeasureEntry]]]:
    """Return how to get the measure notes of the ledger's first `start` bytes: from their
    cache file when it is the one the ledger's cache names (`key`), else from the ledger
    itself (a bytes search for the lines that name a measure, up to `start`)."""

    def notes() -> dict[str, list[MeasureEntry]]:
        value: Any = read_cached(cache_dir, _notes_name(ledger))
        try:
            if isinstance(value, dict) and value["key"] == key:
                return Totals.measures_from_json(value["measures"])
        except (ValueError, KeyError, TypeError, AttributeError):
            pass
        again = Totals(reversals=totals.reversals)
        for item in iter_ledger(ledger, shown, containing=b"measure"):
            if item.line is not None and item.line > start.line:
                break
            if type(item) is Record and item.measure is not None:
                again.add(item)
        return again.notes

    return notes


def _save_cache(
    cache_dir: Path,
    book: Book,
    plan_key: str,
    problems: list[PlanError],
    count: int,
    notes_key: str | None,
) -> None:
    """Keep the book's totals and the problems of its lines, with their fingerprint; the
    measure notes in a file of their own, written again only when they were read (a run
    that never asked for them keeps the file that `notes_key` names)."""
    covered = fingerprint(book.ledger_path, book.reached.offset)  # only when saving
    if covered is None:
        return
    if notes_key is None or not book.totals.measures_pending:
        notes_key = f"{covered}:{book.reached.offset}"
        notes = {"key": notes_key, "measures": book.totals.measures_json()}
        write_cached(cache_dir, _notes_name(book.ledger_path), notes)
    value = {
        "version": CACHE_VERSION,
        "plan": plan_key,
        "ledger": str(book.ledger_path.resolve()),
        "offset": book.reached.offset,
        "line": book.reached.line,
        "fingerprint": covered,
        "totals": book.totals.as_json(measures=False),
        "measures_key": notes_key,
        "problems": [
            {
                "code": p.code,
                "params": p.params,
                "path": p.path,
                "line": p.line,
                "col": p.col,
                "warning": p.warning,
            }
            for p in problems
        ],
        "problem_count": count,
    }
    write_cached(cache_dir, _cache_name(book.ledger_path), value)


# --- what the ledger says now, for the records about to be written ----------------------


def conflict(
    plan: Plan,
    ledger: Path | None,
    shown: str,
    new: Record,
    earlier: Sequence[Record] = (),
) -> PlanError | None:
    """Return why `new` must not be written, read from the ledger's bytes as they are now
    (`kexie record` calls this under the ledger's lock, never trusting a cache): an
    activity already held, a milestone already completed, a record already reverted.

    `earlier` are records about to be written before `new` (an import's earlier rows):
    they count as if they were in the ledger. With `ledger` None only they are looked at.
    Only the lines holding the ids concerned are parsed, so this costs a few bytes
    searches however large the ledger.
    """
    if new.revert is not None:
        for reversal in _standing(ledger, shown, [new.revert], earlier, reversals=True):
            if reversal.revert == new.revert:
                params = {"id": new.revert, "by": reversal.id, "date": reversal.date.isoformat()}
                return PlanError("revert.already", params)
        return None
    if new.activity is not None:
        held = [
            r
            for r in _standing(ledger, shown, [new.activity], earlier)
            if r.activity == new.activity
        ]
        if held:
            first = min(held, key=lambda r: (r.date, r.line))
            params = {"id": new.activity, "date": first.date.isoformat(), "record": first.id}
            return PlanError("record.held_twice", params)
        return None
    if new.target is not None and new.done:
        completing = {a.id for a in plan.activities if a.target == new.target}
        found = [
            r
            for r in _standing(ledger, shown, [new.target, *sorted(completing)], earlier)
            if (r.target == new.target and r.done) or r.activity in completing
        ]
        if found:
            first = min(found, key=lambda r: (r.date, r.line))
            params = {"id": new.target, "date": first.date.isoformat(), "record": first.id}
            return PlanError("record.done_twice", params)
    return None


def _standing(
    ledger: Path | None,
    shown: str,
    needles: list[str],
    earlier: Sequence[Record] = (),
    reversals: bool = False,
) -> list[Record]:
    """Return the records on lines holding any of `needles`, then those of `earlier` that
    name one (reversals among them when asked, else records no reversal names)."""
    found: dict[int, Record] = {}
    if ledger is not None:
        for needle in needles:
            for item in iter_ledger(
                ledger, shown, containing=needle.encode("utf-8", "surrogatepass")
            ):
                if type(item) is Record:
                    found[item.line] = item
    wanted = set(needles)
    records = sorted(found.values(), key=lambda r: r.line)
    records += [r for r in earlier if r.id in wanted or r.ref in wanted]
    if reversals:
        return records
    named = {r.id for r in records if r.revert is None}
    cancelled = {
        r.revert for r in _standing(ledger, shown, sorted(named), earlier, True) if r.revert
    }
    return [r for r in records if r.revert is None and r.id not in cancelled]


def recorded_ids(ledger: Path, shown: str, ids: Collection[str]) -> set[str]:
    """Return those of `ids` that a record of the ledger has (reverted or not), read from
    its bytes as they are now. Only lines holding what the ids have in common (an
    import's ids share their first character) are parsed."""
    if not ids:
        return set()
    first, last = min(ids), max(ids)  # what these two share, every id between shares
    size = 0
    while size < min(len(first), len(last)) and first[size] == last[size]:
        size += 1
    shared = first[:size]
    needle = shared.encode("utf-8", "surrogatepass") if shared else None
    return {
        item.id
        for item in iter_ledger(ledger, shown, containing=needle)
        if type(item) is Record and item.id in ids
    }
