"""What the ledger adds up to: the one accumulator every view reads.

`Totals` takes the ledger's records one at a time, in ledger order, and keeps what they
add up to per id and per day: the amounts toward each target day by day, the records
that hold each activity, complete each milestone or note each measure, the days each
unit recorded, and the reversals with what they name. It never needs the plan (the
plan is applied when a question is asked: `amount`, `held`, `completion` …), so one
`Totals` answers "where does target X stand on day D?" for any D, for `status`, `show`,
`report`, `measures`, `remind` and `record` alike, and `loader` can keep it in a cache
between runs. Its size grows with the plan's ids, the days of the year, the measure
notes and the reversals, never with the counted records.

A reversal is retroactive (docs/format.md): the record it names never counts, whatever
the reversal's date. When reversals are known before the records they cancel (the
loader reads them first), `note_reversal` then `add` never counts a cancelled record;
when a reversal comes later (appended after a cached read), `note_reversal` says so and
the caller `remove`s the record it names.

Pure: imports plan and record of ours only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kexie_plan.plan import Plan
from kexie_plan.record import Record

# A standing record, as the accumulator keeps it: its id, date and ledger line.
Entry = tuple[str, dt.date, int]
# A record noted against a measure: id, date, line, done, note.
MeasureEntry = tuple[str, dt.date, int, bool, "str | None"]


def _earliest(entries: list[Entry] | tuple[Entry, ...], day: dt.date | None) -> Entry | None:
    """Return the entry with the earliest date (then line) on or before `day` (any day when
    None)."""
    best = None
    for entry in entries:
        if (day is None or entry[1] <= day) and (
            best is None or (entry[1], entry[2]) < (best[1], best[2])
        ):
            best = entry
    return best


@dataclass(slots=True)
class Named:
    """The first record with an id that a reversal names: what the reversal checks need,
    and what the record was about (so that a listing can place its reversal beside it
    without holding every record)."""

    date: dt.date
    line: int
    kind: str  # target, activity, measure or revert (a RecordKind's value)
    ref: str  # the id it is about

    @property
    def reversal(self) -> bool:
        """Return whether the named record is itself a reversal."""
        return self.kind == "revert"


@dataclass
class Totals:
    """The sums of the standing records per id and day, and the reversals seen so far.

    The measure notes (`measures`) may come later: a cached `Totals` can be given a
    function that returns them (`measures_later`), called the first time they are asked
    for or changed, so that a command that never looks at a measure never reads them."""

    amounts: dict[str, dict[dt.date, int]] = field(default_factory=dict)  # target -> day -> sum
    done: dict[str, list[Entry]] = field(default_factory=dict)  # target -> records saying done
    held: dict[str, list[Entry]] = field(default_factory=dict)  # activity -> its records
    notes: dict[str, list[MeasureEntry]] = field(default_factory=dict)  # see `measures`
    days_by: dict[str, set[dt.date]] = field(default_factory=dict)  # by -> days it recorded
    reversals: dict[str, list[Entry]] = field(default_factory=dict)  # named id -> reversals
    named: dict[str, Named] = field(default_factory=dict)  # named id -> its first record
    records: int = 0  # how many records were added
    latest: dt.date | None = None  # the latest date of any record
    measures_later: Callable[[], dict[str, list[MeasureEntry]]] | None = None

    @property
    def measures(self) -> dict[str, list[MeasureEntry]]:
        """Return measure -> the standing records noted against it (fetched now if they
        were to come later)."""
        later = self.measures_later
        if later is not None:
            self.measures_later = None
            self.notes = later()
        return self.notes

    @property
    def measures_pending(self) -> bool:
        """Return whether the measure notes are still to come (never asked for)."""
        return self.measures_later is not None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Totals):
            return NotImplemented
        return self.as_json() == other.as_json()

    # --- feeding it -------------------------------------------------------------------

    def note_reversal(self, reversal: Record) -> bool:
        """Note a reversal; return whether it is the first to name its record (the caller
        then `remove`s that record if it was added before)."""
        entries = self.reversals.get(reversal.revert or "")
        entry = (reversal.id, reversal.date, reversal.line)
        if entries is None:
            self.reversals[reversal.revert or ""] = [entry]
            return True
        if entry not in entries:
            entries.append(entry)
        return False

    def add(self, record: Record) -> None:
        """Count the next record in ledger order, unless a reversal noted before names it."""
        self.records += 1
        day = record.date
        if self.latest is None or day > self.latest:
            self.latest = day
        if record.by is not None:
            days = self.days_by.get(record.by)
            if days is None:
                self.days_by[record.by] = {day}
            else:
                days.add(day)
        ident = record.id
        if ident in self.reversals:
            self._name(record)
            return
        if record.revert is None:
            self._count(record, 1)

    def remove(self, record: Record) -> None:
        """Take back a record that `add` counted before a reversal named it."""
        self._name(record)
        if record.revert is None:
            self._count(record, -1)

    def _name(self, record: Record) -> None:
        """Note a record that a reversal names, if it is the first in the ledger with its id."""
        named = self.named.get(record.id)
        if named is None or record.line < named.line:
            self.named[record.id] = Named(record.date, record.line, record.kind.value, record.ref)

    def _count(self, record: Record, sign: int) -> None:
        day = record.date
        entry = (record.id, day, record.line)
        if record.target is not None:
            per_day = self.amounts.get(record.target)
            if per_day is None:
                per_day = self.amounts[record.target] = {}
            value = per_day.get(day, 0) + sign * (1 if record.amount is None else record.amount)
            if value:
                per_day[day] = value
            else:
                per_day.pop(day, None)
                if not per_day:
                    del self.amounts[record.target]
            if record.done:
                _change(self.done, record.target, entry, sign)
        elif record.activity is not None:
            _change(self.held, record.activity, entry, sign)
        elif record.measure is not None:
            noted = (record.id, day, record.line, record.done, record.note)
            _change(self.measures, record.measure, noted, sign)

    # --- asking it --------------------------------------------------------------------

    @property
    def cancelled(self) -> set[str]:
        """Return the ids that some reversal names."""
        return set(self.reversals)

    def reverted_by(self, ident: str) -> str | None:
        """Return the id of the reversal that cancels the record `ident` (the first in the
        ledger, when a merge kept two), or None when it stands."""
        entries = self.reversals.get(ident)
        return None if not entries else min(entries, key=lambda e: e[2])[0]

    def subject_of_reverted(self, ident: str) -> tuple[str, str] | None:
        """Return (kind, id) of what the record `ident`, named by a reversal, is about; None
        when no record has that id."""
        named = self.named.get(ident)
        return None if named is None else (named.kind, named.ref)

    def held_by(self, activity: str, day: dt.date | None = None) -> Entry | None:
        """Return the earliest standing record holding the activity, on or before `day`."""
        return _earliest(self.held.get(activity, ()), day)

    def completion(self, plan: Plan, target: str, day: dt.date | None = None) -> Entry | None:
        """Return the earliest standing record that completes the milestone, on or before
        `day`: a record marking it done, or the holding of an activity that completes it."""
        entries = list(self.done.get(target, ()))
        for activity in plan.activities:
            if activity.target == target:
                holding = self.held_by(activity.id, day)
                if holding is not None:
                    entries.append(holding)
        return _earliest(entries, day)

    def amount(self, plan: Plan, target: str, day: dt.date | None = None) -> int:
        """Return a counted target's actual on `day` (any day when None): its records'
        amounts, and 1 for each activity counting toward it held by then (once, however
        often it was recorded)."""
        per_day = self.amounts.get(target, {})
        total = sum(v for d, v in per_day.items() if day is None or d <= day)
        for activity in plan.activities:
            if activity.target == target and self.held_by(activity.id, day) is not None:
                total += 1
        return total

    def measure_entries(self, measure: str, day: dt.date | None = None) -> list[MeasureEntry]:
        """Return the standing records noted against the measure on or before `day`, by
        date then line."""
        entries = [e for e in self.measures.get(measure, ()) if day is None or e[1] <= day]
        return sorted(entries, key=lambda e: (e[1], e[2]))

    def last_day(self, by: str, day: dt.date) -> dt.date | None:
        """Return the latest day on or before `day` on which `by` recorded anything."""
        return max((d for d in self.days_by.get(by, ()) if d <= day), default=None)

    # --- the cache's form -------------------------------------------------------------

    def as_json(self, measures: bool = True) -> dict[str, Any]:
        """Return the totals as JSON values (see `from_json`); without the measure notes
        when `measures` is False (the cache keeps them apart: `measures_json`)."""

        def entries(table: dict[str, list[Entry]]) -> dict[str, list[list[Any]]]:
            return {k: [[i, d.isoformat(), n] for i, d, n in rows] for k, rows in table.items()}

        value = {
            "amounts": {
                t: {d.isoformat(): v for d, v in per.items()} for t, per in self.amounts.items()
            },
            "done": entries(self.done),
            "held": entries(self.held),
            "days_by": {b: sorted(d.isoformat() for d in days) for b, days in self.days_by.items()},
            "reversals": entries(self.reversals),
            "named": {
                i: [n.date.isoformat(), n.line, n.kind, n.ref] for i, n in self.named.items()
            },
            "records": self.records,
            "latest": None if self.latest is None else self.latest.isoformat(),
        }
        if measures:
            value["measures"] = self.measures_json()
        return value

    def measures_json(self) -> dict[str, list[list[Any]]]:
        """Return the measure notes as JSON values (see `measures_from_json`)."""
        return {
            m: [[i, d.isoformat(), n, done, note] for i, d, n, done, note in rows]
            for m, rows in self.measures.items()
        }

    @staticmethod
    def measures_from_json(value: dict[str, Any]) -> dict[str, list[MeasureEntry]]:
        """Return the measure notes that `measures_json` gave; raise ValueError, KeyError or
        TypeError if the value is not such."""
        day = dt.date.fromisoformat
        return {
            str(m): [
                (str(i), day(d), int(n), bool(done), None if note is None else str(note))
                for i, d, n, done, note in rows
            ]
            for m, rows in value.items()
        }

    @classmethod
    def from_json(cls, value: dict[str, Any]) -> Totals:
        """Return the totals that `as_json` gave (no measure notes when it left them out);
        raise ValueError, KeyError or TypeError if the value is not such."""
        day = dt.date.fromisoformat

        def entries(table: dict[str, list[list[Any]]]) -> dict[str, list[Entry]]:
            return {
                str(k): [(str(i), day(d), int(n)) for i, d, n in rows] for k, rows in table.items()
            }

        return cls(
            amounts={
                str(t): {day(d): int(v) for d, v in per.items()}
                for t, per in value["amounts"].items()
            },
            done=entries(value["done"]),
            held=entries(value["held"]),
            notes=cls.measures_from_json(value.get("measures", {})),
            days_by={str(b): {day(d) for d in days} for b, days in value["days_by"].items()},
            reversals=entries(value["reversals"]),
            named={
                str(i): Named(day(d), int(n), _kind(k), str(r))
                for i, (d, n, k, r) in value["named"].items()
            },
            records=int(value["records"]),
            latest=None if value["latest"] is None else day(value["latest"]),
        )


def _kind(value: Any) -> str:
    if value not in ("target", "activity", "measure", "revert"):
        raise ValueError(value)
    return str(value)


def totals_of(records: list[Record]) -> Totals:
    """Return what a list of records adds up to (the reversals noted first)."""
    totals = Totals()
    for record in records:
        if record.revert is not None:
            totals.note_reversal(record)
    for record in records:
        totals.add(record)
    return totals


# Nothing is kept for an id whose records were all taken back: the totals are then the
# same whichever order the records and reversals came in.


def _change(table: dict[str, list[Any]], key: str, entry: Any, sign: int) -> None:
    rows = table.setdefault(key, [])
    if sign > 0:
        rows.append(entry)
    elif entry in rows:
        rows.remove(entry)
    if not rows:
        del table[key]
