"""`kexie template` and `kexie import`: the office's monthly cycle, end to end.

The round trip of issue 14: a template goes out, comes back filled in with openpyxl as a
unit would (and as a GB18030 CSV), every bad cell is reported and nothing is written;
fixed, it appends exactly its rows; imported again, nothing; `status` shows them. Then
the workbook itself (validation, frozen and protected header, widths), the preview
(golden, zh and en), the confirmation, and the ledger's rules. The plan and ledger are
tests/plan_with_units.py's (2022; pop-week is held on 05-24 already).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from plan_with_units import LEDGER, PLAN

from kexie_plan.cli import recording

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("KEXIE_UPDATE_GOLDEN") == "1"
TODAY = "2022-06-30"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder holding plans/2022.yaml and its ledger, made the current folder."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "2022.yaml").write_text(PLAN, encoding="utf-8")
    (tmp_path / "plans" / "2022.progress.yaml").write_text(LEDGER, encoding="utf-8")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("KEXIE_TODAY", TODAY)
    monkeypatch.setattr(recording, "interactive", lambda: False)
    return tmp_path


def ledger(home: Path) -> str:
    return (home / "plans" / "2022.progress.yaml").read_text(encoding="utf-8")


def fill(path: Path, rows: list[tuple], out: Path | None = None) -> Path:
    """Type rows into the template's form from row 3 on, as a unit would, and save."""
    book = load_workbook(path)
    sheet = book.worksheets[0]
    for r, values in enumerate(rows, start=3):
        for c, value in enumerate(values, start=1):
            if value is not None:
                sheet.cell(row=r, column=c, value=value)
    out = out or path
    book.save(out)
    return out


GOOD = [
    (dt.datetime(2022, 4, 2), "科普讲座", 2, None, "社区科普讲座", "https://example.org/1"),
    (dt.datetime(2022, 4, 9), "科普讲座", 1, None, "第二期"),
    (dt.datetime(2022, 4, 9), "科普讲座", 1, None, "第二期"),  # a second one, same day and note
    (dt.datetime(2022, 5, 6), "科普基地建设", None, None, "两个基地完成申报"),
]
CSV = (
    "序号,日期,事项,数量,备注,填报单位\r\n"
    "1,2022/6/3,科普讲座,1,中学讲座,科普部\r\n"
    "2,2022年6月8日,科普基地,1.0,新增基地 ,科普部\r\n"
)


def test_the_round_trip(home: Path, kexie) -> None:
    made = kexie("template", "--unit", "科普部", "--period", "Q2", "-o", "科普部.xlsx", lang="zh")
    assert (made.code, made.err) == (0, "")
    assert made.out == "已写入 科普部.xlsx：填报表，含 6 个可填报事项\n"
    bad = fill(
        home / "科普部.xlsx",
        [
            *GOOD,
            (dt.datetime(2022, 5, 3), "科普讲坛", 1, None, "写错的事项"),
            ("2022-13-01", "科普基地", 1, None, "写错的日期"),
            (dt.datetime(2022, 5, 5), "科普基地", 2.5, None, "带小数的数量"),
        ],
        home / "科普部-填好.xlsx",
    )
    csv_file = home / "科普部.csv"
    csv_file.write_bytes(CSV.replace("6/3", "6/31").encode("gb18030"))
    before = ledger(home)

    run = kexie("import", bad.name, csv_file.name, "--yes", lang="zh")
    assert run.code == 1
    assert run.err == (
        "科普部-填好.xlsx:填报表!B7: error: 计划中没有名为 '科普讲坛' 的目标、活动或措施；"
        "是否应为 '科普讲座'？\n"
        "科普部-填好.xlsx:填报表!A8: error: '2022-13-01' 不是日期（请按 2021-03-12 的格式填写）\n"
        "科普部-填好.xlsx:填报表!C9: error: 数量 '2.5' 不是 1 到 999999999 之间的整数\n"
        "科普部.csv:2:2: error: '2022/6/31' 不是日期（请按 2021-03-12 的格式填写）\n"
    )
    assert run.out == "科普部.csv：按 GB18030 编码读取\n科普部.csv：以下列未读取：序号\n"
    assert ledger(home) == before  # nothing written

    fixed = fill(
        bad,
        [
            *GOOD,
            (dt.datetime(2022, 5, 3), "科普讲座", 1, None, "改正的事项"),
            ("2022-05-13", "科普基地", 1, None, "改正的日期"),
            (dt.datetime(2022, 5, 5), "科普基地", 3.0, None, "改正的数量"),
        ],
    )
    csv_file.write_bytes(CSV.encode("gb18030"))
    run = kexie("import", fixed.name, csv_file.name, "--yes", lang="zh")
    assert (run.code, run.err) == (0, "")
    assert run.out.endswith(
        "将从 2 个文件追加 9 条记录；0 行此前已导入，不再追加\n"
        "已向 plans/2022.progress.yaml 追加 9 条记录\n"
    )
    added = ledger(home).removeprefix(before).splitlines()
    assert [line.split(", ", 1)[1] for line in added] == [
        "date: 2022-04-02, target: lectures, amount: 2, by: pop-dept, note: 社区科普讲座, "
        'evidence: "https://example.org/1"}',
        "date: 2022-04-09, target: lectures, amount: 1, by: pop-dept, note: 第二期}",
        "date: 2022-04-09, target: lectures, amount: 1, by: pop-dept, note: 第二期}",
        "date: 2022-05-06, measure: pop-bases, by: pop-dept, note: 两个基地完成申报}",
        "date: 2022-05-03, target: lectures, amount: 1, by: pop-dept, note: 改正的事项}",
        "date: 2022-05-13, target: bases, amount: 1, by: pop-dept, note: 改正的日期}",
        "date: 2022-05-05, target: bases, amount: 3, by: pop-dept, note: 改正的数量}",
        "date: 2022-06-03, target: lectures, amount: 1, by: pop-dept, note: 中学讲座}",
        "date: 2022-06-08, target: bases, amount: 1, by: pop-dept, note: 新增基地}",
    ]
    assert len({line.split(",")[0] for line in added}) == 9  # nine ids, each "I…"
    assert all(line.startswith("- {id: I") for line in added)
    after = ledger(home)

    again = kexie("import", fixed.name, csv_file.name, "--yes", lang="zh")
    assert (again.code, again.err) == (0, "")
    assert again.out.endswith("没有需要追加的记录：9 行此前均已导入\n")
    assert ledger(home) == after

    status = kexie("status", "--format", "json")
    actual = {t["id"]: t["actual"] for t in json.loads(status.out)["targets"]}
    # lectures: 2 before + 2+1+1+1+1; bases: 2 before + 1+3+1
    assert (actual["lectures"], actual["bases"]) == (8, 7)


