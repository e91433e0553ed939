"""`checks.check_records`: the ledger's records against the plan, each problem on its line."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import CHECKS_PLAN

from kexie_plan.checks import check_records
from kexie_plan.errors import PlanError
from kexie_plan.planfile import load_plan_text
from kexie_plan.record import Record

PLAN = CHECKS_PLAN

D = dt.date(2021, 3, 12)


def rec(line: int, ident: str, **fields: object) -> Record:
    fields.setdefault("date", D)
    return Record(id=ident, line=line, **fields)  # type: ignore[arg-type]


def on(line: int, code: str, warning: bool = False, **params: object) -> PlanError:
    return PlanError(code, params, line=line, warning=warning)


@pytest.fixture(scope="module")
def plan():
    return load_plan_text(PLAN)


def test_a_good_ledger_has_no_problems(plan) -> None:
    records = [
        rec(1, "A", target="haizhi-salons", amount=2, by="haizhi-office", note="第一期"),
        rec(2, "B", target="haizhi-salons"),
        rec(3, "C", target="museum-prep", done=True),
        rec(4, "D", activity="salon"),
        rec(5, "E", measure="party-building"),
        rec(6, "F", measure="party-building", done=True),
        rec(7, "G", revert="D"),
        rec(8, "H", activity="salon"),  # held again after the first record was reverted
        rec(9, "I", revert="A", date=dt.date(2021, 12, 31)),
    ]
    assert check_records(plan, records) == []


@pytest.mark.parametrize(
    ("record", "problem"),
    [
        (
            rec(3, "A", target="haizhi-salon"),
            on(3, "unknown_ref", kind="target", id="haizhi-salon", hint="haizhi-salons"),
        ),
        (rec(3, "A", activity="nope"), on(3, "unknown_ref", kind="activity", id="nope", hint="")),
        (
            rec(3, "A", measure="party"),
            on(3, "unknown_ref", kind="measure", id="party", hint=""),
        ),
        (
            rec(3, "A", target="museum-prep", amount=2, done=True),
            on(3, "record_amount_milestone", id="museum-prep"),
        ),
        (
            rec(3, "A", activity="salon", amount=1),
            on(3, "record_amount_not_target", kind="activity"),
        ),
        (
            rec(3, "A", measure="party-building", amount=1),
            on(3, "record_amount_not_target", kind="measure"),
        ),
        (
            rec(3, "A", target="haizhi-salons", done=True),
            on(3, "record_done_counted", id="haizhi-salons"),
        ),
        (
            rec(3, "A", activity="salon", done=True),
            on(3, "record_done_not_allowed", kind="activity"),
        ),
        (rec(3, "A", target="museum-prep"), on(3, "record_needs_done", id="museum-prep")),
        (
            rec(3, "A", target="haizhi-salons", date=dt.date(2022, 1, 1)),
            on(
                3,
                "date_outside",
                date="2022-01-01",
                start=dt.date(2021, 1, 1),
                end=dt.date(2021, 12, 31),
            ),
        ),
        (
            rec(3, "A", target="haizhi-salons", by="海智办"),
            on(3, "unknown_ref", kind="unit", id="海智办", hint=""),
        ),
    ],
)
def test_each_rule_names_the_line(plan, record: Record, problem: PlanError) -> None:
    assert check_records(plan, [record]) == [problem]


def test_by_is_free_text_when_the_plan_has_no_units() -> None:
    plan = load_plan_text(PLAN.replace("units:\n  - {id: haizhi-office, name: 海智办}\n", ""))
    assert check_records(plan, [rec(1, "A", target="haizhi-salons", by="张三")]) == []


def test_ids_are_unique(plan) -> None:
    records = [rec(1, "A", measure="party-building"), rec(5, "A", measure="party-building")]
    assert check_records(plan, records) == [on(5, "duplicate_id", id="A", first_line=1)]


def test_reversals(plan) -> None:
    records = [
        rec(1, "A", target="haizhi-salons"),
        rec(2, "R1", revert="A"),
        rec(3, "R2", revert="A"),
        rec(4, "R3", revert="R1"),
        rec(5, "R4", revert="ZZZ"),
        rec(6, "R5", revert="B"),  # B comes later in the file (a merge can order it so)
        rec(7, "B", target="haizhi-salons"),
    ]
    assert check_records(plan, records) == [
        on(3, "revert_twice", warning=True, id="A", first_line=2),  # a merge: counts once
        on(4, "revert_of_revert", id="R1"),
        on(5, "unknown_ref", kind="record", id="ZZZ", hint=""),
    ]


def test_a_reversal_is_dated_on_or_after_its_record_and_may_follow_the_period(plan) -> None:
    records = [
        rec(1, "A", target="haizhi-salons", date=dt.date(2021, 5, 2)),
        rec(2, "B", target="haizhi-salons", date=dt.date(2021, 5, 2)),
        rec(3, "C", target="haizhi-salons", date=dt.date(2021, 12, 30)),
        rec(4, "R1", revert="A", date=dt.date(2021, 5, 1)),
        rec(5, "R2", revert="B", date=dt.date(2021, 5, 2)),  # the same day is fine
        rec(6, "R3", revert="C", date=dt.date(2022, 1, 15)),  # January's correction
    ]
    assert check_records(plan, records) == [
        on(4, "revert_before_record", id="A", record_date="2021-05-02", date="2021-05-01"),
    ]


def test_an_activity_held_twice_is_a_warning_on_the_later_record(plan) -> None:
    records = [rec(2, "A", activity="salon"), rec(9, "B", activity="salon")]
    assert check_records(plan, records) == [
        on(9, "activity_held_twice", warning=True, id="salon", first_line=2)
    ]
    # a merge may put the later-dated record first in the file: the warning is on it
    records = [
        rec(2, "A", activity="salon", date=dt.date(2021, 3, 20)),
        rec(9, "B", activity="salon", date=dt.date(2021, 3, 12)),
    ]
    assert check_records(plan, records) == [
        on(2, "activity_held_twice", warning=True, id="salon", first_line=9)
    ]


def test_a_milestone_done_twice_is_a_warning_on_the_later_record(plan) -> None:
    records = [
        rec(3, "A", target="museum-prep", done=True, date=dt.date(2021, 6, 1)),
        rec(4, "B", target="museum-prep", done=True, date=dt.date(2021, 6, 5)),
        rec(5, "C", target="museum-prep", done=True, date=dt.date(2021, 6, 7)),
        rec(6, "R", revert="C", date=dt.date(2021, 6, 8)),  # C does not count: no warning
    ]
    assert check_records(plan, records) == [
        on(4, "milestone_done_twice", warning=True, id="museum-prep", first_line=3)
    ]


def test_problems_come_in_ledger_order(plan) -> None:
    records = [
        rec(1, "A", target="nope", date=dt.date(2020, 1, 1)),
        rec(2, "A", activity="salon", amount=3),
    ]
    assert [(p.line, p.code) for p in check_records(plan, records)] == [
        (1, "unknown_ref"),
        (1, "date_outside"),
        (2, "record_amount_not_target"),
        (2, "duplicate_id"),
    ]
