"""Pure checks that relate parts of a plan to each other.

Each check is a small function `(plan) -> list[PlanError]`; `check_plan` runs them all
and returns every problem, not the first (beancount's validations). Each PlanError
carries a location path in the document (("targets", 3, "goal")) in `loc`; the
loader turns the path into line and column. `check_records` does the same for the
ledger's records, `(plan, records) -> list[PlanError]`, with the record's ledger line in
`line`. No I/O; imports only errors and model.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from kexie_plan.errors import PlanError
from kexie_plan.plan import Goal, Plan, Target
from kexie_plan.record import Record

Loc = tuple[Any, ...]


def _at(
    code: str, params: dict[str, Any], loc: Loc, at_key: bool = False, other: Loc | None = None
) -> PlanError:
    """Return an unplaced PlanError at document path `loc`."""
    return PlanError(code, params, loc=loc, at_key=at_key, other=other)


def _closest(word: str, choices: list[str]) -> str:
    found = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return found[0] if found else ""


def _ids(plan: Plan) -> Iterator[tuple[str, Loc]]:
    """Yield every id the plan defines, with the location of its `id` key."""
    for i, unit in enumerate(plan.units):
        yield unit.id, ("units", i, "id")
    for s, section in enumerate(plan.sections):
        yield section.id, ("sections", s, "id")
        for m, measure in enumerate(section.measures):
            yield measure.id, ("sections", s, "measures", m, "id")
    for t, target in enumerate(plan.targets):
        yield target.id, ("targets", t, "id")
    for a, activity in enumerate(plan.activities):
        yield activity.id, ("activities", a, "id")


def unique_ids(plan: Plan) -> list[PlanError]:
    """Return a problem for every id defined twice anywhere in the plan."""
    seen: dict[str, Loc] = {}
    problems = []
    for ident, loc in _ids(plan):
        if ident in seen:
            problems.append(_at("duplicate_id", {"id": ident}, loc, other=seen[ident]))
        else:
            seen[ident] = loc
    return problems


def _measure_locs(plan: Plan) -> Iterator[tuple[Any, Loc]]:
    for s, section in enumerate(plan.sections):
        for m, measure in enumerate(section.measures):
            yield measure, ("sections", s, "measures", m)


def references(plan: Plan) -> list[PlanError]:
    """Return a problem for every measure, owner or target reference that resolves to nothing."""
    measures = [m.id for m in plan.measures()]
    units = [u.id for u in plan.units]
    targets = {t.id: t for t in plan.targets}
    problems = []

    def ref(kind: str, value: str | None, known: list[str], loc: Loc) -> None:
        if value is not None and value not in known:
            params = {"kind": kind, "id": value, "hint": _closest(value, known)}
            problems.append(_at("unknown_ref", params, loc))

    def owners(owner: str | None, co_owners: list[str], loc: Loc) -> None:
        ref("unit", owner, units, (*loc, "owner"))
        for i, unit in enumerate(co_owners):
            ref("unit", unit, units, (*loc, "co_owners", i))

    for measure, loc in _measure_locs(plan):
        owners(measure.owner, measure.co_owners, loc)
    for t, target in enumerate(plan.targets):
        ref("measure", target.measure, measures, ("targets", t, "measure"))
        owners(target.owner, target.co_owners, ("targets", t))
    for a, activity in enumerate(plan.activities):
        ref("measure", activity.measure, measures, ("activities", a, "measure"))
        ref("target", activity.target, list(targets), ("activities", a, "target"))
        owners(activity.owner, activity.co_owners, ("activities", a))
    return problems


def _owned(plan: Plan) -> Iterator[tuple[str | None, list[str], Loc]]:
    """Yield the owner, co-owners and location of every measure, target and activity."""
    for measure, loc in _measure_locs(plan):
        yield measure.owner, measure.co_owners, loc
    for t, target in enumerate(plan.targets):
        yield target.owner, target.co_owners, ("targets", t)
    for a, activity in enumerate(plan.activities):
        yield activity.owner, activity.co_owners, ("activities", a)


def co_owners_once(plan: Plan) -> list[PlanError]:
    """Return a problem for a co-owner that is also the owner or is listed twice."""
    problems = []
    for owner, co_owners, loc in _owned(plan):
        seen = {owner} if owner is not None else set()
        for i, unit in enumerate(co_owners):
            if unit in seen:
                problems.append(_at("co_owner_twice", {"id": unit}, (*loc, "co_owners", i)))
            seen.add(unit)
    return problems


def target_kinds(plan: Plan) -> list[PlanError]:
    """Return problems for counted targets missing unit or goal and milestones having them."""
    problems = []
    for t, target in enumerate(plan.targets):
        loc = ("targets", t)
        if target.kind == "count":
            for key in ("unit", "goal"):
                if getattr(target, key) is None:
                    problems.append(_at("count_needs", {"key": key}, loc))
        else:
            for key in ("unit", "goal", "schedule"):
                if getattr(target, key) is not None:
                    problems.append(_at("milestone_has", {"key": key}, (*loc, key), True))
    return problems


def dates_in_period(plan: Plan) -> list[PlanError]:
    """Return problems for a reversed period and for dates that lie outside it."""
    if plan.period is not None and plan.period.start > plan.period.end:
        return [_at("period_order", {}, ("period", "end"))]
    span = plan.span
    problems = []

    def inside(value: Any, loc: Loc, at_key: bool = False) -> None:
        if value is not None and not span.start <= value <= span.end:
            params = {"date": value.isoformat(), "start": span.start, "end": span.end}
            problems.append(_at("date_outside", params, loc, at_key))

    for t, target in enumerate(plan.targets):
        inside(target.due, ("targets", t, "due"))
        for day in target.schedule or {}:
            inside(day, ("targets", t, "schedule", day), at_key=True)
    for a, activity in enumerate(plan.activities):
        inside(activity.date, ("activities", a, "date"))
        if activity.window is not None:
            inside(activity.window.from_, ("activities", a, "window", "from"))
            inside(activity.window.to, ("activities", a, "window", "to"))
    return problems


def schedules(plan: Plan) -> list[PlanError]:
    """Return problems for checkpoints that fall with the date or pass the goal's top."""
    problems = []
    for t, target in enumerate(plan.targets):
        if not target.schedule:
            continue
        previous = None
        top = target.goal.max if target.goal is not None else None
        for day in sorted(target.schedule):
            value = target.schedule[day]
            loc = ("targets", t, "schedule", day)
            if previous is not None and value < previous:
                params = {"date": day.isoformat(), "value": value, "previous": previous}
                problems.append(_at("schedule_falls", params, loc))
            if top is not None and value > top:
                problems.append(_at("schedule_above_goal", {"value": value, "top": top}, loc))
            if target.due is not None and day > target.due:
                params = {"date": day.isoformat(), "due": target.due.isoformat()}
                problems.append(_at("schedule_after_due", params, loc, True))
            previous = value
    return problems


