"""Where a plan stands on a date: actual against goal and against the calendar (序时进度).

Pure: `status_report(plan, totals, as_of)` turns a plan and what its ledger adds up to
(`totals.Totals`) into a `StatusReport` of frozen dataclasses, following the status
semantics of docs/format.md to the letter. No I/O and no clock: the caller passes
`as_of`. Imports plan, record and totals of ours; never planfile, ledger, render or cli.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from kexie_plan.plan import Activity, Adjustment, Goal, Plan, Target
from kexie_plan.record import Record
from kexie_plan.states import ActivityState, Light, MeasureState, TargetState
from kexie_plan.totals import Totals

# Every target state once, in the order summaries list them.
TARGET_STATES = tuple(TargetState)


@dataclass(frozen=True, slots=True)
class TargetStatus:
    """One target at `as_of`. For milestones goal, expected and missing are None."""

    id: str
    name: str
    kind: str  # "count" or "milestone"
    unit: str | None
    goal: Goal | None
    section: str | None  # id of the section of the target's measure; None without a measure
    measure: str | None
    owner: str | None  # the target's owner, else its measure's
    due: dt.date
    actual: int  # counted: the sum of amounts; milestone: 1 when done, else 0
    expected: int | None
    missing: int | None  # what the goal's lower bound still needs, never below 0
    state: TargetState
    light: Light
    done: dt.date | None = None  # milestones: the date of the first record marking it done
    co_owners: tuple[str, ...] = ()  # the target's own co-owners (never its measure's)
    final: bool = False  # as_of is on or after the period's last day: overdue is not achieved

    @property
    def percent(self) -> int | None:
        """Return actual as a whole percentage of the goal's lower bound (None for milestones).

        Rounded half up, but never 100 before the lower bound is reached, nor 0 once
        something is done: 2 of 3 is 67, 299 of 300 is 99, 1 of 1000 is 1.
        """
        if self.goal is None:
            return None
        return percent_of(self.actual, self.goal.min)


@dataclass(frozen=True, slots=True)
class ActivityStatus:
    """One major activity at `as_of`: held, upcoming or overdue."""

    id: str
    name: str
    month: int
    date: dt.date | None  # the planned date, when the plan gives one instead of a month
    starts: dt.date  # first day of the window, else of the planned month (or the date)
    ends: dt.date  # last day of the window, else of the planned month (or the date)
    section: str | None
    measure: str | None
    owner: str | None  # the activity's owner, else its measure's
    target: str | None
    held: dt.date | None
    state: ActivityState  # held, upcoming, overdue or not_held (`kexie status`)
    window: tuple[dt.date, dt.date] | None = None  # the plan's window, when it gives one
    co_owners: tuple[str, ...] = ()  # the activity's own co-owners (never its measure's)
    calendar_state: ActivityState = ActivityState.UPCOMING  # this_month split off upcoming
    tentative: bool = False  # its month (or date) is the office's estimate, not the plan's word

    @property
    def late(self) -> bool:
        """Return whether it was held after the last day planned for it (never for an
        estimated month: there was no promise to be late for)."""
        return not self.tentative and self.held is not None and self.held > self.ends


@dataclass(frozen=True, slots=True)
class MeasureStatus:
    """One measure at `as_of`, from the records against it: not_started, in_progress, done."""

    id: str
    title: str
    section: str
    owner: str | None
    co_owners: tuple[str, ...]
    records: int  # standing records (not reverted) dated on or before as_of
    latest_note: str | None  # the note of the latest of them that has one
    latest_date: dt.date | None  # that record's date
    done: dt.date | None  # the first standing record marking it done
    state: MeasureState


@dataclass(frozen=True, slots=True)
class Summary:
    """Counts by state, and how much of the period has gone against how many goals are met."""

    targets: int
    counts: tuple[tuple[str, int], ...]  # (state, count) for every state in TARGET_STATES
    goals_met: int  # targets exceeded, met or done
    activities: int
    activities_held: int
    days_elapsed: int  # days of the period up to and including as_of
    days_total: int

    @property
    def days_left(self) -> int:
        """Return the days of the period after as_of."""
        return self.days_total - self.days_elapsed

    @property
    def period_share(self) -> float:
        """Return the share of the period gone, 0.0 to 1.0."""
        return self.days_elapsed / self.days_total if self.days_total else 1.0

    @property
    def goals_share(self) -> float:
        """Return the share of targets whose goal is met (or milestone done), 0.0 to 1.0."""
        return self.goals_met / self.targets if self.targets else 0.0

    def count(self, state: TargetState) -> int:
        """Return how many targets are in `state`."""
        return dict(self.counts).get(state, 0)


@dataclass(frozen=True, slots=True)
class StatusReport:
    """A plan's standing at `as_of`: every target, every activity, and a summary."""

    as_of: dt.date
    start: dt.date
    end: dt.date
    targets: tuple[TargetStatus, ...]
    activities: tuple[ActivityStatus, ...]
    summary: Summary
    # Why as_of is not the day asked for: "ended" (today is after the period, so the plan
    # is shown at its last day) or "not_started" (before it: shown at its first day).
    clamped: str | None = None

    @property
    def final(self) -> bool:
        """Return whether as_of is the period's last day or later: verdicts are final."""
        return self.as_of >= self.end


