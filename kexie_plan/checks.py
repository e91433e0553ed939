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
from kexie_plan.plan import Goal, Plan
from kexie_plan.record import Record
from kexie_plan.totals import Entry, Totals, totals_of

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
    if plan.period is not None:
        # A yearly plan's period lies around its year (a school year, a year from July):
        # within the year before and the year after. Dates near 0001 or 9999 would make
        # every calendar computation fail.
        lowest, highest = dt.date(plan.year - 1, 1, 1), dt.date(plan.year + 1, 12, 31)
        found = []
        for key in ("start", "end"):
            day = getattr(plan.period, key)
            if not lowest <= day <= highest:
                params = {"date": day, "year": plan.year, "start": lowest, "end": highest}
                found.append(_at("period_far", params, ("period", key)))
        if found:
            return found
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
# Words before a number that make it a lower bound, as 以上 after it does: 不少于8家 is 8+.
# (超过20个 is read as 20+, as the plans mean it, not as 21+.) `draft` reads goals with
# the same words.
AT_LEAST_BEFORE = ("不少于", "不低于", "至少", "超过", "多于", "逾")
# Words after the unit that make the number a lower bound: 20个以上, 200人次多.
AT_LEAST_AFTER = ("及以上", "以上", "多", "余")
# A number of at most 9 digits (a longer run of digits is no goal, only text), or a range,
# with a lower-bound word before it.
_NUMBER = (
    r"(?:(" + "|".join(AT_LEAST_BEFORE) + r")\s*)?"
    r"(?<![0-9])([0-9]{1,9})\s*(?:[" + _DASHES + r"]\s*([0-9]{1,9})\s*)?"
)


def quoted_goals(text: str | None, unit: str | None) -> list[Goal]:
    """Return the goals that a target's words quote: numbers followed by its unit, each a
    lower bound (N+) when 以上/及以上/多/余 follows the unit or 不少于/至少/不低于/超过/多于/逾
    stands before the number."""
    if not text or not unit:
        return []
    after = "|".join(AT_LEAST_AFTER)
    pattern = re.compile(_NUMBER + re.escape(unit) + r"\s*(" + after + r")?")
    found = []
    for match in pattern.finditer(text):
        low = int(match.group(2))
        high: int | None = int(match.group(3)) if match.group(3) else low
        if match.group(1) or match.group(4):
            high = None
        found.append(Goal(low, high))
    return found


def text_agrees_with_goal(plan: Plan) -> list[PlanError]:
    """Return a problem for every target whose words quote a goal other than its `goal`."""
    problems = []
    for t, target in enumerate(plan.targets):
        if target.goal is None:
            continue
        if target.text and target.unit:
            # A goal quoted with more than 9 digits is no goal a plan can hold.
            long = re.search(
                r"(?<![0-9])[0-9]{10,}(?=\s*" + re.escape(target.unit) + ")", target.text
            )
            if long is not None:
                value = long.group(0) if len(long.group(0)) <= 40 else long.group(0)[:40] + "…"
                problems.append(_at("number_too_long", {"value": value}, ("targets", t, "text")))
        for quoted in quoted_goals(target.text, target.unit):
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


# --- the ledger's records against the plan -----------------------------------------------
# A problem carries the record's ledger line in `line`; the caller, which knows the
# ledger's path, places it. Each rule is written once: `RecordRules` checks each record
# by itself as the loader streams it; `ledger_problems` checks what records say about
# each other from the one accumulator, `Totals`, whatever way it was fed (a list, a
# stream, a cache and the lines since). Problems are errors, except what a union merge of
# two clones leaves when both said the same thing (`warning=True`; it counts once).

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


def _on(line: int, code: str, warning: bool = False, **params: Any) -> PlanError:
    """Return an unplaced PlanError on a ledger line."""
    return PlanError(code, params, line=line or None, warning=warning)


def ordered(problems: Iterable[PlanError]) -> list[PlanError]:
    """Return the ledger's problems by line, then in the order of RECORD_CHECKS."""
    return sorted(problems, key=lambda p: (p.line or 0, _ORDER.get(_CHECK_OF.get(p.code, ""), 0)))


_CHECK_OF = {
    "duplicate_id": "unique_ids",
    "revert_of_revert": "reversals",
    "revert_twice": "reversals",
    "revert_before_record": "reversals",
    "activity_held_twice": "held_once",
    "milestone_done_twice": "done_once",
}