def activity_dates(plan: Plan) -> list[PlanError]:
    """Return problems for activities planned with neither or both of `month` and `date`."""
    problems = []
    for a, activity in enumerate(plan.activities):
        if (activity.month is None) == (activity.date is None):
            code = "activity_when_both" if activity.month is not None else "activity_when"
            problems.append(_at(code, {}, ("activities", a)))
    declared = plan.activities_declared
    if declared is not None and declared != len(plan.activities):
        params = {"declared": declared, "listed": len(plan.activities)}
        problems.append(_at("activities_count", params, ("activities_declared",)))
    return problems


def activity_windows(plan: Plan) -> list[PlanError]:
    """Return problems for a window that runs backwards, misses its activity's date or does
    not touch its activity's month (a window narrows when, it never moves it)."""
    problems = []
    for a, activity in enumerate(plan.activities):
        window = activity.window
        if window is None:
            continue
        loc = ("activities", a, "window")
        days = {"first": window.from_.isoformat(), "last": window.to.isoformat()}
        if window.from_ > window.to:
            problems.append(_at("window_order", days, (*loc, "to")))
        elif activity.date is not None:
            if not window.from_ <= activity.date <= window.to:
                params = {**days, "date": activity.date.isoformat()}
                problems.append(_at("window_misses_date", params, loc, True))
        elif activity.month is not None:
            start = plan.span.start
            year = start.year if activity.month >= start.month else start.year + 1
            first = dt.date(year, activity.month, 1)
            last = dt.date(year, activity.month, calendar.monthrange(year, activity.month)[1])
            if window.to < first or window.from_ > last:
                params = {**days, "month": f"{year}-{activity.month:02d}"}
                problems.append(_at("window_misses_month", params, loc, True))
    return problems


_DASHES = "-~～—–至到"
_NUMBER = r"([0-9]+)\s*(?:[" + _DASHES + r"]\s*([0-9]+)\s*)?"


def quoted_goals(target: Target) -> list[Goal]:
    """Return the goals that the target's own words quote: numbers followed by its unit."""
    if not target.text or not target.unit:
        return []
    pattern = re.compile(_NUMBER + re.escape(target.unit) + r"\s*(以上|及以上|多|余)?")
    found = []
    for match in pattern.finditer(target.text):
        low = int(match.group(1))
        high: int | None = int(match.group(2)) if match.group(2) else low
        if match.group(3):
            high = None
        found.append(Goal(low, high))
    return found


