"""The plan loader (planfile) and `kexie validate`: scalars, encodings, places, formats.

Every message the loader can give has a golden case in tests/errors/ (see
test_errors_catalogue.py); these tests cover what a golden file cannot show: values
after loading, output formats, exit codes, several files at once, hostile input, and the
property that nothing but PlanErrors ever escapes the loader.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from kexie_plan.cli import app
from kexie_plan.errors import PlanError, PlanErrors
from kexie_plan.i18n import text
from kexie_plan.plan import Plan
from kexie_plan.planfile import MAX_PLAN_BYTES, load_plan, load_plan_text, resolve_plain
from kexie_plan.render.text import error_line

BASE = "schema: 1\nyear: 2021\norg: 某科协\ntitle: 测试计划\n"


def errors_of(source: str) -> list[tuple[str, int | None, int | None]]:
    """Return (code, line, col) of each error that loading `source` gives."""
    with pytest.raises(PlanErrors) as raised:
        load_plan_text(source, "p.yaml")
    return [(e.code, e.line, e.col) for e in raised.value.errors]


def validate(*args: str) -> Result:
    """Run `kexie validate ARGS` in English and return the result."""
    return CliRunner().invoke(app, ["validate", *args], env={"KEXIE_LANG": "en"})


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in an empty folder, so that paths print as given."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KEXIE_PLAN", raising=False)
    return tmp_path


# --- scalars: YAML 1.2 core schema, decimals only ------------------------------------


@pytest.mark.parametrize(
    "written", ["no", "on", "off", "yes", "010", "1:30", "12:30", "0o12", "0x1F", "1_000", "1e3"]
)
def test_yaml_11_look_alikes_stay_text(written: str) -> None:
    source = BASE + f"targets:\n  - id: t\n    name: {written}\n    kind: milestone\n"
    plan = load_plan_text(source)
    assert plan.targets[0].name == written


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("true", True),
        ("False", False),
        ("null", None),
        ("~", None),
        ("", None),
        ("2021", 2021),
        ("-3", -3),
        ("1.5", 1.5),
        ("2021-05-30", dt.date(2021, 5, 30)),
        ("2021-02-30", "2021-02-30"),  # not a day: stays text, and a date field says so
        ("no", "no"),
        ("010", "010"),
        ("1:30", "1:30"),
    ],
)
def test_resolve_plain(written: str, value: object) -> None:
    resolved = resolve_plain(written)
    assert resolved == value
    assert type(resolved) is type(value)


def test_true_null_and_dates_resolve_in_a_plan() -> None:
    plan = load_plan_text(BASE + "published: 2021-05-30\nguidance: null\n")
    assert plan.published == dt.date(2021, 5, 30)
    assert plan.guidance is None
    assert errors_of(BASE + "units:\n  - {id: a, name: true}\n") == [("expected", 6, 19)]


def test_a_quoted_number_where_text_is_expected_is_text() -> None:
    plan = load_plan_text(BASE + "units:\n  - {id: a, name: '2021'}\n")
    assert plan.units[0].name == "2021"


# --- encodings and places -------------------------------------------------------------


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + BASE.replace("\n", "\r\n").encode("utf-8"))
    plan = load_plan(path)
    assert (plan.year, plan.org, plan.title) == (2021, "某科协", "测试计划")


def test_bom_and_crlf_keep_lines_and_columns(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    source = "schema: 2\r\nyear: 1800\r\norg: 某科协\r\ntitle: 测试计划\r\n"
    path.write_bytes(b"\xef\xbb\xbf" + source.encode("utf-8"))
    with pytest.raises(PlanErrors) as raised:
        load_plan(path)
    assert [(e.code, e.line, e.col) for e in raised.value.errors] == [
        ("literal", 1, 9),
        ("at_least", 2, 7),
    ]


def test_columns_count_characters_not_bytes() -> None:
    # "  - {name: 海智沙龙, id: " is 21 characters (29 bytes in UTF-8).
    source = BASE + "units:\n  - {name: 海智沙龙, id: Bad_Id}\n"
    assert errors_of(source) == [("slug", 6, 22)]


def test_not_utf8_column_counts_the_utf8_characters_before_it(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    line = b"title: " + "测试".encode() + "计划".encode("gb18030")
    path.write_bytes(b"schema: 1\nyear: 2021\norg: x\n" + line + b"\n")
    with pytest.raises(PlanErrors) as raised:
        load_plan(path)
    assert raised.value.errors == [PlanError("not_utf8", {"encoding": "GB18030"}, str(path), 4, 10)]


def test_every_error_is_collected_and_sorted_by_place() -> None:
    source = (
        "schema: 1\nyear: 1800\norg: ''\ntitle: 测试计划\n"
        "targets:\n  - {id: Bad, name: 沙龙, unit: 场, goal: 3~5}\n"
    )
    assert errors_of(source) == [
        ("at_least", 2, 7),
        ("empty_text", 3, 6),
        ("slug", 6, 10),
        ("goal_format", 6, 40),
    ]


# --- files that cannot be read ----------------------------------------------------------


def test_missing_file_is_exit_2(here: Path) -> None:
    result = validate("nothere.yaml")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "nothere.yaml: error: file not found\n1 error in 1 file; 0 files ok\n"


def test_a_folder_is_exit_2(here: Path) -> None:
    (here / "plans").mkdir()
    result = validate("plans")
    assert result.exit_code == 2
    assert result.stderr == "plans: error: not a regular file\n1 error in 1 file; 0 files ok\n"


def test_a_path_through_a_file_cannot_be_read(here: Path) -> None:
    (here / "plan.yaml").write_text(BASE, encoding="utf-8")
    with pytest.raises(PlanErrors) as raised:
        load_plan(Path("plan.yaml") / "x.yaml")
    assert raised.value.errors == [
        PlanError("file_unreadable", {"reason": "Not a directory"}, "plan.yaml/x.yaml")
    ]


def test_a_file_over_1_mib_is_refused_before_reading(here: Path) -> None:
    (here / "big.yaml").write_bytes(BASE.encode() + b"#" * MAX_PLAN_BYTES)
    size = len(BASE.encode()) + MAX_PLAN_BYTES
    result = validate("big.yaml")
    assert result.exit_code == 1
    assert result.stderr == (
        f"big.yaml: error: file is {size} bytes; a plan may be at most 1048576 bytes\n"
        "1 error in 1 file; 0 files ok\n"
    )


# --- validate: formats, languages, several files --------------------------------------

BAD = "schema: 1\nyear: 1800\norg: 某科协\ntitle: 测试计划\n"


def test_format_json(here: Path) -> None:
    (here / "bad.yaml").write_text(BAD + '"rate%": 1\n', encoding="utf-8")
    (here / "good.yaml").write_text(BASE, encoding="utf-8")
    result = validate("good.yaml", "bad.yaml", "--format", "json")
    assert result.exit_code == 1
    assert result.stderr == ""
    assert json.loads(result.stdout) == [
        {
            "path": "bad.yaml",
            "line": 2,
            "col": 7,
            "message": "1800 is too small: at least 1900",
            "severity": "error",
        },
        {
            "path": "bad.yaml",
            "line": 5,
            "col": 1,
            "message": "unknown key 'rate%'",
            "severity": "error",
        },
    ]


def test_format_json_of_valid_files_is_an_empty_list(here: Path) -> None:
    (here / "good.yaml").write_text(BASE, encoding="utf-8")
    result = validate("good.yaml", "--format", "json")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "[]\n", "")


def test_format_github_escapes_and_fences(here: Path) -> None:
    name = "a,b:c%\n.yaml"  # every character an annotation property must escape
    (here / name).write_text(BAD + '"rate%": 1\n"::error::forged": 2\n', encoding="utf-8")
    result = validate(name, "--format", "github")
    assert result.exit_code == 1
    assert result.stderr == "3 errors in 1 file; 0 files ok\n"
    lines = result.stdout.splitlines()
    fence = re.fullmatch(r"::stop-commands::([0-9a-f]{32})", lines[3])
    assert fence is not None
    assert lines == [
        "::error file=a%2Cb%3Ac%25%0A.yaml,line=2,col=7::1800 is too small: at least 1900",
        "::error file=a%2Cb%3Ac%25%0A.yaml,line=5,col=1::unknown key 'rate%25'",
        "::error file=a%2Cb%3Ac%25%0A.yaml,line=6,col=1::unknown key '::error::forged'",
        f"::stop-commands::{fence[1]}",
        "a,b:c%\\n.yaml:2:7: error: 1800 is too small: at least 1900",
        "a,b:c%\\n.yaml:5:1: error: unknown key 'rate%'",
        "a,b:c%\\n.yaml:6:1: error: unknown key '::error::forged'",
        f"::{fence[1]}::",
    ]


def test_format_github_fence_differs_per_run(here: Path) -> None:
    (here / "bad.yaml").write_text(BAD, encoding="utf-8")
    fences = {validate("bad.yaml", "--format", "github").stdout.splitlines()[1] for _ in "ab"}
    assert len(fences) == 2


def test_lang_zh(here: Path) -> None:
    (here / "bad.yaml").write_text(BAD + "titel: x\n", encoding="utf-8")
    result = validate("bad.yaml", "--lang", "zh")
    assert result.exit_code == 1
    assert result.stderr == (
        "bad.yaml:2:7: error: 1800 太小：至少为 1900\n"
        "bad.yaml:5:1: error: 未知的键 'titel'；是否应为 'title'？\n"
        "1 个文件中有 2 处错误；0 个文件通过\n"
    )


def test_one_bad_file_and_one_good(here: Path) -> None:
    (here / "bad.yaml").write_text(BAD, encoding="utf-8")
    (here / "good.yaml").write_text(BASE, encoding="utf-8")
    result = validate("bad.yaml", "good.yaml")
    assert result.exit_code == 1
    assert result.stdout == "good.yaml: ok (0 sections, 0 measures, 0 targets, 0 activities)\n"
    assert result.stderr == (
        "bad.yaml:2:7: error: 1800 is too small: at least 1900\n1 error in 1 file; 1 file ok\n"
    )


def test_a_missing_file_beside_an_invalid_one_is_exit_1(here: Path) -> None:
    (here / "bad.yaml").write_text(BAD, encoding="utf-8")
    result = validate("nothere.yaml", "bad.yaml")
    assert result.exit_code == 1
    assert result.stderr == (
        "nothere.yaml: error: file not found\n"
        "bad.yaml:2:7: error: 1800 is too small: at least 1900\n"
        "2 errors in 2 files; 0 files ok\n"
    )


# --- hostile input -----------------------------------------------------------------------


def test_billion_laughs_is_refused(here: Path) -> None:
    rows = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level, name in enumerate("bcdefghi"):
        previous = "abcdefghi"[level]
        rows.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    (here / "bomb.yaml").write_text(BASE + "\n".join(rows) + "\n", encoding="utf-8")
    result = validate("bomb.yaml")
    assert result.exit_code == 1
    anchor = "YAML anchors (&name) are not allowed in a plan; write the value out"
    alias = "YAML aliases (*name) are not allowed in a plan; write the value out"
    # Each refusal is named at its first three places only.
    assert result.stderr == (
        f"bomb.yaml:5:4: error: {anchor}\n"
        f"bomb.yaml:6:4: error: {anchor}\n"
        f"bomb.yaml:6:8: error: {alias}\n"
        f"bomb.yaml:6:11: error: {alias}\n"
        f"bomb.yaml:6:14: error: {alias}\n"
        f"bomb.yaml:7:4: error: {anchor}\n"
        "6 errors in 1 file; 0 files ok\n"
    )


@pytest.mark.parametrize(
    ("nesting", "place"),
    [
        ("guidance: " + "[" * 10_000 + "]" * 10_000, (5, 42)),
        ("guidance: " + "{a: " * 10_000 + "}" * 10_000, (5, 135)),
        ("guidance:\n" + "- " * 10_000 + "x", (6, 63)),
    ],
    ids=["flow-sequences", "flow-mappings", "block-sequences"],
)
def test_ten_thousand_levels_are_refused_at_the_33rd(nesting: str, place: tuple) -> None:
    # The root mapping and 31 collections inside it make 32 levels; the next is refused.
    assert errors_of(BASE + nesting + "\n") == [("too_deep", *place)]


# --- the loader raises nothing but PlanErrors ------------------------------------------

YAMLISH = [*"abz019:-[]{},&*!|>'\"#%@`?<=~. \n\t\r_", "科", "协", "\ufeff", "\x00", "\x1b"]
SCALARS = [
    "", "~", "no", "true", "0", "-1", "3", "3-5", "5-3", "20+", "3~5", "1.5", "2021-05-30",
    "2022-01-01", "2021-02-30", "[1]", "{a: 1}", "场", "'x'", "milestone", "count", "a" * 70,
    "Bad_Id", "t", "u", "m", "&a x", "*a", "!!str x",
]  # fmt: skip
TARGET_KEYS = ["id", "name", "text", "kind", "unit", "goal", "measure", "owner", "due", "nmae"]


def assert_only_plan_errors(load) -> None:
    """Call `load`; it must return a Plan or raise PlanErrors whose messages all render."""
    try:
        assert isinstance(load(), Plan)
    except PlanErrors as raised:
        assert raised.errors
        for error in raised.errors:
            for lang in ("en", "zh"):
                assert error_line(error, lang)
                text(error.code, lang, **error.params)


@pytest.mark.slow  # a property suite of many examples: the full run has it
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=300))
def test_any_bytes_load_or_raise_plan_errors(
    data: bytes, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = tmp_path_factory.getbasetemp() / "fuzz.yaml"
    path.write_bytes(data)
    assert_only_plan_errors(lambda: load_plan(path))


@pytest.mark.slow  # a property suite of many examples: the full run has it
@settings(max_examples=200, deadline=None)
@given(source=st.text(alphabet=st.sampled_from(YAMLISH), max_size=200))
def test_any_yamlish_text_loads_or_raises_plan_errors(source: str) -> None:
    assert_only_plan_errors(lambda: load_plan_text(source))
    assert_only_plan_errors(lambda: load_plan_text(BASE + source))


@pytest.mark.slow  # a property suite of many examples: the full run has it
@settings(max_examples=200, deadline=None)
@given(
    targets=st.lists(
        st.dictionaries(st.sampled_from(TARGET_KEYS), st.sampled_from(SCALARS), max_size=6),
        max_size=3,
    )
)
def test_any_targets_load_or_raise_plan_errors(targets: list[dict[str, str]]) -> None:
    rows = ["targets:"] + [
        "  - {" + ", ".join(f"{key}: {value}" for key, value in target.items()) + "}"
        for target in targets
    ]
    source = BASE + "units:\n  - {id: u, name: 单位}\n" + "\n".join(rows) + "\n"
    assert_only_plan_errors(lambda: load_plan_text(source))
