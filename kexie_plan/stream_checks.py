"""The plan's record checks (`checks.RECORD_CHECKS`) over records that stream past.

`check_records` wants every record in one list; a ledger of a million records does not
fit in the memory `status` may use (issue 7). `StreamChecks` takes the records one at a
time: the checks about a single record run on chunks of them, and the checks that relate
records to each other keep only what they need — the ids that reversals name (read in
a first pass, `ledger.reversals`), the records with those ids, the reversals, the held
activities, and, only when asked, every id (for duplicate ids). The problems are exactly
those `check_records` returns, in the same order; a property test holds it to that.

Pure: imports errors, model and checks of ours; never planfile, ledger, render or cli.
"""

from __future__ import annotations

from collections.abc import Iterable

from kexie_plan.checks import (
    RECORD_CHECKS,
    _closest,
    _on,
    activities_held_once,
    record_dates,
    record_kinds,
    record_references,
    record_reverts,
    record_units,
    unique_record_ids,
)
from kexie_plan.errors import PlanError
from kexie_plan.model import Plan, Record

# The checks that look at one record at a time: they run unchanged on chunks of records.
PER_RECORD = (record_references, record_kinds, record_dates, record_units)
# The checks that relate records to each other: `StreamChecks` does their work itself.
ACROSS_RECORDS = (unique_record_ids, record_reverts, activities_held_once)
CHUNK = 10_000
HINT_LIMIT = 10_000  # record_reverts suggests a close id only in ledgers up to this size


class StreamChecks:
    """Collects the problems of records given one at a time with `add`; see `problems`.

    `reverted` holds every id that a reversal in the ledger names (whatever its date).
    With `unique_ids=False` duplicate ids are not looked for, and memory does not grow
    with the ledger (only with its reversals).
    """

    def __init__(self, plan: Plan, reverted: Iterable[str], unique_ids: bool = True):
        self.plan = plan
        self.reverted = set(reverted)
        self.unique_ids = unique_ids
        self.found: dict[str, list[PlanError]] = {check.__name__: [] for check in RECORD_CHECKS}
        self.chunk: list[Record] = []  # records still to go through the per-record checks
        self.keys: list[tuple] = []  # their fields that those checks look at
        self.clean: set[tuple] = set()  # such fields that passed them
        self.start, self.end = plan.span.start, plan.span.end
        self.first_line: dict[str, int] = {}  # id -> line of its first record (unique_ids)
        self.named: dict[str, Record] = {}  # id a reversal names -> its first record
        self.reversals: list[Record] = []
        self.held: dict[str, int] = {}  # activity -> line of its first standing record
        self.ids: dict[str, None] | None = {}  # every id while there are few, for hints

    def add(self, record: Record) -> None:
        """Take the next record in ledger order."""
        # The per-record checks look only at these fields; a million records hold a few
        # hundred combinations, so a combination found clean is not checked again.
        key = (
            record.target,
            record.activity,
            record.measure,
            record.revert is None,
            record.amount is None,
            record.done,
            record.by,
            self.start <= record.date <= self.end,
        )
        if key not in self.clean:
            self.chunk.append(record)
            self.keys.append(key)
            if len(self.chunk) >= CHUNK:
                self._check_chunk()
        ident = record.id
        if self.ids is not None:
            self.ids[ident] = None
            if len(self.ids) > HINT_LIMIT:
                self.ids = None
        if self.unique_ids:
            first = self.first_line.get(ident)
            if first is None:
                self.first_line[ident] = record.line
            else:
                problem = _on(record, "duplicate_id", id=ident, first_line=first)
                self.found[unique_record_ids.__name__].append(problem)
        if ident in self.reverted:
            self.named.setdefault(ident, record)
        if record.revert is not None:
            self.reversals.append(record)
        elif record.activity is not None and ident not in self.reverted:
            if record.activity in self.held:
                params = {"id": record.activity, "first_line": self.held[record.activity]}
                problem = _on(record, "activity_held_twice", **params)
                self.found[activities_held_once.__name__].append(problem)
            else:
                self.held[record.activity] = record.line

    def _check_chunk(self) -> None:
        bad_lines = set()
        for check in PER_RECORD:
            problems = check(self.plan, self.chunk)
            self.found[check.__name__] += problems
            bad_lines.update(problem.line for problem in problems)
        for record, key in zip(self.chunk, self.keys, strict=True):
            if (record.line or None) not in bad_lines:
                self.clean.add(key)
        self.chunk, self.keys = [], []

    def problems(self) -> list[PlanError]:
        """Return every problem of the records added so far, as `check_records` orders them."""
        self._check_chunk()
        found = dict(self.found)
        found[record_reverts.__name__] = self._reversal_problems()
        ordered = [problem for check in RECORD_CHECKS for problem in found[check.__name__]]
        return sorted(ordered, key=lambda p: p.line or 0)

    def _reversal_problems(self) -> list[PlanError]:
        """Return what `record_reverts` finds, from the reversals and the records they name."""
        reverted: dict[str, int] = {}
        problems = []
        for r in self.reversals:
            target = self.named.get(r.revert or "")
            if target is None:
                hint = _closest(r.revert or "", list(self.ids)) if self.ids is not None else ""
                problems.append(_on(r, "unknown_ref", kind="record", id=r.revert, hint=hint))
            elif target.revert is not None:
                problems.append(_on(r, "revert_of_revert", id=r.revert))
            elif r.revert in reverted:
                problems.append(_on(r, "revert_twice", id=r.revert, first_line=reverted[r.revert]))
            else:
                reverted[r.revert or ""] = r.line
        return problems
