"""Pydantic models of the plan and of a ledger record, and the goal grammar.

The models check the shape of one document (types, required keys, id syntax, the
goal grammar); rules that relate parts of the plan to each other live in `checks`.
Imports only `errors` of ours: never planfile, ledger, render or cli.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

SLUG_PATTERN = r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$"
Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=64),
    Field(description="a lowercase slug, unique across the plan, e.g. haizhi-salon"),
]
Text = Annotated[str, StringConstraints(min_length=1)]

GOAL_PATTERN = r"^\s*([0-9]+)\s*(?:(\+)|-\s*([0-9]+))?\s*$"
_GOAL_RE = re.compile(GOAL_PATTERN)


@dataclass(frozen=True)
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


def parse_goal(value: object) -> Goal:
    """Return the Goal that `value` ("N", "N+", "N-M" or an int) spells."""
    if isinstance(value, Goal):
        return value
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise PydanticCustomError(
            "kexie_goal_format", "goal is not N, N+ or N-M", {"value": str(value)}
        )
    text = str(value) if isinstance(value, int) else value
    match = _GOAL_RE.match(text)
    if not match:
        raise PydanticCustomError("kexie_goal_format", "goal is not N, N+ or N-M", {"value": text})
    low = int(match.group(1))
    if match.group(2):
        high: int | None = None
    elif match.group(3):
        high = int(match.group(3))
    else:
        high = low
    if low <= 0:
        raise PydanticCustomError("kexie_goal_zero", "goal must be above 0", {"value": text})
    if high is not None and high < low:
        raise PydanticCustomError(
            "kexie_goal_order", "goal's lower bound is above its upper bound", {"value": text}
        )
    return Goal(low, high)


GoalField = Annotated[
    Goal,
    PlainValidator(parse_goal),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": r"^[0-9]+(\+|-[0-9]+)?$"},
                {"type": "integer", "minimum": 1},
            ],
            "description": '"N" exactly N, "N+" N or more (以上), "N-M" a range',
            "examples": ["3-5", "20+", "100"],
        }
    ),
]


def _day(value: object) -> object:
    """Return a quoted "YYYY-MM-DD" as its date; anything else is left for strict checking."""
    if isinstance(value, str) and _DAY_RE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError(
                "kexie_no_such_date", "no such date", {"value": value}
            ) from None
    return value


_DAY_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


def _whole_number(value: object) -> object:
    """Refuse booleans and floats where a whole number is meant (a Literal compares by ==)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise PydanticCustomError("int_type", "Input should be a valid integer")
    return value


# Strict: true is not 1, 0 is not 1970-01-01; a date is YYYY-MM-DD, quoted or not.
Day = Annotated[dt.date, BeforeValidator(_day)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Period(_Strict):
    start: Day
    end: Day


class Unit(_Strict):
    """Who reports: a department, a district association, a society."""

    id: Slug
    name: Text


CoOwners = Annotated[
    list[Slug],
    Field(description="units that share the work with the owner (unit ids)"),
]


class Measure(_Strict):
    """One of the plan's 主要工作措施 (一是, 二是 …)."""

    id: Slug
    title: Text
    owner: Slug | None = None
    co_owners: CoOwners = []
    tasks: list[Text] = []


class Section(_Strict):
    """A group of measures: (一), (二) …"""

    id: Slug
    title: Text
    measures: list[Measure] = []


class Adjustment(_Strict):
    """A goal changed during the year: from `date` on, `goal` is in force, for `reason`."""

    date: Day
    goal: GoalField
    reason: Text = Field(description="why the goal changed, e.g. the approving document")


class Target(_Strict):
    """A 工作目标: a counted goal, or a milestone that is done or not."""

    id: Slug
    name: Text
    text: Text | None = Field(None, description="the plan's own words for this target")
    kind: Literal["count", "milestone"] = "count"
    unit: Text | None = Field(None, description="measure word of a counted target: 场, 个, 家 …")
    goal: GoalField | None = None
    measure: Slug | None = None
    owner: Slug | None = None
    co_owners: CoOwners = []
    due: Day | None = None
    schedule: dict[Day, Annotated[int, Field(ge=0)]] | None = Field(
        None, description="expected cumulative amounts at checkpoints"
    )
    adjustments: list[Adjustment] = Field(
        [], description="goals changed during the year, each in force from its date on"
    )


class Window(_Strict):
    """The days within which an activity is to be held, both included."""

    from_: Day = Field(alias="from", description="first day, YYYY-MM-DD")
    to: Day = Field(description="last day, YYYY-MM-DD")


class Activity(_Strict):
    """A 重大活动: held once, planned for a month or a date, optionally within a window."""

    id: Slug
    name: Text
    month: Annotated[int, Field(ge=1, le=12)] | None = None
    date: Day | None = None
    window: Window | None = Field(
        None,
        description="the days within which it is to be held; it must touch the month "
        "or hold the date",
    )
    tentative: bool = Field(
        False,
        description="the month (or date) is the office's estimate, not the plan's word: "
        "it never makes the activity overdue nor drives 序时进度",
    )
    target: Slug | None = Field(
        None,
        description="holding it counts 1 toward this counted target, or completes this milestone",
    )
    measure: Slug | None = None
    owner: Slug | None = None
    co_owners: CoOwners = []


class Plan(_Strict):
    """A year's work plan (SPEC.md §2)."""

    schema_: Annotated[Literal[1], BeforeValidator(_whole_number)] = Field(
        alias="schema", description="format version"
    )
    year: Annotated[int, Field(ge=1900, le=2999)]
    org: Text
    title: Text
    published: Day | None = None
    period: Period | None = None
    guidance: str | None = None
    units: list[Unit] = []
    sections: list[Section] = []
    targets: list[Target] = []
    activities_declared: Annotated[int, Field(ge=0)] | None = None
    activities: list[Activity] = []

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    @property
    def span(self) -> Period:
        """Return the plan's period; the calendar year when none is given."""
        if self.period is not None:
            return self.period
        return Period(start=dt.date(self.year, 1, 1), end=dt.date(self.year, 12, 31))

    def measures(self) -> list[Measure]:
        """Return every measure, in plan order."""
        return [m for s in self.sections for m in s.measures]


def plan_json_schema() -> dict:
    """Return the JSON Schema of the plan file, for editors."""
    schema = Plan.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://kexie.invalid/schema/plan.schema.json"
    return schema


def plan_schema_text() -> str:
    """Return the JSON Schema as the text committed in schema/plan.schema.json."""
    import json

    return json.dumps(plan_json_schema(), ensure_ascii=False, indent=2) + "\n"


@dataclass(slots=True, unsafe_hash=True)
class Record:
    """One line of the progress ledger (SPEC.md §3), already checked for shape.

    A plain dataclass, not a pydantic model: a ledger can hold a million of these and
    building a model per line costs seconds (issue 7). Not frozen either, for the same
    reason (a frozen `__init__` costs another second per million); never change one.
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
    def ref(self) -> str:
        """Return the id this record is about (target, activity, measure or reverted record)."""
        return self.target or self.activity or self.measure or self.revert or ""
