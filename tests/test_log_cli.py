"""`kexie log`: the ledger's records, filtered, with reverted ones marked; user text inert."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from kexie_plan import cli

PLAN = """\
schema: 1
year: 2021
org: 某市科协
title: 测试计划
units:
  - {id: haizhi-office, name: 海智办}
  - {id: pop-dept, name: 科普部}
sections:
  - id: s
    title: 部分
    measures:
      - {id: party-building, title: "强化政治引领,实施党建强会"}
targets:
  - {id: haizhi-salons, name: 海智沙龙, unit: 场, goal: 3+}
  - {id: intl-forums, name: 国际学术交流论坛, unit: 场, goal: 3-5}
activities:
  - {id: salon-spring, name: 春季海智沙龙, month: 3, target: haizhi-salons}
"""

LEDGER = """\
- {id: A1, date: 2021-03-20, activity: salon-spring, note: 春季}
- {id: B1, date: 2021-04-02, target: intl-forums, amount: 2}
- {id: C1, date: 2021-04-03, revert: B1}
- {id: D1, date: 2021-05-02, target: haizhi-salons, amount: 3, by: haizhi-office, \
note: "[red]注意[/red] \\u001b[31m", evidence: "https://e.org/x"}
- {id: E1, date: 2021-06-01, measure: party-building, by: pop-dept, note: 完成}
"""


@pytest.fixture
def ledger(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KEXIE_PLAN", raising=False)
    monkeypatch.setenv("KEXIE_LANG", "en")
    monkeypatch.setenv("COLUMNS", "100")
    for name in ("FORCE_COLOR", "NO_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "2021.yaml").write_text(PLAN, encoding="utf-8")
    path = tmp_path / "plans" / "2021.progress.yaml"
    path.write_text(LEDGER, encoding="utf-8")
    return path


def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, *args: str):
    """Run kexie with `args` through the error boundary; return (exit code, stdout, stderr)."""
    monkeypatch.setattr(sys, "argv", ["kexie", *args])
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    out, err = capsys.readouterr()
    code = exit_info.value.code
    return (0 if code is None else code), out, err


def lines(out: str) -> list[str]:
    return [line.rstrip() for line in out.splitlines()]


def test_the_table_marks_reverted_records_and_shows_markup_literally(
    ledger, monkeypatch, capsys
) -> None:
    code, out, err = run(monkeypatch, capsys, "log")
    assert (code, err) == (0, "")
    assert "\x1b" not in out
    assert lines(out) == [
        "record  date        about                   amount  by             note                   state",  # noqa: E501
        "─" * 100,
        "A1      2021-03-20  春季海智沙龙                                   春季",
        "B1      2021-04-02  国际学术交流论坛             2                                        reverted",  # noqa: E501
        "C1      2021-04-03  国际学术交流论坛                                                      reverts B1",  # noqa: E501
        "D1      2021-05-02  海智沙龙                     3  haizhi-office  [red]注意[/red]",
        "                                                                   \\x1b[31m",
        "E1      2021-06-01  强化政治引领,实施党建           pop-dept       完成",
        "                    强会",
    ]


def test_a_target_includes_its_activities_and_dates_filter(ledger, monkeypatch, capsys) -> None:
    args = ("log", "海智沙龙", "--since", "2021-03-01", "--until", "2021-05-31", "--lang", "zh")
    code, out, err = run(monkeypatch, capsys, *args)
    assert (code, err) == (0, "")
    assert lines(out) == [
        "记录  日期        事项          数量  填报           说明",
        "─" * 77,
        "A1    2021-03-20  春季海智沙龙                       春季",
        "D1    2021-05-02  海智沙龙         3  haizhi-office  [red]注意[/red] \\x1b[31m",
    ]


def test_csv_lists_a_record_with_its_reversal(ledger, monkeypatch, capsys) -> None:
    code, out, err = run(monkeypatch, capsys, "log", "intl-forums", "--format", "csv")
    assert (code, err) == (0, "")
    assert out == (
        "id,date,target,activity,measure,revert,amount,done,by,note,evidence,reverted_by\n"
        "B1,2021-04-02,intl-forums,,,,2,,,,,C1\n"
        "C1,2021-04-03,,,,B1,,,,,,\n"
    )


def test_json_keeps_every_field_and_escapes_control_characters(ledger, monkeypatch, capsys):
    code, out, err = run(monkeypatch, capsys, "log", "--by", "海智办", "--format", "json")
    assert (code, err) == (0, "")
    assert "\x1b" not in out
    assert json.loads(out) == [
        {
            "id": "D1",
            "date": "2021-05-02",
            "target": "haizhi-salons",
            "activity": None,
            "measure": None,
            "revert": None,
            "amount": 3,
            "done": False,
            "by": "haizhi-office",
            "note": "[red]注意[/red] \x1b[31m",
            "evidence": "https://e.org/x",
            "line": 4,
            "reverted_by": None,
        }
    ]


def test_nothing_matches(ledger, monkeypatch, capsys) -> None:
    code, out, err = run(monkeypatch, capsys, "log", "--since", "2021-07-01")
    assert (code, out, err) == (0, "No records.\n", "")


def test_a_torn_line_warns_and_every_complete_record_is_listed(ledger, monkeypatch, capsys):
    with ledger.open("a", encoding="utf-8") as handle:
        handle.write("- {id: F1, date: 2021-06-0")
    code, out, err = run(monkeypatch, capsys, "log", "--format", "csv")
    assert code == 0
    assert err == (
        "plans/2021.progress.yaml:6: warning: the last line is incomplete "
        "(a write was cut short); complete it or delete it\n"
    )
    assert [row.split(",")[0] for row in out.splitlines()] == ["id", "A1", "B1", "C1", "D1", "E1"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xml"], "--format 'xml' is not one of table, json, csv"),
        (["--since", "2021-02-30"], "--since '2021-02-30' is not a date (YYYY-MM-DD)"),
        (["--by", "nobody"], "no unit has id 'nobody'"),
        (
            ["沙龙"],
            "'沙龙' matches more than one: haizhi-salons (海智沙龙), "
            "salon-spring (春季海智沙龙); give the id",
        ),
    ],
)
def test_usage_errors(ledger, monkeypatch, capsys, args, message) -> None:
    code, out, err = run(monkeypatch, capsys, "log", *args)
    assert (code, out, err) == (2, "", f"kexie: error: {message}\n")
