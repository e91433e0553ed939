"""A record of the progress ledger as the core computes on it, and its kinds.

A plain dataclass, not a pydantic model: a ledger can hold a million of these and
building a model per line costs seconds. Not frozen either, for the same reason (a
frozen `__init__` costs another second per million); never change one. Pure; imports
nothing of ours.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

# Record ids are written in Crockford's base 32: digits and capitals without I, L, O, U.
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def base32(number: int, width: int) -> str:
    """Return the lowest `width` base-32 digits of `number` in Crockford's alphabet."""
    chars = []
    for _ in range(width):
        number, digit = divmod(number, 32)
        chars.append(CROCKFORD[digit])
    return "".join(reversed(chars))


class RecordKind(StrEnum):
    """What a record is about: exactly one of these keys is set on each record."""

    TARGET = "target"
    ACTIVITY = "activity"
    MEASURE = "measure"
    REVERT = "revert"


@dataclass(slots=True, unsafe_hash=True)
class Record:
    """One line of the progress ledger, already checked for shape.

    Exactly one of target, activity, measure and revert is set.
    """

    id: str
    date: dt.date
    target: str | None = None
    activity: str | None = None
    measure: str | None = None
    revert: str | None = None
    amount: int | None = None  # counted targets only; None means the default, 1
    done: bool = False  # milestones (and measures) only
    by: str | None = None
    note: str | None = None
    evidence: str | None = None
    line: int = 0  # 1-based line in the ledger; 0 when not read from a file

    @property
    def kind(self) -> RecordKind:
        """Return which of target, activity, measure and revert the record names."""
        if self.target is not None:
            return RecordKind.TARGET
        if self.activity is not None:
            return RecordKind.ACTIVITY
        if self.measure is not None:
            return RecordKind.MEASURE
        return RecordKind.REVERT

    @property
    def ref(self) -> str:
        """Return the id this record is about (target, activity, measure or reverted record)."""
        return self.target or self.activity or self.measure or self.revert or ""

    @property
    def counted(self) -> int:
        """Return what the record adds to a counted target: its amount, 1 by default."""
        return 1 if self.amount is None else self.amount
