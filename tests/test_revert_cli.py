"""`kexie revert` with less typing: the start of an id (as git takes a commit's), --last
[--by UNIT], and a confirmation that says what is being undone.

Today is 2021-06-30; every refusal exits 2 with one line and leaves the ledger as it was.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from conftest import SMALL_PLAN, write_plan

from kexie_plan.cli import recording
from kexie_plan.ledger import HEADER, read_ledger

LEDGER = HEADER + (
    "- {id: 01F0000000AAAAAA, date: 2021-03-20, activity: salon-spring, by: haizhi-office, "
    "note: 春季}\n"
    "- {id: 01F0000000BBBBBB, date: 2021-04-02, target: intl-forums, amount: 2, by: pop-dept}\n"
    "- {id: 01F0000000CCCCCC, date: 2021-04-03, revert: 01F0000000BBBBBB}\n"
    "- {id: 01F0000001DDDDDD, date: 2021-05-02, target: haizhi-salons, amount: 1, "
    "by: haizhi-office, note: 第二期}\n"
    "- {id: rec-1, date: 2021-05-10, target: museum-prep, done: true}\n"
    "- {id: rec-10, date: 2021-05-11, measure: party-building, note: 学习}\n"
    "- {id: 01F0000002EEEEEE, date: 2021-05-03, measure: party-building, note: 党课}\n"
)


@pytest.fixture
def ledger(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("KEXIE_LANG", "en")
    monkeypatch.setenv("KEXIE_TODAY", "2021-06-30")
    monkeypatch.setattr(recording, "interactive", lambda: False)
    return write_plan(tmp_path, SMALL_PLAN, LEDGER).with_name("2021.progress.yaml")


def written(ledger: Path) -> str:
    """Return the ledger's last line with its new id as NEW."""
    last = read_ledger(ledger).records[-1]
    return ledger.read_text("utf-8").splitlines()[-1].replace(last.id, "NEW")


# --- the start of an id ------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["01F0000001", "01f0000001", "01F0000001DDDDDD", " 01F0000001D "])
def test_the_start_of_an_id_names_its_record(ledger, run, typed) -> None:
    code, out, err = run("revert", typed, "--yes")
    assert (code, err) == (0, "")
    assert written(ledger) == "- {id: NEW, date: 2021-06-30, revert: 01F0000001DDDDDD}"
    assert out.splitlines()[1:] == [
        "reverts: 2021-05-02 海智沙龙 (haizhi-salons) · 1 场 · by 海智办 · note: 第二期",
        "海智沙龙 (haizhi-salons): 1 / 3+ 场",
    ]


def test_a_whole_id_is_taken_before_the_ids_it_starts(ledger, run) -> None:
    code, out, err = run("revert", "rec-1", "--dry-run")
    assert (code, err) == (0, "")
    assert out.splitlines()[1] == "reverts: 2021-05-10 市科技馆新馆筹备 (museum-prep) · done"
    code, out, err = run("revert", "rec-1", "--dry-run", "--lang", "zh")
    assert out.splitlines()[1] == "撤销：2021-05-10 市科技馆新馆筹备（museum-prep） · 完成"


REFUSALS = [
    (
        ["01F000000"],
        "'01F000000' is the start of more than one record id: 01F0000000AAAAAA (2021-03-20 "
        "salon-spring), 01F0000000BBBBBB (2021-04-02 intl-forums), 01F0000000CCCCCC "
        "(2021-04-03 01F0000000BBBBBB), 01F0000001DDDDDD (2021-05-02 haizhi-salons), "
        "01F0000002EEEEEE (2021-05-03 party-building); give more of the id",
    ),
    (
        ["rec-"],
        "'rec-' is the start of more than one record id: rec-1 (2021-05-10 museum-prep), "
        "rec-10 (2021-05-11 party-building); give more of the id",
    ),
    (
        ["01F"],
        "'01F' is too short to pick a record: give at least 4 characters of its id",
    ),
    (["01G0"], "no record has id '01G0'"),
    (["01F0000000BBBBBC"], "no record has id '01F0000000BBBBBC'; did you mean '01F0000000BBBBBB'?"),
    (
        ["01F0000000B"],
        "record '01F0000000BBBBBB' is already reverted by 01F0000000CCCCCC (2021-04-03)",
    ),
    (
        ["01F0000000C"],
        "record '01F0000000CCCCCC' is itself a reversal and cannot be reverted; record it "
        "again instead",
    ),
    (
        [],
        "say which record to revert: kexie revert ID (or the start of its id), or kexie "
        "revert --last",
    ),
    (["rec-1", "--last"], "give the record's ID or --last, not both"),
    (["--last", "--by", "pop-dept"], "no record by 'pop-dept' to revert"),
    (["--last", "--by", "nobody"], "no unit has id 'nobody'"),
]


@pytest.mark.parametrize(("args", "message"), REFUSALS, ids=[" ".join(a) for a, _ in REFUSALS])
def test_refusals(ledger, run, args, message) -> None:
    before = ledger.read_bytes()
    code, out, err = run("revert", *args, "--yes")
    assert (code, out, err) == (2, "", f"kexie: error: {message}\n")
    assert ledger.read_bytes() == before


def test_an_ambiguous_start_names_eight_ids_at_most(ledger, run) -> None:
    lines = [
        f"- {{id: 01H000000{n}AAAAAA, date: 2021-05-01, target: haizhi-salons}}\n"
        for n in range(10)
    ]
    with ledger.open("a", encoding="utf-8") as handle:
        handle.writelines(lines)
    code, out, err = run("revert", "01H0", "--yes")
    named = ", ".join(f"01H000000{n}AAAAAA (2021-05-01 haizhi-salons)" for n in range(8))
    assert (code, out) == (2, "")
    assert err == (
        f"kexie: error: '01H0' is the start of more than one record id: {named}, …; "
        "give more of the id\n"
    )
    code, _, err = run("revert", "01H0000009", "--yes")
    assert (code, err) == (0, "")


