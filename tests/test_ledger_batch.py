"""Appending an import: several records in one write under one lock, all or nothing; and
what the ledger says about records about to be written (ids already there, an activity
held, a milestone done, by the ledger or by an earlier row of the same import)."""

from __future__ import annotations

import datetime as dt
import errno
import os
import sys
from pathlib import Path

import pytest

from kexie_plan import ledger as ledger_module
from kexie_plan.errors import PlanError, PlanErrors
from kexie_plan.ledger import HEADER, append_records
from kexie_plan.loader import conflict, recorded_ids
from kexie_plan.planfile import load_plan_text
from kexie_plan.record import Record

DAY = dt.date(2022, 5, 1)
RECORDS = [
    Record("IAAAAAAAAAAAAAA1", DAY, target="t", amount=2, note="一"),
    Record("IAAAAAAAAAAAAAA2", DAY, target="t", amount=1, note="二"),
    Record("IAAAAAAAAAAAAAA3", DAY, measure="m", done=True),
]
LINES = [
    "- {id: IAAAAAAAAAAAAAA1, date: 2022-05-01, target: t, amount: 2, note: 一}\n",
    "- {id: IAAAAAAAAAAAAAA2, date: 2022-05-01, target: t, amount: 1, note: 二}\n",
    "- {id: IAAAAAAAAAAAAAA3, date: 2022-05-01, measure: m, done: true}\n",
]


def test_records_go_in_one_write(tmp_path: Path, monkeypatch) -> None:
    ledger = tmp_path / "l.progress.yaml"
    ledger.write_text("# h\n- {id: A1, date: 2022-04-01, target: t}", encoding="utf-8")
    writes = []
    real_write = os.write

    def counted(fd: int, data: bytes) -> int:
        writes.append(data)
        return real_write(fd, data)

    monkeypatch.setattr(ledger_module.os, "write", counted)
    assert append_records(ledger, RECORDS, "L") == LINES
    assert writes == [("\n" + "".join(LINES)).encode("utf-8")]  # after the torn line's end
    assert ledger.read_text("utf-8").endswith("target: t}\n" + "".join(LINES))


def test_a_new_ledger_gets_its_header_once(tmp_path: Path) -> None:
    ledger = tmp_path / "l.progress.yaml"
    append_records(ledger, RECORDS, "L")
    assert ledger.read_text("utf-8") == HEADER + "".join(LINES)


def test_no_records_touch_nothing(tmp_path: Path) -> None:
    ledger = tmp_path / "l.progress.yaml"
    assert append_records(ledger, [], "L") == []
    assert not ledger.exists()


@pytest.mark.parametrize("written", [0, 17, 100])
def test_a_full_disk_takes_every_record_back(tmp_path: Path, monkeypatch, written: int) -> None:
    ledger = tmp_path / "l.progress.yaml"
    ledger.write_text("# h\n", encoding="utf-8")
    real_write = os.write

    def full(fd: int, data: bytes) -> int:
        if written:
            return real_write(fd, data[:written])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(ledger_module.os, "write", full)
    with pytest.raises(PlanErrors) as caught:
        append_records(ledger, RECORDS, "L")
    assert caught.value.errors[0].code == "ledger_unwritable"
    assert ledger.read_text("utf-8") == "# h\n"


def test_one_record_too_long_and_none_is_written(tmp_path: Path) -> None:
    ledger = tmp_path / "l.progress.yaml"
    too_long = Record("IAAAAAAAAAAAAAA4", DAY, target="t", note="长" * 30_000)
    with pytest.raises(PlanErrors) as caught:
        append_records(ledger, [*RECORDS, too_long], "L")
    assert caught.value.errors[0].code == "record_too_long"
    assert not ledger.exists()


@pytest.mark.skipif(sys.platform == "win32", reason="flock")
def test_the_guard_runs_under_the_lock_and_may_refuse(tmp_path: Path) -> None:
    import fcntl

    ledger = tmp_path / "l.progress.yaml"
    ledger.write_text("# h\n", encoding="utf-8")
    seen = []

    def guard() -> None:
        with open(ledger, "rb") as other:
            try:
                fcntl.flock(other.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                seen.append("locked")
        raise PlanErrors([PlanError("import.changed", {"count": 1})])

    with pytest.raises(PlanErrors):
        append_records(ledger, RECORDS, "L", guard)
    assert seen == ["locked"]
    assert ledger.read_text("utf-8") == "# h\n"


# --- what the ledger holds now ---------------------------------------------------------

PLAN = """\
schema: 1
year: 2022
org: 某区科协
title: 测试
sections:
  - {id: s, title: 部分, measures: [{id: m, title: 措施}]}
targets:
  - {id: t, name: 讲座, unit: 场, goal: 3+}
  - {id: doc, name: 规划, kind: milestone}
activities:
  - {id: a, name: 年会, month: 5}
  - {id: b, name: 启动会, month: 6, target: doc}
"""


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    path = tmp_path / "2022.progress.yaml"
    path.write_text(
        "- {id: IAAAAAAAAAAAAAA1, date: 2022-05-01, target: t}\n"
        '- {"id": "IAAAAAAAAAAAAAA2", "date": "2022-05-02", "activity": "a"}\n'
        '- {id: "I\\x41AAAAAAAAAAAAA9", date: 2022-05-03, target: t}\n'  # spelled with an escape
        "- {id: 01G0000000AAAAAA, date: 2022-05-04, target: t, note: IAAAAAAAAAAAAAA3}\n"
        "- {id: R1, date: 2022-05-05, revert: IAAAAAAAAAAAAAA2}\n",
        encoding="utf-8",
    )
    return path


def test_recorded_ids_finds_ids_in_every_form_and_not_in_notes(ledger: Path) -> None:
    wanted = {"IAAAAAAAAAAAAAA1", "IAAAAAAAAAAAAAA2", "IAAAAAAAAAAAAAA3", "IAAAAAAAAAAAAAA9"}
    assert recorded_ids(ledger, "L", wanted) == {
        "IAAAAAAAAAAAAAA1",
        "IAAAAAAAAAAAAAA2",  # reverted, but recorded: it is not imported again
        "IAAAAAAAAAAAAAA9",
    }
    assert recorded_ids(ledger, "L", set()) == set()
    assert recorded_ids(ledger.with_name("none.yaml"), "L", wanted) == set()


def test_an_earlier_row_counts_as_if_it_were_in_the_ledger(ledger: Path) -> None:
    plan = load_plan_text(PLAN)
    held = Record("IX1", dt.date(2022, 5, 9), activity="a")
    # a's holding in the ledger is reverted: holding it is allowed, once
    assert conflict(plan, ledger, "L", held) is None
    again = Record("IX2", dt.date(2022, 5, 10), activity="a")
    assert conflict(plan, None, "L", again, [held]) == PlanError(
        "record.held_twice", {"id": "a", "date": "2022-05-09", "record": "IX1"}
    )
    done = Record("IX3", dt.date(2022, 6, 9), target="doc", done=True)
    opening = Record("IX4", dt.date(2022, 6, 1), activity="b")  # completes doc
    assert conflict(plan, None, "L", done, [held, opening]) == PlanError(
        "record.done_twice", {"id": "doc", "date": "2022-06-01", "record": "IX4"}
    )
    assert conflict(plan, None, "L", done, [held]) is None
