"""A period's report as data: what a quarter, a half-year, a month or the year achieved.

Pure: `period_report(plan, totals, records, start, end, as_of)` turns a plan and its
ledger (what it adds up to, and its records streamed once for the annex) into
a `PeriodReport` of frozen dataclasses — the standing at the period's end (or at as_of,
when the report is written before the period is over), what each target gained within
the period, the activities held and those that slipped, the notes recorded against
measures, and every record of the period (the annex). Renderers in `render/report_*`
only lay it out. No I/O and no clock. Imports plan, record, totals and progress of ours.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from kexie_plan.plan import Goal, Plan
from kexie_plan.progress import (
    ActivityStatus,
    MonthPoint,
    StatusReport,
    TargetStatus,
    adjustment_in_force,
    expected_by,
    month_end,
    status_report,
    target_history,
)
from kexie_plan.record import Record
from kexie_plan.totals import Totals

PERIODS = ("Q1", "Q2", "Q3", "Q4", "H1", "H2", "YEAR")
_MONTH_RE = re.compile(r"([0-9]{4})-([0-9]{2})\Z")
_FIRST_MONTH = {
    "Q1": (1, 3),
    "Q2": (4, 6),
    "Q3": (7, 9),
    "Q4": (10, 12),
    "H1": (1, 6),
    "H2": (7, 12),
}
# How the summary sentence groups the states: 已完成, 达进度, 欠进度, 逾期, 未开始.
SUMMARY_GROUPS = (
    ("completed", ("exceeded", "met", "done")),
    ("on_track", ("on_track",)),
    ("behind", ("behind",)),
    ("overdue", ("overdue",)),
    ("not_started", ("pending", "open")),
)


@dataclass(frozen=True, slots=True)
class TargetLine:
    """One target in a period report: its standing at the report's date and its period gain."""

    status: TargetStatus  # cumulative, at the report's as_of; goal is the goal in force
    in_period: int  # counted: amounts dated in the period; milestone: 1 when done in it
    expected_at_end: int | None  # 序时进度 at the period's end (None for milestones)
    original: Goal | None  # the goal as the plan first set it
    adjusted_on: dt.date | None  # the date of the adjustment in force, if any
    reason: str | None  # that adjustment's reason
    history: tuple[MonthPoint, ...]  # month by month over the plan's period, for charts

    @property
    def adjusted(self) -> bool:
        """Return whether an adjustment changed the goal in force."""
        return self.adjusted_on is not None


@dataclass(frozen=True, slots=True)
class RecordEntry:
    """A record of the period as the annex lists it."""

    record: Record
    kind: str  # target, activity, measure or revert
    ref: str  # the id the record is about (for a reversal: the reverted record's subject)
    name: str  # that target's or activity's name, or that measure's title
    unit: str | None  # the unit of the target the record counts toward
    amount: int | None  # what it adds to that target when it stands (None for a reversal)
    cancelled: bool  # a reversal cancels it (whatever the reversal's date: it is retroactive)


@dataclass(frozen=True, slots=True)
class PeriodReport:
    """A period's report: standing at its end, gains within it, activities, notes, records."""

    period: str  # Q1 … Q4, H1, H2, YEAR, or YYYY-MM
    start: dt.date
    end: dt.date
    as_of: dt.date  # the period's end, or the earlier day the report was asked for
    status: StatusReport  # every target and activity at as_of (what `kexie status` shows)
    targets: tuple[TargetLine, ...]
    held: tuple[ActivityStatus, ...]  # activities held within the period
    slipped: tuple[ActivityStatus, ...]  # due by as_of and not held, or held late in it
    # The standing notes recorded against measures in the period, and the records dated in
    # it (reversals included): the first `listed` of each by date, and how many there are.
    notes: tuple[RecordEntry, ...]
    note_count: int
    records: tuple[RecordEntry, ...]
    record_count: int

    @property
    def more_notes(self) -> int:
        """Return how many notes of the period the report leaves out."""
        return self.note_count - len(self.notes)

    @property
    def more_records(self) -> int:
        """Return how many records of the period the annex leaves out."""
        return self.record_count - len(self.records)

    def summary_counts(self) -> tuple[tuple[str, int], ...]:
        """Return (group, count) for the summary sentence: completed, on_track, behind …"""
        s = self.status.summary
        return tuple((group, sum(s.count(x) for x in states)) for group, states in SUMMARY_GROUPS)


def period_bounds(plan: Plan, period: str) -> tuple[dt.date, dt.date] | None:
    """Return the first and last day of a named period of the plan; None when it names none.

    Quarters and halves are those of the plan's year; YEAR is the plan's whole period;
    YYYY-MM is that month. Each is cut to the plan's period; None when nothing is left.
    """
    span = plan.span
    name = period.upper()
    if name == "YEAR":
        return span.start, span.end
    if name in _FIRST_MONTH:
        first, last = _FIRST_MONTH[name]
        start, end = dt.date(plan.year, first, 1), month_end(plan.year, last)
    else:
        match = _MONTH_RE.match(period)
        if not match or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < 1:
            return None
        year, month = int(match.group(1)), int(match.group(2))
        start, end = dt.date(year, month, 1), month_end(year, month)
    start, end = max(start, span.start), min(end, span.end)
    return (start, end) if start <= end else None


