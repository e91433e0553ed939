"""The plan as the core computes on it: frozen dataclasses, no pydantic, no YAML.

`planfile` validates a plan file with the pydantic models of `model` and builds this
plain, immutable plan from it; the core (`checks`, `progress`, `report`, `units`, …)
only ever sees these classes. `plan_data` and `plan_from_data` turn a plan into the
plain values of its file (as YAML or JSON would hold them) and back, for `new-year` and
for the cache of validated plans, so that a command on an unchanged plan imports
neither pydantic nor PyYAML. Pure; imports nothing of ours.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

GOAL_PATTERN = r"^\s*([0-9]+)\s*(?:(\+)|-\s*([0-9]+))?\s*$"
MAX_DIGITS = 9  # every number in a plan or a ledger: at most 999,999,999
_GOAL_RE = re.compile(GOAL_PATTERN)
YEARS = (1900, 2999)  # the years a plan may be for, both included
# What a plan's text may not hold: C0 controls but newline and tab, DEL, C1 controls, and
# the bidi overrides and isolates that can make a name read as something else.
HIDDEN_CHARS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True, slots=True)
class Goal:
    """A goal: at least `min`; at most `max` (equal to min for an exact goal, None for N+)."""

    min: int
    max: int | None

    @property
    def is_exact(self) -> bool:
        return self.max == self.min

    @property
    def is_range(self) -> bool:
        return self.max is not None and self.max > self.min

    def __str__(self) -> str:
        if self.max is None:
            return f"{self.min}+"
        if self.max == self.min:
            return str(self.min)
        return f"{self.min}-{self.max}"


def goal_of(text: str) -> Goal | str:
    """Return the Goal that "N", "N+" or "N-M" spells, or the code of what is wrong with it
    (goal_format, number_too_long, goal_zero, goal_order)."""
    match = _GOAL_RE.match(text)
    if not match:
        return "goal_format"
    if any(len(group) > MAX_DIGITS for group in (match.group(1), match.group(3) or "")):
        return "number_too_long"
    low = int(match.group(1))
    high: int | None
    if match.group(2):
        high = None
    elif match.group(3):
        high = int(match.group(3))
    else:
        high = low
    if low <= 0:
        return "goal_zero"
    if high is not None and high < low:
        return "goal_order"
    return Goal(low, high)


@dataclass(frozen=True, slots=True)
class Period:
    start: dt.date
    end: dt.date


@dataclass(frozen=True, slots=True)
class Unit:
    """Who reports: a department, a district association, a society."""

    id: str
    name: str


@dataclass(frozen=True, slots=True)
class Measure:
    """One of the plan's 主要工作措施 (一是, 二是 …)."""

    id: str
    title: str
    owner: str | None = None
    co_owners: tuple[str, ...] = ()
    tasks: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Section:
    """A group of measures: (一), (二) …"""

    id: str
    title: str
    measures: tuple[Measure, ...] = ()


@dataclass(frozen=True, slots=True)
class Adjustment:
    """A goal changed during the year: from `date` on, `goal` is in force, for `reason`."""

    date: dt.date
    goal: Goal
    reason: str


@dataclass(frozen=True, slots=True)
class Target:
    """A 工作目标: a counted goal, or a milestone that is done or not."""

    id: str
    name: str
    text: str | None = None
    kind: str = "count"  # count or milestone
    unit: str | None = None
    goal: Goal | None = None
    measure: str | None = None
    owner: str | None = None
    co_owners: tuple[str, ...] = ()
    due: dt.date | None = None
    schedule: dict[dt.date, int] | None = None  # expected cumulative amounts at checkpoints
    adjustments: tuple[Adjustment, ...] = ()


@dataclass(frozen=True, slots=True)
class Window:
    """The days within which an activity is to be held, both included."""

    from_: dt.date
    to: dt.date


