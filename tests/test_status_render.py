"""render: the status table (golden files), its JSON, CSV and Markdown, and the bar.

The table is printed into `render.words.console(file=io.StringIO(), width=…)` (as kexie
prints: no trailing spaces) and
compared whole with `tests/golden/status_<lang>_<width>.txt`. To accept a deliberate
change, run `KEXIE_UPDATE_GOLDEN=1 python -m pytest tests/test_status_render.py` and
review the diff of the golden files.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import os
from pathlib import Path

import pytest
from rich.console import Console

from kexie_plan.planfile import load_plan_text
from kexie_plan.progress import selected, status_report
from kexie_plan.record import Record
from kexie_plan.render.sheet import sheet_as_csv
from kexie_plan.render.status import (
    CSV_COLUMNS,
    StatusView,
    status_as_data,
    status_as_markdown,
    status_sheet,
)
from kexie_plan.render.words import console, json_text, markdown_text, progress_bar
from kexie_plan.totals import totals_of


def status_as_json(report, plan, path: str) -> str:
    return json_text(status_as_data(report, plan, path))


def status_as_csv(report) -> str:
    return sheet_as_csv(status_sheet(report)).decode("utf-8").removeprefix("\ufeff")


GOLDEN = Path(__file__).resolve().parent / "golden"

PLAN_TEXT = """\
schema: 1
year: 2021
org: 某市科协
title: 某市科协2021年工作要点
period: {start: 2021-01-01, end: 2021-12-31}
units:
  - {id: office, name: 办公室}
sections:
  - id: science
    title: 科学普及
    measures:
      - {id: pop, title: 科普活动, owner: office}
  - id: academic
    title: 学术交流与国际合作
    measures:
      - {id: forums, title: 学术论坛}
  - id: empty
    title: 没有目标的部分
targets:
  - {id: families, name: 科普示范家庭, unit: 个, goal: "100", measure: pop}
  - id: bases
    name: 省市科普教育基地
    unit: 个
    goal: 20+
    measure: pop
    schedule: {2021-06-30: 8, 2021-09-30: 14}
  - {id: museum, name: 市科技馆新馆前期调研和启动规划筹备, kind: milestone, measure: pop}
  - {id: forums-held, name: 高层次学术活动, unit: 场, goal: 3-5, measure: forums}
  - {id: salons, name: 海智沙龙, unit: 场, goal: 3+, measure: forums}
  - {id: report, name: "年度报告[red]", kind: milestone}
  - {id: schools, name: 新增高校科协, unit: 个, goal: "1"}
activities:
  - {id: sci-day, name: 全国科普日, month: 9, measure: pop}
  - {id: salon-jun, name: 海智沙龙（六月）, month: 6, target: salons, measure: forums}
  - {id: salon-oct, name: 海智沙龙（十月）, date: 2021-10-20, target: salons, measure: forums}
  - {id: new-year, name: 新春科技工作者座谈会, month: 2}
