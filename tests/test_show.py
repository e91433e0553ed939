"""`kexie show REF`: REF resolution, the three views, reverts, and the monthly chart."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kexie_plan.errors import PlanError
from kexie_plan.planfile import load_plan_text
from kexie_plan.refs import resolve_ref

GOLDEN = Path(__file__).resolve().parent / "golden"

PLAN = """\
schema: 1
year: 2021
org: 某市科协
title: 某市科协2021年工作要点
units:
  - {id: haizhi-office, name: 海智办}
sections:
  - id: intl
    title: 国际交流
    measures:
      - id: outreach
        title: 拓展引进海外创新资源
        owner: haizhi-office
        tasks: [举办“海智沙龙”及海智项目洽谈会等活动。, 推动海智基地的申报、建设。]
targets:
  - id: salons
    name: 海智沙龙
    text: 开展“海智沙龙”活动3场以上
    unit: 场
    goal: 3+
    measure: outreach
  - {id: forums, name: 高端国际学术交流论坛, unit: 场, goal: 3-5, measure: outreach}
  - {id: museum, name: 科技馆筹备, kind: milestone}
activities:
  - {id: salon-fair, name: “海智沙龙”及海智项目洽谈会, month: 6, target: salons, measure: outreach}
"""

LEDGER = """\
- {id: R1, date: 2021-03-12, target: salons, by: haizhi-office, note: 第一期海智沙龙}
- {id: R2, date: 2021-04-20, target: salons, note: "第二期 [red]\\e[31m"}
- {id: R3, date: 2021-05-03, revert: R1, note: 录入错误}
- {id: R4, date: 2021-06-12, activity: salon-fair, note: 六月洽谈会}
- {id: R5, date: 2021-06-02, measure: outreach, note: 海智基地申报完成}
- {id: R6, date: 2021-09-01, target: salons, amount: 2}
- {id: R7, date: 2021-03-01, target: museum, done: true}
"""


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("KEXIE_LANG", "en")
    monkeypatch.setenv("COLUMNS", "80")
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "2021.yaml").write_text(PLAN, encoding="utf-8")
    (tmp_path / "plans" / "2021.progress.yaml").write_text(LEDGER, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("ref", "found"),
    [
        ("salons", ("target", "salons")),
        ("海智沙龙", ("target", "salons")),  # an exact name wins over a part of another
        ("洽谈会", ("activity", "salon-fair")),
        ("论坛", ("target", "forums")),
        ("outreach", ("measure", "outreach")),
        ("海外创新", ("measure", "outreach")),
        (" museum ", ("target", "museum")),
        # the start of an id, as git takes a commit's; case does not matter
        ("salon-f", ("activity", "salon-fair")),
        ("MUS", ("target", "museum")),
        ("out", ("measure", "outreach")),
    ],
)
def test_resolve_ref(ref: str, found: tuple[str, str]) -> None:
    assert resolve_ref(load_plan_text(PLAN), ref) == found


@pytest.mark.parametrize(
    ("ref", "code", "params"),
    [
        (
            "海智",
            "ref_ambiguous",
            {
                "ref": "海智",
                "candidates": "salons (海智沙龙), salon-fair (“海智沙龙”及海智项目洽谈会)",
            },
        ),
        (
            "salon",
            "ref_ambiguous",
            {
                "ref": "salon",
                "candidates": "salons (海智沙龙), salon-fair (“海智沙龙”及海智项目洽谈会)",
            },
        ),
        ("salonz", "ref_unknown", {"ref": "salonz", "hint": "salons"}),
        ("无关", "ref_unknown", {"ref": "无关", "hint": ""}),
        ("", "ref_unknown", None),
    ],
)
def test_resolve_ref_refuses(ref: str, code: str, params: dict | None) -> None:
    problem = resolve_ref(load_plan_text(PLAN), ref)
    assert isinstance(problem, PlanError)
    assert problem.code == code
    if params is not None:
        assert problem.params == params


def test_ambiguous_and_unknown_exit_2(home, run) -> None:
    code, out, err = run("show", "海智")
    assert (code, out) == (2, "")
    assert "'海智' matches more than one: salons (海智沙龙), salon-fair" in err
    code, out, err = run("show", "salonz")
    assert (code, out) == (2, "")
    assert err.endswith("is called 'salonz'; did you mean 'salons'?\n")


def test_target_view_golden(home, run) -> None:
    code, out, err = run("show", "海智沙龙", "--as-of", "2021-06-30")
    assert (code, err) == (0, "")
    golden = GOLDEN / "show_target_en_80.txt"
    if os.environ.get("KEXIE_UPDATE_GOLDEN") == "1":
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")


def test_target_view_lists_reverts_and_activity_records(home, run) -> None:
    code, out, _ = run("show", "salons", "--as-of", "2021-06-30")
    assert code == 0
    assert "2 / ≥3 场 (67%) · expected 1 · ● on track" in out
    assert "reverted by R3" in out and "reverts R1 录入错误" in out
    assert "↳ “海智沙龙”及海智项目洽谈会 六月洽谈会" in out
    assert "[red]\\x1b[31m" in out and "\x1b" not in out
    assert "R6" not in out  # dated after as_of


def test_target_view_in_chinese(home, run) -> None:
    code, out, _ = run("show", "salons", "--as-of", "2021-12-31", "--lang", "zh")
    assert code == 0
    assert "计划原文  开展“海智沙龙”活动3场以上" in out
    assert "逐月累计完成（█）与序时进度（│）" in out
    assert "12月" in out and "4 / ≥3 场 (133%) · 序时 3 · ● 达标" in out


def test_activity_view(home, run) -> None:
    code, out, _ = run("show", "salon-fair", "--as-of", "2021-06-30")
    assert code == 0
    assert "planned        2021-06" in out
    assert "counts toward  海智沙龙" in out
    assert "● held 2021-06-12" in out
    code, out, _ = run("show", "salon-fair", "--as-of", "2021-07-01")
    assert "● held 2021-06-12" in out
    code, out, _ = run("show", "salon-fair", "--as-of", "2021-06-01")
    assert "○ upcoming" in out and "No records yet." in out


def test_measure_view(home, run) -> None:
    code, out, _ = run("show", "outreach", "--as-of", "2021-06-30")
    assert code == 0
    assert "section   国际交流" in out
    assert "owner     海智办 (haizhi-office)" in out
    assert "1. 举办“海智沙龙”及海智项目洽谈会等活动。" in out
    assert "海智沙龙" in out and "高端国际学术交流论坛" in out
    assert "2021-06  “海智沙龙”及海智项目洽谈会  ● held 2021-06-12" in out
    assert "海智基地申报完成" in out


def test_milestone_view_has_no_chart(home, run) -> None:
    code, out, _ = run("show", "museum", "--as-of", "2021-06-30")
    assert code == 0
    assert "● done 2021-03-01" in out
    assert "Cumulative" not in out