@dataclass(frozen=True, slots=True)
class Activity:
    """A 重大活动: held once, planned for a month or a date, optionally within a window."""

    id: str
    name: str
    month: int | None = None
    date: dt.date | None = None
    window: Window | None = None
    tentative: bool = False  # the month (or date) is the office's estimate
    target: str | None = None  # counts 1 toward this counted target, or completes this milestone
    measure: str | None = None
    owner: str | None = None
    co_owners: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Plan:
    """A year's work plan, validated."""

    schema: int
    year: int
    org: str
    title: str
    published: dt.date | None = None
    period: Period | None = None
    guidance: str | None = None
    units: tuple[Unit, ...] = ()
    sections: tuple[Section, ...] = ()
    targets: tuple[Target, ...] = ()
    activities_declared: int | None = None
    activities: tuple[Activity, ...] = ()
    _index: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def span(self) -> Period:
        """Return the plan's period; the calendar year when none is given."""
        if self.period is not None:
            return self.period
        return Period(start=dt.date(self.year, 1, 1), end=dt.date(self.year, 12, 31))

    def measures(self) -> tuple[Measure, ...]:
        """Return every measure, in plan order."""
        found = self._index.get("measures")
        if found is None:
            found = self._index["measures"] = tuple(m for s in self.sections for m in s.measures)
        return found

    def target(self, ident: str) -> Target | None:
        """Return the target with this id, if any."""
        return self._by_id("targets", self.targets).get(ident)

    def activity(self, ident: str) -> Activity | None:
        """Return the activity with this id, if any."""
        return self._by_id("activities", self.activities).get(ident)

    def measure(self, ident: str) -> Measure | None:
        """Return the measure with this id, if any."""
        return self._by_id("measures_by_id", self.measures()).get(ident)

    def _by_id(self, key: str, things: tuple[Any, ...]) -> dict[str, Any]:
        found = self._index.get(key)
        if found is None:
            found = self._index[key] = {thing.id: thing for thing in things}
        return found

    def section_of(self, measure: str | None) -> Section | None:
        """Return the section that holds the measure, if any."""
        for section in self.sections:
            if any(m.id == measure for m in section.measures):
                return section
        return None

    def things(self) -> Iterator[tuple[str, str, str]]:
        """Yield (kind, id, name) for every target, activity and measure, in plan order."""
        yield from (("target", t.id, t.name) for t in self.targets)
        yield from (("activity", a.id, a.name) for a in self.activities)
        yield from (("measure", m.id, m.title) for m in self.measures())


# --- the plan as the plain values of its file ---------------------------------------------


