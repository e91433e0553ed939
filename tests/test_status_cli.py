"""`kexie status` as a user runs it: a plan and a ledger written here, not the shipped ones.

`--format json` is checked against docs/format.md at several dates, by hand-worked numbers
(2022 has 365 days; linear expectations count the days up to and including as_of).
Runs go through `kexie_plan.cli.main`, the one error boundary, so exit codes are real.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import invoke

PLAN = """\
schema: 1
year: 2022
org: 某区科协
title: 某区科协2022年工作计划
period: {start: 2022-01-01, end: 2022-12-31}
units:
  - {id: pop-dept, name: 科普部}
sections:
  - id: pop
    title: 科学普及
    measures:
      - {id: pop-events, title: 科普活动, owner: pop-dept}
targets:
  - {id: lectures, name: 科普讲座, unit: 场, goal: "12", measure: pop-events}
  - id: bases
    name: 科普基地
    unit: 个
    goal: 4-6
    schedule: {2022-03-31: 1, 2022-06-30: 2, 2022-09-30: 3, 2022-12-31: 4}
  - {id: salons, name: 学术沙龙, unit: 场, goal: 2+}
  - {id: plan-doc, name: 五年规划, kind: milestone, due: 2022-06-30, measure: pop-events}
activities:
  - {id: salon-spring, name: 春季沙龙, month: 4, target: salons}
  - {id: salon-autumn, name: 秋季沙龙, date: 2022-10-15, target: salons}
  - {id: pop-week, name: 科普周, month: 5, measure: pop-events}
