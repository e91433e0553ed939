"""`totals` and `totals_cache`: the sums `kexie record` prints, kept between runs.

Whatever order records and reversals come in, and however the ledger grew between two
reads, the totals equal those of one fresh read, and those agree with `progress.tally`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kexie_plan import totals_cache
from kexie_plan.ledger import HEADER, format_record, read_ledger
from kexie_plan.planfile import load_plan_text
from kexie_plan.progress import tally
from kexie_plan.record import Record
from kexie_plan.totals import Totals
from kexie_plan.totals_cache import cache_file, ledger_totals

PLAN = load_plan_text("""\
schema: 1
year: 2021
org: 某市科协
title: 测试计划
sections:
  - id: s
    title: 部分
    measures:
      - {id: party-building, title: 党建强会}
targets:
  - {id: salons, name: 海智沙龙, unit: 场, goal: 3+}
  - {id: forums, name: 论坛, unit: 场, goal: 3-5}
  - {id: museum-prep, name: 科技馆筹备, kind: milestone}
activities:
  - {id: salon, name: 海智沙龙活动, month: 3, target: salons}
  - {id: sci-day, name: 科技工作者日, month: 5}
""")
IDS = [f"01F{n:013d}" for n in range(8)]


def fresh(records: list[Record]) -> Totals:
    """Return the totals of the records read at once: reversals first, then every record."""
    totals = Totals()
    for r in records:
        totals.cancel(r)
    for r in records:
        totals.add(r)
    return totals


@st.composite
def ledgers(draw: st.DrawFn) -> list[Record]:
    records = []
    for n in range(draw(st.integers(0, 25))):
        kind = draw(st.sampled_from(["target", "milestone", "activity", "measure", "revert"]))
        day = dt.date(2021, draw(st.integers(1, 12)), draw(st.integers(1, 28)))
        ident = draw(st.sampled_from(IDS)) if draw(st.booleans()) else f"01G{n:013d}"
        if kind == "target":
            fields = {"target": draw(st.sampled_from(["salons", "forums"]))}
            fields["amount"] = draw(st.sampled_from([None, 1, 4]))
        elif kind == "milestone":
            fields = {"target": "museum-prep", "done": True}
        elif kind == "activity":
            fields = {"activity": draw(st.sampled_from(["salon", "sci-day"]))}
        elif kind == "measure":
            fields = {"measure": "party-building"}
        else:
            fields = {"revert": draw(st.sampled_from(IDS))}
        records.append(Record(ident, day, line=n + 4, **fields))  # type: ignore[arg-type]
    return records


@given(ledgers())
@settings(max_examples=300)
def test_totals_agree_with_tally_at_a_date_after_every_record(records: list[Record]) -> None:
    totals = fresh(records)
    as_of = max([r.date for r in records], default=dt.date(2021, 1, 1))
    counted = tally(PLAN, records, as_of)
    for target in ("salons", "forums"):
        assert totals.amount(PLAN, target) == counted.amounts.get(target, 0)
    done = totals.completion(PLAN, "museum-prep")
    assert (done[1] if done else None) == counted.done.get("museum-prep")
    for activity in ("salon", "sci-day"):
        held = totals.held_by(activity)
        assert (held[1] if held else None) == counted.held.get(activity)
    cancelled = {r.revert for r in records if r.revert}
    measure_records = [r for r in records if r.measure and r.id not in cancelled]
    assert totals.measures.get("party-building", 0) == len(measure_records)
    assert Totals.from_json(json.loads(json.dumps(totals.as_json()))) == totals


def write(path: Path, records: list[Record], mode: str = "a") -> None:
    with path.open(mode, encoding="utf-8") as handle:
        handle.write("".join(format_record(r) for r in records))


@given(records=ledgers(), cuts=st.lists(st.integers(0, 25), max_size=4))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_cache_gives_what_a_fresh_read_gives_however_the_ledger_grew(
    records: list[Record], cuts: list[int], tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("grow")
    ledger = folder / "2021.progress.yaml"
    ledger.write_text(HEADER, encoding="utf-8")
    done = 0
    for cut in [*sorted(cuts), len(records)]:
        write(ledger, records[done:cut])
        done = max(done, cut)
        cached = ledger_totals(ledger, "L", folder / "cache")
        assert cached.problems == []
        assert cached.totals == ledger_totals(ledger, "L", None).totals
    assert ledger_totals(ledger, "L", None).totals == fresh(records)


def salon(ident: str, day: int = 12, **fields: object) -> Record:
    fields.setdefault("target", "salons")
    return Record(ident, dt.date(2021, 3, day), **fields)  # type: ignore[arg-type]


def test_only_new_lines_are_read_when_the_cache_fits(tmp_path: Path, monkeypatch) -> None:
    ledger, cache = tmp_path / "2021.progress.yaml", tmp_path / "cache"
    write(ledger, [salon(IDS[0]), salon(IDS[1], amount=2)], "w")
    first = ledger_totals(ledger, "L", cache)
    assert (first.reread, first.totals.amounts) == (True, {"salons": 3})
    write(ledger, [salon(IDS[2])])
    reads: list[int] = []
    real = totals_cache.iter_ledger

    def counting(*args, **kwargs):
        reads.append((kwargs.get("start") or totals_cache.Position()).line)
        return real(*args, **kwargs)

    monkeypatch.setattr(totals_cache, "iter_ledger", counting)
    second = ledger_totals(ledger, "L", cache)
    assert (second.reread, second.totals.amounts) == (False, {"salons": 4})
    assert reads == [2, 2]  # the search for reversals and the read, both from line 3 on


def test_a_reversal_of_an_older_record_takes_it_back(tmp_path: Path) -> None:
    ledger, cache = tmp_path / "2021.progress.yaml", tmp_path / "cache"
    held = Record(IDS[1], dt.date(2021, 3, 1), activity="salon")
    write(ledger, [salon(IDS[0], amount=5), held])
    assert ledger_totals(ledger, "L", cache).totals.amount(PLAN, "salons") == 6
    # as a merge from another clone would bring them
    write(
        ledger,
        [salon(IDS[2], revert=IDS[0], target=None), salon(IDS[3], revert=IDS[1], target=None)],
    )
    totals = ledger_totals(ledger, "L", cache).totals
    assert (totals.amount(PLAN, "salons"), totals.held) == (0, {})
    assert totals.cancelled == {IDS[0], IDS[1]}


@pytest.mark.parametrize(
    "change",
    [
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: data.replace(b"amount: 2", b"amount: 7"),  # rewritten, same length
        lambda data: b"# a new first line\n" + data,  # something put before
    ],
)
def test_a_ledger_changed_other_than_by_appending_is_read_again(tmp_path: Path, change) -> None:
    ledger, cache = tmp_path / "2021.progress.yaml", tmp_path / "cache"
    write(ledger, [salon(IDS[0], amount=2), salon(IDS[1], amount=3)], "w")
    ledger_totals(ledger, "L", cache)
    ledger.write_bytes(change(ledger.read_bytes()))
    again = ledger_totals(ledger, "L", cache)
    assert again.reread is True
    assert again.totals == ledger_totals(ledger, "L", None).totals


def test_bad_lines_are_reported_every_time_and_a_torn_line_until_it_is_complete(
    tmp_path: Path,
) -> None:
    ledger, cache = tmp_path / "2021.progress.yaml", tmp_path / "cache"
    write(ledger, [salon(IDS[0])], "w")
    with ledger.open("a", encoding="utf-8") as handle:
        handle.write("- {id: X, date: 2021-03-12, target: salons, amount: 0}\n- {id: Y, da")
    for _ in range(2):
        counted = ledger_totals(ledger, "L", cache)
        assert [(p.code, p.line) for p in counted.problems] == [
            ("record_amount", 2),
            ("ledger_torn", 3),
        ]
    with ledger.open("a", encoding="utf-8") as handle:
        handle.write("te: 2021-03-12, target: salons}\n")
    counted = ledger_totals(ledger, "L", cache)
    assert [(p.code, p.line) for p in counted.problems] == [("record_amount", 2)]
    assert counted.totals.amounts == {"salons": 2}


def test_an_unusable_cache_only_costs_time(tmp_path: Path) -> None:
    ledger = tmp_path / "2021.progress.yaml"
    write(ledger, [salon(IDS[0])], "w")
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    assert ledger_totals(ledger, "L", blocked / "cache").totals.amounts == {"salons": 1}
    cache = tmp_path / "cache"
    ledger_totals(ledger, "L", cache)
    cache_file(cache, ledger).write_text('{"version": 1, "offset": "x"}')
    assert ledger_totals(ledger, "L", cache).totals.amounts == {"salons": 1}
    os.chmod(cache, 0o500)
    try:
        write(ledger, [salon(IDS[1])])
        assert ledger_totals(ledger, "L", cache).totals.amounts == {"salons": 2}
    finally:
        os.chmod(cache, 0o700)


def test_a_reversal_appended_while_reading_still_takes_its_record_back(
    tmp_path: Path, monkeypatch
) -> None:
    ledger, cache = tmp_path / "2021.progress.yaml", tmp_path / "cache"
    write(ledger, [salon(IDS[0], amount=5), salon(IDS[1])], "w")
    ledger_totals(ledger, "L", cache)
    write(ledger, [salon(IDS[2]), salon(IDS[3], revert=IDS[0], target=None), salon(IDS[4])])
    real = totals_cache.iter_ledger

    def search_finds_nothing_yet(*args, **kwargs):
        return iter(()) if kwargs.get("containing") == b"revert" else real(*args, **kwargs)

    monkeypatch.setattr(totals_cache, "iter_ledger", search_finds_nothing_yet)
    totals = ledger_totals(ledger, "L", cache).totals
    assert totals.amounts == {"salons": 3}
    assert totals == ledger_totals(ledger, "L", None).totals


def test_an_earlier_result_stands_in_for_the_cache(tmp_path: Path, monkeypatch) -> None:
    ledger, cache = tmp_path / "2021.progress.yaml", tmp_path / "cache"
    write(ledger, [salon(IDS[0])], "w")
    before = ledger_totals(ledger, "L", cache)
    write(ledger, [salon(IDS[1], amount=2)])
    monkeypatch.setattr(totals_cache, "_load", lambda *args: pytest.fail("cache read"))
    after = ledger_totals(ledger, "L", cache, since=before)
    assert (after.reread, after.totals.amounts) == (False, {"salons": 3})
    ledger.write_bytes(ledger.read_bytes().replace(b"amount: 2", b"amount: 5"))
    monkeypatch.undo()
    again = ledger_totals(ledger, "L", cache, since=after)  # a changed ledger is read again
    assert (again.reread, again.totals.amounts) == (True, {"salons": 6})


def test_record_prints_the_standing_after_another_clone_reverted_a_record(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    import sys

    from kexie_plan import cli
    from kexie_plan.cli import record as record_command

    class June(dt.date):
        @classmethod
        def today(cls) -> dt.date:
            return dt.date(2021, 6, 30)

    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "2021.yaml").write_text(
        "schema: 1\nyear: 2021\norg: 某市科协\ntitle: 测试计划\n"
        "targets:\n  - {id: salons, name: 海智沙龙, unit: 场, goal: 3+}\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("KEXIE_LANG", "en")
    monkeypatch.setattr(record_command, "date", June)
    monkeypatch.setattr(record_command, "interactive", lambda: False)

    def record(amount: str) -> str:
        monkeypatch.setattr(sys, "argv", ["kexie", "record", "salons", amount])
        with pytest.raises(SystemExit) as exit_info:
            cli.main()
        out, err = capsys.readouterr()
        assert (exit_info.value.code, err) == (0, "")
        return out.splitlines()[1]

    assert record("2") == "海智沙龙 (salons): 2 / 3+ 场"
    first = read_ledger(tmp_path / "plans" / "2021.progress.yaml").records[0]
    assert record("4") == "海智沙龙 (salons): 6 / 3+ 场"
    # a merge brings another clone's reversal of the first record
    write(tmp_path / "plans" / "2021.progress.yaml", [salon(IDS[5], revert=first.id, target=None)])
    assert record("1") == "海智沙龙 (salons): 5 / 3+ 场"