def _day(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def _goal_value(goal: Goal) -> int | str:
    """Return a goal as a file writes it: an int for an exact goal, else "N+" or "N-M"."""
    return goal.min if goal.is_exact else str(goal)


def _goal(value: Any) -> Goal:
    found = goal_of(str(value))
    if isinstance(found, str):
        raise ValueError(f"goal {value!r}: {found}")
    return found


def _owners(thing: Measure | Target | Activity) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if thing.owner is not None:
        data["owner"] = thing.owner
    if thing.co_owners:
        data["co_owners"] = list(thing.co_owners)
    return data


def plan_data(plan: Plan) -> dict[str, Any]:
    """Return the plan as the plain values of its file: keys as written, dates as dates,
    goals as written, nothing that is left at its default."""
    data: dict[str, Any] = {"schema": plan.schema, "year": plan.year, "org": plan.org}
    data["title"] = plan.title
    if plan.published is not None:
        data["published"] = plan.published
    if plan.period is not None:
        data["period"] = {"start": plan.period.start, "end": plan.period.end}
    if plan.guidance is not None:
        data["guidance"] = plan.guidance
    if plan.units:
        data["units"] = [{"id": u.id, "name": u.name} for u in plan.units]
    if plan.sections:
        data["sections"] = [
            {
                "id": s.id,
                "title": s.title,
                **({"measures": [_measure_data(m) for m in s.measures]} if s.measures else {}),
            }
            for s in plan.sections
        ]
    if plan.targets:
        data["targets"] = [_target_data(t) for t in plan.targets]
    if plan.activities_declared is not None:
        data["activities_declared"] = plan.activities_declared
    if plan.activities:
        data["activities"] = [_activity_data(a) for a in plan.activities]
    return data


def _measure_data(m: Measure) -> dict[str, Any]:
    data: dict[str, Any] = {"id": m.id, "title": m.title, **_owners(m)}
    if m.tasks:
        data["tasks"] = list(m.tasks)
    return data


def _target_data(t: Target) -> dict[str, Any]:
    data: dict[str, Any] = {"id": t.id, "name": t.name}
    if t.text is not None:
        data["text"] = t.text
    if t.kind != "count":
        data["kind"] = t.kind
    if t.unit is not None:
        data["unit"] = t.unit
    if t.goal is not None:
        data["goal"] = _goal_value(t.goal)
    if t.measure is not None:
        data["measure"] = t.measure
    data.update(_owners(t))
    if t.due is not None:
        data["due"] = t.due
    if t.schedule is not None:
        data["schedule"] = dict(t.schedule)
    if t.adjustments:
        data["adjustments"] = [
            {"date": a.date, "goal": _goal_value(a.goal), "reason": a.reason} for a in t.adjustments
        ]
    return data


def _activity_data(a: Activity) -> dict[str, Any]:
    data: dict[str, Any] = {"id": a.id, "name": a.name}
    if a.month is not None:
        data["month"] = a.month
    if a.date is not None:
        data["date"] = a.date
    if a.window is not None:
        data["window"] = {"from": a.window.from_, "to": a.window.to}
    if a.tentative:
        data["tentative"] = True
    for key in ("target", "measure"):
        if getattr(a, key) is not None:
            data[key] = getattr(a, key)
    data.update(_owners(a))
    return data


def plan_from_data(data: dict[str, Any]) -> Plan:
    """Return the plan that the plain values of a valid file describe (dates as dates or
    as YYYY-MM-DD text). Trusts that the values passed validation; raises KeyError,
    TypeError or ValueError when they are not a plan."""
    period = data.get("period")
    return Plan(
        schema=int(data["schema"]),
        year=int(data["year"]),
        org=str(data["org"]),
        title=str(data["title"]),
        published=_day(data["published"]) if data.get("published") is not None else None,
        period=Period(_day(period["start"]), _day(period["end"])) if period else None,
        guidance=data.get("guidance"),
        units=tuple(Unit(u["id"], u["name"]) for u in data.get("units", ())),
        sections=tuple(
            Section(s["id"], s["title"], tuple(_measure(m) for m in s.get("measures", ())))
            for s in data.get("sections", ())
        ),
        targets=tuple(_target(t) for t in data.get("targets", ())),
        activities_declared=data.get("activities_declared"),
        activities=tuple(_activity(a) for a in data.get("activities", ())),
    )


def _measure(m: dict[str, Any]) -> Measure:
    return Measure(
        id=m["id"],
        title=m["title"],
        owner=m.get("owner"),
        co_owners=tuple(m.get("co_owners", ())),
        tasks=tuple(m.get("tasks", ())),
    )


def _target(t: dict[str, Any]) -> Target:
    schedule = t.get("schedule")
    return Target(
        id=t["id"],
        name=t["name"],
        text=t.get("text"),
        kind=t.get("kind", "count"),
        unit=t.get("unit"),
        goal=_goal(t["goal"]) if t.get("goal") is not None else None,
        measure=t.get("measure"),
        owner=t.get("owner"),
        co_owners=tuple(t.get("co_owners", ())),
        due=_day(t["due"]) if t.get("due") is not None else None,
        schedule={_day(k): int(v) for k, v in schedule.items()} if schedule is not None else None,
        adjustments=tuple(
            Adjustment(_day(a["date"]), _goal(a["goal"]), a["reason"])
            for a in t.get("adjustments", ())
        ),
    )


def _activity(a: dict[str, Any]) -> Activity:
    window = a.get("window")
    return Activity(
        id=a["id"],
        name=a["name"],
        month=a.get("month"),
        date=_day(a["date"]) if a.get("date") is not None else None,
        window=Window(_day(window["from"]), _day(window["to"])) if window else None,
        tentative=bool(a.get("tentative", False)),
        target=a.get("target"),
        measure=a.get("measure"),
        owner=a.get("owner"),
        co_owners=tuple(a.get("co_owners", ())),
    )
