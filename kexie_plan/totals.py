"""What a whole ledger adds up to, whatever the date: the standing `kexie record` prints.

`record` shows where the target, activity or measure it wrote to now stands, and refuses
an activity held twice. Both need the ledger's sums, not its lines. `Totals` keeps those
sums per id, without the plan (`amount`, `held` and friends apply it), and takes records
one at a time, so that `totals_cache` can keep them between runs and an append never
reads the whole ledger again (issue 7). Its size grows with the plan's ids and the
ledger's reversals, not with the ledger.

A record stands unless a reversal (of any date) names its id; the sums are those that
`progress.tally` gives at a date no record is after. Pure: imports model only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from kexie_plan.plan import Plan
from kexie_plan.record import Record

Entry = tuple[str, dt.date]  # a standing record's id and date


@dataclass
class Totals:
    """The sums of the standing records, per id, and the reversals seen so far."""

    amounts: dict[str, int] = field(default_factory=dict)  # target -> sum of amounts
    done: dict[str, list[Entry]] = field(default_factory=dict)  # target -> records done
    held: dict[str, list[Entry]] = field(default_factory=dict)  # activity -> its records
    measures: dict[str, int] = field(default_factory=dict)  # measure -> number of records
    cancelled: set[str] = field(default_factory=set)  # the ids that reversals name
    latest: dt.date | None = None  # the latest date of any record

    def cancel(self, reversal: Record) -> bool:
        """Note a reversal; return whether the id it names was not cancelled before.

        The caller then `remove`s the records with that id that were already added.
        """
        if reversal.revert is None or reversal.revert in self.cancelled:
            return False
        self.cancelled.add(reversal.revert)
        return True

    def add(self, record: Record) -> None:
        """Count the next record, unless a reversal noted before cancels it."""
        if self.latest is None or record.date > self.latest:
            self.latest = record.date
        if record.revert is None and record.id not in self.cancelled:
            self._count(record, 1)

    def remove(self, record: Record) -> None:
        """Take back a record that `add` counted and a reversal now cancels."""
        self._count(record, -1)

    def _count(self, record: Record, sign: int) -> None:
        entry = (record.id, record.date)
        if record.target is not None:
            amount = 1 if record.amount is None else record.amount
            _add(self.amounts, record.target, sign * amount)
            if record.done:
                _change(self.done, record.target, entry, sign)
        elif record.activity is not None:
            _change(self.held, record.activity, entry, sign)
        elif record.measure is not None:
            _add(self.measures, record.measure, sign)

    def amount(self, plan: Plan, target: str) -> int:
        """Return a counted target's actual: its records' amounts, and 1 for each held
        activity that counts toward it (held twice after a merge still counts 1)."""
        toward = sum(1 for a in plan.activities if a.target == target and a.id in self.held)
        return self.amounts.get(target, 0) + toward

    def completion(self, plan: Plan, target: str) -> Entry | None:
        """Return the earliest standing record (id, date) that completes the milestone: a
        record marking it done, or the holding of an activity that completes it."""
        entries = list(self.done.get(target, ()))
        for a in plan.activities:
            if a.target == target:
                entries += self.held.get(a.id, ())
        return min(entries, key=lambda entry: (entry[1], entry[0]), default=None)

    def held_by(self, activity: str) -> Entry | None:
        """Return the earliest standing record (id, date) that holds the activity."""
        entries = self.held.get(activity, ())
        return min(entries, key=lambda entry: (entry[1], entry[0]), default=None)

    def as_json(self) -> dict[str, Any]:
        """Return the totals as JSON values (see `from_json`)."""

        def entries(table: dict[str, list[Entry]]) -> dict[str, list[list[str]]]:
            return {key: [[i, d.isoformat()] for i, d in rows] for key, rows in table.items()}

        return {
            "amounts": self.amounts,
            "done": entries(self.done),
            "held": entries(self.held),
            "measures": self.measures,
            "cancelled": sorted(self.cancelled),
            "latest": None if self.latest is None else self.latest.isoformat(),
        }

    @classmethod
    def from_json(cls, value: dict[str, Any]) -> Totals:
        """Return the totals that `as_json` gave; raise ValueError, KeyError or TypeError if
        the value is not such."""
        day = dt.date.fromisoformat

        def entries(table: dict[str, list[list[str]]]) -> dict[str, list[Entry]]:
            return {str(key): [(str(i), day(d)) for i, d in rows] for key, rows in table.items()}

        return cls(
            amounts={str(k): int(v) for k, v in value["amounts"].items()},
            done=entries(value["done"]),
            held=entries(value["held"]),
            measures={str(k): int(v) for k, v in value["measures"].items()},
            cancelled={str(ident) for ident in value["cancelled"]},
            latest=None if value["latest"] is None else day(value["latest"]),
        )


# Nothing is kept for an id whose records were all taken back: the totals are then
# the same whichever order the records and reversals came in.


def _add(table: dict[str, int], key: str, change: int) -> None:
    value = table.get(key, 0) + change
    if value:
        table[key] = value
    else:
        table.pop(key, None)


def _change(table: dict[str, list[Entry]], key: str, entry: Entry, sign: int) -> None:
    rows = table.setdefault(key, [])
    if sign > 0:
        rows.append(entry)
    elif entry in rows:
        rows.remove(entry)
    if not rows:
        del table[key]