@dataclass(frozen=True, slots=True)
class MonthPoint:
    """One month of a target's history: cumulative actual (None after as_of) and expected."""

    month: dt.date  # the last day of the month, or as_of for the month that holds it
    actual: int | None
    expected: int | None


@dataclass(frozen=True, slots=True)
class RecordLine:
    """A record as `show` lists it: the record, and the reversal that cancels it, if any."""

    record: Record
    reverted_by: str | None  # the id of the reversal that cancels it
    reverts: str | None  # for a reversal: the id of the record it cancels


@dataclass(frozen=True, slots=True)
class Revision:
    """What the ledger did to an activity's holding: how many records, and the latest date."""

    count: int  # the records holding it and the reversals of those, in the whole ledger
    latest: dt.date  # the latest date among them


def activity_revisions(totals: Totals) -> dict[str, Revision]:
    """Return, per activity that any record holds, how many records changed whether and
    when it was held (each holding, reverted or not, and each reversal of one) and the
    latest of their dates. The ledger only grows, so neither ever falls: a calendar file
    can number its versions of the activity's event by them."""
    dates: dict[str, list[dt.date]] = {}
    for activity, entries in totals.held.items():
        dates.setdefault(activity, []).extend(entry[1] for entry in entries)
    for ident, named in totals.named.items():
        if named.kind == "activity":
            found = dates.setdefault(named.ref, [])
            found.append(named.date)
            found.extend(entry[1] for entry in totals.reversals.get(ident, ()))
    return {a: Revision(len(days), max(days)) for a, days in dates.items() if days}


def percent_of(actual: int, low: int) -> int:
    """Return actual as a whole percentage of `low`, rounded half up, but never 100 while
    actual < low nor 0 while actual > 0 (a director must not read 100% of an unmet goal)."""
    value = (actual * 200 + low) // (2 * low)
    if actual < low:
        value = min(value, 99)
    if actual > 0:
        value = max(value, 1)
    return value


def month_end(year: int, month: int) -> dt.date:
    """Return the last day of the month."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def planned_window(plan: Plan, activity: Activity) -> tuple[dt.date, dt.date]:
    """Return the first and last day on which the plan expects the activity to be held.

    Its window when it has one; else its date; else its month, placed in the year in
    which it falls inside the period (a period that starts in July puts month 3 in the
    following year).
    """
    if activity.window is not None:
        return activity.window.from_, activity.window.to
    if activity.date is not None:
        return activity.date, activity.date
    start = plan.span.start
    month = activity.month or 12
    year = start.year if month >= start.month else start.year + 1
    return dt.date(year, month, 1), month_end(year, month)


def due_of(plan: Plan, target: Target) -> dt.date:
    """Return the target's effective due day: its `due`, else the period's last day."""
    return target.due if target.due is not None else plan.span.end


def default_as_of(plan: Plan, today: dt.date) -> tuple[dt.date, str | None]:
    """Return the day to show the plan at when none is asked for, and why it is not today.

    Today, clamped into the plan's period: a finished plan is shown at its last day
    ("ended"), a plan not yet begun at its first ("not_started").
    """
    span = plan.span
    if today > span.end:
        return span.end, "ended"
    if today < span.start:
        return span.start, "not_started"
    return today, None


def adjustment_in_force(target: Target, day: dt.date) -> Adjustment | None:
    """Return the target's latest adjustment dated on or before `day`, if any."""
    found = None
    for adjustment in sorted(target.adjustments, key=lambda a: a.date):
        if adjustment.date <= day:
            found = adjustment
    return found