"""
# The plan's loader refuses control characters in names; the renderers must still show
# any string literally (a ledger's note, a future field), so the name gets one here.
_LOADED = load_plan_text(PLAN_TEXT)
PLAN = dataclasses.replace(
    _LOADED,
    targets=tuple(
        dataclasses.replace(t, name=t.name + "\x1b]8;;x") if t.id == "report" else t
        for t in _LOADED.targets
    ),
)


def rec(ident: str, day: str, **fields: object) -> Record:
    return Record(id=ident, date=dt.date.fromisoformat(day), **fields)


RECORDS = [
    rec("r01", "2021-04-02", target="families", amount=30),
    rec("r02", "2021-06-15", target="families", amount=12),
    rec("r03", "2021-03-01", target="bases", amount=9),
    rec("r04", "2021-05-10", target="forums-held", amount=6),
    rec("r05", "2021-06-20", target="museum", done=True),
    rec("r06", "2021-06-12", activity="salon-jun"),
    rec("r07", "2021-02-01", target="schools", amount=1),
    rec("r08", "2021-02-03", revert="r07"),
    rec("r09", "2021-07-15", target="families", amount=50),  # after as_of
]
AS_OF = dt.date(2021, 6, 30)


def printed(renderable: object, width: int) -> str:
    out = io.StringIO()
    console(file=out, width=width, color_system=None).print(renderable)  # as kexie prints
    return out.getvalue()


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_status_table_golden(lang: str, width: int) -> None:
    report = status_report(PLAN, totals_of(RECORDS), AS_OF)
    got = printed(StatusView(report, PLAN, lang), width)
    golden = GOLDEN / f"status_{lang}_{width}.txt"
    if os.environ.get("KEXIE_UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(got, encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("width", [60, 80, 100, 120, 200])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_status_table_fits_the_width(lang: str, width: int) -> None:
    from rich.cells import cell_len

    report = status_report(PLAN, totals_of(RECORDS), AS_OF)
    lines = printed(StatusView(report, PLAN, lang), width).splitlines()
    assert max(cell_len(line) for line in lines) <= width
    assert any("█" in line for line in lines) == (width >= 72)


def test_status_table_shows_user_text_literally() -> None:
    report = status_report(PLAN, totals_of(RECORDS), AS_OF)
    out = printed(StatusView(report, PLAN, "zh"), 120)
    assert "\x1b" not in out
    assert "年度报告[red]\\x1b]8;;x" in out


def test_status_table_with_colour_styles_only_through_rich() -> None:
    report = status_report(PLAN, totals_of(RECORDS), AS_OF)
    console = Console(file=io.StringIO(), width=100, color_system="truecolor", force_terminal=True)
    console.print(StatusView(report, PLAN, "en"))
    out = console.file.getvalue()
    assert "\x1b[" in out  # coloured lights and bars
    assert "\x1b]8" not in out  # the note's escape stays text


def test_status_table_when_nothing_matches() -> None:
    report = selected(status_report(PLAN, totals_of(RECORDS), AS_OF), states=["overdue"])
    out = printed(StatusView(report, PLAN, "en"), 80)
    assert "No targets match." in out
    assert "0 of 0 targets met" in out


@pytest.mark.parametrize(
    ("actual", "expected", "goal_min", "width", "bar"),
    [
        (0, 0, 10, 10, "░░░░░░░░░░"),
        (5, 5, 10, 10, "█████░░░░░"),
        (2, 5, 10, 10, "██░░│░░░░░"),
        (0, 10, 10, 10, "░░░░░░░░░│"),
        (10, 10, 10, 10, "██████████"),
        (15, 10, 10, 10, "██████████"),
        (1, 1, 3, 20, "██████░░░░░░░░░░░░░░"),
        (0, 1, 3, 20, "░░░░░│░░░░░░░░░░░░░░"),
        (3, 4, 100, 8, "░░░░░░░░"),  # too small a share to draw
        (1, 0, 1, 0, ""),
    ],
)
def test_progress_bar(actual: int, expected: int, goal_min: int, width: int, bar: str) -> None:
    drawn = progress_bar(actual, expected, goal_min, width)
    assert drawn.text().plain == bar
    # a console whose encoding has no block characters (GBK) gets the same bar in ASCII
    ascii_only = bar.replace("█", "#").replace("│", "|").replace("░", ".")
    console = Console(file=io.StringIO(), width=40, color_system=None)
    console.print(drawn, end="")
    assert console.file.getvalue().rstrip("\n") == bar
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="gbk", write_through=True)
    gbk = Console(file=stream, width=40, color_system=None)
    assert gbk.options.ascii_only
    gbk.print(drawn, end="")
    assert raw.getvalue().decode("gbk").rstrip("\n") == ascii_only


def test_json_shape_is_spec_shape() -> None:
    report = status_report(PLAN, totals_of(RECORDS), AS_OF)
    data = json.loads(status_as_json(report, PLAN, "plans/x.yaml"))
    assert list(data) == ["plan", "as_of", "as_of_clamped", "targets", "activities", "summary"]
    assert data["as_of_clamped"] is None  # an --as-of that was asked for
    assert data["plan"] == {"year": 2021, "title": "某市科协2021年工作要点", "path": "plans/x.yaml"}
    assert data["as_of"] == "2021-06-30"
    families = data["targets"][0]
    assert families == {
        "id": "families",
        "name": "科普示范家庭",
        "unit": "个",
        "kind": "count",
        "goal": {"min": 100, "max": 100},
        "actual": 42,
        "expected": 49,
        "state": "behind",
        "light": "yellow",
        "missing": 58,
        "done": None,
        "percent": 42,
    }
    museum = next(t for t in data["targets"] if t["id"] == "museum")
    assert museum | {"name": ""} == {
        "id": "museum",
        "name": "",
        "unit": None,
        "kind": "milestone",
        "goal": None,
        "actual": 1,
        "expected": None,
        "state": "done",
        "light": "green",
        "missing": None,
        "done": "2021-06-20",
        "percent": None,
    }
    assert data["activities"][1] == {
        "id": "salon-jun",
        "name": "海智沙龙（六月）",
        "month": 6,
        "held": "2021-06-12",
        "state": "held",
        "date": None,
        "tentative": False,
    }
    assert data["activities"][2]["date"] == "2021-10-20"
    assert data["summary"] == {
        "targets": 7,
        "exceeded": 1,
        "met": 0,
        "done": 1,
        "on_track": 2,
        "behind": 1,
        "overdue": 0,
        "pending": 1,  # schools: its one record reverted, nothing expected yet
        "open": 1,
        "activities": 4,
        "activities_held": 1,
        "days_elapsed": 181,
        "days_left": 184,
    }


def test_json_keeps_data_but_escapes_control_characters() -> None:
    report = status_report(PLAN, totals_of(RECORDS), AS_OF)
    out = status_as_json(report, PLAN, "p.yaml")
    assert "\x1b" not in out and "\x07" not in out
    name = next(t for t in json.loads(out)["targets"] if t["id"] == "report")["name"]
    assert name == "年度报告[red]\x1b]8;;x"
    assert "科普示范家庭" in out  # Chinese stays readable


def test_json_data_equals_json_text() -> None:
    report = status_report(PLAN, totals_of(RECORDS), AS_OF)
    assert json.loads(status_as_json(report, PLAN, "p")) == status_as_data(report, PLAN, "p")


def test_csv_one_row_per_target() -> None:
    report = status_report(PLAN, totals_of(RECORDS), AS_OF)
    rows = list(csv.reader(io.StringIO(status_as_csv(report))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert rows[1] == [
        "science",
        "families",
        "科普示范家庭",
        "count",
        "个",
        "100",
        "100",
        "100",
        "42",
        "49",
        "58",
        "42",
        "behind",
        "yellow",
        "",
    ]
    museum = rows[3]
    assert museum[:5] == ["science", "museum", PLAN.targets[2].name, "milestone", ""]
    assert museum[5:] == ["", "", "", "1", "", "", "", "done", "green", "2021-06-20"]
    assert rows[5][7] == ""  # 3+ has no top
    assert len(rows) == 1 + 7


def test_markdown() -> None:
    report = status_report(PLAN, totals_of(RECORDS), AS_OF)
    out = status_as_markdown(report, PLAN, "zh")
    assert out.startswith("# 某市科协2021年工作要点\n\n截至 2021-06-30")
    assert "## 科学普及\n\n| 目标 | 目标值 | 完成 | 完成率 | 序时 | 尚缺 | 状态 |" in out
    assert "| 科普示范家庭 | 100 个 | 42 | 42% | 49 | 58 | 🟡 落后 |" in out
    assert "| 年度报告\\[red\\]\\\\x1b\\]8;;x | 里程碑 |  |  |  |  | ⚪ 待完成 |" in out
    assert "- 2月 新春科技工作者座谈会 — 逾期未办" in out
    assert "\x1b" not in out


def test_markdown_text_escapes() -> None:
    assert markdown_text("a|b*c\nd") == "a\\|b\\*c d"
