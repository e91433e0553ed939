"""The ledger's bytes: the line format, the reader (fast path and YAML fallback), appending."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kexie_plan.errors import PlanError, PlanErrors
from kexie_plan.ledger import (
    CROCKFORD,
    HEADER,
    MAX_LINE_BYTES,
    _canonical,
    _fast_fields,
    _json_record,
    _NotFast,
    _record,
    _slow_fields,
    append_record,
    format_record,
    is_plain_text,
    ledger_path_for,
    new_record_id,
    parse_line,
    plan_path_for,
    read_ledger,
)
from kexie_plan.record import Record

DAY = dt.date(2021, 3, 12)


def test_ledger_sits_beside_its_plan() -> None:
    assert ledger_path_for(Path("plans/2021.yaml")) == Path("plans/2021.progress.yaml")
    assert plan_path_for(Path("plans/2021.progress.yaml")) == Path("plans/2021.yaml")
    assert plan_path_for(Path("plans/2021.yaml")) is None


def test_new_ids_sort_by_time_and_differ() -> None:
    first = new_record_id(now_ns=1_600_000_000_000_000_000)
    later = new_record_id(now_ns=1_600_000_000_001_000_000)
    assert len(first) == 16 and set(first) <= set(CROCKFORD)
    assert first[:10] == "01EJ3PX000" and later[:10] == "01EJ3PX001"
    assert len({new_record_id() for _ in range(10_000)}) == 10_000


# --- the line format (docs/format.md) -----------------------------------------------------


def test_lines_follow_the_spec_key_order() -> None:
    record = Record(
        id="01HQ7Z3K",
        date=DAY,
        target="haizhi-salon",
        amount=1,
        by="haizhi-office",
        note="第一期海智沙龙",
        evidence="https://example.org/a?b=1",
    )
    assert format_record(record) == (
        "- {id: 01HQ7Z3K, date: 2021-03-12, target: haizhi-salon, amount: 1, "
        'by: haizhi-office, note: 第一期海智沙龙, evidence: "https://example.org/a?b=1"}\n'
    )
    milestone = Record(id="01HQ80AA", date=DAY, target="science-museum-prep", done=True)
    assert format_record(milestone) == (
        "- {id: 01HQ80AA, date: 2021-03-12, target: science-museum-prep, done: true}\n"
    )
    reversal = Record(id="01HQ81ZZ", date=DAY, revert="01HQ7Z3K", note="录入错误")
    assert format_record(reversal) == (
        "- {id: 01HQ81ZZ, date: 2021-03-12, revert: 01HQ7Z3K, note: 录入错误}\n"
    )


@pytest.mark.parametrize(
    ("note", "written"),
    [
        ("第一期海智沙龙", "第一期海智沙龙"),
        ("no", '"no"'),
        ("Yes", '"Yes"'),
        ("null", '"null"'),
        ("010", '"010"'),
        ("1e5", '"1e5"'),
        ("0x1F", '"0x1F"'),
        ("2021-03-12", '"2021-03-12"'),
        ("1:30", '"1:30"'),
        ("[red]警告[/red]", '"[red]警告[/red]"'),
        ("#3 场", '"#3 场"'),
        ("a: b", '"a: b"'),
        ("  leading", '"  leading"'),
        ('他说"好"', '"他说\\"好\\""'),
        ("back\\slash", '"back\\\\slash"'),
        ("line\nbreak\ttab", '"line\\nbreak\\ttab"'),
        ("\x1b[31mred", '"\\u001b[31mred"'),
        ("bidi\u202eevil", '"bidi\\u202eevil"'),
        ("nel\x85ls\u2028", '"nel\\u0085ls\\u2028"'),
        ("\ufeffbom", '"\\ufeffbom"'),
        ("tag\U000e0041", '"tag\\U000e0041"'),
        ("emoji 🎉", '"emoji 🎉"'),
        ("-dash", '"-dash"'),
        ("12场", "12场"),
    ],
)
def test_notes_are_quoted_exactly_when_needed(note: str, written: str) -> None:
    line = format_record(Record(id="A1", date=DAY, measure="m", note=note))
    assert line == f"- {{id: A1, date: 2021-03-12, measure: m, note: {written}}}\n"
    assert parse_line(line.rstrip("\n"), "L", 4) == Record(
        id="A1", date=DAY, measure="m", note=note, line=4
    )
    assert yaml.safe_load(line) == [{"id": "A1", "date": DAY, "measure": "m", "note": note}]


# YAML 1.2 core schema (yaml.org/spec/1.2.2 §10.3.2): plain scalars that are not strings.
CORE_12 = re.compile(
    r"null|Null|NULL|~|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
    r"|[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)"
)


@pytest.mark.slow  # a property suite of many examples: the full run has it
@given(st.text(max_size=12))
@settings(max_examples=500)
def test_plain_text_reads_back_as_itself_in_yaml_11_and_12(value: str) -> None:
    if not is_plain_text(value):
        return
    assert CORE_12.fullmatch(value) is None
    assert yaml.safe_load(f"- {{k: {value}}}") == [{"k": value}]


@pytest.mark.slow  # a property suite of many examples: the full run has it
@given(st.from_regex(r"[0-9][0-9A-Za-z._-]{0,6}", fullmatch=True))
def test_number_like_text_is_plain_only_when_no_yaml_reads_a_number(value: str) -> None:
    if is_plain_text(value):
        assert CORE_12.fullmatch(value) is None
        assert yaml.safe_load(f"- {{k: {value}}}") == [{"k": value}]


# --- round trip -----------------------------------------------------------------------

texts = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)
slugs = st.from_regex(r"[a-z][a-z0-9]{0,8}(-[a-z0-9]{1,5}){0,2}", fullmatch=True)


@st.composite
def records(draw: st.DrawFn) -> Record:
    kind = draw(st.sampled_from(["count", "milestone", "activity", "measure", "revert"]))
    fields: dict[str, object] = {}
    if kind in ("count", "milestone"):
        fields["target"] = draw(slugs)
    elif kind == "revert":
        fields["revert"] = new_record_id()
    else:
        fields[kind] = draw(slugs)
    if kind == "count":
        fields["amount"] = draw(st.integers(1, 999_999_999))
    if kind == "milestone" or (kind == "measure" and draw(st.booleans())):
        fields["done"] = True
    return Record(
        id=new_record_id(),
        date=draw(st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31))),
        by=draw(st.none() | texts),
        note=draw(st.none() | texts),
        evidence=draw(st.none() | texts),
        **fields,  # type: ignore[arg-type]
    )


@pytest.mark.slow  # a property suite of many examples: the full run has it
@given(records())
@settings(max_examples=400)
def test_any_record_reads_back_equal_by_every_reader(record: Record) -> None:
    line = format_record(record)
    assert line.endswith("}\n") and line.count("\n") == 1
    text = line.rstrip("\n")
    expected = Record(**{**_fields(record), "line": 9})
    assert parse_line(text, "L", 9) == expected
    # The exact-form regex takes every line the writer makes …
    assert _canonical(text, 9) == expected
    # … and any YAML reader (PyYAML is YAML 1.1) reads the same values.
    loaded = yaml.safe_load(line)
    assert loaded == [
        {k: v for k, v in _fields(record).items() if v is not None and v is not False}
    ]


@pytest.mark.slow  # a property suite of many examples: the full run has it
@given(records(), st.booleans())
@settings(max_examples=300)
def test_a_record_in_json_style_reads_the_same_by_the_fast_and_the_located_reader(
    record: Record, ascii_only: bool
) -> None:
    """`- {"id": …}` as json.dumps writes it (other tools' natural output) is read at C
    speed by _json_record, and gives exactly what the located reader gives."""
    data = {k: v for k, v in _fields(record).items() if v is not None and v is not False}
    data["date"] = record.date.isoformat()
    text = "- " + json.dumps(data, ensure_ascii=ascii_only)
    if not text.isprintable():  # json.dumps leaves DEL and C1 controls raw: not YAML
        assert _json_record(text, 9) is None
        assert parse_line(text, "L", 9) == _located(text)
        return
    expected = Record(**{**_fields(record), "line": 9})
    fast = _json_record(text, 9)
    if text.count('":') == len(data):  # else a value holds `":`: the key count is unsure
        assert fast == expected
    else:
        assert fast is None
    assert parse_line(text, "L", 9) == expected
    assert _located(text) == expected


def _located(text: str) -> Record | PlanError:
    """Read a line the way every line but the writer's own and JSON's is read."""
    try:
        fields = _fast_fields(text)
    except _NotFast:
        try:
            fields = _slow_fields(text, "L", 9)
        except PlanErrors as exc:
            return exc.errors[0]
    return _record(fields, "L", 9)


@pytest.mark.parametrize(
    "text",
    [
        '- {"id": "A", "id": "B", "date": "2021-03-12", "target": "t"}',  # a key twice
        '- {"id": "A", "date": "2021-03-12", "target": "t", "amount": 1.0}',
        '- {"id": "A", "date": "2021-03-12", "target": "t", "amount": true}',
        '- {"id": "A", "date": "2021-03-12", "target": "t", "amount": 1000000000}',
        '- {"id": "A", "date": "2021-03-12", "target": "t", "done": false}',
        '- {"id": "A", "date": "2021-03-12", "target": "t", "activity": "a"}',
        '- {"id": "A", "date": "2021-03-12", "target": "t", "note": "\\ud800"}',
        '- {"id": "A", "date": "2021-03-12", "target": "t", "nmae": "x"}',
        '- {"id": "A", "date": "2021-02-30", "target": "t"}',
        '- {"id": "a b", "date": "2021-03-12", "target": "t"}',
    ],
)
def test_json_style_lines_in_doubt_take_the_located_way(text: str) -> None:
    assert _json_record(text, 9) is None
    assert isinstance(parse_line(text, "L", 9), PlanError)


def test_a_json_number_where_text_belongs_is_read_as_yaml_reads_it() -> None:
    text = '- {"id": "A", "date": "2021-03-12", "target": 5}'
    assert _json_record(text, 9) is None  # not a JSON string: the located reader decides
    assert parse_line(text, "L", 9) == Record(id="A", date=DAY, target="5", line=9)


def _fields(record: Record) -> dict[str, object]:
    return {key: getattr(record, key) for key in Record.__dataclass_fields__ if key != "line"}


@pytest.mark.slow  # a property suite of many examples: the full run has it
@given(st.lists(records(), min_size=1, max_size=8))
@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_appended_records_read_back_equal(tmp_path: Path, batch: list[Record]) -> None:
    ledger = tmp_path / f"{new_record_id()}.progress.yaml"
    for record in batch:
        append_record(ledger, record)
    read = read_ledger(ledger)
    assert read.problems == []
    header_lines = HEADER.count("\n")
    assert read.records == [
        Record(**{**_fields(r), "line": header_lines + i}) for i, r in enumerate(batch, 1)
    ]


# --- reading --------------------------------------------------------------------------


def write(path: Path, text: str | bytes) -> Path:
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def test_missing_ledger_reads_as_empty(tmp_path: Path) -> None:
    read = read_ledger(tmp_path / "none.progress.yaml")
    assert read.records == [] and read.problems == []


def test_comments_blank_lines_bom_and_crlf(tmp_path: Path) -> None:
    ledger = write(
        tmp_path / "l.yaml",
        b"\xef\xbb\xbf# header\r\n\r\n  # indented comment\r\n"
        b"- {id: A1, date: 2021-03-12, target: t}\r\n"
        b'- {id: A2, date: 2021-03-13, target: t, note: "x"}',
    )
    read = read_ledger(ledger)
    assert read.problems == []
    assert read.records == [
        Record(id="A1", date=DAY, target="t", line=4),
        Record(id="A2", date=dt.date(2021, 3, 13), target="t", note="x", line=5),
    ]


def test_hand_written_lines_take_the_yaml_path(tmp_path: Path) -> None:
    ledger = write(
        tmp_path / "l.yaml",
        '- {"id": "H1", "date": "2021-03-12", "target": "t", "amount": 2}\n'
        "- {id: H2, date: 2021-03-12, activity: a, note: 'single quoted'}  # checked\n"
        "- { id: H3 , date: 2021-03-12 , measure: m , note: no , by: 010 }\n"
        "- {id: H4, date: 2021-03-12, measure: m, note: ~, done: true}\n",
    )
    read = read_ledger(ledger)
    assert read.problems == []
    assert read.records == [
        Record(id="H1", date=DAY, target="t", amount=2, line=1),
        Record(id="H2", date=DAY, activity="a", note="single quoted", line=2),
        Record(id="H3", date=DAY, measure="m", note="no", by="010", line=3),
        Record(id="H4", date=DAY, measure="m", done=True, line=4),
    ]


@pytest.mark.parametrize(
    ("line", "code", "params", "col"),
    [
        ("- {id: A, date: 2021-03-12, target: t, nmae: x}", "unknown_key", "key=nmae", 40),
        ("- {id: A, date: 2021-03-12, target: t, notes: x}", "unknown_key", "hint=note", 40),
        ("- {id: A, target: t}", "missing_key", "key=date", None),
        ("- {date: 2021-03-12, target: t}", "missing_key", "key=id", None),
        ("- {id: A, date: 2021-03-12}", "record_ref_count", "given=-", None),
        ("- {id: A, date: 2021-03-12, target: t, revert: B}", "record_ref_count", "", None),
        ("- {id: A, date: 2021-03-12, target: t, amount: 0}", "record_amount", "value=0", 48),
        ("- {id: A, date: 2021-03-12, target: t, amount: -2}", "record_amount", "", 48),
        ("- {id: A, date: 2021-03-12, target: t, amount: two}", "expected", "got=text", 48),
        ("- {id: A, date: 2021-03-12, target: t, amount: 1.5}", "expected", "got=number", 48),
        ('- {id: A, date: 2021-03-12, target: t, amount: "3"}', "expected", "got=text", 48),
        ("- {id: A, date: 2021-03-12, target: t, amount: 1000000000}", "number_too_long", "", 48),
        (
            "- {id: A, date: 2021-03-12, target: t, amount: " + "9" * 5000 + "}",
            "number_too_long",
            "value=" + "9" * 40 + "…",
            48,
        ),
        (
            '- {"id": "A", "date": "2021-03-12", "target": "t", "amount": 0}',
            "record_amount",
            "",
            62,
        ),
        ('- {id: A, date: 2021-03-12, target: t, note: "\\ud83d x"}', "ledger_surrogate", "", 46),
        ("- {id: A, date: 2021-03-12, target: t, done: false}", "record_done", "", 46),
        ("- {id: A, date: 2021-03-12, target: t, done: yes}", "expected", "expected=boolean", 46),
        ("- {id: A, date: 2021-02-30, target: t}", "expected", "expected=date", 17),
        ("- {id: A, date: 12.3.2021, target: t}", "expected", "expected=date", 17),
        ('- {id: "a b", date: 2021-03-12, target: t}', "record_id", "value=a b", 8),
        ("- {id: A, id: B, date: 2021-03-12, target: t}", "ledger_duplicate_key", "key=id", 11),
        ("- {id: &x A, date: 2021-03-12, target: t}", "ledger_yaml_feature", "", 8),
        ("- {id: !!str A, date: 2021-03-12, target: t}", "ledger_yaml_feature", "", 8),
        ("- {id: A, date: 2021-03-12, target: [t]}", "ledger_not_single_value", "", 37),
        (
            "- {id: A, date: 2021-03-12, target: " + "[" * 30_000 + "]" * 30_000 + "}",
            "ledger_not_single_value",
            "",
            37,
        ),
        ("- id: A", "ledger_not_record", "", 3),
        ("[{id: A, date: 2021-03-12, target: t}]", "ledger_not_record", "", 1),
        ("<<<<<<< HEAD", "ledger_conflict_marker", "", 1),
        ("- {id: A, date: 2021-03-12, target: t", "yaml_syntax", "", 38),
        ('- {id: A, date: 2021-03-12, target: t, note: "\\q"}', "yaml_syntax", "", 47),
        ('- {id: A, date: 2021-03-12, target: t, note: "\\ud800"}', "ledger_surrogate", "", 46),
        ('- {id: A, date: 2021-03-12, target: t, note: "a\x01"}', "ledger_bad_char", "", 48),
    ],
)
def test_bad_lines_are_located(line: str, code: str, params: str, col: int | None) -> None:
    problem = parse_line(line, "plans/x.progress.yaml", 7)
    assert isinstance(problem, PlanError)
    assert (problem.code, problem.path, problem.line, problem.col) == (
        code,
        "plans/x.progress.yaml",
        7,
        col,
    )
    if params:
        key, value = params.split("=")
        assert str(problem.params[key]) == value


def test_torn_last_line_is_reported_and_complete_records_kept(tmp_path: Path) -> None:
    ledger = write(
        tmp_path / "l.yaml",
        "# h\n- {id: A1, date: 2021-03-12, target: t}\n- {id: A2, date: 2021-03-1",
    )
    read = read_ledger(ledger, "plans/l.progress.yaml")
    assert read.records == [Record(id="A1", date=DAY, target="t", line=2)]
    assert read.problems == [PlanError("ledger_torn", {}, "plans/l.progress.yaml", 3, None)]


def test_a_complete_last_line_without_newline_is_fine(tmp_path: Path) -> None:
    ledger = write(tmp_path / "l.yaml", "- {id: A1, date: 2021-03-12, target: t}")
    assert read_ledger(ledger).records == [Record(id="A1", date=DAY, target="t", line=1)]


def test_bad_bytes_and_long_lines_are_reported_and_reading_goes_on(tmp_path: Path) -> None:
    long_note = "x" * (MAX_LINE_BYTES + 10)
    ledger = write(
        tmp_path / "l.yaml",
        b"- {id: A1, date: 2021-03-12, target: t, note: \xb5\xda\xd2\xbb}\n"
        + f"- {{id: A2, date: 2021-03-12, target: t, note: {long_note}}}\n".encode()
        + b"- {id: A3, date: 2021-03-12, target: t, note: \x00}\n"
        + b"- {id: A4, date: 2021-03-12, target: t}\n",
    )
    read = read_ledger(ledger, "L")
    assert read.problems == [
        PlanError("ledger_not_utf8", {"encoding": "GB18030"}, "L", 1, 47),
        PlanError("ledger_line_too_long", {"limit": MAX_LINE_BYTES}, "L", 2, None),
        PlanError("ledger_bad_char", {"char": "U+0000"}, "L", 3, 47),
    ]
    assert read.records == [Record(id="A4", date=DAY, target="t", line=4)]


def test_a_folder_is_not_a_ledger(tmp_path: Path) -> None:
    read = read_ledger(tmp_path, "L")
    assert read.problems == [PlanError("not_regular_file", {}, "L")]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_fifo_is_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.progress.yaml"
    os.mkfifo(fifo)
    assert read_ledger(fifo, "L").problems == [PlanError("not_regular_file", {}, "L")]


# --- appending ------------------------------------------------------------------------


def test_append_creates_the_ledger_with_its_header(tmp_path: Path) -> None:
    ledger = tmp_path / "2021.progress.yaml"
    record = Record(id="A1", date=DAY, target="t", amount=2)
    line = append_record(ledger, record)
    assert line == "- {id: A1, date: 2021-03-12, target: t, amount: 2}\n"
    assert ledger.read_text("utf-8") == HEADER + line
    assert yaml.safe_load(ledger.read_text("utf-8")) == [
        {"id": "A1", "date": DAY, "target": "t", "amount": 2}
    ]


def test_append_never_glues_onto_a_torn_line(tmp_path: Path) -> None:
    ledger = write(
        tmp_path / "l.yaml", "# h\n- {id: A1, date: 2021-03-12, target: t}\n- {id: A2, da"
    )
    append_record(ledger, Record(id="A3", date=DAY, target="t"))
    assert ledger.read_text("utf-8") == (
        "# h\n- {id: A1, date: 2021-03-12, target: t}\n- {id: A2, da\n"
        "- {id: A3, date: 2021-03-12, target: t}\n"
    )
    read = read_ledger(ledger, "L")
    assert [r.id for r in read.records] == ["A1", "A3"]
    assert [(p.code, p.line) for p in read.problems] == [("yaml_syntax", 3)]


def test_append_to_an_empty_file_writes_the_header(tmp_path: Path) -> None:
    ledger = write(tmp_path / "l.yaml", "")
    append_record(ledger, Record(id="A1", date=DAY, target="t"))
    assert ledger.read_text("utf-8") == HEADER + "- {id: A1, date: 2021-03-12, target: t}\n"


def test_append_reads_only_the_last_byte_of_a_huge_ledger(tmp_path: Path) -> None:
    ledger = tmp_path / "huge.progress.yaml"
    with open(ledger, "wb") as handle:
        handle.truncate(8 * 1024**3)  # 8 GiB, sparse: reading it would take minutes
        handle.seek(-1, os.SEEK_END)
        handle.write(b"\n")
    append_record(ledger, Record(id="A1", date=DAY, target="t"))
    with open(ledger, "rb") as handle:
        handle.seek(8 * 1024**3)
        assert handle.read() == b"- {id: A1, date: 2021-03-12, target: t}\n"


def test_append_refuses_a_line_over_the_limit(tmp_path: Path) -> None:
    ledger = tmp_path / "l.yaml"
    with pytest.raises(PlanErrors) as caught:
        append_record(ledger, Record(id="A1", date=DAY, target="t", note="长" * 30_000))
    assert caught.value.errors[0].code == "record_too_long"
    assert not ledger.exists()


def test_append_to_an_unwritable_place_is_a_clear_error(tmp_path: Path) -> None:
    ledger = tmp_path / "missing-folder" / "l.yaml"
    with pytest.raises(PlanErrors) as caught:
        append_record(ledger, Record(id="A1", date=DAY, target="t"))
    assert caught.value.errors == [
        PlanError("ledger_unwritable", {"reason": "No such file or directory"}, str(ledger))
    ]
