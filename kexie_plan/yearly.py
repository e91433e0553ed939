"""The yearly cycle as data: next year's plan from this year's, and a first plan for `init`.

Pure: `next_year_plan(plan, year)` returns the new plan as plain Python values (what the
YAML file will hold) and, per target, the note that marks its goal for review; the cli
writes them out as YAML. Every date moves by whole years (29 February becomes the 28th);
goals stay as the plan first set them, since the plan's words quote them, and the
adjustments are dropped, named in the review note. No I/O. Imports only plan of ours.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from kexie_plan.plan import Plan, plan_data


def moved(day: dt.date, years: int) -> dt.date:
    """Return the same day `years` later (or earlier); 29 February becomes the 28th."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def next_year_plan(plan: Plan, year: int) -> tuple[dict[str, Any], dict[str, str]]:
    """Return next year's plan as plain values, and target id -> its goal's review note.

    Same org, units, sections, measures, targets and activities. The title's year is
    replaced; `published` is dropped (the new plan is not published yet); the period, due
    dates, schedule checkpoints, activity dates and windows move to the new year.
    """
    years = year - plan.year
    data = plan_data(plan)
    data["year"] = year
    data["title"] = plan.title.replace(str(plan.year), str(year))
    data.pop("published", None)
    if plan.period is not None:
        data["period"] = {
            "start": moved(plan.period.start, years),
            "end": moved(plan.period.end, years),
        }
    notes: dict[str, str] = {}
    targets = []
    for target, raw in zip(plan.targets, data.get("targets", []), strict=True):
        raw = dict(raw)
        if "goal" in raw:
            note = f"review: goal kept from {plan.year}"
            if target.adjustments:
                last = target.adjustments[-1]
                note += f" (adjusted to {last.goal} on {last.date.isoformat()})"
            notes[target.id] = note
        if target.due is not None:
            raw["due"] = moved(target.due, years)
        if target.schedule:
            raw["schedule"] = {moved(day, years): value for day, value in target.schedule.items()}
        raw.pop("adjustments", None)
        targets.append(raw)
    data["targets"] = targets
    activities = []
    for activity, raw in zip(plan.activities, data.get("activities", []), strict=True):
        raw = dict(raw)
        if activity.date is not None:
            raw["date"] = moved(activity.date, years)
        if activity.window is not None:
            raw["window"] = {
                "from": moved(activity.window.from_, years),
                "to": moved(activity.window.to, years),
            }
        activities.append(raw)
    data["activities"] = activities
    # Empty lists and optional keys left at their default say nothing in the file.
    return _without_empty(data), notes


def _without_empty(value: Any) -> Any:
    """Return `value` with empty lists and mappings removed from every mapping in it."""
    if isinstance(value, dict):
        return {k: _without_empty(v) for k, v in value.items() if v not in ([], {}, None)}
    if isinstance(value, list):
        return [_without_empty(v) for v in value]
    return value


def first_plan(year: int, lang: str) -> str:
    """Return the YAML text of a minimal valid plan for `year`, in `lang`, to start from."""
    if lang == "zh":
        return f"""\
# yaml-language-server: $schema=../schema/plan.schema.json
# {year}年工作计划。按正式印发的工作要点逐条填写；kexie validate 会检查每一处。
schema: 1
year: {year}
org: 某市科学技术协会
title: 某市科协{year}年工作要点
period: {{start: {year}-01-01, end: {year}-12-31}}
units:
  - {{id: office, name: 办公室}}
sections:
  - id: organisation
    title: 加强自身建设
    measures:
      - id: party-building
        title: 强化政治引领
        owner: office
        tasks:
          - 开展党史学习教育。
targets:
  - id: new-societies
    name: 新增学会
    text: 新增学会2家
    unit: 家
    goal: 2
    measure: party-building
activities: []
"""
    return f"""\
# yaml-language-server: $schema=../schema/plan.schema.json
# The work plan for {year}. Fill it in from the approved document; kexie validate checks it.
schema: 1
year: {year}
org: City Association for Science and Technology
title: Work plan {year}
period: {{start: {year}-01-01, end: {year}-12-31}}
units:
  - {{id: office, name: Office}}
sections:
  - id: organisation
    title: Strengthen the organisation
    measures:
      - id: party-building
        title: Political guidance
        owner: office
        tasks:
          - Study sessions on party history.
targets:
  - id: new-societies
    name: New member societies
    text: Found 2 new member societies
    unit: societies
    goal: 2
    measure: party-building
activities: []
"""
