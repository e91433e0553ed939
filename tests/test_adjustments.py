"""Goals changed mid-year: `adjustments` hold from their date on, in status, show and reports."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from kexie_plan.cli import app
from kexie_plan.plan import Goal
from kexie_plan.planfile import load_plan_text
from kexie_plan.progress import goal_in_force, status_report
from kexie_plan.record import Record
from kexie_plan.report import period_report
from kexie_plan.totals import totals_of

D = dt.date

PLAN = """\
schema: 1
year: 2021
org: 某科协
title: 测试计划
targets:
  - id: salon
    name: 海智沙龙
    text: 举办海智沙龙3-5场
    unit: 场
    goal: 3-5
    adjustments:
      - {date: 2021-07-01, goal: 2, reason: 受疫情影响，经党组会议研究调减}
      - {date: 2021-10-01, goal: 6+, reason: 疫情缓解后增加}
  - id: forum
    name: 论坛
    unit: 场
    goal: 4
"""


def records(*amounts: tuple[str, int]) -> list[Record]:
    return [
        Record(id=f"R{i}", date=D.fromisoformat(day), target="salon", amount=amount, line=i)
        for i, (day, amount) in enumerate(amounts, 1)
    ]


@pytest.mark.parametrize(
    ("day", "goal"),
    [
        (D(2021, 1, 1), Goal(3, 5)),
        (D(2021, 6, 30), Goal(3, 5)),
        (D(2021, 7, 1), Goal(2, 2)),
        (D(2021, 9, 30), Goal(2, 2)),
        (D(2021, 10, 1), Goal(6, None)),
        (D(2021, 12, 31), Goal(6, None)),
    ],
)
def test_goal_in_force(day: dt.date, goal: Goal) -> None:
    target = load_plan_text(PLAN).targets[0]
    assert goal_in_force(target, day) == goal


@pytest.mark.parametrize(
    ("day", "goal", "expected", "state", "missing"),
    [
        # linear over the year against 3 until June, 2 from July, 6 from October
        (D(2021, 6, 30), Goal(3, 5), 1, "on_track", 1),
        (D(2021, 7, 1), Goal(2, 2), 0, "met", 0),
        (D(2021, 8, 31), Goal(2, 2), 1, "met", 0),
        (D(2021, 10, 1), Goal(6, None), 4, "behind", 4),
        (D(2021, 12, 30), Goal(6, None), 5, "behind", 4),
        (D(2021, 12, 31), Goal(6, None), 6, "overdue", 4),  # the due day: the year's verdict
    ],
)
def test_status_uses_the_goal_in_force(day, goal, expected, state, missing) -> None:
    plan = load_plan_text(PLAN)
    report = status_report(plan, totals_of(records(("2021-03-01", 1), ("2021-06-01", 1))), day)
    salon = report.targets[0]
    assert (salon.goal, salon.expected, salon.state, salon.missing) == (
        goal,
        expected,
        state,
        missing,
    )


def test_status_json_shows_the_goal_in_force_in_the_same_shape(tmp_path) -> None:
    plan = tmp_path / "2021.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    result = CliRunner().invoke(
        app, ["status", "--plan", str(plan), "--as-of", "2021-08-01", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    salon = json.loads(result.stdout)["targets"][0]
    assert salon["goal"] == {"min": 2, "max": 2}
    assert list(salon) == [
        "id", "name", "unit", "kind", "goal", "actual", "expected", "state", "light",
        "missing", "done", "percent",
    ]  # fmt: skip


def test_year_report_shows_original_and_adjusted_goal_with_the_reason(tmp_path) -> None:
    plan = tmp_path / "2021.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    result = CliRunner().invoke(
        app, ["report", "--plan", str(plan), "--period", "YEAR", "--as-of", "2021-12-31"],
        env={"KEXIE_LANG": "zh"},
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "| 海智沙龙 | 3–5 场 → ≥6 场 | 0 | 0 | 0% | 6 | 未完成 |" in result.stdout
    assert (
        "## 目标调整情况\n\n| 目标 | 原目标值 | 调整后目标值 | 调整日期 | 调整理由 |\n"
        "|---|---|---|---|---|\n"
        "| 海智沙龙 | 3–5 场 | ≥6 场 | 2021-10-01 | 疫情缓解后增加 |\n"
    ) in result.stdout


def test_report_line_before_any_adjustment_is_not_adjusted() -> None:
    plan = load_plan_text(PLAN)
    report = period_report(
        plan, totals_of([]), [], D(2021, 1, 1), D(2021, 3, 31), D(2021, 12, 31), "Q1"
    )
    salon = report.targets[0]
    assert (salon.adjusted, salon.original, salon.status.goal) == (False, Goal(3, 5), Goal(3, 5))
    later = period_report(
        plan, totals_of([]), [], D(2021, 7, 1), D(2021, 9, 30), D(2021, 12, 31), "Q3"
    )
    line = later.targets[0]
    assert (line.adjusted_on, line.reason, line.status.goal) == (
        D(2021, 7, 1),
        "受疫情影响，经党组会议研究调减",
        Goal(2, 2),
    )


def test_show_lists_the_original_goal_and_each_adjustment(tmp_path) -> None:
    plan = tmp_path / "2021.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    result = CliRunner().invoke(
        app, ["show", "salon", "--plan", str(plan), "--as-of", "2021-08-01"],
        env={"KEXIE_LANG": "en", "COLUMNS": "100"},
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = [line.rstrip() for line in result.stdout.splitlines()[1:6]]
    assert lines == [
        "plan text      举办海智沙龙3-5场",
        "goal           2 场",
        "original goal  3–5 场",
        "adjusted       2021-07-01 → 2 场: 受疫情影响，经党组会议研究调减",
        "adjusted       2021-10-01 → ≥6 场: 疫情缓解后增加",
    ]