def text_agrees_with_goal(plan: Plan) -> list[PlanError]:
    """Return a problem for every target whose words quote a goal other than its `goal`."""
    problems = []
    for t, target in enumerate(plan.targets):
        if target.goal is None:
            continue
        for quoted in quoted_goals(target):
            if quoted != target.goal:
                params = {"quoted": str(quoted), "goal": str(target.goal), "unit": target.unit}
                problems.append(_at("text_goal_mismatch", params, ("targets", t, "goal")))
    return problems


def adjustments(plan: Plan) -> list[PlanError]:
    """Return problems for adjustments of a milestone, dated outside the period or not
    after the one before (each adjustment holds from its date until the next)."""
    span = plan.span
    problems = []
    for t, target in enumerate(plan.targets):
        if not target.adjustments:
            continue
        loc = ("targets", t, "adjustments")
        if target.kind == "milestone":
            problems.append(_at("milestone_has", {"key": "adjustments"}, loc, True))
            continue
        previous = None
        for i, adjustment in enumerate(target.adjustments):
            day = adjustment.date
            if not span.start <= day <= span.end:
                params = {"date": day.isoformat(), "start": span.start, "end": span.end}
                problems.append(_at("date_outside", params, (*loc, i, "date")))
            if previous is not None and day <= previous:
                params = {"date": day.isoformat(), "previous": previous.isoformat()}
                problems.append(_at("adjustment_order", params, (*loc, i, "date")))
            previous = day
    return problems


CHECKS: list[Callable[[Plan], list[PlanError]]] = [
    unique_ids,
    references,
    co_owners_once,
    target_kinds,
    dates_in_period,
    schedules,
    activity_dates,
    activity_windows,
    text_agrees_with_goal,
    adjustments,
]


def check_plan(plan: Plan) -> list[PlanError]:
    """Return every problem that the plan-wide rules find."""
    return [problem for check in CHECKS for problem in check(plan)]


# --- the ledger's records against the plan (SPEC.md §3) ------------------------------
# One checker, `RecordChecks`, fed one record at a time: the same code checks a list
# (`check_records`) and a million-record stream (`kexie status`, `kexie validate`). A
# problem carries the record's ledger line in `line`; the caller, which knows the
# ledger's path, places it. Problems are errors, except what a union merge of two clones
# leaves when both said the same thing (`warning=True`; it counts once).

# The checks in the order a record's problems are listed.
RECORD_CHECKS = (
    "references",
    "kinds",
    "dates",
    "units",
    "unique_ids",
    "reversals",
    "held_once",
    "done_once",
)
_ORDER = {name: index for index, name in enumerate(RECORD_CHECKS)}
HINT_LIMIT = 10_000  # an unknown reverted id gets a "did you mean" in ledgers up to this size


def _on(record: Record, code: str, warning: bool = False, **params: Any) -> PlanError:
    """Return an unplaced PlanError on the record's ledger line."""
    return PlanError(code, params, line=record.line or None, warning=warning)


