"""`kexie measures` and `kexie show MEASURE` on a plan and ledger written for the tests
(tests/plan_with_units.py): states, counts and latest notes at several dates, reversals
included; golden tables in both languages (tests/golden/measures_<lang>_100.txt;
KEXIE_UPDATE_GOLDEN=1 rewrites them — read the diff before committing).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
from pathlib import Path

import pytest
from plan_with_units import LEDGER, PLAN, make_plan_dir, run

from kexie_plan.ledger import read_ledger
from kexie_plan.planfile import load_plan_text
from kexie_plan.progress import measure_statuses
from kexie_plan.totals import totals_of

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("KEXIE_UPDATE_GOLDEN") == "1"


@pytest.fixture
def plan_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return make_plan_dir(tmp_path, monkeypatch)


@pytest.fixture(scope="module")
def plan():
    return load_plan_text(PLAN)


@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    path = tmp_path_factory.mktemp("ledger") / "2022.progress.yaml"
    path.write_text(LEDGER, encoding="utf-8")
    return read_ledger(path, "ledger").records


NOT_STARTED = ("not_started", 0, None, None, None)
MEASURES = [
    (
        "2022-06-30",
        {
            "pop-events": NOT_STARTED,  # activities' records are not the measure's
            "pop-bases": ("in_progress", 1, "2022-06-20", "基地申报材料已报送", None),
            "forums": NOT_STARTED,
            "party": ("in_progress", 1, "2022-03-05", "党史学习教育动员", None),
        },
    ),
    (
        "2022-07-02",  # the mistaken note of 07-02 never counts: its reversal is retroactive
        {
            "pop-events": NOT_STARTED,
            "pop-bases": ("in_progress", 1, "2022-06-20", "基地申报材料已报送", None),
            "forums": NOT_STARTED,
            "party": ("done", 2, "2022-07-01", "完成全年学习计划", "2022-07-01"),
        },
    ),
    (
        "2022-07-05",
        {
            "pop-events": NOT_STARTED,
            "pop-bases": ("in_progress", 1, "2022-06-20", "基地申报材料已报送", None),
            "forums": NOT_STARTED,
            "party": ("done", 2, "2022-07-01", "完成全年学习计划", "2022-07-01"),
        },
    ),
]


@pytest.mark.parametrize(("as_of", "expected"), MEASURES, ids=[m[0] for m in MEASURES])
def test_states_follow_the_records(plan, ledger, as_of: str, expected: dict) -> None:
    got = {
        m.id: (
            m.state,
            m.records,
            m.latest_date.isoformat() if m.latest_date else None,
            m.latest_note,
            m.done.isoformat() if m.done else None,
        )
        for m in measure_statuses(plan, totals_of(ledger), dt.date.fromisoformat(as_of))
    }
    assert got == expected


@pytest.mark.parametrize(
    ("args", "ids"),
    [
        ((), ["pop-events", "pop-bases", "forums", "party"]),
        (("--by", "pop-dept"), ["pop-events", "pop-bases"]),
        (("--by", "办公室"), ["pop-bases"]),  # a co-owner, named by its name
        (("--section", "academic"), ["forums", "party"]),
        (("--by", "cie"), []),
    ],
)
def test_filters_and_json(plan_dir, monkeypatch, capsysbinary, args, ids) -> None:
    code, out, err = run(
        monkeypatch, capsysbinary, "measures", "--format", "json", "--as-of", "2022-07-05", *args
    )
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert [m["id"] for m in data["measures"]] == ids
    if not args:
        assert data["measures"][3] == {
            "id": "party",
            "title": "党建工作",
            "section": "academic",
            "owner": None,
            "co_owners": [],
            "records": 2,
            "state": "done",
            "done": "2022-07-01",
            "latest_note": "完成全年学习计划",
            "latest_date": "2022-07-01",
        }
        assert data["summary"] == {"measures": 4, "done": 1, "in_progress": 1, "not_started": 2}


def test_csv(plan_dir, monkeypatch, capsysbinary) -> None:
    _, out, _ = run(
        monkeypatch, capsysbinary, "measures", "--format", "csv", "--as-of", "2022-07-05"
    )
    rows = list(csv.DictReader(io.StringIO(out.decode("utf-8-sig"))))
    assert [(r["id"], r["owner"], r["co_owners"], r["records"], r["state"]) for r in rows] == [
        ("pop-events", "pop-dept", "", "0", "not_started"),
        ("pop-bases", "pop-dept", "office", "1", "in_progress"),
        ("forums", "academic-dept", "", "0", "not_started"),
        ("party", "", "", "2", "done"),
    ]


def test_markdown(plan_dir, monkeypatch, capsysbinary) -> None:
    args = ("measures", "--format", "markdown", "--as-of", "2022-07-05", "--lang", "zh")
    _, out, _ = run(monkeypatch, capsysbinary, *args)
    lines = out.decode().splitlines()
    assert lines[:3] == ["# 某区科协2022年工作计划：主要工作措施", "", "截至 2022-07-05"]
    assert (
        "| 科普基地建设 | 科普部 \\+ 办公室 | 1 | 🟡 进行中 | 2022-06-20 基地申报材料已报送 |"
        in lines
    )
    assert "| 党建工作 |  | 2 | 🟢 已完成 2022-07-01 | 2022-07-01 完成全年学习计划 |" in lines
    assert lines[-1] == "共 4 项措施：已完成 1，进行中 1，未开始 2"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_table_golden(plan_dir, monkeypatch, capsysbinary, lang: str) -> None:
    args = ("measures", "--as-of", "2022-07-05", "--lang", lang)
    code, out, err = run(monkeypatch, capsysbinary, *args)
    assert (code, err) == (0, "")
    golden = GOLDEN / f"measures_{lang}_100.txt"
    if UPDATE:
        golden.write_bytes(out)
    assert out.decode("utf-8") == golden.read_text(encoding="utf-8")


def test_show_measure_lists_its_state_tasks_and_every_note(
    plan_dir, monkeypatch, capsysbinary
) -> None:
    args = ("show", "party", "--as-of", "2022-07-05", "--lang", "en")
    code, out, err = run(monkeypatch, capsysbinary, *args)
    assert (code, err) == (0, "")
    lines = [line.rstrip() for line in out.decode().splitlines()]
    assert lines[:3] == [
        "党建工作  party  (Measure)",
        "section   学术交流",
        "standing  ● done 2022-07-01 · 2 records · as of 2022-07-05",
    ]
    assert "1. 开展党史学习教育。" in lines and "2. 完成全年学习计划。" in lines
    records = lines[lines.index("Records") + 1 :]
    assert [line.split()[0] for line in records[1:]] == [
        "2022-03-05",
        "2022-07-01",
        "2022-07-02",
        "2022-07-03",
    ]
    assert records[2].endswith("done 完成全年学习计划")
    assert records[3].endswith("录入错误 reverted by R1")


def test_show_lists_owner_and_co_owners(plan_dir, monkeypatch, capsysbinary) -> None:
    _, out, _ = run(monkeypatch, capsysbinary, "show", "iot-expo", "--lang", "en")
    lines = [line.rstrip() for line in out.decode().splitlines()]
    assert "owner      中国电子学会 (cie)" in lines
    assert "co-owners  学会部 (academic-dept)" in lines
