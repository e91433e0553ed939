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
from collections.abc import Iterable
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
    notes: tuple[RecordEntry, ...]  # standing notes recorded against measures in the period
    records: tuple[RecordEntry, ...]  # every record dated in the period, reversals included

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


def _entries(
    plan: Plan, totals: Totals, records: Iterable[Record], start: dt.date, as_of: dt.date
) -> tuple[RecordEntry, ...]:
    """Return the records dated from start to as_of, each with what it is about.

    The records may stream past once, in any order: only the period's and those that
    some reversal names are kept.
    """
    targets = {t.id: t for t in plan.targets}
    activities = {a.id: a for a in plan.activities}
    measures = {m.id: m for m in plan.measures()}
    cancelled = totals.cancelled
    named: dict[str, Record] = {}
    chosen: list[Record] = []
    for r in records:
        if r.id in cancelled:
            named.setdefault(r.id, r)
        if start <= r.date <= as_of:
            chosen.append(r)

    def about(r: Record) -> tuple[str, str, str, str | None, int | None]:
        if r.target is not None:
            target = targets.get(r.target)
            if target is None:
                return "target", r.target, r.target, None, None
            counted = target.kind == "count"
            amount = r.counted if counted else None
            return "target", r.target, target.name, target.unit, amount
        if r.activity is not None:
            activity = activities.get(r.activity)
            if activity is None:
                return "activity", r.activity, r.activity, None, None
            linked = targets.get(activity.target or "")
            counts = linked is not None and linked.kind == "count"
            unit = linked.unit if linked is not None else None
            return "activity", r.activity, activity.name, unit, 1 if counts else None
        if r.measure is not None:
            measure = measures.get(r.measure)
            return "measure", r.measure, measure.title if measure else r.measure, None, None
        return "revert", r.revert or "", r.revert or "", None, None

    entries = []
    for r in sorted(chosen, key=lambda r: (r.date, r.line)):
        kind, ref, name, unit, amount = about(r)
        if kind == "revert":
            undone = named.get(r.revert or "")
            if undone is not None and undone.revert is None:
                _, ref, name, unit, _ = about(undone)
        entries.append(RecordEntry(r, kind, ref, name, unit, amount, r.id in cancelled))
    return tuple(entries)


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
) -> PeriodReport:
    """Return the report of the period start–end, taken at the earlier of end and as_of.

    A target's gain in the period is what the records give at the report's date less
    what they gave the day before the period began. `records` (the ledger's, streamed
    once) give the annex and the notes.
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
    entries = _entries(plan, totals, records, start, day)
    held = tuple(
        sorted(
            (a for a in status.activities if a.held is not None and start <= a.held <= day),
            key=lambda a: (a.held, a.starts),
        )
    )
    slipped = tuple(a for a in status.activities if _slipped(a, start, day))
    notes = tuple(e for e in entries if e.kind == "measure" and not e.cancelled)
    return PeriodReport(
        period=name,
        start=start,
        end=end,
        as_of=day,
        status=status,
        targets=tuple(lines),
        held=held,
        slipped=slipped,
        notes=notes,
        records=entries,
    )