class RecordChecks:
    """Every check of the ledger's records against the plan, fed in ledger order by `add`.

    `reverted` holds every id that a reversal anywhere in the ledger names: a record it
    names does not stand (a reversal is retroactive, and after a merge it may come
    before the record). A list gives them at once (`check_records`); a stream gets them
    from a first pass over the reversals. With `unique_ids=False` duplicate ids are not
    looked for, and memory grows with the reversals, not with the ledger.
    """

    def __init__(self, plan: Plan, reverted: Iterable[str], unique_ids: bool = True):
        self.plan = plan
        self.reverted = set(reverted)
        self.unique_ids = unique_ids
        self.found: list[tuple[int, int, PlanError]] = []  # (line, check order, problem)
        self.clean: set[tuple] = set()  # fields found clean by the per-record checks
        span = plan.span
        self.start, self.end = span.start, span.end
        self.known = {
            "target": [t.id for t in plan.targets],
            "activity": [a.id for a in plan.activities],
            "measure": [m.id for m in plan.measures()],
            "unit": [u.id for u in plan.units],
        }
        self.sets = {kind: set(ids) for kind, ids in self.known.items()}
        self.milestones = {t.id for t in plan.targets if t.kind == "milestone"}
        # activity -> the milestone it completes
        self.completes = {a.id: a.target for a in plan.activities if a.target in self.milestones}
        self.first_line: dict[str, int] = {}  # id -> line of its first record (unique_ids)
        self.named: dict[str, Record] = {}  # id a reversal names -> its first record
        self.reversals: list[Record] = []
        self.held: dict[str, Record] = {}  # activity -> its standing record that counts
        self.done: dict[str, Record] = {}  # milestone -> its standing completion that counts
        self.ids: dict[str, None] | None = {}  # every id while there are few, for hints

    def _problem(self, check: str, record: Record, code: str, **params: Any) -> None:
        problem = _on(record, code, **params)
        self.found.append((record.line or 0, _ORDER[check], problem))

    def add(self, record: Record) -> None:
        """Check the next record in ledger order."""
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
        if key not in self.clean and not self._single(record):
            self.clean.add(key)
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
                self._problem("unique_ids", record, "duplicate_id", id=ident, first_line=first)
        if record.revert is not None:
            self.reversals.append(record)
        if ident in self.reverted:
            self.named.setdefault(ident, record)
            return
        if record.activity is not None:
            if self._once("held_once", self.held, record.activity, record):
                milestone = self.completes.get(record.activity)
                if milestone is not None:
                    self._once("done_once", self.done, milestone, record)
        elif record.done and record.target in self.milestones:
            self._once("done_once", self.done, record.target, record)

    def _once(self, check: str, seen: dict[str, Record], ident: str, record: Record) -> bool:
        """Note that `record` holds the activity (or completes the milestone) `ident`;
        return whether it is the first to. The second is a warning on whichever of the two
        does not count: the later (on the same day, the later line)."""
        first = seen.get(ident)
        if first is None:
            seen[ident] = record
            return True
        counted, other = (record, first) if record.date < first.date else (first, record)
        seen[ident] = counted
        code = "activity_held_twice" if check == "held_once" else "milestone_done_twice"
        params = {"id": ident, "first_line": counted.line}
        problem = _on(other, code, warning=True, **params)
        self.found.append((other.line or 0, _ORDER[check], problem))
        return False

    def _single(self, r: Record) -> bool:
        """Run the checks about this record alone; return whether it has a problem."""
        before = len(self.found)
        kind = "revert"
        if r.target is not None:
            kind = "target"
        elif r.activity is not None:
            kind = "activity"
        elif r.measure is not None:
            kind = "measure"
        if kind != "revert" and r.ref not in self.sets[kind]:
            hint = _closest(r.ref, self.known[kind])
            self._problem("references", r, "unknown_ref", kind=kind, id=r.ref, hint=hint)
        milestone = kind == "target" and r.target in self.milestones
        if r.amount is not None and kind != "target":
            self._problem("kinds", r, "record_amount_not_target", kind=kind)
        elif r.amount is not None and milestone:
            self._problem("kinds", r, "record_amount_milestone", id=r.ref)
        if r.done and kind in ("activity", "revert"):
            self._problem("kinds", r, "record_done_not_allowed", kind=kind)
        elif r.done and kind == "target" and not milestone:
            self._problem("kinds", r, "record_done_counted", id=r.ref)
        elif milestone and not r.done:
            self._problem("kinds", r, "record_needs_done", id=r.ref)
        # A reversal may come after the period (January's corrections); it is checked
        # against the record it reverts instead.
        if kind != "revert" and not self.start <= r.date <= self.end:
            params = {"date": r.date.isoformat(), "start": self.start, "end": self.end}
            self._problem("dates", r, "date_outside", **params)
        units = self.known["unit"]
        if units and r.by is not None and r.by not in self.sets["unit"]:
            self._problem(
                "units", r, "unknown_ref", kind="unit", id=r.by, hint=_closest(r.by, units)
            )
        return len(self.found) > before

    def _reversal_problems(self) -> None:
        """Find what the reversals break: an unknown record, a reversal reverted, a record
        reverted before it was made, and (a warning) one record reverted twice."""
        reverted: dict[str, int] = {}
        for r in self.reversals:
            named = self.named.get(r.revert or "")
            if named is None:
                hint = _closest(r.revert or "", list(self.ids)) if self.ids is not None else ""
                self._problem("reversals", r, "unknown_ref", kind="record", id=r.revert, hint=hint)
            elif named.revert is not None:
                self._problem("reversals", r, "revert_of_revert", id=r.revert)
            elif r.date < named.date:
                params = {"id": r.revert, "record_date": named.date.isoformat()}
                self._problem(
                    "reversals", r, "revert_before_record", date=r.date.isoformat(), **params
                )
            elif r.revert in reverted:
                params = {"id": r.revert, "first_line": reverted[r.revert]}
                self._problem("reversals", r, "revert_twice", warning=True, **params)
            else:
                reverted[r.revert or ""] = r.line

    def problems(self) -> list[PlanError]:
        """Return every problem of the records added so far, by line, then by check."""
        self._reversal_problems()
        found = sorted(self.found, key=lambda item: (item[0], item[1]))
        self.found = [item for item in self.found if item[1] != _ORDER["reversals"]]
        return [problem for _, _, problem in found]


def check_records(plan: Plan, records: Iterable[Record]) -> list[PlanError]:
    """Return every problem the ledger's records have against the plan, in ledger order."""
    records = records if isinstance(records, Sequence) else list(records)
    checks = RecordChecks(plan, (r.revert for r in records if r.revert is not None))
    for record in records:
        checks.add(record)
    return checks.problems()