def test_a_corrected_file_that_repeats_earlier_rows_appends_only_the_new(home, kexie) -> None:
    kexie("template", "--unit", "pop-dept", "-o", "form.xlsx")
    first = fill(home / "form.xlsx", GOOD[:3], home / "march.xlsx")
    assert kexie("import", first.name, "--yes").code == 0
    before = ledger(home)
    # The unit sends the form again: the same three rows, one more 第二期 and a new row.
    second = fill(
        home / "form.xlsx",
        [*GOOD[:3], GOOD[2], (dt.datetime(2022, 6, 1), "科普讲座", 1, None, "第三期")],
        home / "march-2.xlsx",
    )
    run = kexie("import", second.name, "--yes")
    assert run.code == 0
    assert "2 records to append from 1 file; 3 rows were imported before" in run.out
    added = ledger(home).removeprefix(before).splitlines()
    assert [line.split(", ", 2)[1] for line in added] == ["date: 2022-04-09", "date: 2022-06-01"]


def test_the_same_rows_in_two_files_or_one_file_twice_are_appended_once(home, kexie) -> None:
    kexie("template", "-o", "form.xlsx")
    a = fill(home / "form.xlsx", GOOD[:1], home / "a.xlsx")
    b = fill(home / "form.xlsx", GOOD[:1], home / "b.xlsx")
    run = kexie("import", "a.xlsx", "b.xlsx", "./a.xlsx", "--yes")
    assert run.code == 0
    assert "1 record to append from 1 file; 1 row was imported before" in run.out
    assert ledger(home).count("社区科普讲座") == 1
    assert a.exists() and b.exists()


