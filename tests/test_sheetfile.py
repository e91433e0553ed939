"""sheetfile: CSV and XLSX files read into rows of plain values, whatever their encoding,
and every file that cannot be one refused with a reason (never a hang, never exit 3)."""

from __future__ import annotations

import datetime as dt
import io
import os
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from kexie_plan import sheetfile
from kexie_plan.errors import PlanError
from kexie_plan.sheetfile import read_sheets

TEXT = '日期,事项,说明\r\n2022-05-01,科普讲座,"一,二"\r\n'


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "UTF-8"),
        (TEXT.encode("utf-8-sig"), "UTF-8-BOM"),
        (TEXT.encode("gb18030"), "GB18030"),
        (TEXT.replace(",", "\t").replace('"一\t二"', "一,二").encode("utf-16"), "UTF-16"),
    ],
)
def test_a_csv_file_in_each_encoding(tmp_path: Path, data: bytes, encoding: str) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(data)
    sheets, problems = read_sheets(path, "a.csv")
    assert problems == []
    [sheet] = sheets
    assert (sheet.source, sheet.name, sheet.encoding) == ("a.csv", None, encoding)
    assert sheet.rows == [(1, ["日期", "事项", "说明"]), (2, ["2022-05-01", "科普讲座", "一,二"])]


def test_csv_rows_are_numbered_by_the_line_they_start_on(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text('日期;事项;说明\n\n2022-05-01;讲座;"两\n行"\n2022-05-02;讲座;x\n', "utf-8")
    [sheet], _ = read_sheets(path, "a.csv")
    assert [(n, row[0] if row else None) for n, row in sheet.rows] == [
        (1, "日期"),
        (2, None),
        (3, "2022-05-01"),
        (5, "2022-05-02"),
    ]


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ("日期,事項\n".encode("big5") + bytes([0x81, 0x30, 0xFF]), "import.encoding_unknown"),
        (b"a,b\n1," + b"x" * 200_000 + b"\n", "import.bad_csv"),  # over csv's field limit
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "import.old_workbook"),
        (b"PK\x03\x04broken", "import.bad_workbook"),
    ],
)
def test_files_that_are_not_sheets(tmp_path: Path, data: bytes, code: str) -> None:
    path = tmp_path / "x"
    path.write_bytes(data)
    sheets, problems = read_sheets(path, "x")
    assert sheets == [] and [p.code for p in problems] == [code]


def test_missing_and_too_large(tmp_path: Path, monkeypatch) -> None:
    assert read_sheets(tmp_path / "none.csv", "none.csv") == (
        [],
        [PlanError("file_missing", {}, "none.csv")],
    )
    monkeypatch.setattr(sheetfile, "MAX_FILE_BYTES", 10)
    (tmp_path / "big.csv").write_text("日期,事项\n" * 3, "utf-8")
    assert read_sheets(tmp_path / "big.csv", "big.csv")[1] == [
        PlanError("import.too_large", {"size": 42, "limit": 10}, "big.csv")
    ]


@pytest.mark.skipif(sys.platform == "win32", reason="no FIFOs")
def test_a_fifo_is_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "f.csv"
    os.mkfifo(fifo)
    assert read_sheets(fifo, "f.csv")[1] == [PlanError("not_regular_file", {}, "f.csv")]


def test_too_many_rows(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(sheetfile, "MAX_ROWS", 3)
    (tmp_path / "a.csv").write_text("日期,事项\n" * 4, "utf-8")
    assert read_sheets(tmp_path / "a.csv", "a.csv")[1] == [
        PlanError("import.too_many_rows", {"limit": 3}, "a.csv", 4)
    ]


def test_a_workbook_that_unpacks_too_large_is_not_opened(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(sheetfile, "MAX_UNPACKED_BYTES", 1000)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", "x" * 5000)  # 5 kB of zeros squeezed small
    (tmp_path / "bomb.xlsx").write_bytes(out.getvalue())
    assert read_sheets(tmp_path / "bomb.xlsx", "b")[1] == [
        PlanError("import.too_large", {"size": 5000, "limit": 1000}, "b")
    ]


def test_a_workbook_gives_typed_values_by_row_and_its_hidden_sheets(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "填报表"
    sheet["A2"], sheet["B2"] = "日期", "数量"
    sheet["A4"], sheet["B4"] = dt.date(2022, 5, 1), 3
    sheet["A5"], sheet["B5"] = 44682, 2.5
    sheet["C6"] = True
    hidden = book.create_sheet("选项")
    hidden["A1"] = "x"
    hidden.sheet_state = "hidden"
    path = tmp_path / "a.xlsx"
    book.save(path)
    sheets, problems = read_sheets(path, "a.xlsx")
    assert problems == []
    assert [(s.name, s.hidden) for s in sheets] == [("填报表", False), ("选项", True)]
    rows = [(n, tuple(cells[:3])) for n, cells in sheets[0].rows]
    assert rows == [
        (2, ("日期", "数量", None)),
        (4, (dt.datetime(2022, 5, 1), 3, None)),
        (5, (44682, 2.5, None)),
        (6, (None, None, True)),
    ]
