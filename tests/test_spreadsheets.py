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
import typer.main
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
    command = typer.main.get_command(app)
    listed = {args[0] for args in CSV_WRITERS}
    for name, sub in command.commands.items():
        formats = [p for p in sub.params if "--format" in getattr(p, "opts", [])]
        if formats and "csv" in (formats[0].help or ""):
            assert name in listed, f"kexie {name} writes CSV: add it to CSV_WRITERS"