def entry_of(plan: Plan, totals: Totals, r: Record) -> RecordEntry:
    """Return a record as the annex lists it: what it is about, by name, and what it adds
    to the target it counts toward; a reversal is about what the record it cancels was."""
    kind, ref = r.kind.value, r.ref
    if r.revert is not None:
        kind, ref = totals.subject_of_reverted(r.revert) or ("revert", r.revert)
    name, unit, amount = ref, None, None
    if kind == "target":
        target = plan.target(ref)
        if target is not None:
            name, unit = target.name, target.unit
            amount = r.counted if target.kind == "count" else None
    elif kind == "activity":
        activity = plan.activity(ref)
        if activity is not None:
            name = activity.name
            linked = plan.target(activity.target or "")
            unit = linked.unit if linked is not None else None
            amount = 1 if linked is not None and linked.kind == "count" else None
    elif kind == "measure":
        measure = plan.measure(ref)
        name = measure.title if measure is not None else ref
    if r.revert is not None:
        kind, amount = "revert", None
    return RecordEntry(r, kind, ref, name, unit, amount, r.id in totals.reversals)


def period_records(
    plan: Plan, totals: Totals, records: Iterable[Record], start: dt.date, as_of: dt.date
) -> Iterator[RecordEntry]:
    """Yield the records dated from start to as_of, in ledger order (the order they were
    recorded), each with what it is about. The records stream past once; nothing is held."""
    for r in records:
        if start <= r.date <= as_of:
            yield entry_of(plan, totals, r)


class _Earliest:
    """The first `listed` entries by date (then ledger line) of those that stream past, and
    how many there were: memory holds `listed` of them."""

    def __init__(self, listed: int) -> None:
        self.listed = listed
        self.count = 0
        self._heap: list[tuple[int, int, RecordEntry]] = []  # negated keys: a max-heap

    def add(self, entry: RecordEntry) -> None:
        import heapq

        self.count += 1
        item = (-entry.record.date.toordinal(), -entry.record.line, entry)
        if len(self._heap) < self.listed:
            heapq.heappush(self._heap, item)
        elif self.listed and item[:2] > self._heap[0][:2]:
            heapq.heapreplace(self._heap, item)

    def entries(self) -> tuple[RecordEntry, ...]:
        return tuple(item[2] for item in sorted(self._heap, key=lambda i: (-i[0], -i[1])))


def _slipped(activity: ActivityStatus, start: dt.date, as_of: dt.date) -> bool:
    """Return whether the activity was due by as_of and is not held, or was held late in it.

    An activity whose month is only an estimate (tentative) never slips.
    """
    if activity.ends > as_of or activity.tentative:
        return False
    if activity.held is None:
        return True
    return activity.late and start <= activity.held


def period_report(
    plan: Plan,
    totals: Totals,
    records: Iterable[Record],
    start: dt.date,
    end: dt.date,
    as_of: dt.date,
    name: str,
    listed: int = 1000,
) -> PeriodReport:
    """Return the report of the period start–end, taken at the earlier of end and as_of.

    A target's gain in the period is what the records give at the report's date less
    what they gave the day before the period began. `records` (the ledger's, streamed
    once) give the annex and the notes: the first `listed` of each by date, and their
    counts (a document of a million rows serves nobody; `period_records` streams them all
    for a spreadsheet).
    """
    day = min(end, as_of)
    status = status_report(plan, totals, day)
    before = start - dt.timedelta(days=1)
    lines = []
    for target, standing in zip(plan.targets, status.targets, strict=True):
        if target.kind == "milestone" or target.goal is None:
            done = standing.done
            gained = 1 if done is not None and start <= done <= day else 0
            expected_at_end = None
            history: tuple[MonthPoint, ...] = ()
        else:
            gained = standing.actual - totals.amount(plan, target.id, before)
            expected_at_end = expected_by(plan, target, end)
            history = target_history(plan, totals, target.id, day)
        adjustment = adjustment_in_force(target, day) if target.goal is not None else None
        lines.append(
            TargetLine(
                status=standing,
                in_period=gained,
                expected_at_end=expected_at_end,
                original=target.goal,
                adjusted_on=adjustment.date if adjustment is not None else None,
                reason=adjustment.reason if adjustment is not None else None,
                history=history,
            )
        )
    annex, notes = _Earliest(listed), _Earliest(listed)
    for entry in period_records(plan, totals, records, start, day):
        annex.add(entry)
        if entry.kind == "measure" and not entry.cancelled:
            notes.add(entry)
    held = tuple(
        sorted(
            (a for a in status.activities if a.held is not None and start <= a.held <= day),
            key=lambda a: (a.held, a.starts),
        )
    )
    slipped = tuple(a for a in status.activities if _slipped(a, start, day))
    return PeriodReport(
        period=name,
        start=start,
        end=end,
        as_of=day,
        status=status,
        targets=tuple(lines),
        held=held,
        slipped=slipped,
        notes=notes.entries(),
        note_count=notes.count,
        records=annex.entries(),
        record_count=annex.count,
    )
