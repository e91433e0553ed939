"""Every CSV and every workbook kexie writes: a BOM, and no user text that runs as a formula.

A plan and a ledger full of would-be formulas (`=HYPERLINK("x")`, `=CMD()`, `+`, `-`, `@`)
go through every command that can write a spreadsheet; no cell may start like a formula
unless it is a number, and each CSV starts with a UTF-8 BOM. A guard makes sure the list
below grows when a command gains a CSV format.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from conftest import write_plan

from kexie_plan.cli import app

PLAN = """\
schema: 1
year: 2021
org: "=org()"
title: 测试计划
units:
  - {id: office, name: "@办公室"}
sections:
  - id: s
    title: "+部分"
    measures:
      - {id: m, title: "-措施", owner: office}
targets:
  - {id: t, name: '=HYPERLINK("x")', unit: "=个", goal: 3+, measure: m}
  - {id: done-t, name: "@里程碑", kind: milestone, measure: m}
activities:
  - {id: a, name: "+SUM(1)", month: 3, target: t, owner: office}
"""
LEDGER = """\
- {id: R1, date: 2021-03-12, target: t, amount: 2, by: office, note: "=CMD()", evidence: "-x"}
- {id: R2, date: 2021-03-13, activity: a, note: "@all"}
- {id: R3, date: 2021-03-14, measure: m, note: "+1"}
- {id: R4, date: 2021-03-15, target: done-t, done: true, note: "=1+1"}
- {id: R5, date: 2021-03-16, revert: R1, note: "-reverted"}
"""
FORMULA = ("=", "+", "-", "@", "\t", "\r")

# Every command invocation that writes CSV, and the one that writes a workbook.
CSV_WRITERS = [
    ["status", "--format", "csv"],
    ["status", "--group", "owner", "--format", "csv"],
    ["activities", "--format", "csv"],
    ["measures", "--format", "csv"],
    ["log", "--format", "csv"],
    ["report", "--format", "csv", "--table", "targets"],
    ["report", "--format", "csv", "--table", "activities"],
    ["report", "--format", "csv", "--table", "records"],
    ["template", "--format", "csv", "--unit", "office"],
]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write_plan(tmp_path, PLAN, LEDGER)
    return tmp_path


def is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("args", CSV_WRITERS, ids=[" ".join(a) for a in CSV_WRITERS])
def test_every_csv_has_a_bom_and_no_live_formula(folder: Path, kexie, args) -> None:
    run = kexie(*args, lang="zh", today="2021-12-31")
    assert run.code == 0, run.err
    assert run.out_bytes.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(run.out_bytes.decode("utf-8-sig"))))
    cells = [cell for row in rows for cell in row]
    live = [c for c in cells if c.startswith(FORMULA) and not is_number(c)]
    assert live == []
    defused = [c for c in cells if c.startswith("'") and c[1:].startswith(FORMULA)]
    assert defused, "the test's would-be formulas must reach this table"


def test_the_workbook_holds_every_formula_as_text(folder: Path, kexie) -> None:
    import openpyxl

    out = folder / "r.xlsx"
    run = kexie("report", "--format", "xlsx", "-o", str(out), today="2021-12-31")
    assert run.code == 0, run.err
    book = openpyxl.load_workbook(out)
    seen = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA):
                    assert cell.data_type == "s" and cell.quotePrefix, (sheet.title, cell.value)
                    seen += 1
    assert seen >= 5


def test_every_command_with_a_csv_format_is_listed_above() -> None:
    from kexie_plan.cli.helptext import command_tree, commands

    command = command_tree(app, "en")  # the help says which formats a command writes
    listed = {args[0] for args in CSV_WRITERS}
    writers = set()
    for path, sub in commands(command):
        if len(path) != 1:
            continue
        name = path[0]
        formats = [p for p in sub.params if "--format" in getattr(p, "opts", [])]
        if formats and "csv" in (formats[0].help or ""):
            writers.add(name)
            assert name in listed, f"kexie {name} writes CSV: add it to CSV_WRITERS"
    assert writers >= {"status", "report"}  # the help is read, not empty


# --- how a workbook opens and prints ----------------------------------------------------

OFFICE_LEDGER = """\
- {id: 01M8K2HQ0SX3PDDA, date: 2021-03-12, target: haizhi-salons, amount: 2, note: 第一期}
- {id: 01M8K2HQAECX8BZE, date: 2021-04-02, target: intl-forums, amount: 1, by: pop-dept, note: %s}
- {id: 01M8K2HQM7CY4EPE, date: 2021-05-30, activity: sci-day, note: short}
""" % ("长" * 30)


def test_the_workbook_opens_and_prints_as_an_office_expects(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kexie
) -> None:
    import openpyxl

    monkeypatch.chdir(tmp_path)
    write_plan(tmp_path, ledger=OFFICE_LEDGER)
    run = kexie("report", "--format", "xlsx", "-o", "r.xlsx", lang="zh", today="2021-06-30")
    assert run.code == 0, run.err
    book = openpyxl.load_workbook(tmp_path / "r.xlsx")
    assert book.sheetnames == ["目标", "重大活动", "记录"]
    for sheet in book.worksheets:
        last = openpyxl.utils.get_column_letter(sheet.max_column)
        assert sheet.freeze_panes == "A2", sheet.title
        assert sheet.auto_filter.ref == f"A1:{last}{sheet.max_row}", sheet.title
        assert sheet.print_title_rows == "$1:$1", sheet.title  # the header on every page
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
        assert sheet.page_setup.paperSize == 9  # A4
        assert all(cell.font.bold for cell in sheet[1])

    def widths(sheet) -> dict[str, float]:
        dims = sheet.column_dimensions
        return {cell.value: dims[cell.column_letter].width for cell in sheet[1]}

    # percent: the fraction, shown as a whole percent
    targets = book["目标"]
    column = next(c.column for c in targets[1] if c.value == "完成率")
    shares = {row[1].value: row[column - 1] for row in targets.iter_rows(min_row=2)}
    assert shares["haizhi-salons"].value == 0.67  # 2 of at least 3: 67%
    assert shares["haizhi-salons"].number_format == "0%"
    assert shares["intl-forums"].value == 0.33
    assert shares["museum-prep"].value is None  # a milestone has no share
    assert widths(targets)["目标"] == 2 * len("国际学术交流论坛") + 2  # a Chinese character is 2
    assert widths(targets)["完成率"] == 6 + 2  # the header (wider than "67%") and 2
    assert widths(targets)["编号"] == len("haizhi-salons") + 2

    records = book["记录"]
    shown = widths(records)
    assert shown["记录"] == 18  # a 16-character id and 2: never 50
    assert shown["日期"] == 12
    assert shown["说明"] == 40  # 60 wide, capped: the cell wraps instead
    note = next(c for c in records["G"] if c.value == "长" * 30)
    assert note.alignment.wrap_text
    short = next(c for c in records["G"] if c.value == "short")
    assert not short.alignment.wrap_text
