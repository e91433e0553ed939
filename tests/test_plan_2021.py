"""The shipped 2021 plan: valid, complete, and traceable word for word to its source."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from kexie_plan.plan import Goal
from kexie_plan.planfile import load_plan

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "plans" / "2021.yaml"
SOURCE = (ROOT / "plans" / "sources" / "wuxi-kexie-2021-work-plan.txt").read_text("utf-8")


@pytest.fixture(scope="module")
def plan():
    return load_plan(PLAN)


def test_metadata(plan) -> None:
    assert plan.year == 2021
    assert plan.org == "无锡市科学技术协会"
    assert plan.title == "无锡市科协2021年工作意见"
    assert plan.published == dt.date(2022, 3, 15)
    assert (plan.span.start, plan.span.end) == (dt.date(2021, 1, 1), dt.date(2021, 12, 31))
    assert plan.guidance.strip() in SOURCE
    assert plan.guidance.startswith("以习近平新时代中国特色社会主义思想为指导")


def test_five_sections_and_sixteen_measures_as_in_the_source(plan) -> None:
    assert [s.title for s in plan.sections] == [
        "围绕争当表率,不断提升科协政治引领力",
        "围绕争做示范,不断提升科协创新驱动",
        "围绕走在前列,不断提升全民科学素质",
        "围绕科学决策,不断提升全市智库服务",
        "围绕强基固本,不断提升科协组织战斗力",
    ]
    assert [len(s.measures) for s in plan.sections] == [3, 3, 3, 3, 4]
    ordinals = ["一是", "二是", "三是", "四是"]
    for section in plan.sections:
        for ordinal, measure in zip(ordinals, section.measures, strict=False):
            # each measure is the plan's own "一是…。" sentence, in order
            assert f"{ordinal}{measure.title}。" in SOURCE, measure.id
            assert measure.tasks, measure.id


# name fragment, goal, unit: every numeric goal of 二、工作目标
NUMERIC_GOALS = [
    ("高层次学术活动", Goal(3, 5), "场"),
    ("省科技创新综合实践示范学校", Goal(2, None), "所"),
    ("市青少年科技教育示范学校", Goal(13, 13), "个"),
    ("科普示范家庭", Goal(100, 100), "个"),
    ("科普教育基地", Goal(20, None), "个"),
    ("高端国际学术交流论坛和引才引智活动", Goal(3, None), "场"),
    ("海智沙龙", Goal(3, None), "场"),
    ("企会协作", Goal(30, 30), "个"),
    ("农业科技基地", Goal(10, 10), "个"),
    ("高校科协", Goal(1, 1), "个"),
    ("企业科协", Goal(20, 20), "家"),
    ("新型综合学会", Goal(3, 3), "家"),
]


@pytest.mark.parametrize(("fragment", "goal", "unit"), NUMERIC_GOALS)
def test_every_numeric_goal_is_in_the_plan(plan, fragment: str, goal: Goal, unit: str) -> None:
    matches = [t for t in plan.targets if t.kind == "count" and fragment in t.name]
    assert len(matches) == 1, [t.id for t in matches]
    target = matches[0]
    assert (target.goal, target.unit) == (goal, unit)
    assert target.measure is not None


def test_only_these_targets_are_counted(plan) -> None:
    assert sum(t.kind == "count" for t in plan.targets) == len(NUMERIC_GOALS)


MILESTONES = [
    "科技馆新馆",
    "全民科学素质行动计划纲要实施方案",
    "太湖(马山)生命与健康论坛",
    "软课题征集",
]


@pytest.mark.parametrize("fragment", MILESTONES)
def test_non_numeric_deliverables_are_milestones(plan, fragment: str) -> None:
    matches = [t for t in plan.targets if fragment in (t.text or "")]
    assert [t.kind for t in matches] == ["milestone"]
    assert matches[0].goal is None and matches[0].unit is None


def test_every_word_is_the_sources_own(plan) -> None:
    for section in plan.sections:
        assert section.title in SOURCE
        for measure in section.measures:
            assert measure.title in SOURCE
            for task in measure.tasks:
                assert task in SOURCE, (measure.id, task)
    for target in plan.targets:
        assert target.text in SOURCE, target.id
        assert target.name in SOURCE, target.id  # a name quotes the source, never composes
        assert target.name in target.text, target.id
    for activity in plan.activities:
        assert activity.name in SOURCE, activity.id


def test_each_measures_tasks_rebuild_its_paragraph(plan) -> None:
    paragraphs = {}
    for line in SOURCE.splitlines():
        for ordinal in ("一是", "二是", "三是", "四是"):
            if line.startswith(ordinal):
                title, rest = line.removeprefix(ordinal).split("。", 1)
                paragraphs[title] = rest
    assert len(paragraphs) == 16
    for measure in plan.measures():
        assert "".join(measure.tasks) == paragraphs[measure.title], measure.id


def test_eighteen_reconstructed_activities(plan) -> None:
    assert plan.activities_declared == 18
    assert "2021年拟安排18项(类)重大活动" in SOURCE
    assert len(plan.activities) == 18
    assert all(a.month is not None for a in plan.activities)
    text = PLAN.read_text("utf-8")
    assert "Reconstructed" in text.split("activities:")[-2]
    by_id = {a.id: a for a in plan.activities}
    assert by_id["sci-worker-day"].month == 5
    # the source states no month: every one is the office's estimate, and says so
    assert all(a.tentative for a in plan.activities)
    assert "every month is the\n# office's estimate" in text
    # linked only where the source ties them: the 马山 forum is the milestone's forum
    assert [(a.id, a.target) for a in plan.activities if a.target] == [
        ("mashan-forum", "mashan-health-forum")
    ]
    milestone = next(t for t in plan.targets if t.id == "mashan-health-forum")
    assert by_id["mashan-forum"].name in milestone.name


def test_academic_events_belong_to_the_kechuang_paragraph(plan) -> None:
    target = next(t for t in plan.targets if t.id == "academic-events")
    measure = next(m for m in plan.measures() if m.id == target.measure)
    assert measure.title == "打造“科创中国”样板,促进科技经济深度融合"
    assert any("国家(省)级学会" in task and "高层次学术" in task for task in measure.tasks)


def test_bundled_copy_is_the_plan() -> None:
    bundled = ROOT / "kexie_plan" / "bundled" / "2021.yaml"
    assert bundled.read_bytes() == PLAN.read_bytes(), "run: cp plans/2021.yaml kexie_plan/bundled/"


def test_schema_comment_and_committed_schema_are_current() -> None:
    from kexie_plan.model import plan_schema_text

    first = PLAN.read_text("utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/plan.schema.json"
    committed = (ROOT / "schema" / "plan.schema.json").read_text("utf-8")
    assert committed == plan_schema_text(), "run: kexie schema > schema/plan.schema.json"


def test_units_and_owners_only_where_the_source_names_them(plan) -> None:
    assert [(u.id, u.name) for u in plan.units] == [
        ("wuxi-kexie", "无锡市科协"),  # the association itself, so staff can record --by it
        ("cie", "中国电子学会"),
        ("universities-in-wuxi", "驻锡高校"),
        ("cast-haizhi-office", "中国科协海智办"),
    ]
    names = {u.id: u.name for u in plan.units}
    owned = []
    for thing in [*plan.measures(), *plan.targets, *plan.activities]:
        for role, units in (
            ("owner", [thing.owner] if thing.owner else []),
            ("co", thing.co_owners),
        ):
            owned += [(thing.id, role, unit) for unit in units]
    assert owned == [
        ("academic-leadership", "co", "universities-in-wuxi"),
        ("intl-forums", "co", "cast-haizhi-office"),
        ("iot-expo", "owner", "cie"),
    ]
    assert "无锡市科协2021年工作意见" in SOURCE
    # each is named in the very sentence that gives the work
    assert f"推动{names['cie']}承办世界物联网博览会相关活动" in SOURCE
    assert f"联手{names['universities-in-wuxi']},深入开展“校协联手”" in SOURCE
    assert f"联合{names['cast-haizhi-office']}和有关国际组织,办好高端国际学术交流论坛" in SOURCE


# --- issue 10: the year's verdict on the shipped plan -------------------------------------


def status_json(*args: str) -> dict:
    from typer.testing import CliRunner

    from kexie_plan.cli import app

    result = CliRunner().invoke(app, ["status", "--plan", str(PLAN), "--format", "json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_at_the_years_end_every_counted_target_expects_its_lower_bound(plan) -> None:
    data = status_json("--as-of", "2021-12-31")
    lows = {t.id: t.goal.min for t in plan.targets if t.goal is not None}
    assert {t["id"]: t["expected"] for t in data["targets"] if t["kind"] == "count"} == lows
    states = {t["state"] for t in data["targets"]}
    assert "behind" not in states and "on_track" not in states and "pending" not in states
    # no month of the source is stated, so no activity is overdue: unheld ones are not_held
    assert {a["state"] for a in data["activities"]} <= {"held", "not_held"}
    assert all(a["tentative"] for a in data["activities"])


def test_no_activity_is_ever_overdue_on_a_month_the_source_never_set() -> None:
    for month in range(1, 13):
        data = status_json("--as-of", f"2021-{month:02d}-28")
        assert "overdue" not in {a["state"] for a in data["activities"]}, month


def test_a_finished_plan_is_shown_at_its_last_day_and_says_so(monkeypatch) -> None:
    monkeypatch.setenv("KEXIE_TODAY", "2026-11-29")
    data = status_json()
    assert (data["as_of"], data["as_of_clamped"]) == ("2021-12-31", "ended")
    from typer.testing import CliRunner

    from kexie_plan.cli import app

    result = CliRunner().invoke(app, ["status", "--plan", str(PLAN), "--lang", "zh"])
    assert result.stdout.splitlines()[1].startswith("截至 2021-12-31（计划期已结束）")
    assert "● 未完成" in result.stdout and "逾期" not in result.stdout
