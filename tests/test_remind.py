"""`kexie remind` and `kexie status --group owner` on a plan and ledger written for the
tests (tests/plan_with_units.py): at several dates the reminders follow the records
exactly; golden tables and Markdown in both languages (tests/golden/remind_*;
KEXIE_UPDATE_GOLDEN=1 rewrites them — read the diff before committing).

Expected values are worked out by hand: 2022 has 365 days; a linear expectation at day
d of a goal g is g*d//365 (bases: due 06-30, so g*d//181); salons' expectation counts
the linked activities whose month has ended.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from plan_with_units import LEDGER, PLAN, make_plan_dir, run

from kexie_plan.ledger import read_ledger
from kexie_plan.planfile import load_plan_text
from kexie_plan.progress import status_report
from kexie_plan.totals import totals_of
from kexie_plan.units import owner_rollup, reminders

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


# as_of -> unit -> ([(why, kind, id, role)], silent, last record), and the unowned ids
REMINDERS = [
    (
        "2022-01-10",  # nothing expected yet; too early in the year to call anyone silent
        {},
        [],
    ),
    (
        "2022-05-05",
        {
            "pop-dept": (
                [
                    ("behind", "target", "lectures", "owner"),  # 2 of 12, expected 4
                    ("due_soon", "activity", "pop-week", "owner"),  # window starts 05-21
                ],
                True,
                "2022-02-10",
            ),
            "academic-dept": (
                [
                    ("overdue", "activity", "salon-spring", "owner"),  # April, not held
                    ("behind", "target", "salons", "owner"),  # 0, expected 1
                ],
                True,
                None,
            ),
            "cie": ([], True, None),
            # office: bases on track (2 of 4, expected 2) and it recorded on 04-20
        },
        ["reports"],
    ),
    (
        "2022-05-25",  # both spring activities held; salons on track again
        {
            "office": ([], True, "2022-04-20"),
            "pop-dept": (
                [
                    ("behind", "target", "bases", "owner"),  # 2 of 4, expected 3
                    ("behind", "target", "lectures", "owner"),
                ],
                False,
                "2022-05-24",
            ),
            "cie": ([], True, None),
        },
        ["reports"],
    ),
    (
        "2022-09-30",
        {
            # plan-doc is due today: on its due day, not done, it is overdue
            "office": ([("overdue", "target", "plan-doc", "owner")], True, "2022-07-03"),
            "pop-dept": (
                [
                    ("overdue", "target", "bases", "owner"),  # due 06-30, 2 of 4
                    ("overdue", "activity", "sci-day", "owner"),  # 09-17, never held
                    ("behind", "target", "lectures", "owner"),
                ],
                True,
                "2022-06-20",
            ),
            "academic-dept": (
                [("due_soon", "activity", "iot-expo", "co_owner")],  # next month
                True,
                "2022-05-10",
            ),
            "cie": ([("due_soon", "activity", "iot-expo", "owner")], True, None),
        },
        ["reports"],
    ),
]


@pytest.mark.parametrize(("as_of", "units", "unowned"), REMINDERS, ids=[r[0] for r in REMINDERS])
def test_reminders_follow_the_records(plan, ledger, as_of, units, unowned) -> None:
    day = dt.date.fromisoformat(as_of)
    found = reminders(plan, status_report(plan, totals_of(ledger), day), totals_of(ledger), 30)
    got = {
        u.id: (
            [(i.why, i.kind, i.id, i.role) for i in u.items],
            u.silent,
            u.last_record.isoformat() if u.last_record else None,
        )
        for u in found.units
    }
    assert got == units
    assert list(got) == [u for u in ("office", "pop-dept", "academic-dept", "cie") if u in units]
    assert [i.id for i in found.unowned] == unowned


def test_days_sets_both_horizons(plan, ledger) -> None:
    day = dt.date(2022, 9, 30)
    found = reminders(plan, status_report(plan, totals_of(ledger), day), totals_of(ledger), 120)
    by_unit = {u.id: u for u in found.units}
    # silent: nothing since 06-02; pop-dept's 06-20 note and office's 07-03 reversal count
    assert {u: by_unit[u].silent for u in by_unit} == {
        "office": False,
        "pop-dept": False,
        "academic-dept": True,  # 05-10
        "cie": True,
    }
    # within 120 days: the autumn salon (November) is due soon too
    assert ("due_soon", "salon-autumn") in [(i.why, i.id) for i in by_unit["academic-dept"].items]


def test_json(plan_dir, monkeypatch, capsysbinary) -> None:
    args = ("remind", "--as-of", "2022-09-30", "--format", "json")
    code, out, err = run(monkeypatch, capsysbinary, *args)
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert (data["as_of"], data["days"]) == ("2022-09-30", 30)
    office = data["units"][0]
    assert office == {
        "id": "office",
        "name": "办公室",
        "items": [
            {
                "kind": "target",
                "id": "plan-doc",
                "name": "五年规划",
                "why": "overdue",
                "role": "owner",
                "from": "2022-09-30",
                "to": "2022-09-30",
                "actual": None,
                "expected": None,
                "goal": None,
            }
        ],
        "last_record": "2022-07-03",
        "silent": True,
    }
    lectures = data["units"][1]["items"][2]
    assert (lectures["id"], lectures["actual"], lectures["expected"], lectures["goal"]) == (
        "lectures",
        2,
        8,
        {"min": 12, "max": 12},
    )
    assert [i["id"] for i in data["unowned"]] == ["reports"]


def test_nothing_to_chase(plan_dir, monkeypatch, capsysbinary) -> None:
    code, out, _ = run(monkeypatch, capsysbinary, "remind", "--as-of", "2022-01-10", "--lang", "en")
    assert code == 0
    lines = out.decode().splitlines()
    assert " ".join(line.strip() for line in lines[2:]) == (
        "Nothing to chase: no unit has anything behind, overdue or due within 30 days, "
        "and every responsible unit has recorded in the last 30 days."
    )


def test_a_plan_without_units(plan_dir, monkeypatch, capsysbinary) -> None:
    plain = PLAN.split("units:")[0] + "targets:\n  - {id: t, name: 讲座, unit: 场, goal: 2}\n"
    (plan_dir / "plans" / "2022.yaml").write_text(plain, encoding="utf-8")
    (plan_dir / "plans" / "2022.progress.yaml").write_text("", encoding="utf-8")
    code, out, _ = run(monkeypatch, capsysbinary, "remind", "--format", "markdown", "--lang", "en")
    assert code == 0
    assert out.decode().splitlines()[-1] == (
        "the plan lists no units; add units and owners to see who does what"
    )
    code, _, err = run(monkeypatch, capsysbinary, "activities", "--by", "office")
    assert code == 2
    assert "the plan lists no units" in err


def test_bad_days(plan_dir, monkeypatch, capsysbinary) -> None:
    code, out, err = run(monkeypatch, capsysbinary, "remind", "--days", "a month")
    assert (code, out) == (2, b"")
    assert "--days 'a month' is not a whole number of days from 0 to 366" in err


def test_markdown_escapes_the_plans_words_only(plan_dir, monkeypatch, capsysbinary) -> None:
    plan = plan_dir / "plans" / "2022.yaml"
    plan.write_text(PLAN.replace("name: 科普讲座", "name: '[讲座](http://x)'"), encoding="utf-8")
    args = ("remind", "--as-of", "2022-09-30", "--format", "markdown", "--lang", "en")
    _, out, _ = run(monkeypatch, capsysbinary, *args)
    text = out.decode()
    assert (
        "- behind: \\[讲座\\]\\(http://x\\) (2 of 12 场, expected 8 by now; due 2022-12-31)"
        in text.splitlines()
    )


def test_text_shows_the_plans_words_as_written_and_no_markup(
    plan_dir, monkeypatch, capsysbinary
) -> None:
    plan = plan_dir / "plans" / "2022.yaml"
    named = PLAN.replace("name: 科普讲座", "name: '*讲座* [1](http://x)'")
    plan.write_text(named.replace("name: 科普部", "name: '**科普部**'"), encoding="utf-8")
    args = ("remind", "--as-of", "2022-09-30", "--format", "text", "--lang", "zh")
    code, out, err = run(monkeypatch, capsysbinary, *args)
    assert (code, err) == (0, "")
    lines = out.decode().splitlines()
    assert "【**科普部**】" in lines  # the unit's own name, not bold markup
    assert (
        "3. 进度落后：*讲座* [1](http://x)（完成 2，目标 12 场，序时应达 8；截止 2022-12-31）"
        in lines
    )
    assert not any(line.startswith(("- ", "#", "**某")) for line in lines)


@pytest.mark.parametrize("fmt", ["table", "markdown", "text"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_golden(plan_dir, monkeypatch, capsysbinary, lang: str, fmt: str) -> None:
    args = ("remind", "--as-of", "2022-09-30", "--lang", lang, "--format", fmt)
    code, out, err = run(monkeypatch, capsysbinary, *args)
    assert (code, err) == (0, "")
    suffix = {"markdown": "md", "text": "text.txt"}.get(fmt, "txt")
    golden = GOLDEN / f"remind_{lang}_100.{suffix}"
    if UPDATE:
        golden.write_bytes(out)
    assert out.decode("utf-8") == golden.read_text(encoding="utf-8")


# --- kexie status --group owner ----------------------------------------------------------


def test_owner_rollup(plan, ledger) -> None:
    report = status_report(plan, totals_of(ledger), dt.date(2022, 9, 30))
    rows = {
        load.id: (
            load.targets,
            load.met,
            load.on_track,
            load.behind,
            load.overdue,
            load.not_started,
            load.activities,
            load.activities_held,
            load.activities_overdue,
        )
        for load in owner_rollup(plan, report)
    }
    assert rows == {
        "office": (1, 0, 0, 0, 1, 0, 0, 0, 0),  # plan-doc, due today, not done: overdue
        "pop-dept": (2, 0, 0, 1, 1, 0, 2, 1, 1),  # lectures behind, bases overdue
        "academic-dept": (1, 0, 1, 0, 0, 0, 2, 1, 0),  # iot-expo is only co-owned
        "cie": (0, 0, 0, 0, 0, 0, 1, 0, 0),
        None: (1, 0, 0, 1, 0, 0, 0, 0, 0),  # reports names no unit
    }


def test_status_group_owner_cli(plan_dir, monkeypatch, capsysbinary) -> None:
    args = ("status", "--group", "owner", "--as-of", "2022-09-30", "--format", "json")
    code, out, err = run(monkeypatch, capsysbinary, *args)
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["owners"][1] == {
        "id": "pop-dept",
        "name": "科普部",
        "targets": 2,
        "met": 0,
        "on_track": 0,
        "behind": 1,
        "overdue": 1,
        "not_started": 0,
        "activities": 2,
        "activities_held": 1,
        "activities_overdue": 1,
    }
    assert data["owners"][-1]["id"] is None
    code, out, _ = run(monkeypatch, capsysbinary, *args[:-2], "--lang", "en")
    assert code == 0
    assert out.decode().splitlines()[:5] == [
        "某区科协2022年工作计划: by responsible unit",
        "as of 2022-09-30",
        "",
        "unit          targets  met  on track  behind  overdue  not started  activities  held  "
        "act. overdue",
        "─" * 98,
    ]
    code, out, err = run(monkeypatch, capsysbinary, "status", "--group", "section")
    assert (code, out) == (2, b"")
    assert "--group 'section' is not one of owner" in err


def test_status_json_shape_is_unchanged(plan_dir, monkeypatch, capsysbinary) -> None:
    args = ("status", "--as-of", "2022-05-05", "--format", "json")
    _, out, _ = run(monkeypatch, capsysbinary, *args)
    data = json.loads(out)
    # keys are only ever added (tentative: issue 10), never renamed or removed
    assert list(data["activities"][0]) == [
        "id", "name", "month", "held", "state", "date", "tentative",
    ]  # fmt: skip
    # this_month is a word of `kexie activities` only
    assert {a["id"]: a["state"] for a in data["activities"]}["pop-week"] == "upcoming"
