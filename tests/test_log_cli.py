"""`kexie log`: the ledger's records, filtered, with reverted ones marked; user text inert."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SMALL_PLAN

PLAN = SMALL_PLAN

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
    monkeypatch.setenv("KEXIE_LANG", "en")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("TERM", raising=False)
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "2021.yaml").write_text(PLAN, encoding="utf-8")
    path = tmp_path / "plans" / "2021.progress.yaml"
    path.write_text(LEDGER, encoding="utf-8")
    return path


def lines(out: str) -> list[str]:
    return [line.rstrip() for line in out.splitlines()]


def test_the_table_marks_reverted_records_and_shows_markup_literally(
    ledger, monkeypatch, run
) -> None:
    code, out, err = run("log")
    assert (code, err) == (0, "")
    assert "\x1b" not in out
    assert lines(out) == [
        "record  date        about                      amount  by             note",
        "─" * 94,
        "A1      2021-03-20  春季海智沙龙                                      春季",
        "B1      2021-04-02  国际学术交流论坛                2                 reverted",
        "C1      2021-04-03  国际学术交流论坛                                  reverts B1",
        "D1      2021-05-02  海智沙龙                        3  haizhi-office  [red]注意[/red] \\x1b[31m",  # noqa: E501
        "E1      2021-06-01  强化政治引领,实施党建强会          pop-dept       完成",
    ]


def test_a_target_includes_its_activities_and_dates_filter(ledger, monkeypatch, run) -> None:
    args = ("log", "海智沙龙", "--since", "2021-03-01", "--until", "2021-05-31", "--lang", "zh")
    code, out, err = run(*args)
    assert (code, err) == (0, "")
    assert lines(out) == [
        "记录  日期        事项          数量  填报单位       说明",
        "─" * 77,
        "A1    2021-03-20  春季海智沙龙                       春季",
        "D1    2021-05-02  海智沙龙         3  haizhi-office  [red]注意[/red] \\x1b[31m",
    ]


def test_csv_lists_a_record_with_its_reversal(ledger, monkeypatch, run) -> None:
    code, out, err = run("log", "intl-forums", "--format", "csv")
    assert (code, err) == (0, "")
    assert out == (  # a BOM for Excel, CRLF line ends as RFC 4180 has them
        "\ufeffid,date,target,activity,measure,revert,amount,done,by,note,evidence,"
        "reverted_by\r\nB1,2021-04-02,intl-forums,,,,2,,,,,C1\r\n"
        "C1,2021-04-03,,,,B1,,,,,,\r\n"
    )


def test_json_keeps_every_field_and_escapes_control_characters(ledger, monkeypatch, run):
    code, out, err = run("log", "--by", "海智办", "--format", "json")
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


def test_nothing_matches(ledger, monkeypatch, run) -> None:
    code, out, err = run("log", "--since", "2021-07-01")
    assert (code, out, err) == (0, "No records.\n", "")


def test_a_torn_line_warns_and_every_complete_record_is_listed(ledger, monkeypatch, run):
    with ledger.open("a", encoding="utf-8") as handle:
        handle.write("- {id: F1, date: 2021-06-0")
    code, out, err = run("log", "--format", "csv")
    assert code == 0
    assert err == (
        "plans/2021.progress.yaml:6: warning: the last line is incomplete "
        "(a write was cut short); complete it or delete it\n"
    )
    ids = [row.split(",")[0] for row in out.removeprefix("\ufeff").splitlines()]
    assert ids == ["id", "A1", "B1", "C1", "D1", "E1"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xml"], "--format 'xml' is not one of table, json, csv"),
        (["--since", "2021-02-30"], "--since '2021-02-30' is not a day of the calendar"),
        (["--by", "nobody"], "no unit has id 'nobody'"),
        (
            ["沙龙"],
            "'沙龙' matches more than one: haizhi-salons (海智沙龙), "
            "salon-spring (春季海智沙龙); give the id",
        ),
    ],
)
def test_usage_errors(ledger, monkeypatch, run, args, message) -> None:
    code, out, err = run("log", *args)
    assert (code, out, err) == (2, "", f"kexie: error: {message}\n")


# --- streaming: a pipe gets one line per record; a terminal gets folded lines, paged ------


def test_in_a_pipe_each_record_is_one_line_in_ledger_order(ledger, monkeypatch, run) -> None:
    monkeypatch.delenv("COLUMNS")
    long_note = "很长的说明" * 40
    with ledger.open("a", encoding="utf-8") as out:  # recorded last, dated first
        out.write(f"- {{id: F1, date: 2021-01-05, target: haizhi-salons, note: {long_note}}}\n")
    code, out, err = run("log")
    assert (code, err) == (0, "")
    rows = lines(out)[2:]
    assert [row.split()[0] for row in rows] == ["A1", "B1", "C1", "D1", "E1", "F1"]
    assert rows[-1].endswith(long_note)  # never folded nor cut


def test_folded_to_a_narrow_terminal(ledger, monkeypatch, run) -> None:
    code, out, err = run("log", "国际学术交流论坛", COLUMNS="40")
    assert (code, err) == (0, "")
    assert lines(out) == [  # too narrow for every column's least width: wider than 40
        "record  date        about     amount  by  note",
        "─" * 50,
        "B1      2021-04-02  国际学术       2      reverted",
        "                    交流论坛",
        "C1      2021-04-03  国际学术              reverts",
        "                    交流论坛              B1",
    ]


def test_a_terminal_pages_through_kexie_pager(ledger, monkeypatch, run, tmp_path) -> None:
    """As git does: on a terminal the table goes through $KEXIE_PAGER (here a script that
    keeps what it reads); --no-pager prints it."""
    import sys

    from kexie_plan.cli import output

    kept = tmp_path / "paged.txt"
    script = tmp_path / "pager.py"
    script.write_text(
        f"import sys; open({str(kept)!r}, 'wb').write(sys.stdin.buffer.read())\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(output.sys.stdout, "isatty", lambda: True, raising=False)
    pager = f'"{sys.executable}" "{script}"'
    code, out, err = run("log", "--by", "pop-dept", KEXIE_PAGER=pager)
    assert (code, out, err) == (0, "", "")
    assert "E1      2021-06-01" in kept.read_text(encoding="utf-8")
    kept.unlink()
    code, out, err = run("log", "--by", "pop-dept", "--no-pager", KEXIE_PAGER=pager)
    assert (code, err) == (0, "") and "E1" in out and not kept.exists()
    code, out, err = run("log", "--by", "pop-dept", KEXIE_PAGER="cat")  # cat: no pager
    assert (code, err) == (0, "") and "E1" in out and not kept.exists()


def test_json_streams_the_same_list(ledger, monkeypatch, run) -> None:
    code, out, err = run("log", "--format", "json")
    assert (code, err) == (0, "")
    assert [item["id"] for item in json.loads(out)] == ["A1", "B1", "C1", "D1", "E1"]
    code, out, err = run("log", "--since", "2021-12-01", "--format", "json")
    assert (code, out, err) == (0, "[]\n", "")
