"""Hostile plan files: each gets one located line and exit 1 (or loads), quickly, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kexie_plan.cli import app

pytestmark = pytest.mark.slow  # real processes

HEAD = "schema: 1\nyear: 2021\norg: 某市科协\ntitle: 测试计划\n"


@pytest.fixture
def validate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("KEXIE_LANG", "en")

    def run(data: bytes):
        (tmp_path / "p.yaml").write_bytes(data)
        result = CliRunner().invoke(app, ["validate", "p.yaml"])
        assert result.exception is None or isinstance(result.exception, SystemExit)
        return result.exit_code, result.stderr.splitlines()

    return run


def test_gbk_encoded_plan_names_the_encoding(validate) -> None:
    code, lines = validate(HEAD.encode("gb18030"))
    assert code == 1
    assert lines[0] == (
        "p.yaml:3:7: error: file is not UTF-8 (it looks like GB18030); save it as UTF-8"
    )


def test_lone_surrogate_bytes_are_not_utf8(validate) -> None:
    code, lines = validate(HEAD.encode() + b"guidance: a\xed\xa0\x80b\n")
    assert code == 1
    assert lines[0].startswith("p.yaml:5:12: error: file is not UTF-8")


def test_nul_byte(validate) -> None:
    code, lines = validate(HEAD.encode() + b"guidance: a\x00b\n")
    assert (code, lines[0]) == (1, "p.yaml:5:12: error: NUL byte in the file")


@pytest.mark.parametrize(
    "nested",
    ["a: " + "[" * 10_000 + "]" * 10_000 + "\n", "a: " + "{b: " * 10_000 + "1" + "}" * 10_000],
)
def test_ten_thousand_deep_nesting(validate, nested: str) -> None:
    code, lines = validate((HEAD + nested).encode())
    assert code == 1
    assert lines[0].startswith("p.yaml:5:") and lines[0].endswith("nested more than 32 levels deep")


def test_block_nesting_is_refused_too(validate) -> None:
    deep = "".join(" " * i + f"k{i}:\n" for i in range(200))
    code, lines = validate((HEAD + deep).encode())
    assert code == 1
    assert lines[0] == "p.yaml:37:33: error: nested more than 32 levels deep"


def test_fifty_megabyte_single_line(validate) -> None:
    data = HEAD.encode() + b"guidance: " + b"x" * 50_000_000 + b"\n"
    code, lines = validate(data)
    assert code == 1
    assert lines[0] == (
        f"p.yaml: error: file is {len(data)} bytes; a plan may be at most 1048576 bytes"
    )


def test_merge_conflict_block(validate) -> None:
    text = HEAD + "<<<<<<< HEAD\nguidance: a\n=======\nguidance: b\n>>>>>>> branch\n"
    code, lines = validate(text.encode())
    assert code == 1
    assert lines[0].startswith("p.yaml:6:1: error: YAML syntax:")


@pytest.mark.parametrize(
    "word", ["no", "on", "off", "yes", "010", "0o12", "1_000", "12:30", "0x1F"]
)
def test_yaml_1_1_surprises_stay_text(tmp_path: Path, word: str) -> None:
    from kexie_plan.planfile import load_plan_text

    plan = load_plan_text(HEAD + f"guidance: {word}\n")
    assert plan.guidance == word


@pytest.mark.parametrize(
    ("key", "shown"),
    [
        # written with YAML's own escapes: raw control characters are a syntax error
        ("\\x1b[31mred", "'\\x1b[31mred'"),
        ("[red]x[/red]", "'[red]x[/red]'"),
        ("a\\u202eb", "'a\\u202eb'"),
        ("\\x1b]8;;http://x\\x07link", "'\\x1b]8;;http://x\\x07link'"),
    ],
)
def test_escapes_and_markup_in_a_key_are_shown_literally(validate, key: str, shown: str) -> None:
    code, lines = validate((HEAD + f'"{key}": 1\n').encode())
    assert code == 1
    assert lines[0] == f"p.yaml:5:1: error: unknown key {shown}"
    assert "\x1b" not in "\n".join(lines) and "\u202e" not in "\n".join(lines)
