"""Warnings, never refusals, about a record about to be written (checks.RecordRules.warnings):
an amount that takes a target past twice its goal's top, and what looks like a double
entry (the same target or measure, date and note as a record that stands). Both on
stderr, in both languages; the record is written and the exit code is 0.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import SMALL_PLAN, write_plan

from kexie_plan.checks import RecordRules
from kexie_plan.cli import recording
from kexie_plan.ledger import HEADER
from kexie_plan.plan import plan_from_data
from kexie_plan.record import Record
from kexie_plan.render.text import warning_line
from kexie_plan.totals import totals_of

DAY = dt.date(2021, 5, 1)


def plan_with(targets: list[dict]):
    return plan_from_data({"schema": 1, "year": 2021, "org": "o", "title": "t", "targets": targets})


PLAN = plan_with(
    [
        {"id": "salons", "name": "沙龙", "unit": "场", "goal": "3+"},
        {"id": "forums", "name": "论坛", "unit": "场", "goal": "3-5"},
        {"id": "bases", "name": "基地", "unit": "个", "goal": 100},
        {
            "id": "raised",
            "name": "调增",
            "unit": "个",
            "goal": 10,
            "adjustments": [{"date": dt.date(2021, 7, 1), "goal": 40, "reason": "调增"}],
        },
        {"id": "prep", "name": "筹备", "kind": "milestone"},
    ]
)


def counted(target: str, amount: int, ident: str = "N", note: str | None = None) -> Record:
    return Record(id=ident, date=DAY, target=target, amount=amount, note=note)


@pytest.mark.parametrize(
    ("before", "new", "warned"),
    [
        (
            [],
            counted("bases", 250),
            "amount 250 takes 'bases' to 250, more than twice its goal of 100",
        ),
        ([], counted("bases", 200), None),  # twice the goal is not past it
        (
            [counted("bases", 150, "A")],
            counted("bases", 51),
            "amount 51 takes 'bases' to 201, more than twice its goal of 100",
        ),
        ([counted("bases", 250, "A")], counted("bases", 1), None),  # already past: said once
        ([], counted("salons", 7), "amount 7 takes 'salons' to 7, more than twice its goal of 3+"),
        ([], counted("salons", 6), None),
        (
            [],
            counted("forums", 11),
            "amount 11 takes 'forums' to 11, more than twice its goal of 3-5",
        ),
        ([], counted("forums", 10), None),
        ([], counted("raised", 80), None),  # the highest goal of the year counts: 40
        (
            [],
            counted("raised", 81),
            "amount 81 takes 'raised' to 81, more than twice its goal of 40",
        ),
        # a reverted record does not count toward the total
        (
            [counted("bases", 150, "A"), Record(id="R", date=DAY, revert="A")],
            counted("bases", 60),
            None,
        ),
        ([], Record(id="N", date=DAY, target="prep", done=True), None),
    ],
)
def test_past_twice_the_goal(before, new, warned) -> None:
    found = RecordRules(PLAN).warnings(new, totals_of(before), [])
    assert [warning_line(w, "en").removeprefix("kexie: warning: ") for w in found] == (
        [] if warned is None else [f"{warned}; check the amount"]
    )


def test_the_same_target_date_and_note_as_a_record_that_stands() -> None:
    rules = RecordRules(PLAN)
    same = counted("salons", 1, "A", note="第一期")
    standing = totals_of([same])

    def said(new: Record, same_day: list[Record], totals=standing) -> list[str]:
        return [warning_line(w, "en") for w in rules.warnings(new, totals, same_day)]

    assert said(counted("salons", 2, note="第一期"), [same]) == [
        "kexie: warning: record A already has 'salons' on 2021-05-01 with the same note; "
        "is this a double entry?"
    ]
    assert said(counted("salons", 1, note="第二期"), [same]) == []
    assert said(counted("forums", 1, note="第一期"), [same]) == []
    other_day = Record(id="B", date=DAY.replace(day=2), target="salons", note="第一期")
    assert said(counted("salons", 1, note="第一期"), [other_day]) == []
    # a reverted record is no double
    reverted = totals_of([same, Record(id="R", date=DAY, revert="A")])
    assert said(counted("salons", 1, note="第一期"), [same], reverted) == []
    # without notes on either, the same
    bare = counted("salons", 1, "C")
    assert said(counted("salons", 1), [bare], totals_of([bare])) == [
        "kexie: warning: record C already has 'salons' on 2021-05-01, also without a note; "
        "is this a double entry?"
    ]
    # a measure's note said twice: the totals know its notes
    noted = totals_of([Record(id="M", date=DAY, measure="m", note="党课")])
    assert said(Record(id="N", date=DAY, measure="m", note="党课"), [], noted) == [
        "kexie: warning: record M already has 'm' on 2021-05-01 with the same note; "
        "is this a double entry?"
    ]
    assert said(Record(id="N", date=DAY, measure="m", note="党史"), [], noted) == []
    # a reversal is never warned about
    assert said(Record(id="N", date=DAY, revert="A"), [same]) == []


def test_the_ledger_is_searched_only_when_the_target_has_a_record_that_day() -> None:
    def unread():
        raise AssertionError("the same-day records were read")
        yield

    rules = RecordRules(PLAN)
    other_day = totals_of([Record(id="A", date=DAY.replace(day=2), target="salons")])
    assert rules.warnings(counted("salons", 1), other_day, unread()) == []
    assert rules.warnings(counted("forums", 1), other_day, unread()) == []
    measure = totals_of([Record(id="M", date=DAY, measure="m", note="x")])
    assert rules.warnings(Record(id="N", date=DAY, measure="m"), measure, unread()) == []


# --- through kexie record ---------------------------------------------------------------


@pytest.fixture
def ledger(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("KEXIE_TODAY", "2021-06-30")
    monkeypatch.setattr(recording, "interactive", lambda: False)
    text = HEADER + "- {id: A1, date: 2021-03-12, target: haizhi-salons, note: 第一期}\n"
    return write_plan(tmp_path, SMALL_PLAN, text).with_name("2021.progress.yaml")


def test_a_large_amount_is_written_with_a_warning(ledger, kexie) -> None:
    done = kexie("record", "论坛", "250", "--date", "2021-05-01", "--yes", lang="en")
    assert done.code == 0
    assert done.err == (
        "kexie: warning: amount 250 takes 'intl-forums' to 250, more than twice its goal of "
        "3-5; check the amount\n"
    )
    assert (
        ledger.read_text("utf-8")
        .splitlines()[-1]
        .endswith("date: 2021-05-01, target: intl-forums, amount: 250}")
    )
    assert done.out.splitlines()[-1] == "国际学术交流论坛 (intl-forums): 250 / 3-5 场"


def test_a_double_entry_is_written_with_a_warning_in_chinese(ledger, kexie) -> None:
    args = ("record", "海智沙龙", "--date", "3/12", "--note", "第一期", "--yes")
    done = kexie(*args, lang="zh")
    assert done.code == 0
    assert done.err == (
        "kexie: warning: 记录 A1 已记有 2021-03-12 的 'haizhi-salons'，说明也相同；是否重复录入？\n"
    )
    assert len(ledger.read_text("utf-8").splitlines()) == HEADER.count("\n") + 2


def test_a_dry_run_warns_too_and_writes_nothing(ledger, kexie) -> None:
    before = ledger.read_bytes()
    done = kexie("record", "海智沙龙", "7", "--dry-run", lang="zh")
    assert done.code == 0
    assert done.err == (
        "kexie: warning: 数量 7 使 'haizhi-salons' 累计达到 8，超过目标 3+ 的两倍；请核对数量\n"
    )
    assert ledger.read_bytes() == before