class RecordRules:
    """The rules about one record by itself: it names what the plan has, carries an amount
    or done only where they belong, is dated in the period, and names a unit the plan has.

    `problems` is called for every record of a ledger; a million records hold a few
    hundred combinations of the fields these rules read, so a combination found clean is
    not checked again.
    """

    def __init__(self, plan: Plan):
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
        self.clean: set[tuple] = set()
        self.plan = plan
        # A counted target's highest goal over the year (its goal, or an adjustment's),
        # and that goal's top: the lower bound of an open goal (N+).
        self.highest: dict[str, Goal] = {}
        for target in plan.targets:
            goals = [g for g in (target.goal, *(a.goal for a in target.adjustments)) if g]
            if goals:
                self.highest[target.id] = max(goals, key=_top)

    def problems(self, r: Record) -> list[PlanError]:
        """Return the record's own problems, in the order of RECORD_CHECKS."""
        key = (
            r.target,
            r.activity,
            r.measure,
            r.revert is None,
            r.amount is None,
            r.done,
            r.by,
            self.start <= r.date <= self.end,
        )
        if key in self.clean:
            return []
        found = []
        kind = r.kind
        if kind != "revert" and r.ref not in self.sets[kind]:
            hint = _closest(r.ref, self.known[kind])
            found.append(_on(r.line, "unknown_ref", kind=kind.value, id=r.ref, hint=hint))
        milestone = kind == "target" and r.target in self.milestones
        if r.amount is not None and kind != "target":
            found.append(_on(r.line, "record_amount_not_target", kind=kind.value))
        elif r.amount is not None and milestone:
            found.append(_on(r.line, "record_amount_milestone", id=r.ref))
        if r.done and kind in ("activity", "revert"):
            found.append(_on(r.line, "record_done_not_allowed", kind=kind.value))
        elif r.done and kind == "target" and not milestone:
            found.append(_on(r.line, "record_done_counted", id=r.ref))
        elif milestone and not r.done:
            found.append(_on(r.line, "record_needs_done", id=r.ref))
        # A reversal may come after the period (January's corrections); it is checked
        # against the record it reverts instead.
        if kind != "revert" and not self.start <= r.date <= self.end:
            params = {"date": r.date.isoformat(), "start": self.start, "end": self.end}
            found.append(_on(r.line, "date_outside", **params))
        units = self.known["unit"]
        if units and r.by is not None and r.by not in self.sets["unit"]:
            found.append(
                _on(r.line, "unknown_ref", kind="unit", id=r.by, hint=_closest(r.by, units))
            )
        if not found:
            self.clean.add(key)
        return found

    def warnings(self, new: Record, totals: Totals, same_day: Iterable[Record]) -> list[PlanError]:
        """Return what to warn about (never to refuse) in a record about to be added to a
        ledger that adds up to `totals`: it takes a counted target past twice its goal's
        top (250 against a goal of 100: likely a wrong amount), or a standing record of
        `same_day` (the records dated as it is) has the same subject and note (likely a
        double entry). `kexie record` prints them and writes the record all the same."""
        found = []
        goal = self.highest.get(new.target or "")
        if goal is not None:
            before = totals.amount(self.plan, new.target or "")
            after = before + new.counted
            if before <= 2 * _top(goal) < after:
                params = {
                    "id": new.target,
                    "amount": new.counted,
                    "total": after,
                    "goal": str(goal),
                }
                found.append(PlanError("record.past_goal", params, warning=True))
        same = _same_as(new, totals, same_day)
        if same is not None:
            code = "record.double_entry" if new.note else "record.double_entry_no_note"
            params = {"id": new.ref, "date": new.date.isoformat(), "record": same}
            found.append(PlanError(code, params, warning=True))
        return found


