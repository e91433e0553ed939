"""What changed between two versions of a plan, in the plan's own terms.

Pure: `plan_diff(old, new)` returns the changes a reviewer cares about — sections,
measures, targets and activities added or removed, goals changed or adjusted, due dates
and units changed, activities moved to another month or date — in plan order.
`unexplained_goal_changes(old, new)` returns a located problem for every target whose
`goal` changed without an adjustment to that goal (for `kexie validate --against`). No
I/O. Imports only errors and model of ours.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kexie_plan.errors import PlanError
from kexie_plan.plan import Activity, Plan, Target

CHANGE_KINDS = (
    "section_added",
    "section_removed",
    "measure_added",
    "measure_removed",
    "target_added",
    "target_removed",
    "goal_changed",
    "goal_adjusted",
    "unit_changed",
    "due_changed",
    "kind_changed",
    "activity_added",
    "activity_removed",
    "activity_moved",
)


@dataclass(frozen=True, slots=True)
class Change:
    """One change: its kind, the id and name it concerns, the value before and after."""

    kind: str  # one of CHANGE_KINDS
    id: str
    name: str
    before: str | None = None
    after: str | None = None
    detail: str | None = None  # an adjustment's reason


def _when(plan: Plan, activity: Activity) -> str:
    """Return when an activity is planned: its date, else its month as YYYY-MM; then its
    window, if it has one (2021-10 (2021-10-22..2021-10-25))."""
    window = activity.window
    within = f" ({window.from_.isoformat()}..{window.to.isoformat()})" if window else ""
    if activity.date is not None:
        return activity.date.isoformat() + within
    start = plan.span.start
    month = activity.month or 12
    year = start.year if month >= start.month else start.year + 1
    return f"{year}-{month:02d}{within}"


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _targets(old: Target, new: Target) -> list[Change]:
    changes = []
    if old.kind != new.kind:
        changes.append(Change("kind_changed", new.id, new.name, old.kind, new.kind))
    if old.goal != new.goal:
        before = str(old.goal) if old.goal else None
        after = str(new.goal) if new.goal else None
        changes.append(Change("goal_changed", new.id, new.name, before, after))
    known = {(a.date, a.goal) for a in old.adjustments}
    for adjustment in new.adjustments:
        if (adjustment.date, adjustment.goal) not in known:
            changes.append(
                Change(
                    "goal_adjusted",
                    new.id,
                    new.name,
                    adjustment.date.isoformat(),
                    str(adjustment.goal),
                    adjustment.reason,
                )
            )
    if old.unit != new.unit:
        changes.append(Change("unit_changed", new.id, new.name, old.unit, new.unit))
    if old.due != new.due:
        changes.append(Change("due_changed", new.id, new.name, _day(old.due), _day(new.due)))
    return changes


def plan_diff(old: Plan, new: Plan) -> tuple[Change, ...]:
    """Return the changes from `old` to `new`: additions and changes in new's order, then
    removals in old's order, for sections, measures, targets and activities."""
    changes: list[Change] = []

    def added_removed(kind: str, before: dict, after: dict, name: str) -> None:
        for ident, item in after.items():
            if ident not in before:
                changes.append(Change(f"{kind}_added", ident, getattr(item, name)))
        for ident, item in before.items():
            if ident not in after:
                changes.append(Change(f"{kind}_removed", ident, getattr(item, name)))

    added_removed(
        "section", {s.id: s for s in old.sections}, {s.id: s for s in new.sections}, "title"
    )
    added_removed(
        "measure", {m.id: m for m in old.measures()}, {m.id: m for m in new.measures()}, "title"
    )
    old_targets = {t.id: t for t in old.targets}
    new_targets = {t.id: t for t in new.targets}
    added_removed("target", old_targets, new_targets, "name")
    for ident, target in new_targets.items():
        if ident in old_targets:
            changes += _targets(old_targets[ident], target)
    old_activities = {a.id: a for a in old.activities}
    new_activities = {a.id: a for a in new.activities}
    added_removed("activity", old_activities, new_activities, "name")
    for ident, activity in new_activities.items():
        before = old_activities.get(ident)
        if before is not None and _when(old, before) != _when(new, activity):
            moved = (_when(old, before), _when(new, activity))
            changes.append(Change("activity_moved", ident, activity.name, *moved))
    order = {kind: i for i, kind in enumerate(CHANGE_KINDS)}
    return tuple(sorted(changes, key=lambda c: order[c.kind]))


def unexplained_goal_changes(old: Plan, new: Plan, rev: str) -> list[PlanError]:
    """Return a problem at the `goal` of every target of `new` whose goal differs from
    `old`'s and that has no adjustment to that same goal (its reason)."""
    before = {t.id: t for t in old.targets}
    problems = []
    for t, target in enumerate(new.targets):
        previous = before.get(target.id)
        if previous is None or previous.goal == target.goal or target.goal is None:
            continue
        if any(a.goal == target.goal for a in target.adjustments):
            continue
        params = {
            "rev": rev,
            "id": target.id,
            "old": str(previous.goal) if previous.goal else "-",
            "new": str(target.goal),
        }
        problems.append(PlanError("goal_changed_unadjusted", params, loc=("targets", t, "goal")))
    return problems
