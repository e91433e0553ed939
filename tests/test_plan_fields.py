"""The plan fields of issue 5: an activity's window and owner, co-owners everywhere.

Loading, the place a window takes in `kexie status` (planned days, overdue), and the
commands that copy or compare plans (`new-year`, `diff`). The messages for broken
windows and co-owners are in the error catalogue (tests/errors/window_*,
co_owner_twice, unknown_ref-co_owner, date_outside-window, unknown_key-window).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kexie_plan.cli import app
from kexie_plan.errors import PlanErrors
from kexie_plan.plandiff import Change, plan_diff
from kexie_plan.planfile import load_plan, load_plan_text
from kexie_plan.progress import planned_window, status_report
from kexie_plan.record import Record
from kexie_plan.totals import totals_of

PLAN = """\
schema: 1
year: 2024
org: 某市科协
title: 某市科协2024年工作要点
units:
  - {id: office, name: 办公室}
  - {id: pop-dept, name: 科普部}
  - {id: cie, name: 中国电子学会}
sections:
  - id: s
    title: 科学普及
    measures:
      - {id: pop, title: 科普活动, owner: pop-dept, co_owners: [office]}
targets:
  - {id: salons, name: 海智沙龙, unit: 场, goal: 2, co_owners: [office]}
activities:
  - id: expo
    name: 物联网博览会相关活动
    month: 10
    window: {from: 2024-10-22, to: 2024-10-25}
    owner: cie
    co_owners: [office]
  - {id: day, name: 科技工作者日, date: 2024-02-29, window: {from: 2024-02-26, to: 2024-03-01}}
  - {id: week, name: 科普宣传周, month: 5, measure: pop}
"""


def test_window_owner_and_co_owners_load() -> None:
    plan = load_plan_text(PLAN)
    expo, day, week = plan.activities
    assert (expo.owner, expo.co_owners) == ("cie", ("office",))
    assert planned_window(plan, expo) == (dt.date(2024, 10, 22), dt.date(2024, 10, 25))
    assert planned_window(plan, day) == (dt.date(2024, 2, 26), dt.date(2024, 3, 1))
    assert planned_window(plan, week) == (dt.date(2024, 5, 1), dt.date(2024, 5, 31))
    assert plan.targets[0].co_owners == ("office",)
    assert plan.measures()[0].co_owners == ("office",)


@pytest.mark.parametrize(
    ("as_of", "expo", "day"),
    [
        ("2024-02-29", ("upcoming", "upcoming"), ("upcoming", "this_month")),
        # the date has passed but the window has not: not overdue yet
        ("2024-03-01", ("upcoming", "upcoming"), ("upcoming", "this_month")),
        ("2024-03-02", ("upcoming", "upcoming"), ("overdue", "overdue")),
        ("2024-10-01", ("upcoming", "this_month"), ("overdue", "overdue")),
        ("2024-10-25", ("upcoming", "this_month"), ("overdue", "overdue")),
        ("2024-10-26", ("overdue", "overdue"), ("overdue", "overdue")),
    ],
)
def test_a_window_decides_when_an_activity_is_overdue(as_of: str, expo, day) -> None:
    report = status_report(load_plan_text(PLAN), totals_of([]), dt.date.fromisoformat(as_of))
    states = {a.id: (a.state, a.calendar_state) for a in report.activities}
    assert (states["expo"], states["day"]) == (expo, day)


def test_owner_is_the_activitys_own_else_its_measures_and_co_owners_are_not_inherited() -> None:
    report = status_report(load_plan_text(PLAN), totals_of([]), dt.date(2024, 6, 30))
    owners = {a.id: (a.owner, a.co_owners) for a in report.activities}
    assert owners == {"expo": ("cie", ("office",)), "day": (None, ()), "week": ("pop-dept", ())}
    assert report.targets[0].co_owners == ("office",)
    # the status JSON keeps `month` as the plan gives it, and `date`
    expo = report.activities[0]
    assert (expo.month, expo.date, expo.window) == (
        10,
        None,
        (dt.date(2024, 10, 22), dt.date(2024, 10, 25)),
    )


def test_held_after_the_window_is_late() -> None:
    plan = load_plan_text(PLAN)
    late = Record(id="r1", date=dt.date(2024, 3, 4), activity="day")
    report = status_report(plan, totals_of([late]), dt.date(2024, 3, 31))
    day = next(a for a in report.activities if a.id == "day")
    assert (day.state, day.held, day.late) == ("held", dt.date(2024, 3, 4), True)


def test_co_owners_must_be_units() -> None:
    broken = PLAN.replace("co_owners: [office]}", "co_owners: [ofice]}", 1)
    with pytest.raises(PlanErrors) as raised:
        load_plan_text(broken)
    assert [e.code for e in raised.value.errors] == ["unknown_ref"]


def test_new_year_moves_the_window(tmp_path: Path) -> None:
    source = tmp_path / "2024.yaml"
    source.write_text(PLAN, encoding="utf-8")
    result = CliRunner().invoke(app, ["new-year", "2025", "--from", str(source)])
    assert result.exit_code == 0, result.output
    plan = load_plan(tmp_path / "2025.yaml")
    expo, day, _ = plan.activities
    assert (expo.window.from_, expo.window.to) == (dt.date(2025, 10, 22), dt.date(2025, 10, 25))
    assert (day.date, day.window.from_) == (dt.date(2025, 2, 28), dt.date(2025, 2, 26))
    assert (expo.owner, expo.co_owners) == ("cie", ("office",))


def test_diff_reports_a_moved_window() -> None:
    moved = PLAN.replace(
        "window: {from: 2024-10-22, to: 2024-10-25}", "window: {from: 2024-10-20, to: 2024-10-25}"
    )
    changes = plan_diff(load_plan_text(PLAN), load_plan_text(moved))
    assert changes == (
        Change(
            "activity_moved",
            "expo",
            "物联网博览会相关活动",
            "2024-10 (2024-10-22..2024-10-25)",
            "2024-10 (2024-10-20..2024-10-25)",
        ),
    )
