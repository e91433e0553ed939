"""Keep a ledger's `Totals` in a cache file, so that `kexie record` reads only new lines.

The ledger only grows: `kexie record` appends, git's union merge appends the other
branch's lines. The cache file holds the totals of the ledger's first `offset` bytes,
with a fingerprint of those bytes (their length, their first 4 KiB and the 64 KiB
before `offset`). When the fingerprint still matches, only the lines after `offset`
are read — on a million-record ledger that is one line instead of 140 MB. When it does
not (the file was cut, rewritten or replaced), the totals are summed again from the top,
streaming, and the cache is rewritten.

The trade-off: a ledger edited in its middle, keeping its length, its first 4 KiB and
its last 64 KiB, would go unnoticed until the next change further on; kexie never edits
a ledger that way and asks people not to. Only `record` and `revert` use the cache, for
the standing they print and the activity-held-twice refusal; `status` and `validate`
always read the whole ledger. A missing, unreadable or unwritable cache only costs time.

The cache lives outside the repository (the caller chooses the folder; cli uses
$XDG_CACHE_HOME/kexie), one JSON file per ledger, named by a hash of its absolute path.
Imports errors, model, ledger and totals of ours; never planfile, render or cli.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from kexie_plan.errors import PlanError
from kexie_plan.ledger import Position, iter_ledger
from kexie_plan.record import Record
from kexie_plan.totals import Totals

VERSION = 2
HEAD_BYTES = 4096
TAIL_BYTES = 65536
SEARCH_LIMIT = 8  # more new reversals than this of older records: one pass, not a search each


@dataclass
class LedgerTotals:
    """A ledger's totals and the problems of its lines (bad lines, a torn last line)."""

    totals: Totals = field(default_factory=Totals)
    problems: list[PlanError] = field(default_factory=list)
    reread: bool = False  # whether the whole ledger had to be read
    reached: Position = field(default_factory=Position)  # the complete lines summed
    fingerprint: str | None = None  # of the bytes up to `reached`


def cache_file(cache_dir: Path, ledger: Path) -> Path:
    """Return the cache file of a ledger: a hash of its absolute path, in `cache_dir`."""
    name = hashlib.sha256(str(Path(ledger).resolve()).encode("utf-8", "surrogatepass"))
    return Path(cache_dir) / f"totals-{name.hexdigest()[:32]}.json"


def fingerprint(ledger: Path, offset: int) -> str | None:
    """Return a fingerprint of the ledger's first `offset` bytes, or None if it has fewer."""
    try:
        with open(ledger, "rb") as handle:
            if os.fstat(handle.fileno()).st_size < offset:
                return None
            head = handle.read(min(HEAD_BYTES, offset))
            start = max(offset - TAIL_BYTES, 0)
            handle.seek(start)
            tail = handle.read(offset - start)
    except OSError:
        return None
    digest = hashlib.sha256(f"{offset}\n".encode())
    digest.update(head)
    digest.update(tail)
    return digest.hexdigest()


def ledger_totals(
    ledger: Path, shown: str, cache_dir: Path | None, since: LedgerTotals | None = None
) -> LedgerTotals:
    """Return the totals of the whole ledger, reading only the lines the cache lacks.

    Without `cache_dir`, or when the cache does not fit the ledger, the whole ledger is
    read (streaming: memory grows with its reversals, not its records). `since`, an
    earlier result for this ledger, stands in for the cache (it is taken over, not
    copied), so an append is summed without reading the cache file again.
    """
    if since is not None and fingerprint(ledger, since.reached.offset) == since.fingerprint:
        kept = [p for p in since.problems if p.line is None or p.line <= since.reached.line]
        cached: tuple[Position, Totals, list[PlanError]] | None = (
            since.reached,
            since.totals,
            kept,
        )
    else:
        cached = _load(ledger, cache_dir)
    start, totals, problems = cached if cached is not None else (Position(), Totals(), [])
    # id a new reversal names -> the last line whose records with that id were counted
    counted_up_to: dict[str, int] = {}
    # The new lines' reversals first, so that a record they cancel is never counted.
    for item in iter_ledger(ledger, shown, containing=b"revert", start=start):
        if type(item) is Record and totals.cancel(item):
            counted_up_to[item.revert or ""] = start.line
    reached = Position()
    found: list[PlanError] = []
    for item in iter_ledger(ledger, shown, start=start, reached=reached):
        if type(item) is Record:
            if totals.cancel(item):  # a reversal appended since the search above
                counted_up_to[item.revert or ""] = item.line - 1
            totals.add(item)
        else:
            found.append(item)  # type: ignore[arg-type]
    for record in _counted_before(ledger, shown, counted_up_to):
        totals.remove(record)
    # A torn last line is not reached (it may still be completed): read again next time.
    problems += [p for p in found if p.line is None or p.line <= reached.line]
    late = [p for p in found if p.line is not None and p.line > reached.line]
    mark = fingerprint(ledger, reached.offset)
    if cache_dir is not None and (cached is None or reached.offset != start.offset):
        _save(ledger, cache_dir, reached, mark, totals, problems)
    return LedgerTotals(totals, problems + late, cached is None, reached, mark)


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


def _load(ledger: Path, cache_dir: Path | None) -> tuple[Position, Totals, list[PlanError]] | None:
    """Return what the cache holds for the ledger, or None when it is missing or stale."""
    if cache_dir is None:
        return None
    try:
        value = json.loads(cache_file(cache_dir, ledger).read_text(encoding="utf-8"))
        if value.get("version") != VERSION or value.get("ledger") != str(Path(ledger).resolve()):
            return None
        start = Position(int(value["offset"]), int(value["line"]))
        if fingerprint(ledger, start.offset) != value["fingerprint"]:
            return None
        totals = Totals.from_json(value["totals"])
        problems = [
            PlanError(p["code"], p["params"], p["path"], p["line"], p["col"])
            for p in value["problems"]
        ]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return start, totals, problems


def _save(
    ledger: Path,
    cache_dir: Path,
    reached: Position,
    mark: str | None,
    totals: Totals,
    problems: list[PlanError],
) -> None:
    """Write the cache file whole (a temporary file renamed over it); give up quietly."""
    if mark is None:
        return
    value = {
        "version": VERSION,
        "ledger": str(Path(ledger).resolve()),
        "offset": reached.offset,
        "line": reached.line,
        "fingerprint": mark,
        "totals": totals.as_json(),
        "problems": [
            {"code": p.code, "params": p.params, "path": p.path, "line": p.line, "col": p.col}
            for p in problems
        ],
    }
    target = cache_file(cache_dir, ledger)
    try:
        text = json.dumps(value, ensure_ascii=False)
        Path(cache_dir).mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=cache_dir, prefix=".totals-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except (OSError, TypeError, ValueError):
        return
