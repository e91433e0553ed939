"""kexie diff (two files, or --git REV) and kexie validate --against REV."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kexie_plan.cli import app
from kexie_plan.plandiff import Change, plan_diff, unexplained_goal_changes
from kexie_plan.planfile import load_plan_text

OLD = """\
schema: 1
year: 2021
org: 某科协
title: 测试计划
sections:
  - id: innovation
    title: 创新驱动
    measures:
      - {id: academic, title: 学术引领}
      - {id: outreach, title: 对外交流}
targets:
  - {id: salon, name: 海智沙龙, unit: 场, goal: 3+, measure: academic}
  - {id: forum, name: 论坛, unit: 场, goal: 2, due: 2021-06-30}
  - {id: bases, name: 科普基地, unit: 个, goal: 10}
activities:
  - {id: week, name: 科普宣传周, month: 5}
  - {id: day, name: 科技工作者日, date: 2021-05-30}
  - {id: gone, name: 取消的活动, month: 9}
"""

NEW = """\
schema: 1
year: 2021
org: 某科协
title: 测试计划
sections:
  - id: innovation
    title: 创新驱动
    measures:
      - {id: academic, title: 学术引领}
      - {id: youth, title: 青少年科技教育}
targets:
  - id: salon
    name: 海智沙龙
    unit: 场
    goal: 3+
    measure: academic
    adjustments:
      - {date: 2021-07-01, goal: 5+, reason: 党组会议调增}
  - {id: forum, name: 论坛, unit: 场, goal: 4, due: 2021-09-30}
  - {id: schools, name: 示范学校, unit: 所, goal: 2}
activities:
  - {id: week, name: 科普宣传周, month: 6}
  - {id: day, name: 科技工作者日, date: 2021-05-30}
  - {id: contest, name: 创新大赛, month: 4}
