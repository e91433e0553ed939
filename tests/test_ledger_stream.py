"""The ledger reader on any bytes: only records and located problems, and the same ones
whether the file is read whole, from a line boundary on, or only where a needle occurs."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kexie_plan import ledger as ledger_module
from kexie_plan.errors import PlanError
from kexie_plan.i18n import text
from kexie_plan.ledger import (
    Position,
    iter_ledger,
    read_ledger,
    read_reversals,
    records_backwards,
)
from kexie_plan.loader import ledger_lines
from kexie_plan.record import Record
from kexie_plan.render.text import error_line

GOOD = [
    b"- {id: A1, date: 2021-03-12, target: t, amount: 2, note: \xe7\xac\xac\xe4\xb8\x80}",
    b"- {id: A2, date: 2021-03-13, revert: A1}",
    b'- {id: A3, date: 2021-03-14, measure: m, note: "revert: A1, \\u202e"}',
    b"- {id: A4, date: 2021-03-14, revert: A9}  # by hand",
]
# Pieces of lines, good and bad, that hypothesis strings together.
PIECES = [
    *GOOD,
    b"\n",
    b"\r\n",
    b"\xef\xbb\xbf",
    b"# comment",
    b"- {id: A5, date: 2021-03-1",
    b"- {id: &a A6, date: 2021-03-12, target: *a}",
    b"- [revert, {id: A7}]",
    b"\xff\xfe",
    b"\x00",
    b"\xed\xa0\x80",
    b"<<<<<<< HEAD",
    b"revert",
    b"{" * 40,
    b"- {id: A8, date: 2021-02-30, revert: A1}",
]


def problems_render(item: PlanError) -> None:
    for lang in ("en", "zh"):
        assert error_line(item, lang)
        text(item.code, lang, **item.params)


@pytest.mark.slow  # a property suite of many examples: the full run has it
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=400) | st.lists(st.sampled_from(PIECES), max_size=20).map(b"".join))
def test_any_bytes_read_as_records_or_located_problems(
    data: bytes, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = tmp_path_factory.getbasetemp() / "fuzz.progress.yaml"
    path.write_bytes(data)
    items = list(iter_ledger(path, "L"))
    for item in items:
        assert type(item) in (Record, PlanError)
        if type(item) is PlanError:
            assert item.path == "L" and item.line is not None
            problems_render(item)
    lines = data.removeprefix(b"\xef\xbb\xbf").split(b"\n")
    for needle in (b"revert", b"A1", b"- "):
        wanted = [r for r in items if type(r) is Record and needle in lines[r.line - 1]]
        found = [r for r in iter_ledger(path, "L", containing=needle) if type(r) is Record]
        assert found == wanted
    assert read_reversals(path, "L") == [r for r in items if type(r) is Record and r.revert]
    # the loader's reader of lines reports the same problems
    problems = [p for p in items if type(p) is PlanError]
    assert ledger_lines(path, "L") == (problems, len(items) - len(problems))


@pytest.mark.slow  # a property suite of many examples: the full run has it
@settings(max_examples=200, deadline=None)
@given(
    lines=st.lists(st.sampled_from(PIECES[:5] + PIECES[9:]), max_size=12),
    cut=st.integers(0, 12),
    chunk=st.sampled_from([7, 64, 1 << 20]),
)
def test_reading_on_from_where_a_read_stopped_gives_the_rest(
    lines: list[bytes], cut: int, chunk: int, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = tmp_path_factory.getbasetemp() / "resume.progress.yaml"
    path.write_bytes(b"\n".join(lines[:cut]))
    reached = Position()
    first = list(iter_ledger(path, "L", reached=reached))
    with path.open("ab") as handle:
        handle.write(b"".join(b"\n" + line for line in lines[cut:]) if cut else b"\n".join(lines))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ledger_module, "CHUNK_BYTES", chunk)
        whole = list(iter_ledger(path, "L"))
        rest = list(iter_ledger(path, "L", start=reached))
    done = [item for item in first if item.line is not None and item.line <= reached.line]
    assert done + rest == whole


def test_a_too_long_line_is_skipped_by_a_search_and_counted(tmp_path: Path) -> None:
    path = tmp_path / "l.progress.yaml"
    long = b"- {id: A0, date: 2021-03-12, measure: m, note: " + b"revert" * 20_000 + b"}"
    path.write_bytes(b"\n".join([GOOD[1], long, GOOD[1].replace(b"A2", b"B2")]) + b"\n")
    assert [(r.id, r.line) for r in read_reversals(path)] == [("A2", 1), ("B2", 3)]
    assert [getattr(i, "code", i.id) for i in read_ledger(path).records] == ["A2", "B2"]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ledger_module, "CHUNK_BYTES", 1000)
        reached = Position()
        assert [(r.id, r.line) for r in read_reversals(path)] == [("A2", 1), ("B2", 3)]
        items = list(iter_ledger(path, reached=reached))
    assert [getattr(i, "code", None) for i in items] == [None, "ledger_line_too_long", None]
    assert reached == Position(path.stat().st_size, 3)


# --- backwards, from where a read stopped (revert --last, completion) --------------------


@pytest.mark.slow  # a property suite of many examples: the full run has it
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.binary(max_size=400) | st.lists(st.sampled_from(PIECES), max_size=20).map(b"".join),
    chunk=st.sampled_from([1, 7, 64, 1 << 20]),
)
def test_backwards_gives_the_same_records_last_first(
    data: bytes, chunk: int, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = tmp_path_factory.getbasetemp() / "backwards.progress.yaml"
    path.write_bytes(data)
    reached = Position()
    items = list(iter_ledger(path, "L", reached=reached))
    # a torn last line is not reached
    forward = [r for r in items if type(r) is Record and r.line <= reached.line]
    lines = data.removeprefix(b"\xef\xbb\xbf").split(b"\n")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ledger_module, "CHUNK_BYTES", chunk)
        assert list(records_backwards(path, "L", reached)) == forward[::-1]
        for needle in (b"revert", b"A1"):
            wanted = [
                r for r in forward if needle in lines[r.line - 1] or b"\\" in lines[r.line - 1]
            ]
            assert list(records_backwards(path, "L", reached, needle)) == wanted[::-1]


def test_backwards_skips_a_too_long_line_and_keeps_counting(tmp_path: Path) -> None:
    path = tmp_path / "l.progress.yaml"
    long = b"- {id: A0, date: 2021-03-12, measure: m, note: " + b"revert" * 20_000 + b"}"
    path.write_bytes(b"\n".join([GOOD[1], long, GOOD[1].replace(b"A2", b"B2")]) + b"\n")
    end = Position(path.stat().st_size, 3)
    for chunk in (1000, 1 << 20):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(ledger_module, "CHUNK_BYTES", chunk)
            assert [(r.id, r.line) for r in records_backwards(path, "L", end)] == [
                ("B2", 3),
                ("A2", 1),
            ]


def test_backwards_reads_nothing_of_a_missing_or_empty_ledger(tmp_path: Path) -> None:
    path = tmp_path / "l.progress.yaml"
    assert list(records_backwards(path, "L", Position())) == []
    path.write_bytes(b"")
    assert list(records_backwards(path, "L", Position())) == []
