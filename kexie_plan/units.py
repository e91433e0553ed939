"""Who does what: each unit's share of the plan, and whom the office should chase.

Pure: `owner_rollup(plan, report)` counts the targets and activities each unit owns by
state (`kexie status --group owner`); `reminders(plan, report, totals, days)` lists, per
unit, what it owns or co-owns that is behind, overdue or due within `days`, and whether
it has recorded nothing (`by`) in the last `days` days (`kexie remind`). A target's or
activity's owner is its own, else its measure's; co-owners are never inherited. No I/O,
no clock. Imports plan, progress, states and totals of ours.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace

from kexie_plan.plan import Goal, Plan
from kexie_plan.progress import ActivityStatus, StatusReport, TargetStatus
from kexie_plan.states import ActivityState, TargetState
from kexie_plan.totals import Totals

# The order in which a unit's reminders are listed.
WHY = ("overdue", "behind", "due_soon")


@dataclass(frozen=True, slots=True)
class UnitLoad:
    """What one unit owns and where it stands; id None gathers what no unit owns."""

    id: str | None
    name: str | None
    targets: int
    met: int  # exceeded, met or done
    on_track: int
    behind: int
    overdue: int
    not_started: int  # pending, or an open milestone
    activities: int
    activities_held: int
    activities_overdue: int


@dataclass(frozen=True, slots=True)
class Reminder:
    """One thing to chase a unit about: a target or activity, and why."""

    kind: str  # target or activity
    id: str
    name: str
    why: str  # overdue, behind or due_soon
    role: str  # owner or co_owner
    when: dt.date  # a target's due date; an activity's first planned day
    until: dt.date  # a target's due date; an activity's last planned day
    actual: int | None = None  # counted targets
    expected: int | None = None
    goal: Goal | None = None
    unit: str | None = None  # a counted target's measure word (场, 个)
    tentative: bool = False  # an activity whose month is only an estimate


@dataclass(frozen=True, slots=True)
class UnitReminder:
    """A unit to chase: what it owns or co-owns that needs attention, and its silence."""

    id: str
    name: str
    items: tuple[Reminder, ...]
    last_record: dt.date | None  # its latest record (`by`) on or before as_of
    silent: bool  # nothing recorded in the last `days` days


@dataclass(frozen=True, slots=True)
class Reminders:
    """Everything `kexie remind` says at as_of."""

    as_of: dt.date
    days: int
    units: tuple[UnitReminder, ...]  # only units with something to chase, in plan order
    unowned: tuple[Reminder, ...]  # what needs attention but names no unit (role "")
    clamped: str | None = None  # why as_of is not the day asked for (see StatusReport)


def owner_rollup(plan: Plan, report: StatusReport) -> tuple[UnitLoad, ...]:
    """Return each unit's targets and activities counted by state, in plan order, then a
    row with id None for those that no unit owns (left out when there are none)."""
    loads = []
    for ident, name in [*((u.id, u.name) for u in plan.units), (None, None)]:
        targets = [t for t in report.targets if t.owner == ident]
        activities = [a for a in report.activities if a.owner == ident]
        if ident is None and not targets and not activities:
            continue
        states = [t.state for t in targets]
        loads.append(
            UnitLoad(
                id=ident,
                name=name,
                targets=len(targets),
                met=sum(s.met for s in states),
                on_track=states.count(TargetState.ON_TRACK),
                behind=states.count(TargetState.BEHIND),
                overdue=states.count(TargetState.OVERDUE),
                not_started=sum(s.group == "not_started" for s in states),
                activities=len(activities),
                activities_held=sum(a.state is ActivityState.HELD for a in activities),
                activities_overdue=sum(a.state is ActivityState.OVERDUE for a in activities),
            )
        )
    return tuple(loads)


def target_reminder(t: TargetStatus, as_of: dt.date, days: int) -> str | None:
    """Return why a target needs chasing (overdue, behind, due_soon), or None."""
    if t.state in (TargetState.OVERDUE, TargetState.BEHIND):
        return t.state.value
    if not t.state.met and as_of <= t.due <= as_of + dt.timedelta(days=days):
        return "due_soon"
    return None


def activity_reminder(a: ActivityStatus, as_of: dt.date, days: int) -> str | None:
    """Return why an activity needs chasing (overdue, due_soon: not held and planned to
    start within `days` or already running), or None."""
    if a.state is ActivityState.OVERDUE:
        return "overdue"
    if a.state is ActivityState.UPCOMING and a.starts <= as_of + dt.timedelta(days=days):
        return "due_soon"
    return None


def _items(report: StatusReport, days: int) -> list[tuple[Reminder, str | None, tuple[str, ...]]]:
    """Return every reminder with the owner and co-owners of what it is about."""
    found = []
    for t in report.targets:
        why = target_reminder(t, report.as_of, days)
        if why is not None:
            counted = t.goal is not None
            item = Reminder(
                kind="target",
                id=t.id,
                name=t.name,
                why=why,
                role="",
                when=t.due,
                until=t.due,
                actual=t.actual if counted else None,
                expected=t.expected if counted else None,
                goal=t.goal,
                unit=t.unit,
            )
            found.append((item, t.owner, t.co_owners))
    for a in report.activities:
        why = activity_reminder(a, report.as_of, days)
        if why is not None:
            item = Reminder(
                "activity", a.id, a.name, why, "", a.starts, a.ends, tentative=a.tentative
            )
            found.append((item, a.owner, a.co_owners))
    return found


def _ordered(items: Iterable[Reminder]) -> tuple[Reminder, ...]:
    return tuple(sorted(items, key=lambda r: (WHY.index(r.why), r.when, r.kind != "target")))


def reminders(plan: Plan, report: StatusReport, totals: Totals, days: int = 30) -> Reminders:
    """Return the units to chase at the report's as_of, and what needs attention unowned.

    A unit is listed when it owns or co-owns a target that is behind, overdue, or due
    within `days` and not met; or an activity that is overdue, or not held and planned to
    start within `days`. A unit that owns or co-owns anything is also listed when it has
    recorded nothing in the `days` days up to as_of — once that many days of the period
    have passed, so that nobody is chased for the days before the plan began.
    """
    as_of = report.as_of
    items = _items(report, days)
    responsible = _responsible(plan)
    quiet_from = as_of - dt.timedelta(days=days)  # records after this day break silence
    can_be_silent = quiet_from >= plan.span.start - dt.timedelta(days=1)
    units = []
    for unit in plan.units:
        mine = [
            replace(item, role="owner" if owner == unit.id else "co_owner")
            for item, owner, co_owners in items
            if owner == unit.id or unit.id in co_owners
        ]
        last = totals.last_day(unit.id, as_of)
        silent = can_be_silent and unit.id in responsible and (last is None or last <= quiet_from)
        if mine or silent:
            units.append(UnitReminder(unit.id, unit.name, _ordered(mine), last, silent))
    unowned = _ordered(item for item, owner, co_owners in items if owner is None and not co_owners)
    return Reminders(as_of, days, tuple(units), unowned, report.clamped)


def _responsible(plan: Plan) -> set[str]:
    """Return the units that own or co-own a measure, a target or an activity."""
    found: set[str] = set()
    things = [*plan.measures(), *plan.targets, *plan.activities]
    for thing in things:
        if thing.owner is not None:
            found.add(thing.owner)
        found.update(thing.co_owners)
    return found


def unit_involved(unit: str, owner: str | None, co_owners: Iterable[str]) -> bool:
    """Return whether `unit` owns or co-owns something with this owner and co-owners."""
    return owner == unit or unit in co_owners
