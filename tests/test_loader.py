"""`totals` and `loader`: the one accumulator, and the one loader with its caches.

Whatever order records and reversals come in, and however the ledger grew between two
reads, a cached load gives what a fresh read gives; the totals answer as a plain sum of
the records would; a cache that is stale, foreign or tampered with only costs time.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import SMALL_PLAN, write_plan
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kexie_plan import ledger as ledger_module
from kexie_plan import loader as loader_module
from kexie_plan import planfile
from kexie_plan.cache import write_cached
from kexie_plan.ledger import HEADER, format_record
from kexie_plan.loader import load_book
from kexie_plan.planfile import load_plan_text
from kexie_plan.record import Record
from kexie_plan.totals import Totals, totals_of

PLAN = load_plan_text(SMALL_PLAN)
IDS = [f"01F{n:013d}" for n in range(8)]


@st.composite
def ledgers(draw: st.DrawFn) -> list[Record]:
    records = []
    for n in range(draw(st.integers(0, 25))):
        kind = draw(st.sampled_from(["target", "milestone", "activity", "measure", "revert"]))
        day = dt.date(2021, draw(st.integers(1, 12)), draw(st.integers(1, 28)))
        ident = draw(st.sampled_from(IDS)) if draw(st.booleans()) else f"01G{n:013d}"
        if kind == "target":
            fields = {"target": draw(st.sampled_from(["haizhi-salons", "intl-forums"]))}
            fields["amount"] = draw(st.sampled_from([None, 1, 4]))
        elif kind == "milestone":
            fields = {"target": "museum-prep", "done": True}
        elif kind == "activity":
            fields = {"activity": draw(st.sampled_from(["salon-spring", "sci-day"]))}
        elif kind == "measure":
            fields = {"measure": "party-building", "note": draw(st.sampled_from([None, "进展"]))}
        else:
            fields = {"revert": draw(st.sampled_from(IDS))}
        records.append(Record(ident, day, line=n + 4, **fields))  # type: ignore[arg-type]
    return records


@pytest.mark.slow  # a property suite of many examples: the full run has it
@given(ledgers(), st.dates(dt.date(2021, 1, 1), dt.date(2021, 12, 31)))
@settings(max_examples=300)
def test_totals_answer_what_a_plain_sum_of_the_records_gives(
    records: list[Record], day: dt.date
) -> None:
    totals = totals_of(records)
    cancelled = {r.revert for r in records if r.revert}
    standing = [r for r in records if r.revert is None and r.id not in cancelled and r.date <= day]
    held = {r.activity for r in standing if r.activity}
    for target in ("haizhi-salons", "intl-forums"):
        plain = sum(r.counted for r in standing if r.target == target)
        plain += target == "haizhi-salons" and "salon-spring" in held
        assert totals.amount(PLAN, target, day) == plain
    done = [r.date for r in standing if r.target == "museum-prep"]
    completion = totals.completion(PLAN, "museum-prep", day)
    assert (completion[1] if completion else None) == min(done, default=None)
    for activity in ("salon-spring", "sci-day"):
        holding = totals.held_by(activity, day)
        days = [r.date for r in standing if r.activity == activity]
        assert (holding[1] if holding else None) == min(days, default=None)
    notes = [r for r in standing if r.measure]
    assert len(totals.measure_entries("party-building", day)) == len(notes)
    assert Totals.from_json(json.loads(json.dumps(totals.as_json()))) == totals


def write(path: Path, records: list[Record], mode: str = "a") -> None:
    with path.open(mode, encoding="utf-8") as handle:
        if mode == "w":
            handle.write(HEADER)
        handle.write("".join(format_record(r) for r in records))


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    plan = write_plan(tmp_path, ledger=HEADER)
    return plan.with_name("2021.progress.yaml")


def book(ledger: Path, cache: Path | None):
    return load_book(ledger.with_name("2021.yaml"), cache_dir=cache, shown_ledger="L")


@pytest.mark.slow  # a property suite of many examples: the full run has it
@given(records=ledgers(), cuts=st.lists(st.integers(0, 25), max_size=4))
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_cache_gives_what_a_fresh_read_gives_however_the_ledger_grew(
    records: list[Record], cuts: list[int], tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("grow")
    ledger = write_plan(folder, ledger=HEADER).with_name("2021.progress.yaml")
    done = 0
    for cut in [*sorted(cuts), len(records)]:
        write(ledger, records[done:cut])
        done = max(done, cut)
        cached = book(ledger, folder / "cache")
        fresh = book(ledger, None)
        assert cached.totals == fresh.totals
        assert cached.problems == fresh.problems
    first = HEADER.count("\n") + 1  # the records' lines in the file, after the header
    numbered = [replace(r, line=first + n) for n, r in enumerate(records)]
    assert book(ledger, None).totals == totals_of(numbered)


def salon(ident: str, day: int = 12, **fields: object) -> Record:
    fields.setdefault("target", "haizhi-salons")
    return Record(ident, dt.date(2021, 3, day), **fields)  # type: ignore[arg-type]


def test_only_new_lines_are_read_when_the_cache_fits(ledger: Path, monkeypatch) -> None:
    cache = ledger.parent / "cache"
    write(ledger, [salon(IDS[0]), salon(IDS[1], amount=2)], "w")
    first = book(ledger, cache)
    assert (first.reread, first.totals.amount(PLAN, "haizhi-salons")) == (True, 3)
    write(ledger, [salon(IDS[2])])
    reads: list[int] = []
    real = loader_module.iter_ledger

    def counting(*args, **kwargs):
        reads.append((kwargs.get("start") or loader_module.Position()).line)
        return real(*args, **kwargs)

    monkeypatch.setattr(loader_module, "iter_ledger", counting)
    second = book(ledger, cache)
    assert (second.reread, second.totals.amount(PLAN, "haizhi-salons")) == (False, 4)
    assert reads == [5, 5]  # the search for reversals and the read, both after line 5


def test_the_cache_is_rewritten_only_when_the_lines_past_it_are_many(ledger: Path) -> None:
    cache = ledger.parent / "cache"
    write(ledger, [salon(IDS[0]), salon(IDS[1], amount=2)], "w")
    book(ledger, cache)
    (kept,) = cache.glob("ledger-*[0-9a-f].json")  # not the measure notes
    size, before = kept.stat().st_size, kept.read_bytes()
    write(ledger, [salon(IDS[2])])  # one line: far less than a quarter of the cache
    line = len(format_record(salon(IDS[2])).encode())
    assert line * loader_module.SAVE_RATIO < size
    second = book(ledger, cache)
    assert (second.reread, second.totals.amount(PLAN, "haizhi-salons")) == (False, 4)
    assert kept.read_bytes() == before  # not rewritten, and still used
    third = book(ledger, cache)
    assert (third.reread, third.totals.amount(PLAN, "haizhi-salons")) == (False, 4)
    many = [salon(f"01H{n:013d}") for n in range(size // line + 1)]
    write(ledger, many)  # now the lines past the cache outweigh rewriting it
    fourth = book(ledger, cache)
    assert fourth.totals.amount(PLAN, "haizhi-salons") == 4 + len(many)
    assert kept.read_bytes() != before
    assert book(ledger, cache).totals == book(ledger, None).totals


def note(ident: str, day: int, text: str | None = None, **fields: object) -> Record:
    return Record(ident, dt.date(2021, 4, day), measure="party-building", note=text, **fields)


def test_measure_notes_are_read_when_asked_for_and_rebuilt_when_their_file_is_wrong(
    ledger: Path,
) -> None:
    cache = ledger.parent / "cache"
    write(ledger, [note(IDS[0], 1, "甲"), salon(IDS[1]), note(IDS[2], 3, "乙", done=True)], "w")
    fresh = book(ledger, None).totals
    assert [e[4] for e in fresh.measures["party-building"]] == ["甲", "乙"]
    book(ledger, cache)
    (notes,) = cache.glob("ledger-*.measures.json")
    cached = book(ledger, cache).totals
    assert cached.measures_pending and cached.amount(PLAN, "haizhi-salons") == 1
    assert cached.measures == fresh.measures and not cached.measures_pending
    notes.write_bytes(b"not json")
    assert book(ledger, cache).totals.measures == fresh.measures  # read from the ledger
    # a well-formed file from another state of the ledger (another key): not used
    write_cached(cache, notes.name, {"key": "another", "measures": {"party-building": []}})
    assert book(ledger, cache).totals.measures == fresh.measures
    write(ledger, [Record(IDS[3], dt.date(2021, 5, 1), revert=IDS[0])])
    grown = book(ledger, cache).totals
    assert [e[4] for e in grown.measures["party-building"]] == ["乙"]
    assert grown == book(ledger, None).totals


def test_a_double_entry_is_looked_for_in_the_ledgers_last_bytes(ledger: Path, monkeypatch) -> None:
    write(ledger, [salon(IDS[0], note="甲")], "w")
    write(ledger, [salon(f"01H{n:013d}", day=20, note=f"n{n}") for n in range(300)])
    write(ledger, [salon(IDS[1], note="乙")])
    loaded = book(ledger, None)
    day = dt.date(2021, 3, 12)
    assert [r.id for r in loaded.recent_records_on(day)] == [IDS[1], IDS[0]]
    monkeypatch.setattr(ledger_module, "CHUNK_BYTES", 1000)  # read back 1000 bytes at a time
    monkeypatch.setattr(loader_module, "RECENT_BYTES", 2000)  # about the last 30 lines
    assert [r.id for r in loaded.recent_records_on(day)] == [IDS[1]]


def test_the_plan_is_read_from_its_cache_without_yaml(tmp_path: Path, monkeypatch) -> None:
    plan = write_plan(tmp_path)
    cache = tmp_path / "cache"
    first = planfile.load_plan(plan, cache)
    monkeypatch.setattr(planfile, "compose", lambda *args: pytest.fail("YAML read again"))
    assert planfile.load_plan(plan, cache) == first
    plan.write_text(SMALL_PLAN.replace("3-5", "4-6"), encoding="utf-8")
    monkeypatch.undo()
    assert str(planfile.load_plan(plan, cache).targets[1].goal) == "4-6"


def test_a_reversal_of_an_older_record_takes_it_back(ledger: Path) -> None:
    cache = ledger.parent / "cache"
    held = Record(IDS[1], dt.date(2021, 3, 1), activity="salon-spring")
    write(ledger, [salon(IDS[0], amount=5), held], "w")
    assert book(ledger, cache).totals.amount(PLAN, "haizhi-salons") == 6
    # as a merge from another clone would bring them
    write(
        ledger,
        [salon(IDS[2], revert=IDS[0], target=None), salon(IDS[3], revert=IDS[1], target=None)],
    )
    totals = book(ledger, cache).totals
    assert (totals.amount(PLAN, "haizhi-salons"), totals.held) == (0, {})
    assert totals.cancelled == {IDS[0], IDS[1]}


@pytest.mark.parametrize(
    "change",
    [
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: data.replace(b"amount: 2", b"amount: 7"),  # rewritten, same length
        lambda data: b"# a new first line\n" + data,  # something put before
    ],
)
def test_a_ledger_changed_other_than_by_appending_is_read_again(ledger: Path, change) -> None:
    cache = ledger.parent / "cache"
    write(ledger, [salon(IDS[0], amount=2), salon(IDS[1], amount=3)], "w")
    book(ledger, cache)
    ledger.write_bytes(change(ledger.read_bytes()))
    again = book(ledger, cache)
    assert again.reread is True
    assert again.totals == book(ledger, None).totals


def test_bad_lines_are_reported_every_time_and_a_torn_line_until_it_is_complete(
    ledger: Path,
) -> None:
    cache = ledger.parent / "cache"
    write(ledger, [salon(IDS[0])], "w")
    with ledger.open("a", encoding="utf-8") as handle:
        handle.write("- {id: X, date: 2021-03-12, target: salons, amount: 0}\n- {id: Y, da")
    for _ in range(2):
        loaded = book(ledger, cache)
        assert [(p.code, p.line) for p in loaded.problems] == [
            ("record_amount", 5),
            ("ledger_torn", 6),
        ]
    with ledger.open("a", encoding="utf-8") as handle:
        handle.write("te: 2021-03-12, target: haizhi-salons}\n")
    loaded = book(ledger, cache)
    assert [(p.code, p.line) for p in loaded.problems] == [("record_amount", 5)]
    assert loaded.totals.amount(PLAN, "haizhi-salons") == 2


def test_an_unusable_or_tampered_cache_only_costs_time(ledger: Path) -> None:
    write(ledger, [salon(IDS[0])], "w")
    blocked = ledger.parent / "file"
    blocked.write_text("not a folder")
    assert book(ledger, blocked / "cache").totals.amount(PLAN, "haizhi-salons") == 1
    cache = ledger.parent / "cache"
    book(ledger, cache)
    (kept,) = cache.glob("ledger-*[0-9a-f].json")  # not the measure notes
    # edited to valid JSON with other numbers: its checksum no longer matches
    kept.write_bytes(kept.read_bytes().replace(b'"2021-03-12": 1', b'"2021-03-12": 1000'))
    assert book(ledger, cache).totals.amount(PLAN, "haizhi-salons") == 1
    kept.write_text('{"version": 1, "offset": "x"}')
    assert book(ledger, cache).totals.amount(PLAN, "haizhi-salons") == 1
    os.chmod(cache, 0o500)
    try:
        write(ledger, [salon(IDS[1])])
        assert book(ledger, cache).totals.amount(PLAN, "haizhi-salons") == 2
    finally:
        os.chmod(cache, 0o700)


def test_a_reversal_appended_while_reading_still_takes_its_record_back(
    ledger: Path, monkeypatch
) -> None:
    cache = ledger.parent / "cache"
    write(ledger, [salon(IDS[0], amount=5), salon(IDS[1])], "w")
    book(ledger, cache)
    write(ledger, [salon(IDS[2]), salon(IDS[3], revert=IDS[0], target=None), salon(IDS[4])])
    real = loader_module.iter_ledger

    def search_finds_nothing_yet(*args, **kwargs):
        return iter(()) if kwargs.get("containing") == b"revert" else real(*args, **kwargs)

    monkeypatch.setattr(loader_module, "iter_ledger", search_finds_nothing_yet)
    totals = book(ledger, cache).totals
    assert totals.amount(PLAN, "haizhi-salons") == 3
    monkeypatch.undo()
    assert totals == book(ledger, None).totals


def test_record_prints_the_standing_after_another_clone_reverted_a_record(
    ledger: Path, monkeypatch, kexie
) -> None:
    monkeypatch.chdir(ledger.parent.parent)
    write(ledger, [salon(IDS[0], amount=2)], "w")
    assert kexie("record", "haizhi-salons", "--yes", today="2021-06-30", lang="en").code == 0
    # another clone's reversal of the first record arrives with a merge
    write(ledger, [salon(IDS[1], day=20, revert=IDS[0], target=None)])
    run = kexie("record", "haizhi-salons", "--yes", today="2021-06-30", lang="en")
    assert run.code == 0
    assert run.out.splitlines()[-1] == "海智沙龙 (haizhi-salons): 2 / 3+ 场"