def test_refusals_in_chinese(ledger, run) -> None:
    code, _, err = run("revert", "rec-", "--lang", "zh")
    assert (code, err) == (
        2,
        "kexie: error: 'rec-' 是多条记录 id 的开头：rec-1 (2021-05-10 museum-prep), rec-10 "
        "(2021-05-11 party-building)；请多写几位\n",
    )
    code, _, err = run("revert", "--lang", "zh")
    assert err == (
        "kexie: error: 请指明要撤销的记录：kexie revert ID（或 id 的开头），"
        "或 kexie revert --last\n"
    )


# --- --last [--by UNIT] ------------------------------------------------------------------


def test_last_reverts_the_latest_record_that_stands(ledger, run) -> None:
    code, out, err = run("revert", "--last", "--yes")
    assert (code, err) == (0, "")
    assert written(ledger) == "- {id: NEW, date: 2021-06-30, revert: 01F0000002EEEEEE}"
    assert out.splitlines()[1:] == [
        "reverts: 2021-05-03 强化政治引领,实施党建强会 (party-building) · note: 党课",
        "强化政治引领,实施党建强会 (party-building): 1 record",
    ]
    # the reversal is now the last line, and what it reverts no longer stands
    code, out, err = run("revert", "--last", "--yes")
    assert (code, err) == (0, "")
    assert written(ledger) == "- {id: NEW, date: 2021-06-30, revert: rec-10}"


def test_last_by_a_unit_reverts_its_latest_and_records_who(ledger, run) -> None:
    code, out, err = run("revert", "--last", "--by", "海智办", "--yes")
    assert (code, err) == (0, "")
    assert written(ledger) == (
        "- {id: NEW, date: 2021-06-30, revert: 01F0000001DDDDDD, by: haizhi-office}"
    )
    code, out, err = run("revert", "--last", "--by", "haizhi-office", "--yes")
    assert (code, err) == (0, "")
    assert written(ledger) == (
        "- {id: NEW, date: 2021-06-30, revert: 01F0000000AAAAAA, by: haizhi-office}"
    )
    assert out.splitlines()[1] == (
        "reverts: 2021-03-20 春季海智沙龙 (salon-spring) · by 海智办 · note: 春季"
    )
    code, out, err = run("revert", "--last", "--by", "haizhi-office", "--yes")
    assert (code, out, err) == (2, "", "kexie: error: no record by 'haizhi-office' to revert\n")


def test_last_in_a_ledger_with_nothing_standing(ledger, run) -> None:
    ledger.write_text(
        HEADER + "- {id: A1, date: 2021-03-20, target: haizhi-salons}\n"
        "- {id: A2, date: 2021-03-21, revert: A1}\n",
        "utf-8",
    )
    code, out, err = run("revert", "--last", "--yes")
    assert (code, out) == (2, "")
    assert err == ("kexie: error: no record to revert: every record is reverted or is a reversal\n")
    ledger.unlink()
    assert run("revert", "--last", "--yes")[2] == err


def test_last_uses_the_cache_and_sees_lines_added_since(ledger, run) -> None:
    run("status")  # fills the cache
    with ledger.open("a", encoding="utf-8") as handle:
        handle.write("- {id: LATE1, date: 2021-06-01, target: haizhi-salons, note: 后补}\n")
    code, out, err = run("revert", "--last", "--dry-run")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        out.splitlines()[0],
        "reverts: 2021-06-01 海智沙龙 (haizhi-salons) · 1 场 · note: 后补",
    ]
    assert out.startswith("dry run, not written: - {id: ")


# --- the confirmation says what is undone --------------------------------------------------


def test_a_terminal_sees_what_it_undoes_before_saying_yes(ledger, monkeypatch, run) -> None:
    before = ledger.read_bytes()
    monkeypatch.setattr(recording, "interactive", lambda: True)
    monkeypatch.setattr(sys, "stdin", io.StringIO("n\n"))
    code, out, err = run("revert", "01F0000001")
    assert (code, err) == (4, "cancelled; nothing written\n")
    lines = out.splitlines()
    assert lines[0].endswith(", date: 2021-06-30, revert: 01F0000001DDDDDD}")
    assert lines[1:] == [
        "reverts: 2021-05-02 海智沙龙 (haizhi-salons) · 1 场 · by 海智办 · note: 第二期",
        "Write this record? [y/n] (y): ",
    ]
    assert ledger.read_bytes() == before


def test_what_it_undoes_is_shown_literally(ledger, run) -> None:
    with ledger.open("a", encoding="utf-8") as handle:
        handle.write(
            '- {id: ESC1, date: 2021-06-01, target: haizhi-salons, note: "[red]x\\e[31m"}\n'
        )
    code, out, err = run("revert", "ESC1", "--dry-run")
    assert (code, err) == (0, "")
    assert (
        out.splitlines()[1]
        == "reverts: 2021-06-01 海智沙龙 (haizhi-salons) · 1 场 · note: [red]x\\x1b[31m"
    )


def test_no_closest_id_is_looked_for_in_a_large_ledger(ledger, run, monkeypatch) -> None:
    from kexie_plan import loader

    monkeypatch.setattr(loader, "HINT_LIMIT", 6)  # the ledger holds 7 records
    code, out, err = run("revert", "01F0000000BBBBBC", "--yes")
    assert (code, out, err) == (2, "", "kexie: error: no record has id '01F0000000BBBBBC'\n")