def goal_in_force(target: Target, day: dt.date) -> Goal | None:
    """Return the goal that holds at `day`: the latest adjustment's, else the plan's."""
    adjustment = adjustment_in_force(target, day) if target.adjustments else None
    return adjustment.goal if adjustment is not None else target.goal


def expected_by(plan: Plan, target: Target, day: dt.date) -> int:
    """Return the expected cumulative amount (序时进度) of a counted target at `day`.

    The first rule that applies (docs/format.md, "Status semantics"), never above the
    lower bound L of the goal in force at `day`:
    1. on or after the effective due day: L;
    2. from the schedule when there is one: the latest checkpoint on or before day, 0
       before the first;
    3. when the target's non-tentative linked activities number at least L: how many of
       them had their planned month (or date) end by day;
    4. else linear from the period's start to the due day, counting whole days
       including `day`, rounded down.
    Tentative months never drive it, and too few linked activities fall back to linear,
    so that expected always reaches L by the due day.
    """
    goal = goal_in_force(target, day)
    low = goal.min if goal is not None else 0
    due = due_of(plan, target)
    if day >= due:
        return low
    if target.schedule:
        value = 0
        for checkpoint in sorted(target.schedule):
            if checkpoint <= day:
                value = target.schedule[checkpoint]
        return min(value, low)
    linked = [a for a in plan.activities if a.target == target.id and not a.tentative]
    if low and len(linked) >= low:
        return min(sum(1 for a in linked if planned_window(plan, a)[1] <= day), low)
    start = plan.span.start
    total = (due - start).days + 1
    elapsed = min(max((day - start).days + 1, 0), total)
    return min(low * elapsed // total, low) if total > 0 else low


def count_state(goal: Goal, actual: int, expected: int, day: dt.date, due: dt.date) -> TargetState:
    """Return the state of a counted target: the first of the status rules that applies."""
    if goal.max is not None and actual > goal.max:
        return TargetState.EXCEEDED
    if actual >= goal.min:
        return TargetState.MET
    if day >= due:
        return TargetState.OVERDUE
    if expected == 0 and actual == 0:
        return TargetState.PENDING
    if actual >= expected:
        return TargetState.ON_TRACK
    return TargetState.BEHIND


def milestone_state(done: dt.date | None, day: dt.date, due: dt.date) -> TargetState:
    """Return the state of a milestone: done, overdue or open."""
    if done is not None:
        return TargetState.DONE
    if day >= due:
        return TargetState.OVERDUE
    return TargetState.OPEN


def activity_state(
    held: dt.date | None, ends: dt.date, day: dt.date, tentative: bool = False
) -> ActivityState:
    """Return held; overdue (its planned month or date is past), or not_held when that
    month was only an estimate; else upcoming."""
    if held is not None:
        return ActivityState.HELD
    if day > ends:
        return ActivityState.NOT_HELD if tentative else ActivityState.OVERDUE
    return ActivityState.UPCOMING


def calendar_state(
    held: dt.date | None, starts: dt.date, ends: dt.date, day: dt.date, tentative: bool = False
) -> ActivityState:
    """Return held, overdue, not_held, this_month (not held, planned to start or still
    running in the month of `day`) or upcoming (planned for a later month)."""
    state = activity_state(held, ends, day, tentative)
    if state is ActivityState.UPCOMING and starts <= month_end(day.year, day.month):
        return ActivityState.THIS_MONTH
    return state


def _measure_places(plan: Plan) -> dict[str, tuple[str, str | None]]:
    """Return measure id -> (section id, measure owner)."""
    return {m.id: (s.id, m.owner) for s in plan.sections for m in s.measures}


def target_status(
    plan: Plan, target: Target, totals: Totals, as_of: dt.date, places: dict | None = None
) -> TargetStatus:
    """Return one target's standing at as_of, from what the records add up to."""
    places = _measure_places(plan) if places is None else places
    section, measure_owner = places.get(target.measure or "", (None, None))
    due = due_of(plan, target)
    goal = goal_in_force(target, as_of)
    common = {
        "id": target.id,
        "name": target.name,
        "kind": target.kind,
        "unit": target.unit,
        "goal": goal,
        "section": section,
        "measure": target.measure,
        "owner": target.owner or measure_owner,
        "due": due,
        "co_owners": tuple(target.co_owners),
        "final": as_of >= plan.span.end,
    }
    if target.kind == "milestone" or goal is None:
        completion = totals.completion(plan, target.id, as_of)
        done = completion[1] if completion is not None else None
        state = milestone_state(done, as_of, due)
        return TargetStatus(
            **common,
            actual=1 if done else 0,
            expected=None,
            missing=None,
            state=state,
            light=state.light(),
            done=done,
        )
    actual = totals.amount(plan, target.id, as_of)
    expected = expected_by(plan, target, as_of)
    state = count_state(goal, actual, expected, as_of, due)
    return TargetStatus(
        **common,
        actual=actual,
        expected=expected,
        missing=max(goal.min - actual, 0),
        state=state,
        light=state.light(actual, expected),
    )


def summarize(
    targets: Sequence[TargetStatus],
    activities: Sequence[ActivityStatus],
    start: dt.date,
    end: dt.date,
    as_of: dt.date,
) -> Summary:
    """Return the counts by state and the share of the period gone at as_of."""
    total = (end - start).days + 1
    elapsed = min(max((as_of - start).days + 1, 0), total)
    counts = {state: 0 for state in TARGET_STATES}
    for t in targets:
        counts[t.state] += 1
    return Summary(
        targets=len(targets),
        counts=tuple(counts.items()),
        goals_met=sum(1 for t in targets if t.state.met),
        activities=len(activities),
        activities_held=sum(1 for a in activities if a.state is ActivityState.HELD),
        days_elapsed=elapsed,
        days_total=total,
    )


def status_report(
    plan: Plan, totals: Totals, as_of: dt.date, clamped: str | None = None
) -> StatusReport:
    """Return every target's and activity's standing at as_of, and the summary.

    `clamped` (see `default_as_of`) says why as_of is not the day that was asked for.
    """
    places = _measure_places(plan)
    targets = tuple(target_status(plan, t, totals, as_of, places) for t in plan.targets)
    activities = []
    for a in plan.activities:
        starts, ends = planned_window(plan, a)
        section, owner = places.get(a.measure or "", (None, None))
        holding = totals.held_by(a.id, as_of)
        held = holding[1] if holding is not None else None
        activities.append(
            ActivityStatus(
                id=a.id,
                name=a.name,
                month=a.month or (a.date or starts).month,
                date=a.date,
                starts=starts,
                ends=ends,
                section=section,
                measure=a.measure,
                owner=a.owner or owner,
                target=a.target,
                held=held,
                state=activity_state(held, ends, as_of, a.tentative),
                window=(a.window.from_, a.window.to) if a.window is not None else None,
                co_owners=tuple(a.co_owners),
                calendar_state=calendar_state(held, starts, ends, as_of, a.tentative),
                tentative=a.tentative,
            )
        )
    span = plan.span
    return StatusReport(
        as_of=as_of,
        start=span.start,
        end=span.end,
        targets=targets,
        activities=tuple(activities),
        summary=summarize(targets, activities, span.start, span.end, as_of),
        clamped=clamped,
    )


def selected(
    report: StatusReport,
    section: str | None = None,
    owner: str | None = None,
    states: Iterable[str] | None = None,
) -> StatusReport:
    """Return the report narrowed to one section, one owner and some target states.

    Activities follow the section and owner of their measure; `states` narrows targets
    only. The summary counts what is left.
    """
    wanted = set(states) if states else None
    targets = tuple(
        t
        for t in report.targets
        if (section is None or t.section == section)
        and (owner is None or t.owner == owner)
        and (wanted is None or t.state in wanted)
    )
    activities = tuple(
        a
        for a in report.activities
        if (section is None or a.section == section) and (owner is None or a.owner == owner)
    )
    summary = summarize(targets, activities, report.start, report.end, report.as_of)
    return replace(report, targets=targets, activities=activities, summary=summary)


def activities_due(report: StatusReport, within_days: int = 30) -> tuple[ActivityStatus, ...]:
    """Return the activities overdue, then those not held whose planned time starts soon."""
    horizon = report.as_of + dt.timedelta(days=within_days)
    overdue = [a for a in report.activities if a.state is ActivityState.OVERDUE]
    soon = [
        a for a in report.activities if a.state is ActivityState.UPCOMING and a.starts <= horizon
    ]
    return tuple(overdue + soon)


def measure_statuses(plan: Plan, totals: Totals, as_of: dt.date) -> tuple[MeasureStatus, ...]:
    """Return every measure's standing at as_of, in plan order, from the records against it.

    A record counts when it is dated on or before as_of and no reversal cancels it.
    done: a counted record says done; in_progress: at least one counted record; else
    not_started.
    """
    found = []
    for section in plan.sections:
        for m in section.measures:
            entries = totals.measure_entries(m.id, as_of)
            noted = [e for e in entries if e[4]]
            latest = noted[-1] if noted else None
            done = next((e[1] for e in entries if e[3]), None)
            state = (
                MeasureState.DONE
                if done
                else MeasureState.IN_PROGRESS
                if entries
                else MeasureState.NOT_STARTED
            )
            found.append(
                MeasureStatus(
                    id=m.id,
                    title=m.title,
                    section=section.id,
                    owner=m.owner,
                    co_owners=tuple(m.co_owners),
                    records=len(entries),
                    latest_note=latest[4] if latest is not None else None,
                    latest_date=latest[1] if latest is not None else None,
                    done=done,
                    state=state,
                )
            )
    return tuple(found)


def month_in_period(plan: Plan, month: int) -> tuple[dt.date, dt.date]:
    """Return the first and last day of `month` in the year it falls inside the period."""
    start = plan.span.start
    year = start.year if month >= start.month else start.year + 1
    return dt.date(year, month, 1), month_end(year, month)


def activities_selected(
    plan: Plan,
    report: StatusReport,
    month: int | None = None,
    upcoming: int | None = None,
    overdue: bool = False,
    unit: str | None = None,
) -> tuple[ActivityStatus, ...]:
    """Return the report's activities that `kexie activities` lists, by planned day.

    `month`: those whose planned days touch that month. `unit`: those it owns or
    co-owns. `upcoming` (days) and `overdue` together give either: not held and planned
    to start within that many days of as_of (or already running), or overdue.
    """
    chosen = list(report.activities)
    if unit is not None:
        chosen = [a for a in chosen if a.owner == unit or unit in a.co_owners]
    if month is not None:
        first, last = month_in_period(plan, month)
        chosen = [a for a in chosen if a.starts <= last and a.ends >= first]
    if upcoming is not None or overdue:
        horizon = report.as_of + dt.timedelta(days=upcoming or 0)
        chosen = [
            a
            for a in chosen
            if (overdue and a.state is ActivityState.OVERDUE)
            or (upcoming is not None and a.state is ActivityState.UPCOMING and a.starts <= horizon)
        ]
    return tuple(sorted(chosen, key=lambda a: (planned_month(a), a.starts)))


def planned_month(a: ActivityStatus) -> tuple[int, int]:
    """Return the (year, month) the plan places the activity in: its month or its date's,
    in the year of its first planned day (or the next, for a window that starts in
    December before a January month)."""
    year = a.starts.year + (1 if a.month < a.starts.month else 0)
    return year, a.month


def subjects_of(plan: Plan, kind: str, ident: str) -> frozenset[tuple[str, str]]:
    """Return the (kind, id) pairs whose records concern the target, activity or measure
    `ident`: a target's own, and those of the activities that count toward it."""
    found = {(kind, ident)}
    if kind == "target":
        found |= {("activity", a.id) for a in plan.activities if a.target == ident}
    return frozenset(found)


def subject(record: Record, totals: Totals) -> tuple[str, str] | None:
    """Return (kind, id) of what the record is about; for a reversal, what the record it
    cancels is about (None when no record has that id)."""
    if record.revert is None:
        return record.kind.value, record.ref
    return totals.subject_of_reverted(record.revert)


@dataclass(frozen=True, slots=True)
class Latest:
    """The latest records about something, by date, and how many there are in all."""

    lines: tuple[RecordLine, ...]  # by date, then ledger line; at most the limit asked for
    count: int  # every record and reversal that concerns it

    @property
    def earlier(self) -> int:
        """Return how many were left out (the earliest ones)."""
        return self.count - len(self.lines)


def latest_about(
    plan: Plan,
    totals: Totals,
    records: Iterable[Record],
    kind: str,
    ident: str,
    as_of: dt.date,
    limit: int,
) -> Latest:
    """Return the latest `limit` records dated on or before as_of that concern `ident`,
    with the reversals that cancel them (whatever their date: a reversal is retroactive).

    The records stream past once; memory holds `limit` of them, however many there are.
    """
    import heapq

    wanted = subjects_of(plan, kind, ident)
    kept: list[tuple[dt.date, int, RecordLine]] = []
    count = 0
    for r in records:
        if r.revert is None:
            if r.date > as_of or (r.kind.value, r.ref) not in wanted:
                continue
            line = RecordLine(r, totals.reverted_by(r.id), None)
        else:
            named = totals.named.get(r.revert)
            if named is None or (named.kind, named.ref) not in wanted or named.date > as_of:
                continue
            if totals.reverted_by(r.revert) != r.id:
                continue  # a second reversal of the same record (a merge): counted once
            line = RecordLine(r, None, r.revert)
        count += 1
        item = (r.date, r.line, line)
        if len(kept) < limit:
            heapq.heappush(kept, item)
        elif limit and item[:2] > kept[0][:2]:
            heapq.heapreplace(kept, item)
    lines = tuple(item[2] for item in sorted(kept, key=lambda item: item[:2]))
    return Latest(lines, count)


def target_history(
    plan: Plan, totals: Totals, target_id: str, as_of: dt.date
) -> tuple[MonthPoint, ...]:
    """Return, for each month of the period, the target's cumulative actual and expected.

    Actual is None for months that start after as_of; the month holding as_of is
    measured at as_of. Expected is None for milestones.
    """
    target = next(t for t in plan.targets if t.id == target_id)
    span = plan.span
    points = []
    year, month = span.start.year, span.start.month
    while dt.date(year, month, 1) <= span.end:
        last = min(month_end(year, month), span.end)
        actual: int | None = None
        day = min(last, as_of)
        if dt.date(year, month, 1) <= as_of:
            if target.kind == "milestone":
                actual = 1 if totals.completion(plan, target.id, day) else 0
            else:
                actual = totals.amount(plan, target.id, day)
        shown = as_of if dt.date(year, month, 1) <= as_of < last else last
        expected = None if target.goal is None else expected_by(plan, target, shown)
        points.append(MonthPoint(shown, actual, expected))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(points)


@dataclass(frozen=True, slots=True)
class LogRow:
    """A record as `log` lists it, with the reversal that cancels it, if any."""

    record: Record
    reverted_by: str | None


def log_rows(
    plan: Plan,
    totals: Totals,
    records: Iterable[Record],
    about: tuple[str, str] | None,
    by: str | None,
    since: dt.date,
    until: dt.date,
) -> Iterator[LogRow]:
    """Yield the records to list, in ledger order (the order they were recorded), each with
    what reverts it. The records stream past once; nothing is held.

    `about` is (kind, id): a target's records include those of the activities that count
    toward it; the reversals of every chosen record are chosen too.
    """
    wanted = None if about is None else subjects_of(plan, *about)
    for r in records:
        if not since <= r.date <= until or (by is not None and r.by != by):
            continue
        if wanted is not None and subject(r, totals) not in wanted:
            continue
        yield LogRow(r, totals.reverted_by(r.id))
