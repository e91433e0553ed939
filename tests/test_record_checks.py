"""The ledger's record checks: what their shortcuts (the cache of clean field combinations)
must never change, and the hints they give."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import CHECKS_PLAN
from hypothesis import given, settings
from hypothesis import strategies as st

from kexie_plan.checks import RecordRules, check_records
from kexie_plan.planfile import load_plan_text
from kexie_plan.record import Record

PLAN = load_plan_text(CHECKS_PLAN)


PER_RECORD = {"unknown_ref", "record_amount_not_target", "record_amount_milestone",
              "record_done_not_allowed", "record_done_counted", "record_needs_done",
              "date_outside"}  # fmt: skip


IDS = ["A", "B", "C", "D", "E"]


@st.composite
def ledgers(draw: st.DrawFn) -> list[Record]:
    """Draw records good and bad: unknown refs, misplaced amounts, reversals of anything."""
    records = []
    for line in range(1, draw(st.integers(0, 30)) + 1):
        kind = draw(st.sampled_from(["target", "activity", "measure", "revert"]))
        ref = draw(
            st.sampled_from(
                {
                    "target": ["haizhi-salons", "museum-prep", "haizhi-salon"],
                    "activity": ["salon", "sci-day", "salonn"],
                    "measure": ["party-building", "party"],
                    "revert": [*IDS, "Z"],
                }[kind]
            )
        )
        records.append(
            Record(
                id=draw(st.sampled_from(IDS)),
                date=draw(st.sampled_from([dt.date(2021, 3, 12), dt.date(2022, 1, 2)])),
                amount=draw(st.sampled_from([None, 2])),
                done=draw(st.booleans()),
                by=draw(st.sampled_from([None, "haizhi-office", "nobody"])),
                line=line,
                **{kind: ref},  # type: ignore[arg-type]
            )
        )
    return records


@pytest.mark.slow  # a property suite of many examples: the full run has it
@given(ledgers())
@settings(max_examples=300)
def test_the_clean_cache_hides_nothing_and_status_leaves_out_only_duplicate_ids(
    records: list[Record],
) -> None:
    found = check_records(PLAN, records)
    # each record checked alone, by a fresh checker: what the per-record checks find
    alone = [
        p
        for r in records
        for p in check_records(PLAN, [r])
        if p.code in PER_RECORD and p.params.get("kind") != "record"
    ]
    assert [p for p in found if p in alone] == alone
    # one RecordRules over the whole ledger (its clean cache warm) finds the same
    rules = RecordRules(PLAN)
    assert [p for r in records for p in rules.problems(r)] == alone


def test_a_reversal_of_an_unknown_id_gets_a_hint_only_in_a_small_ledger() -> None:
    day = dt.date(2021, 3, 12)
    records = [Record(f"R{n:05d}", day, measure="party-building", line=n) for n in range(10_000)]
    records.append(Record("X1", day, revert="R00017", line=10_000))
    records.append(Record("X2", day, revert="R0001", line=10_001))
    problems = check_records(PLAN, records)
    assert [(p.code, p.params["hint"]) for p in problems] == [("unknown_ref", "")]
    del records[:2]  # 10,000 ids
    problems = check_records(PLAN, records)
    assert [p.code for p in problems] == ["unknown_ref"]
    assert problems[0].params["hint"] in {r.id for r in records}  # a "did you mean" now