"""


def test_plan_diff_in_plan_terms() -> None:
    changes = plan_diff(load_plan_text(OLD), load_plan_text(NEW))
    assert changes == (
        Change("measure_added", "youth", "青少年科技教育"),
        Change("measure_removed", "outreach", "对外交流"),
        Change("target_added", "schools", "示范学校"),
        Change("target_removed", "bases", "科普基地"),
        Change("goal_changed", "forum", "论坛", "2", "4"),
        Change("goal_adjusted", "salon", "海智沙龙", "2021-07-01", "5+", "党组会议调增"),
        Change("due_changed", "forum", "论坛", "2021-06-30", "2021-09-30"),
        Change("activity_added", "contest", "创新大赛"),
        Change("activity_removed", "gone", "取消的活动"),
        Change("activity_moved", "week", "科普宣传周", "2021-05", "2021-06"),
    )


def test_no_changes() -> None:
    assert plan_diff(load_plan_text(OLD), load_plan_text(OLD)) == ()


def test_unexplained_goal_changes_need_an_adjustment_to_the_same_goal() -> None:
    problems = unexplained_goal_changes(load_plan_text(OLD), load_plan_text(NEW), "HEAD")
    assert [(p.code, p.params, p.loc) for p in problems] == [
        (
            "goal_changed_unadjusted",
            {"rev": "HEAD", "id": "forum", "old": "2", "new": "4"},
            ("targets", 1, "goal"),
        )
    ]
    explained = NEW.replace(
        "goal: 4, due: 2021-09-30}",
        "goal: 4, due: 2021-09-30, adjustments: [{date: 2021-06-01, goal: 4, reason: 调增}]}",
    )
    assert unexplained_goal_changes(load_plan_text(OLD), load_plan_text(explained), "x") == []


@pytest.fixture
def two_plans(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    return old, new


def test_diff_markdown_and_json(two_plans, monkeypatch) -> None:
    old, _ = two_plans
    monkeypatch.chdir(old.parent)
    runner = CliRunner()
    result = runner.invoke(app, ["diff", "old.yaml", "new.yaml", "--format", "markdown"],
                           env={"KEXIE_LANG": "zh"})  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:6] == [
        "## old.yaml → new.yaml：10 处变化",
        "",
        "| 变化 | 编号 | 名称 | 原 | 现 |",
        "|---|---|---|---|---|",
        "| 新增措施 | youth | 青少年科技教育 |  |  |",
        "| 删除措施 | outreach | 对外交流 |  |  |",
    ]
    assert "| 目标调整 | salon | 海智沙龙 | 2021-07-01 | 5\\+ \\(党组会议调增\\) |" in result.stdout
    data = json.loads(
        runner.invoke(app, ["diff", "old.yaml", "new.yaml", "--format", "json"]).stdout
    )
    assert data["old"] == "old.yaml"
    assert data["changes"][4] == {
        "kind": "goal_changed", "id": "forum", "name": "论坛", "before": "2", "after": "4",
        "reason": None,
    }  # fmt: skip
    table = runner.invoke(app, ["diff", "old.yaml", "new.yaml"], env={"KEXIE_LANG": "en"})
    assert table.exit_code == 0
    assert table.stdout.splitlines()[0] == "old.yaml → new.yaml: 10 changes"


GIT = shutil.which("git")
needs_git = pytest.mark.skipif(GIT is None, reason="no git on PATH")


def git(folder: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(folder), "-c", "user.name=t", "-c", "user.email=t@example.org",
         "-c", "commit.gpgsign=false", *args],
        check=True, capture_output=True,
    )  # fmt: skip


@pytest.fixture
def repo(tmp_path: Path, monkeypatch) -> Path:
    git(tmp_path, "init", "-q")
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "2021.yaml").write_text(OLD, encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "plan")
    (plans / "2021.yaml").write_text(NEW, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("KEXIE_LANG", "en")
    monkeypatch.delenv("KEXIE_PLAN", raising=False)
    return tmp_path


def run_main(monkeypatch, *args: str) -> int:
    from kexie_plan.cli import main

    monkeypatch.setattr("sys.argv", ["kexie", *args])
    with pytest.raises(SystemExit) as exited:
        main()
    return exited.value.code


@needs_git
def test_diff_against_a_git_revision(repo, monkeypatch, capsys) -> None:
    assert (
        run_main(monkeypatch, "diff", "--git", "HEAD", "plans/2021.yaml", "--format", "json") == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert (data["old"], data["new"], len(data["changes"])) == (
        "HEAD:plans/2021.yaml",
        "plans/2021.yaml",
        10,
    )
    # without PLAN: the plan kexie finds (plans/<year>.yaml)
    assert run_main(monkeypatch, "diff", "--git", "HEAD", "--format", "json") == 0
    assert len(json.loads(capsys.readouterr().out)["changes"]) == 10


@needs_git
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--git", "no-such-rev"], "no git revision 'no-such-rev' here"),
        (["--git", "--output=x"], "no git revision '--output=x' here"),
        (["--git", "HEAD", "other.yaml"], "other.yaml is not in git revision HEAD"),
        (["plans/2021.yaml"], "give two plan files (OLD NEW), or --git REV [PLAN]"),
    ],
)
def test_diff_usage_errors(repo, monkeypatch, capsys, args, message) -> None:
    (repo / "other.yaml").write_text(OLD, encoding="utf-8")
    assert run_main(monkeypatch, "diff", *args) == 2
    assert capsys.readouterr().err == f"kexie: error: {message}\n"


@needs_git
def test_validate_against_refuses_a_changed_goal_without_an_adjustment(
    repo, monkeypatch, capsys
) -> None:
    assert run_main(monkeypatch, "validate", "--against", "HEAD", "plans/2021.yaml") == 1
    err = capsys.readouterr().err
    assert err.splitlines() == [
        "plans/2021.yaml:19:42: error: goal of 'forum' changed from 2 to 4 since HEAD with no "
        "adjustment to 4; add adjustments: [{date: …, goal: 4, reason: …}]",
        "1 error in 1 file; 0 files ok",
    ]
    line = (repo / "plans" / "2021.yaml").read_text("utf-8").splitlines()[18]
    assert line[41:].startswith("4,")  # column 42 is the goal's value
    # without --against the same plan is valid
    assert run_main(monkeypatch, "validate", "plans/2021.yaml") == 0


@needs_git
def test_validate_against_accepts_an_adjusted_goal_and_a_new_plan(repo, monkeypatch) -> None:
    plan = repo / "plans" / "2021.yaml"
    plan.write_text(
        NEW.replace(
            "goal: 4, due: 2021-09-30}",
            "goal: 4, due: 2021-09-30, adjustments: [{date: 2021-06-01, goal: 4, reason: 调增}]}",
        ),
        encoding="utf-8",
    )
    assert run_main(monkeypatch, "validate", "--against", "HEAD", "plans/2021.yaml") == 0
    (repo / "plans" / "2022.yaml").write_text(OLD.replace("2021", "2022"), encoding="utf-8")
    assert run_main(monkeypatch, "validate", "--against", "HEAD", "plans/2022.yaml") == 0
