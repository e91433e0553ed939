"""The pydantic models of the plan file: the boundary where a plan is validated.

The models check the shape of one document (types, required keys, id syntax, the
goal grammar); rules that relate parts of the plan to each other live in `checks`.
`planfile` builds the plain `plan.Plan` the core computes on from a validated model.
Imports only `plan` of ours: never planfile, ledger, render or cli.
"""

from __future__ import annotations

import datetime as dt
import re
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

from kexie_plan.plan import HIDDEN_CHARS, YEARS, Goal, goal_of

SLUG_PATTERN = r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$"
Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=64),
    Field(description="a lowercase slug, unique across the plan, e.g. haizhi-salon"),
]


def _visible_text(value: object) -> object:
    """Refuse a text that holds a control character or a bidi override (located, named)."""
    if isinstance(value, str):
        found = HIDDEN_CHARS.search(value)
        if found is not None:
            char = f"U+{ord(found.group()):04X}"
            raise PydanticCustomError(
                "kexie_hidden_char", "hidden character", {"char": char, "col": found.start() + 1}
            )
    return value


Text = Annotated[str, StringConstraints(min_length=1), BeforeValidator(_visible_text)]


def parse_goal(value: object) -> Goal:
    """Return the Goal that `value` ("N", "N+", "N-M" or an int) spells."""
    if isinstance(value, Goal):
        return value
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise PydanticCustomError(
            "kexie_goal_format", "goal is not N, N+ or N-M", {"value": str(value)}
        )
    text = str(value) if isinstance(value, int) else value
    found = goal_of(text)
    if isinstance(found, str):
        raise PydanticCustomError("kexie_" + found, _GOAL_PROBLEMS[found], {"value": text})
    return found


_GOAL_PROBLEMS = {
    "goal_format": "goal is not N, N+ or N-M",
    "number_too_long": "a number has more than 9 digits",
    "goal_zero": "goal must be above 0",
    "goal_order": "goal's lower bound is above its upper bound",
}


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
    """A year's work plan, as its file is written (docs/format.md)."""

    schema_: Annotated[Literal[1], BeforeValidator(_whole_number)] = Field(
        alias="schema", description="format version"
    )
    year: Annotated[int, Field(ge=YEARS[0], le=YEARS[1])]
    org: Text
    title: Text
    published: Day | None = None
    period: Period | None = None
    guidance: Annotated[str, BeforeValidator(_visible_text)] | None = None
    units: list[Unit] = []
    sections: list[Section] = []
    targets: list[Target] = []
    activities_declared: Annotated[int, Field(ge=0)] | None = None
    activities: list[Activity] = []

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


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