"""

LEDGER = """\
- {id: L1, date: 2022-02-10, target: lectures, amount: 2, by: pop-dept}
- {id: L2, date: 2022-05-05, target: lectures, amount: 3}
- {id: L3, date: 2022-05-06, target: lectures, amount: 30}
- {id: L4, date: 2022-05-07, revert: L3, note: 录入错误}
- {id: B1, date: 2022-03-15, target: bases}
- {id: S1, date: 2022-04-20, activity: salon-spring, note: 春季沙龙}
- {id: P1, date: 2022-07-10, target: plan-doc, done: true}
- {id: L5, date: 2022-08-01, target: lectures, amount: 2}
- {id: B2, date: 2022-09-01, target: bases, amount: 6}
- {id: S2, date: 2022-10-15, activity: salon-autumn}
- {id: L6, date: 2022-11-30, target: lectures, amount: 5}
"""


@pytest.fixture
def plan_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KEXIE_PLAN", raising=False)
    monkeypatch.setenv("KEXIE_LANG", "en")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "2022.yaml").write_text(PLAN, encoding="utf-8")
    (plans / "2022.progress.yaml").write_text(LEDGER, encoding="utf-8")
    return plans / "2022.yaml"


def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, *args: str):
    """Run kexie with `args` through the error boundary; return (exit code, stdout, stderr)."""
    done = invoke(monkeypatch, capsys, *args)
    return done.code, done.out, done.err


def standing(monkeypatch, capsys, as_of: str) -> dict:
    code, out, err = run(monkeypatch, capsys, "status", "--format", "json", "--as-of", as_of)
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["as_of"] == as_of
    return {t["id"]: (t["actual"], t["expected"], t["state"], t["light"]) for t in data["targets"]}


DATES = [
    (
        "2021-12-01",  # before the period
        {
            "lectures": (0, 0, "pending", "grey"),
            "bases": (0, 0, "pending", "grey"),
            "salons": (0, 0, "pending", "grey"),
            "plan-doc": (0, None, "open", "grey"),
        },
    ),
    (
        "2022-03-31",  # day 90: 12 * 90 // 365 = 2
        {
            "lectures": (2, 2, "on_track", "green"),
            "bases": (1, 1, "on_track", "green"),
            "salons": (0, 0, "pending", "grey"),
            "plan-doc": (0, None, "open", "grey"),
        },
    ),
    (
        "2022-05-06",  # the mistaken 30 never counts: its reversal (05-07) is retroactive
        {
            "lectures": (5, 4, "on_track", "green"),
            "bases": (1, 1, "on_track", "green"),
            "salons": (1, 1, "on_track", "green"),
            "plan-doc": (0, None, "open", "grey"),
        },
    ),
    (
        "2022-05-07",  # reverted; day 127: 12 * 127 // 365 = 4
        {
            "lectures": (5, 4, "on_track", "green"),
            "bases": (1, 1, "on_track", "green"),
            "salons": (1, 1, "on_track", "green"),
            "plan-doc": (0, None, "open", "grey"),
        },
    ),
    (
        "2022-07-01",  # day 182: 5; the milestone was due 06-30
        {
            "lectures": (5, 5, "on_track", "green"),
            "bases": (1, 2, "behind", "yellow"),
            "salons": (1, 1, "on_track", "green"),
            "plan-doc": (0, None, "overdue", "red"),
        },
    ),
    (
        "2022-09-30",  # day 273: 8
        {
            "lectures": (7, 8, "behind", "yellow"),
            "bases": (7, 3, "exceeded", "green"),
            "salons": (1, 1, "on_track", "green"),
            "plan-doc": (1, None, "done", "green"),
        },
    ),
    (
        "2022-10-15",  # day 288: 9; the autumn salon is held on its date
        {
            "lectures": (7, 9, "behind", "yellow"),
            "bases": (7, 3, "exceeded", "green"),
            "salons": (2, 2, "met", "green"),
            "plan-doc": (1, None, "done", "green"),
        },
    ),
    (
        "2023-01-10",  # after the period
        {
            "lectures": (12, 12, "met", "green"),
            "bases": (7, 4, "exceeded", "green"),
            "salons": (2, 2, "met", "green"),
            "plan-doc": (1, None, "done", "green"),
        },
    ),
]


@pytest.mark.parametrize(("as_of", "expected"), DATES, ids=[d for d, _ in DATES])
def test_json_at_several_dates(plan_path, monkeypatch, capsys, as_of: str, expected) -> None:
    assert standing(monkeypatch, capsys, as_of) == expected


def test_json_whole_shape(plan_path, monkeypatch, capsys) -> None:
    _, out, _ = run(monkeypatch, capsys, "status", "--format", "json", "--as-of", "2022-07-01")
    data = json.loads(out)
    assert data["plan"] == {
        "year": 2022,
        "title": "某区科协2022年工作计划",
        "path": "plans/2022.yaml",
    }
    assert data["targets"][0] == {
        "id": "lectures",
        "name": "科普讲座",
        "unit": "场",
        "kind": "count",
        "goal": {"min": 12, "max": 12},
        "actual": 5,
        "expected": 5,
        "state": "on_track",
        "light": "green",
        "missing": 7,
        "done": None,
        "percent": 42,  # 5 of 12 is 41.7%, rounded half up
    }
    assert data["targets"][2]["goal"] == {"min": 2, "max": None}
    assert data["activities"] == [
        {
            "id": "salon-spring",
            "name": "春季沙龙",
            "month": 4,
            "held": "2022-04-20",
            "state": "held",
            "date": None,
            "tentative": False,
        },
        {
            "id": "salon-autumn",
            "name": "秋季沙龙",
            "month": 10,
            "held": None,
            "state": "upcoming",
            "date": "2022-10-15",
            "tentative": False,
        },
        {
            "id": "pop-week",
            "name": "科普周",
            "month": 5,
            "held": None,
            "state": "overdue",
            "date": None,
            "tentative": False,
        },
    ]
    assert data["summary"] == {
        "targets": 4,
        "exceeded": 0,
        "met": 0,
        "done": 0,
        "on_track": 2,
        "behind": 1,
        "overdue": 1,
        "pending": 0,
        "open": 0,
        "activities": 3,
        "activities_held": 1,
        "days_elapsed": 182,
        "days_left": 183,
    }


def test_filters(plan_path, monkeypatch, capsys) -> None:
    def ids(*args: str) -> list[str]:
        code, out, err = run(
            monkeypatch, capsys, "status", "--format", "json", "--as-of", "2022-07-01", *args
        )
        assert (code, err) == (0, "")
        return [t["id"] for t in json.loads(out)["targets"]]

    assert ids("--section", "pop") == ["lectures", "plan-doc"]
    assert ids("--owner", "pop-dept") == ["lectures", "plan-doc"]
    assert ids("--only", "behind,overdue") == ["bases", "plan-doc"]
    assert ids("--only", "on-track") == ["lectures", "salons"]
    assert ids("--section", "pop", "--only", "overdue") == ["plan-doc"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--as-of", "2022-13-01"], "--as-of '2022-13-01' is not a day of the calendar"),
        (["--as-of", "20220701"], "--as-of '20220701' is not a date (2021-07-02, 2021/7/2, "),
        (["--format", "xml"], "--format 'xml' is not one of table, json, csv, markdown"),
        (["--only", "late"], "--only 'late' is not a state (exceeded, met, done, on track, "),
        (["--section", "popp"], "no section has id 'popp'; did you mean 'pop'?"),
        (["--owner", "nobody"], "no unit has id 'nobody'"),
        (["--lang", "fr"], "unknown language 'fr'"),
        (["--plan", "missing.yaml"], "missing.yaml: error: file not found"),
    ],
)
def test_usage_errors_exit_2_with_one_line(plan_path, monkeypatch, capsys, args, message) -> None:
    code, out, err = run(monkeypatch, capsys, "status", *args)
    assert code == 2
    assert out == ""
    assert message in err
    assert err.count("\n") == 1


def test_invalid_plan_exits_1(plan_path, monkeypatch, capsys) -> None:
    plan_path.write_text(PLAN.replace('goal: "12"', 'goal: "12~"'), encoding="utf-8")
    code, out, err = run(monkeypatch, capsys, "status")
    assert code == 1
    assert out == ""
    assert "plans/2022.yaml:" in err and "goal" in err


def test_torn_ledger_line_warns_and_uses_complete_records(plan_path, monkeypatch, capsys) -> None:
    ledger = plan_path.with_name("2022.progress.yaml")
    with ledger.open("a", encoding="utf-8") as handle:
        handle.write("- {id: L7, date: 2022-12-0")
    code, out, err = run(monkeypatch, capsys, "status", "--format", "json", "--as-of", "2023-01-10")
    assert code == 0
    assert err.startswith("plans/2022.progress.yaml:12")
    assert ": warning: " in err and err.count("\n") == 1
    lectures = json.loads(out)["targets"][0]
    assert lectures["actual"] == 12


def test_no_ledger_is_no_records(plan_path, monkeypatch, capsys) -> None:
    plan_path.with_name("2022.progress.yaml").unlink()
    assert standing(monkeypatch, capsys, "2022-03-31")["lectures"] == (0, 2, "behind", "red")


def test_csv_and_markdown(plan_path, monkeypatch, capsys) -> None:
    code, out, _ = run(monkeypatch, capsys, "status", "--format", "csv", "--as-of", "2022-07-01")
    assert code == 0
    assert out.splitlines()[1] == "pop,lectures,科普讲座,count,场,12,12,12,5,5,7,42,on_track,green,"
    code, out, _ = run(
        monkeypatch, capsys, "status", "--format", "markdown", "--as-of", "2022-07-01"
    )
    assert code == 0
    assert "| 科普讲座 | 12 场 | 5 | 42% | 5 | 7 | 🟢 on track |" in out


def test_table_has_no_colour_when_not_a_terminal(plan_path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    code, out, _ = run(monkeypatch, capsys, "status", "--as-of", "2022-07-01")
    assert code == 0
    assert "\x1b" not in out
    assert "某区科协2022年工作计划" in out and "科普讲座" in out


def test_no_color_wins_over_force_color(plan_path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    _, coloured, _ = run(monkeypatch, capsys, "status", "--as-of", "2022-07-01")
    assert "\x1b[32m" in coloured or "\x1b[38;" in coloured or "\x1b[92m" in coloured
    monkeypatch.setenv("NO_COLOR", "1")
    _, plain, _ = run(monkeypatch, capsys, "status", "--as-of", "2022-07-01")
    for colour in ("\x1b[31m", "\x1b[32m", "\x1b[33m", "\x1b[38;", "\x1b[90m"):
        assert colour not in plain


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_table_is_the_golden_renderer_output(
    tmp_path, monkeypatch, capsys, lang: str, width: int
) -> None:
    """The command prints exactly what the renderer prints (its goldens' code) for the plan
    file, at the terminal width."""
    from test_status_render import AS_OF, PLAN_TEXT, RECORDS, printed

    from kexie_plan.ledger import format_record
    from kexie_plan.planfile import load_plan_text
    from kexie_plan.progress import status_report
    from kexie_plan.render.status import StatusView
    from kexie_plan.totals import totals_of

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("COLUMNS", str(width))
    (tmp_path / "p.yaml").write_text(PLAN_TEXT, encoding="utf-8")
    ledger = "".join(format_record(r) for r in RECORDS)
    (tmp_path / "p.progress.yaml").write_text(ledger, encoding="utf-8")
    args = ("status", "--plan", "p.yaml", "--as-of", "2021-06-30", "--lang", lang)
    code, out, err = run(monkeypatch, capsys, *args)
    assert (code, err) == (0, "")
    plan = load_plan_text(PLAN_TEXT)
    assert out == printed(
        StatusView(status_report(plan, totals_of(RECORDS), AS_OF), plan, lang), width
    )


def test_readme_sample_is_what_status_prints(monkeypatch, capsys) -> None:
    """README's sample of `kexie status` is the real output on the shipped plan and ledger."""
    root = Path(__file__).resolve().parent.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    marker = (
        "<!-- status-sample: COLUMNS=80 kexie status --as-of 2021-06-30 --lang zh -->\n```text\n"
    )
    assert marker in readme
    sample = readme.split(marker, 1)[1].split("\n```", 1)[0]
    monkeypatch.chdir(root)
    monkeypatch.delenv("KEXIE_PLAN", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("COLUMNS", "80")
    args = ("status", "--plan", "plans/2021.yaml", "--as-of", "2021-06-30", "--lang", "zh")
    code, out, err = run(monkeypatch, capsys, *args)
    assert (code, err) == (0, "")
    assert [line.rstrip() for line in out.rstrip("\n").splitlines()] == sample.splitlines()