def _same_as(new: Record, totals: Totals, same_day: Iterable[Record]) -> str | None:
    """Return the id of a standing record with the new record's target or measure, date
    and note, else None. `totals` answers first: a measure's notes are in it, and a target
    with no standing amount that day has no such record, so `same_day` (a search of the
    ledger's bytes) is read only when a target already has a record that day."""
    note = new.note or None
    if new.measure is not None:
        for ident, day, _, _, noted in totals.measures.get(new.measure, ()):
            if day == new.date and (noted or None) == note and ident != new.id:
                return ident
        return None
    if new.target is None or not totals.amounts.get(new.target, {}).get(new.date):
        return None  # an activity held twice is refused, never warned about
    for r in same_day:
        if (
            r.id != new.id
            and r.target == new.target
            and r.date == new.date
            and (r.note or None) == note
            and r.id not in totals.reversals
        ):
            return r.id
    return None


def _top(goal: Goal) -> int:
    """Return the most a goal asks for: its top, or N for N+."""
    return goal.min if goal.max is None else goal.max


def after_today(day: dt.date, today: dt.date) -> PlanError | None:
    """Return the problem of a record dated after today (nothing is recorded in advance)."""
    if day > today:
        return PlanError("record.future", {"date": day.isoformat(), "today": today.isoformat()})
    return None


class UniqueIds:
    """The rule that no two records share an id: keeps every id it is given."""

    def __init__(self) -> None:
        self.first: dict[str, int] = {}
        self.ids: list[str] = []

    def problem(self, record: Record) -> PlanError | None:
        """Return the problem of a record whose id an earlier record has, else None."""
        first = self.first.get(record.id)
        if first is not None:
            return _on(record.line, "duplicate_id", id=record.id, first_line=first)
        self.first[record.id] = record.line
        return None


def ledger_problems(
    plan: Plan, totals: Totals, ids: Iterable[str] | None = None
) -> list[PlanError]:
    """Return what the records say about each other, from what they add up to.

    Reversals of an unknown record, of a reversal, or dated before their record are
    errors; what two clones both said (one record reverted twice, one activity held
    twice, one milestone done twice) is a warning on each later saying, naming the one
    that counts. `ids`, every record id when few enough are known, gives an unknown
    reverted id a "did you mean".
    """
    problems = []
    known = list(ids) if ids is not None else None
    for named_id, reversals in totals.reversals.items():
        named = totals.named.get(named_id)
        counted: Entry | None = None
        for ident, day, line in sorted(reversals, key=lambda e: e[2]):
            if named is None:
                hint = _closest(named_id, known) if known is not None else ""
                problems.append(_on(line, "unknown_ref", kind="record", id=named_id, hint=hint))
            elif named.reversal:
                problems.append(_on(line, "revert_of_revert", id=named_id))
            elif day < named.date:
                params = {"date": day.isoformat(), "record_date": named.date.isoformat()}
                problems.append(_on(line, "revert_before_record", id=named_id, **params))
            elif counted is not None:
                params = {"id": named_id, "first_line": counted[2]}
                problems.append(_on(line, "revert_twice", warning=True, **params))
            else:
                counted = (ident, day, line)
    for activity, entries in totals.held.items():
        problems += _twice("activity_held_twice", activity, entries)
    for target in {t.id for t in plan.targets if t.kind == "milestone"}:
        entries = list(totals.done.get(target, ()))
        for activity in plan.activities:
            if activity.target == target:
                holding = totals.held_by(activity.id)
                if holding is not None:
                    entries.append(holding)
        problems += _twice("milestone_done_twice", target, entries)
    return ordered(problems)


def _twice(code: str, ident: str, entries: Iterable[Entry]) -> list[PlanError]:
    """Return a warning on every entry but the one that counts (the earliest, then the
    first in the ledger)."""
    ranked = sorted(entries, key=lambda e: (e[1], e[2]))
    return [
        _on(line, code, warning=True, id=ident, first_line=ranked[0][2])
        for _, _, line in ranked[1:]
    ]


def check_records(plan: Plan, records: Iterable[Record]) -> list[PlanError]:
    """Return every problem the records have against the plan and each other, in ledger
    order (what `kexie validate` reports for a ledger holding these records)."""
    records = records if isinstance(records, Sequence) else list(records)
    rules, unique = RecordRules(plan), UniqueIds()
    problems = []
    for record in records:
        problems += rules.problems(record)
        duplicate = unique.problem(record)
        if duplicate is not None:
            problems.append(duplicate)
    ids = [r.id for r in records] if len(records) <= HINT_LIMIT else None
    problems += ledger_problems(plan, totals_of(list(records)), ids)
    return ordered(problems)