# --- the preview and the confirmation ---------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_preview_golden(home: Path, kexie, lang: str) -> None:
    kexie("template", "--unit", "科普部", "-o", "form.xlsx", lang=lang)
    fill(
        home / "form.xlsx",
        [
            *GOOD,
            (dt.datetime(2022, 6, 20), "五年规划", None, "是", "规划定稿，报党组审议" * 3),
            (dt.datetime(2022, 6, 21), "科普讲座", 30, None, "[red]不是标记[/red]\u202e反"),
        ],
    )
    hostile = "3,2022-06-09,科普讲座,,=1+1 \x1b[2J,科普部\r\n"
    (home / "more.csv").write_bytes((CSV + hostile).encode("utf-8-sig"))
    before = ledger(home)
    run = kexie("import", "form.xlsx", "more.csv", "--dry-run", lang=lang)
    assert run.code == 0
    got = run.out + "--- stderr ---\n" + run.err
    golden = GOLDEN / f"import_preview_{lang}_100.txt"
    if UPDATE:
        golden.write_text(got, encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8")
    assert ledger(home) == before


def test_saying_no_writes_nothing_and_exits_4(home, kexie, monkeypatch) -> None:
    kexie("template", "-o", "form.xlsx")
    fill(home / "form.xlsx", GOOD[:2])
    before = ledger(home)
    monkeypatch.setattr(recording, "interactive", lambda: True)
    monkeypatch.setattr(sys, "stdin", io.StringIO("n\n"))
    run = kexie("import", "form.xlsx")
    assert run.code == 4
    assert "Append these 2 records to plans/2022.progress.yaml?" in run.out
    assert ledger(home) == before
    monkeypatch.setattr(sys, "stdin", io.StringIO("y\n"))
    assert kexie("import", "form.xlsx").code == 0
    assert ledger(home).count("社区科普讲座") == 1


def test_without_a_terminal_it_needs_yes(home, kexie) -> None:
    kexie("template", "-o", "form.xlsx")
    fill(home / "form.xlsx", GOOD[:1])
    run = kexie("import", "form.xlsx")
    assert run.code == 2
    assert run.err == (
        "kexie: error: no terminal to confirm the import at: add --yes to append, or "
        "--dry-run to see what would be appended\n"
    )


# --- the rules of record ---------------------------------------------------------------


def test_an_activity_held_in_the_ledger_or_twice_in_the_import_is_refused(home, kexie) -> None:
    (home / "a.csv").write_text(
        "日期,事项,说明\n2022-05-25,科普宣传周,又一次\n2022-06-01,iot-expo,\n2022-06-02,iot-expo,\n"
        "2022-06-01,五年规划,\n",
        encoding="utf-8",
    )
    before = ledger(home)
    run = kexie("import", "a.csv", "--yes")
    assert run.code == 1
    assert run.err == (
        "a.csv:2:2: error: activity 'pop-week' is already recorded as held on 2022-05-24 "
        "(W1); revert that record first to record it again\n"
        "a.csv:4:2: error: activity 'iot-expo' is already held on 2022-06-01 by an "
        "earlier row (a.csv line 3)\n"
        "a.csv:5:2: error: 'plan-doc' is a milestone: write 是 (yes) under done when it is "
        "completed\n"
    )
    assert ledger(home) == before


def test_a_file_that_cannot_be_read(home, kexie) -> None:
    (home / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    (home / "broken.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    (home / "big5.csv").write_bytes("日期,事項\n".encode("utf-16-le"))
    run = kexie("import", "old.xls", "broken.xlsx", "missing.csv", "--yes")
    assert run.code == 1
    assert run.err.splitlines() == [
        "old.xls: error: an old .xls, a WPS .et or an encrypted workbook: save it as .xlsx "
        "(or CSV UTF-8) without a password",
        "broken.xlsx: error: cannot read the workbook: File is not a zip file",
        "missing.csv: error: file not found",
    ]
    assert kexie("import", "missing.csv", "--yes").code == 2


# --- the workbook ----------------------------------------------------------------------


def test_the_template_workbook(home, kexie) -> None:
    run = kexie("template", "--unit", "pop-dept", "--period", "2022-05", "-o", "f.xlsx", lang="zh")
    assert run.code == 0
    book = load_workbook(home / "f.xlsx")
    assert book.sheetnames == ["填报表", "目标进度", "填报说明", "选项"]
    assert [s.sheet_state for s in book.worksheets] == ["visible", "visible", "visible", "hidden"]
    form = book["填报表"]
    assert form["A1"].value == "科普部工作进展填报表（2022年5月）"
    assert [c.value for c in form[2]] == [
        "日期",
        "事项",
        "数量",
        "完成",
        "说明",
        "佐证",
        "填报单位",
    ]
    assert [c.value for c in form[3]] == [None] * 6 + ["科普部"]
    assert form.freeze_panes == "A3"
    assert form.protection.sheet and not form.protection.password
    assert form["A2"].protection.locked and form["G3"].protection.locked is False
    assert form.column_dimensions["A"].protection.locked is False
    rules = {
        str(v.sqref): (v.type, v.operator, v.formula1, v.formula2, v.showErrorMessage)
        for v in form.data_validations.dataValidation
    }
    assert rules == {
        "A3:A1048576": ("date", "between", "DATE(2022,5,1)", "DATE(2022,5,31)", True),
        "B3:B1048576": ("list", None, "'选项'!$A$2:$A$7", None, True),
        "C3:C1048576": ("whole", "between", "1", "999999999", True),
        "D3:D1048576": ("list", None, '"是,否"', None, True),
        "G3:G1048576": ("list", None, "'选项'!$B$2:$B$5", None, True),
    }
    lists = book["选项"]
    assert [c.value for c in lists["A"]][1:] == [
        "科普讲座", "科普基地", "科普宣传周", "全国科普日,主场;A\\B", "科普活动", "科普基地建设",
    ]  # fmt: skip
    assert [c.value for c in lists["B"] if c.value][1:] == [
        "办公室",
        "科普部",
        "学会部",
        "中国电子学会",
    ]
    widths = {k: d.width for k, d in form.column_dimensions.items()}
    # 全国科普日,主场;A\B: 5 Chinese characters (2 each), 2 more, 5 ASCII: 17, then 2 spare
    assert widths["B"] == 21 and widths["G"] == 14  # 中国电子学会: 12 + 2
    standing = book["目标进度"]
    assert [c.value for c in standing[2]] == [
        "类别", "事项", "目标值", "完成", "序时", "完成率", "状态", "计划时间",
    ]  # fmt: skip
    lectures = [c.value for c in standing[3]]
    assert lectures[:7] == [
        "目标",
        "科普讲座",
        "12 场",
        2,
        5,
        pytest.approx(2 / 12, abs=0.005),
        "落后",
    ]
    assert standing["F3"].number_format == "0%"
    assert standing.protection.sheet
    assert "2022-05-01 至 2022-05-31" in book["填报说明"]["A3"].value


def test_the_csv_template_and_its_refusals(home, kexie) -> None:
    run = kexie("template", "--unit", "科普部", "-o", "f.csv", lang="en")
    assert run.code == 0
    data = (home / "f.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbfdate,item,amount,done,note,evidence,by\r\n,,,,,,")
    assert data.count("科普部".encode()) == 20
    assert kexie("template").code == 2
    nothing = kexie("template", "--unit", "cie", "--unit", "中国电子学会", "-o", "x.xlsx")
    assert nothing.code == 0  # cie owns the iot expo
    wrong = kexie("template", "--unit", "科协", "-o", "x.xlsx")
    assert (wrong.code, wrong.err) == (2, "kexie: error: no unit has id '科协'\n")


def test_the_template_holds_every_would_be_formula_as_text(tmp_path, monkeypatch, kexie) -> None:
    from conftest import write_plan
    from test_spreadsheets import FORMULA
    from test_spreadsheets import LEDGER as HOSTILE_LEDGER
    from test_spreadsheets import PLAN as HOSTILE

    monkeypatch.chdir(tmp_path)
    write_plan(tmp_path, HOSTILE, HOSTILE_LEDGER)
    run = kexie("template", "--unit", "office", "-o", "f.xlsx", today="2021-12-31")
    assert run.code == 0, run.err
    book = load_workbook(tmp_path / "f.xlsx")
    seen = set()
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA):
                    assert cell.data_type == "s" and cell.quotePrefix, (sheet.title, cell.value)
                    seen.add(cell.value)
    assert {'=HYPERLINK("x")', "@办公室", "+SUM(1)", "-措施"} <= seen
    # and the form comes back: a name chosen from the drop-down is text, formula or not
    form = book.worksheets[0]
    form["A3"], form["B3"], form["C3"] = dt.datetime(2021, 3, 20), '=HYPERLINK("x")', 1
    form["B3"].data_type = "s"
    book.save(tmp_path / "f.xlsx")
    again = kexie("import", "f.xlsx", "--yes", today="2021-12-31")
    assert again.code == 0, again.err
    assert "target: t, amount: 1, by: office}" in (tmp_path / "plans/2021.progress.yaml").read_text(
        "utf-8"
    )


def test_rows_imported_while_the_office_confirmed_are_not_written_twice(
    home, kexie, monkeypatch
) -> None:
    kexie("template", "-o", "form.xlsx")
    fill(home / "form.xlsx", GOOD[:2])

    def meanwhile(env, code, **params) -> bool:
        """Another clerk imports the form's first row while this one reads the preview."""
        from kexie_plan.forms import read_form
        from kexie_plan.ledger import append_records
        from kexie_plan.planfile import load_plan
        from kexie_plan.sheetfile import read_sheets

        plan = load_plan(home / "plans" / "2022.yaml")
        sheets, _ = read_sheets(home / "form.xlsx", "form.xlsx")
        rows = read_form(plan, sheets, dt.date(2022, 6, 30)).rows
        append_records(home / "plans" / "2022.progress.yaml", [rows[0].record], "L")
        return True

    monkeypatch.setattr(recording, "interactive", lambda: True)
    monkeypatch.setattr(recording, "agrees", meanwhile)
    run = kexie("import", "form.xlsx")
    assert run.code == 2
    assert run.err == (
        "kexie: error: while you confirmed, 1 of these rows were imported by another run; "
        "nothing was written: run kexie import again\n"
    )
    assert ledger(home).count("社区科普讲座") == 1 and ledger(home).count("第二期") == 0
