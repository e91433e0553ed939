"""Hostile progress ledgers: each bad line gets one located line, the good records still
count, user text is shown literally; every run is a real process, bounded in time and
memory (see kexie_process.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from kexie_process import GOOD, LEDGER, home, kexie

pytestmark = pytest.mark.slow  # real processes

GOOD_NEXT = "- {id: 01F0000000ZZZZZZ, date: 2021-04-01, target: haizhi-salons, amount: 3}\n"
M = "- {id: 01F0000000BBBBBB, date: 2021-03-12, measure: party-building"  # 66 chars


def bomb_line() -> str:
    """Return 'billion laughs' squeezed into one record: nine anchors of nine aliases."""
    keys = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 9):
        prev, name = chr(96 + i), chr(97 + i)
        keys.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return M + ", " + ", ".join(keys) + "}\n"


CASES = {
    "alias bomb": (
        bomb_line(),
        "2:72: error: YAML anchors, aliases and tags are not allowed in the ledger",
    ),
    "anchor on a value": (
        M + ", note: &a [x, *a]}\n",
        "2:75: error: YAML anchors, aliases and tags are not allowed in the ledger",
    ),
    "10,000 nested lists": (
        M + ", note: " + "[" * 10_000 + "]" * 10_000 + "}\n",
        "2:75: error: a record's values are single values, not lists or mappings",
    ),
    "10,000 nested mappings": (
        M + ", note: " + "{a: " * 10_000 + "1" + "}" * 10_000 + "}\n",
        "2:75: error: a record's values are single values, not lists or mappings",
    ),
    "50 MB line": (
        M + ", note: " + "x" * 50_000_000 + "}\n",
        "2: error: line is longer than 65536 bytes; a record must fit on one line",
    ),
    "GBK": (
        (M + ", note: 第一期海智沙龙}\n").encode("gbk"),
        "2:75: error: line is not UTF-8 (it looks like GB18030); save the ledger as UTF-8",
    ),
    "NUL byte": (
        M + ", note: a\x00b}\n",
        "2:76: error: character U+0000 is not allowed; write it as an escape inside double quotes",
    ),
    "lone surrogate bytes": (
        (M + ", note: a").encode() + b"\xed\xa0\x80b}\n",
        "2:76: error: line is not UTF-8 (it looks like unknown); save the ledger as UTF-8",
    ),
    "lone surrogate escape": (
        M + ', note: "a\\ud800b"}\n',
        "2:75: error: note holds a lone surrogate escape; write the character itself",
    ),
    "duplicate key": (
        M + ", note: a, note: b}\n",
        "2:78: error: key 'note' is given twice",
    ),
    "amount 1_000": (
        "- {id: 01F0000000CCCCCC, date: 2021-03-12, target: haizhi-salons, amount: 1_000}\n",
        "2:75: error: expected a whole number, got text",
    ),
    "amount 0o12": (
        "- {id: 01F0000000CCCCCC, date: 2021-03-12, target: haizhi-salons, amount: 0o12}\n",
        "2:75: error: expected a whole number, got text",
    ),
    "date 12:30": (
        "- {id: 01F0000000CCCCCC, date: 12:30, target: haizhi-salons}\n",
        "2:32: error: expected a date (YYYY-MM-DD), got text",
    ),
    "done: no": (
        "- {id: 01F0000000CCCCCC, date: 2021-03-12, target: museum-prep, done: no}\n",
        "2:71: error: expected true or false, got text",
    ),
}


def as_bytes(line: str | bytes) -> bytes:
    return line if isinstance(line, bytes) else line.encode("utf-8")


@pytest.mark.parametrize("case", list(CASES))
def test_a_bad_line_is_one_located_error_and_the_rest_still_counts(
    tmp_path: Path, case: str
) -> None:
    line, error = CASES[case]
    folder = home(tmp_path, GOOD.encode() + as_bytes(line) + GOOD_NEXT.encode())
    code, out, err = kexie(folder, "validate")
    assert code == 1
    assert err.splitlines() == [
        f"{LEDGER}:{error}",
        "1 error in 1 file; 1 file ok",
    ]
    code, out, err = kexie(folder, "status", "--as-of", "2021-12-31", "--format", "json")
    assert code == 0
    assert err == f"{LEDGER}:{error.replace(': error: ', ': warning: ', 1)}\n"
    actual = {t["id"]: t["actual"] for t in json.loads(out)["targets"]}
    assert actual["haizhi-salons"] == 5


def test_a_whole_ledger_saved_as_gbk(tmp_path: Path) -> None:
    text = GOOD + M + ", note: 第一期海智沙龙}\n" + M.replace("BBB", "DDD") + ", note: 讲座}\n"
    folder = home(tmp_path, text.encode("gbk"))
    code, _, err = kexie(folder, "validate")
    assert code == 1
    assert err.splitlines() == [
        f"{LEDGER}:2:75: error: line is not UTF-8 (it looks like GB18030); "
        "save the ledger as UTF-8",
        f"{LEDGER}:3:75: error: line is not UTF-8 (it looks like GB18030); "
        "save the ledger as UTF-8",
        "2 errors in 1 file; 1 file ok",
    ]


def test_a_classic_alias_bomb_as_the_ledger(tmp_path: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        prev, name = chr(96 + i), chr(97 + i)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    folder = home(tmp_path, ("\n".join(lines) + "\n").encode())
    code, _, err = kexie(folder, "validate")
    assert code == 1
    message = "error: a ledger line is one record: - {id: …, date: …, target: …}"
    assert err.splitlines() == [
        *(f"{LEDGER}:{n}:1: {message}" for n in range(1, 10)),
        "9 errors in 1 file; 1 file ok",
    ]


def test_a_merge_conflict_block_left_in_the_ledger(tmp_path: Path) -> None:
    ours = "- {id: 01F0000000OOOOOO, date: 2021-05-02, target: haizhi-salons}\n"
    theirs = "- {id: 01F0000000TTTTTT, date: 2021-05-03, target: haizhi-salons}\n"
    block = f"<<<<<<< HEAD\n{ours}=======\n{theirs}>>>>>>> other-clone\n"
    folder = home(tmp_path, (GOOD + block).encode())
    code, _, err = kexie(folder, "validate")
    assert code == 1
    marker = (
        "error: a git merge conflict marker: keep the records of both sides and delete "
        "the marker lines (`*.progress.yaml merge=union` in .gitattributes avoids this)"
    )
    assert err.splitlines() == [
        f"{LEDGER}:2:1: {marker}",
        f"{LEDGER}:4:1: {marker}",
        f"{LEDGER}:6:1: {marker}",
        "3 errors in 1 file; 1 file ok",
    ]
    code, out, err = kexie(folder, "status", "--as-of", "2021-12-31", "--format", "json")
    assert code == 0 and err.count(": warning: a git merge conflict marker") == 3
    actual = {t["id"]: t["actual"] for t in json.loads(out)["targets"]}
    assert actual["haizhi-salons"] == 4  # 2, and one record from each side


def test_yaml_1_1_words_in_hand_written_lines_stay_text(tmp_path: Path) -> None:
    notes = ["no", "on", "0o12", "1_000", "12:30", "010", "0x1F", "~x"]
    lines = [
        f"- {{id: 01F000000000{n:04d}, date: 2021-03-12, measure: party-building, "
        f"by: {note}, note: {note}}}\n"
        for n, note in enumerate(notes)
    ]
    folder = home(tmp_path, "".join(lines).encode())
    code, out, err = kexie(folder, "validate")
    assert (code, err) == (0, "")
    code, out, err = kexie(folder, "log", "--format", "csv")
    assert (code, err) == (0, "")
    columns = [row.split(",") for row in out.splitlines()]
    assert columns[0][8:10] == ["by", "note"]
    assert [row[8:10] for row in columns[1:]] == [[note, note] for note in notes]


HOSTILE = "[red]boom[/red] \\e[31mred\\e[0m \\e]8;;http://evil\\aclick\\e]8;;\\a \\u202egnp.exe"
SHOWN = (
    "[red]boom[/red] \\x1b[31mred\\x1b[0m "
    "\\x1b]8;;http://evil\\x07click\\x1b]8;;\\x07 \\u202egnp.exe"
)
IN_JSON = "[red]boom[/red] \\u001b[31mred\\u001b[0m \\u001b]8;;http://evil\\u0007click"


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (("log",), SHOWN),
        (("log", "--format", "csv"), SHOWN),
        (("log", "--format", "json"), IN_JSON),
        (("show", "party-building", "--as-of", "2021-12-31"), SHOWN),
    ],
)
def test_markup_and_escapes_in_a_note_are_shown_literally(tmp_path: Path, args, shown) -> None:
    line = M + f', note: "{HOSTILE}"}}\n'
    folder = home(tmp_path, (GOOD + line).encode())
    assert kexie(folder, "validate")[0] == 0
    code, out, err = kexie(folder, *args)
    assert (code, err) == (0, "")
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert shown in out


def test_markup_and_escapes_in_an_id_are_shown_literally_by_status(tmp_path: Path) -> None:
    line = '- {id: 01F0000000CCCCCC, date: 2021-03-12, target: "[red]x\\e[31m\\u202e"}\n'
    folder = home(tmp_path, (GOOD + line).encode())
    code, _, err = kexie(folder, "status", "--as-of", "2021-12-31")
    assert code == 0
    assert err == f"{LEDGER}:2: warning: no target has id '[red]x\\x1b[31m\\u202e'\n"
