"""forms: the 填报表's rows become records, every bad cell a located problem (no files:
sheets are built inline as a reader would give them)."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from plan_with_units import PLAN

from kexie_plan import forms
from kexie_plan.checks import RecordRules
from kexie_plan.forms import RawSheet, header_key, imported_id, read_form
from kexie_plan.planfile import load_plan_text
from kexie_plan.record import Record
from kexie_plan.render.text import error_line

TODAY = dt.date(2022, 6, 30)
HEADER = ("日期", "事项", "数量", "完成", "说明", "佐证", "填报单位")


@pytest.fixture(scope="module")
def plan():
    return load_plan_text(PLAN)


def sheet(*rows, header=HEADER, name="填报表", source="a.xlsx") -> RawSheet:
    """Return a worksheet whose row 2 is the header and row 3 on the given rows."""
    numbered = [(1, ("标题",)), (2, header)]
    numbered += [(n, row) for n, row in enumerate(rows, start=3)]
    return RawSheet(source, name, numbered)


def lines(problems, lang="en") -> list[str]:
    return [error_line(p, lang) for p in problems]


# --- cells -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "day"),
    [
        (dt.datetime(2022, 4, 2, 0, 0), dt.date(2022, 4, 2)),
        (dt.date(2022, 4, 2), dt.date(2022, 4, 2)),
        (44653, dt.date(2022, 4, 2)),  # an Excel serial number
        (44653.0, dt.date(2022, 4, 2)),
        ("2022-04-02", dt.date(2022, 4, 2)),
        ("2022/4/2", dt.date(2022, 4, 2)),
        ("2022.4.2", dt.date(2022, 4, 2)),
        ("2022年4月2日", dt.date(2022, 4, 2)),
        ("20220402", dt.date(2022, 4, 2)),
        (" 2022-04-02 00:00:00 ", dt.date(2022, 4, 2)),
        ("2022-13-01", "2022-13-01"),
        ("4月2日", "4月2日"),
        (44653.5, "44653.5"),
        (True, "TRUE"),
        ("", None),
        (None, None),
    ],
)
def test_a_date_cell(value, day) -> None:
    assert forms._date(value) == day


@pytest.mark.parametrize(
    ("value", "amount"),
    [
        (3, 3),
        (3.0, 3),
        ("3", 3),
        ("3.0", 3),
        (" 3 ", 3),
        ("007", 7),
        (999_999_999, 999_999_999),
        (3.5, "3.5"),
        ("3.5", "3.5"),
        (0, "0"),
        ("0", "0"),
        (-2, "-2"),
        ("1,000", "1,000"),
        ("３", "３"),  # full-width digits: refused, as `kexie record` refuses them
        ("1000000000", "1000000000"),
        (True, "TRUE"),
        ("", None),
        (None, None),
    ],
)
def test_an_amount_cell(value, amount) -> None:
    assert forms._amount(value) == amount


@pytest.mark.parametrize(
    ("value", "done"),
    [("是", True), ("否", False), ("Yes", True), ("no", False), (True, True), (False, False),
     (1, True), (0, False), ("√", True), ("", None), (None, None), ("也许", "也许")],
)  # fmt: skip
def test_a_done_cell(value, done) -> None:
    assert forms._done(value) == done


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("日期", "date"),
        (" Date ", "date"),
        ("数量（场）", "amount"),
        ("数量 (amount)", "amount"),
        ("*事项", "item"),
        ("目标", "item"),
        ("REF", "item"),
        ("备注", "note"),
        ("填报单位", "by"),
        ("序号", None),
        ("（场）", None),
        (3, None),
    ],
)
def test_a_header_names_its_column(header, key) -> None:
    assert header_key(header) == key


# --- rows ------------------------------------------------------------------------------


def test_rows_become_records_as_record_would_make_them(plan) -> None:
    reading = read_form(
        plan,
        [
            sheet(
                (
                    dt.datetime(2022, 4, 2),
                    "科普讲座",
                    2,
                    None,
                    " 社区讲座 ",
                    "https://x/1",
                    "科普部",
                ),
                (None, None, None, None, None, None, "科普部"),  # blank: only the unit
                ("2022/6/1", "科普讲", None, None, None, None, None),  # part of a name; amount 1
                (dt.date(2022, 6, 2), "plan-doc", None, "是", None, None, "office"),
                (dt.date(2022, 6, 3), "pop-bases", None, None, "进展", None, None),
            )
        ],
        TODAY,
    )
    assert reading.problems == [] and reading.warnings == []
    records = [row.record for row in reading.rows]
    assert [(r.date, r.kind.value, r.ref, r.amount, r.done, r.by, r.note, r.evidence)
            for r in records] == [
        (dt.date(2022, 4, 2), "target", "lectures", 2, False, "pop-dept", "社区讲座", "https://x/1"),
        (dt.date(2022, 6, 1), "target", "lectures", 1, False, None, None, None),
        (dt.date(2022, 6, 2), "target", "plan-doc", None, True, "office", None, None),
        (dt.date(2022, 6, 3), "measure", "pop-bases", None, False, None, "进展", None),
    ]  # fmt: skip
    assert [row.row for row in reading.rows] == [3, 5, 6, 7]
    assert [row.name for row in reading.rows] == [
        "科普讲座",
        "科普讲座",
        "五年规划",
        "科普基地建设",
    ]
    assert all(r.id.startswith("I") and len(r.id) == 16 for r in records)


def test_columns_in_any_order_in_english_with_extra_columns_said(plan) -> None:
    header = ("No.", "note", "Item", "contact", "DATE", "amount")
    reading = read_form(
        plan,
        [sheet(("1", "讲座", "lectures", "张三", "2022-05-01", "2"), header=header)],
        TODAY,
    )
    assert reading.problems == []
    assert [(r.record.ref, r.record.amount, r.record.note) for r in reading.rows] == [
        ("lectures", 2, "讲座")
    ]
    assert reading.notes == [
        ("import.columns_ignored", {"place": "a.xlsx:填报表", "columns": "No., contact"})
    ]


def test_every_bad_cell_is_reported_at_its_cell(plan) -> None:
    reading = read_form(
        plan,
        [
            sheet(
                ("2022-13-01", "科普讲坛", 2.5, "也许", None, None, "科协"),
                (None, "科普讲座", 1, None, None, None, None),
                ("2022-07-01", None, None, None, None, None, None),
                (dt.date(2022, 6, 1), "五年规划", 2, None, None, None, None),
                (dt.date(2023, 1, 5), "科普宣传周", 1, "是", None, None, None),
                (dt.date(2022, 6, 1), "科普讲座", None, "是", None, None, None),
            )
        ],
        TODAY,
    )
    assert reading.rows == []
    assert lines(reading.problems) == [
        "a.xlsx:填报表!A3: error: '2022-13-01' is not a date (write it as 2021-03-12)",
        "a.xlsx:填报表!B3: error: no target, activity or measure is called '科普讲坛'; "
        "did you mean '科普讲座'?",
        "a.xlsx:填报表!C3: error: amount '2.5' is not a whole number from 1 to 999999999",
        "a.xlsx:填报表!D3: error: '也许' is neither 是 (yes) nor 否 (no)",
        "a.xlsx:填报表!G3: error: no unit has id '科协'",
        "a.xlsx:填报表!A4: error: the date is missing",
        "a.xlsx:填报表!A5: error: date 2022-07-01 is in the future (today is 2022-06-30)",
        "a.xlsx:填报表!B5: error: the item is missing: which target, activity or measure?",
        "a.xlsx:填报表!C6: error: 'plan-doc' is a milestone: it is done or not, leave the "
        "amount empty",
        "a.xlsx:填报表!D6: error: 'plan-doc' is a milestone: write 是 (yes) under done when "
        "it is completed",
        "a.xlsx:填报表!A7: error: date 2023-01-05 is in the future (today is 2022-06-30)",
        "a.xlsx:填报表!C7: error: an amount is only for counted targets; leave it empty for "
        "this activity",
        "a.xlsx:填报表!D7: error: done is only for milestones and measures; leave it empty "
        "for this activity",
        "a.xlsx:填报表!D8: error: 'lectures' is a counted target: give the amount and leave "
        "done empty",
    ]


def test_a_date_outside_the_period_and_in_chinese(plan) -> None:
    reading = read_form(plan, [sheet((dt.date(2021, 12, 31), "科普讲座"))], TODAY)
    assert lines(reading.problems, "zh") == [
        "a.xlsx:填报表!A3: error: 日期 2021-12-31 不在计划期间 2022-01-01 至 2022-12-31 内"
    ]


def test_a_csv_cell_is_file_line_column(plan) -> None:
    rows = [(1, ("日期", "事项")), (2, ("2022-05-01", "讲坛"))]
    reading = read_form(plan, [RawSheet("u.csv", None, rows, encoding="GB18030")], TODAY)
    assert lines(reading.problems) == [
        "u.csv:2:2: error: no target, activity or measure is called '讲坛'"
    ]
    assert reading.notes == [("import.encoding", {"file": "u.csv", "encoding": "GB18030"})]


def test_an_amount_above_the_whole_goal_is_a_warning(plan) -> None:
    reading = read_form(plan, [sheet((dt.date(2022, 5, 1), "科普讲座", 30))], TODAY)
    assert reading.problems == [] and len(reading.rows) == 1
    assert [error_line(w, "en").replace("error:", "warning:") for w in reading.warnings] == [
        "a.xlsx:填报表!C3: warning: amount 30 is more than the whole goal of 'lectures' "
        "(12 场); is it right?"
    ]


def test_sheets_without_a_header_and_files_without_any(plan) -> None:
    reading = read_form(
        plan,
        [
            sheet(("2022-05-01", "科普讲座")),
            RawSheet("a.xlsx", "说明", [(1, ("随便写写",))]),
            RawSheet("a.xlsx", "目标进度", [(1, ("事项", "完成"))]),  # quiet
            RawSheet("a.xlsx", "选项", [(1, ("日期", "事项"))], hidden=True),
            RawSheet("b.xlsx", "Sheet1", [(1, ("名称", "数量"))]),
        ],
        TODAY,
        quiet=frozenset({"目标进度"}),
    )
    assert len(reading.rows) == 1
    assert reading.notes == [("import.sheets_skipped", {"file": "a.xlsx", "sheets": "说明"})]
    assert lines(reading.problems) == [
        "b.xlsx: error: no header row found: a sheet needs the columns 日期 (date) and 事项 "
        "(item) in one of its first rows"
    ]


def test_two_item_columns_of_an_export_and_a_row_filling_both(plan) -> None:
    header = ("date", "target", "activity", "measure")
    reading = read_form(
        plan,
        [
            sheet(
                ("2022-05-01", "lectures", None, None),
                ("2022-05-02", None, "pop-week", None),
                ("2022-05-03", "lectures", None, "party"),
                header=header,
            )
        ],
        TODAY,
    )
    assert [row.record.ref for row in reading.rows] == ["lectures", "pop-week"]
    assert lines(reading.problems) == [
        "a.xlsx:填报表!D5: error: two item columns are filled in on this row; a row is about "
        "one thing"
    ]


def test_a_column_twice(plan) -> None:
    reading = read_form(plan, [sheet(header=("日期", "事项", "说明", "备注"))], TODAY)
    assert lines(reading.problems) == ["a.xlsx:填报表!D2: error: a second column '说明'; keep one"]


# --- recognising rows ------------------------------------------------------------------


def test_identical_rows_of_one_file_are_two_records_with_their_own_ids(plan) -> None:
    row = (dt.date(2022, 5, 1), "科普讲座", 1, None, "沙龙")
    other = (dt.date(2022, 5, 1), "科普讲座", 1, None, "沙龙 ")  # the same once trimmed
    reading = read_form(plan, [sheet(row, other, row)], TODAY)
    ids = [r.record.id for r in reading.rows]
    assert [r.occurrence for r in reading.rows] == [1, 2, 3]
    assert len(set(ids)) == 3
    again = read_form(plan, [sheet(row, row, row, source="copy.xlsx")], TODAY)
    assert [r.record.id for r in again.rows] == ids  # the same rows anywhere: the same ids


def test_the_id_depends_on_every_field_but_not_on_the_words_for_them(plan) -> None:
    by_name = read_form(plan, [sheet((dt.date(2022, 5, 1), "科普讲座", None, None, "x"))], TODAY)
    by_id = read_form(plan, [sheet(("2022-05-01", "lectures", 1, "否", "x"))], TODAY)
    assert by_name.rows[0].record.id == by_id.rows[0].record.id
    base = Record("", dt.date(2022, 5, 1), target="lectures", amount=1, note="x")
    changed = [
        Record("", dt.date(2022, 5, 2), target="lectures", amount=1, note="x"),
        Record("", dt.date(2022, 5, 1), target="bases", amount=1, note="x"),
        Record("", dt.date(2022, 5, 1), target="lectures", amount=2, note="x"),
        Record("", dt.date(2022, 5, 1), target="lectures", amount=1, note="y"),
        Record("", dt.date(2022, 5, 1), target="lectures", amount=1, note="x", by="office"),
        Record("", dt.date(2022, 5, 1), target="lectures", amount=1, note="x", evidence="e"),
    ]
    ids = {imported_id(r, 1) for r in [base, *changed]} | {imported_id(base, 2)}
    assert len(ids) == 8
    # The same on every machine, every run: as docs/format.md derives it.
    key = '["2022-05-01","target","lectures",1,false,null,"x",null,1]'
    bits = int.from_bytes(hashlib.sha256(key.encode()).digest()[:10], "big") >> 5
    assert imported_id(base, 1) == "I" + "".join(
        "0123456789ABCDEFGHJKMNPQRSTVWXYZ"[(bits >> (5 * k)) & 31] for k in reversed(range(15))
    )


def test_a_name_two_things_share_is_offered_by_id() -> None:
    from kexie_plan.forms import form_of
    from kexie_plan.progress import measure_statuses, status_report
    from kexie_plan.totals import Totals

    plan = load_plan_text(
        "schema: 1\nyear: 2022\norg: o\ntitle: t\nunits: [{id: u, name: 单位}]\n"
        "sections: [{id: s, title: 部分, measures: [{id: m, title: 年会, owner: u}]}]\n"
        "targets: [{id: t, name: 讲座, unit: 场, goal: 3, owner: u}, {id: v, name: 别的, unit: "
        "场, goal: 1}]\n"
        "activities: [{id: a, name: 年会, month: 5, measure: m}]\n"
    )
    totals = Totals()
    report = status_report(plan, totals, dt.date(2022, 3, 1))
    form = form_of(plan, report, measure_statuses(plan, totals, report.as_of), "u",
                   dt.date(2022, 3, 1), dt.date(2022, 3, 31), "2022-03")  # fmt: skip
    assert [(i.kind, i.id, i.choice) for i in form.items] == [
        ("target", "t", "讲座"),
        ("activity", "a", "a"),  # 年会 names the measure too
        ("measure", "m", "m"),
    ]
    assert [t.id for t in form.targets] == ["t"]  # v is no one's
    everyone = form_of(plan, report, (), None, dt.date(2022, 1, 1), dt.date(2022, 12, 31))
    assert [i.id for i in everyone.items] == ["t", "v", "a"]


# --- whatever a cell holds -------------------------------------------------------------

CELLS = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.sampled_from(
        ["科普讲座", "lectures", "是", "否", "2022-05-01", "3.0", "plan-doc", "科普部"]
    ),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2999, 12, 31)),
    st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2999, 12, 31)),
)


@pytest.mark.slow  # a property suite of many examples: the full run has it
@settings(max_examples=300, deadline=None)
@given(rows=st.lists(st.lists(CELLS, min_size=0, max_size=9), max_size=6))
def test_any_cells_give_records_or_located_problems(plan, rows) -> None:
    reading = read_form(plan, [sheet(*rows)], TODAY)
    for problem in reading.problems:
        assert problem.path == "a.xlsx" and problem.sheet == "填报表"
        assert problem.line is not None and problem.line >= 3 and problem.col is not None
        error_line(problem, "zh")  # every message can be worded
    for row in reading.rows:
        assert RecordRules(plan).problems(row.record) == []
        assert row.record.date <= TODAY


@pytest.mark.parametrize(
    ("sheet_name", "place"),
    [("填报表", "填报表!AB7"), ("Sheet_1", "Sheet_1!AB7"), ("My sheet", "'My sheet'!AB7"),
     ("2022", "'2022'!AB7"), ("it's", "'it''s'!AB7")],
)  # fmt: skip
def test_a_cell_is_named_as_excel_names_it(sheet_name: str, place: str) -> None:
    from kexie_plan.errors import PlanError

    problem = PlanError("import.date_missing", {}, "f.xlsx", 7, 28, sheet=sheet_name)
    assert error_line(problem, "en") == f"f.xlsx:{place}: error: the date is missing"
